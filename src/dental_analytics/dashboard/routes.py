"""The dashboard's routes in `dental serve`'s app: one HTML shell per page, the sign-in page, and
the scripts, styles and plotly.js they load from this server alone.

The shells hold no data and no secret: each page's script reads the signed-in user's numbers
from the API with the session cookie (HttpOnly: scripts never see it).
"""

from __future__ import annotations

import functools
import gzip
import html
from importlib.resources import files
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from dental_analytics.dashboard.pages import PAGES, Page

STATIC = Path(str(files(__package__).joinpath("static")))
# plotly.js's basic bundle (bar, pie, scatter: what the pages draw), vendored with its licence by
# scripts/vendor_plotly.py: no CDN, no npm, nothing fetched when installing or serving.
PLOTLY_FILE = STATIC / "vendor" / "plotly-basic.min.js"
PLOTLY_PATH = "/static/vendor/plotly-basic.min.js"
# A page with charts fetches plotly.js from its <head>, while its own scripts load, and compiles
# it when the page's script inserts it (the preloaded response is reused).
_PRELOAD_PLOTLY = f'<link rel="preload" href="{PLOTLY_PATH}" as="script">\n'


@functools.cache
def _plotly_gzip() -> bytes:
    """The bundle gzipped, once per process (1.1 MB -> 0.4 MB; about 0.1 s)."""
    return gzip.compress(PLOTLY_FILE.read_bytes(), compresslevel=6, mtime=0)


def _template(name: str) -> str:
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def page_html(page: Page) -> str:
    current = ' aria-current="page"'
    nav = "\n".join(
        f'<li><a href="{p.path}"{current if p is page else ""}>{html.escape(p.title)}</a></li>'
        for p in PAGES
    )
    return (
        _template("page.html")
        .replace("{{title}}", html.escape(page.title))
        .replace("{{slug}}", page.slug)
        .replace("{{nav}}", nav)
        .replace("{{preload}}", _PRELOAD_PLOTLY if page.charts else "")
    )


def routes(headers: dict[str, str]) -> list[BaseRoute]:
    """The pages (with `headers`: CSP and the rest), the sign-in page and the assets."""
    shells = {p.path: page_html(p) for p in PAGES}
    signin = _template("signin.html")

    async def show_page(request: Request) -> Response:
        return HTMLResponse(shells[request.url.path], headers=headers)

    async def show_signin(request: Request) -> Response:
        return HTMLResponse(signin, headers=headers)

    async def plotly(request: Request) -> Response:
        cache = {
            "Cache-Control": "public, max-age=86400",
            "X-Content-Type-Options": "nosniff",
            "Vary": "Accept-Encoding",
        }
        if "gzip" in request.headers.get("accept-encoding", ""):
            body = await run_in_threadpool(_plotly_gzip)
            headers = {**cache, "Content-Encoding": "gzip"}
            return Response(body, media_type="text/javascript", headers=headers)
        return FileResponse(PLOTLY_FILE, media_type="text/javascript", headers=cache)

    async def icon(request: Request) -> Response:
        # Pages without a <link rel="icon"> (the docs site's) get the same icon, not a 404.
        return FileResponse(STATIC / "icon.svg", media_type="image/svg+xml")

    return [
        *(Route(p.path, show_page) for p in PAGES),
        Route("/signin", show_signin),
        Route("/favicon.ico", icon),
        Route(PLOTLY_PATH, plotly),
        Mount("/static", app=StaticFiles(directory=STATIC), name="dashboard-static"),
    ]
