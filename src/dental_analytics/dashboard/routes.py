"""The dashboard's routes in `dental serve`'s app: one HTML shell per page, the sign-in page, and
the scripts, styles and plotly.js they load from this server alone.

The shells hold no data and no secret: each page's script reads the signed-in user's numbers
from the API with the session cookie (HttpOnly: scripts never see it).
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from dental_analytics.dashboard.pages import PAGES, Page

STATIC = Path(str(files(__package__).joinpath("static")))


def plotly_js() -> Path:
    """plotly.js as the installed `plotly` wheel bundles it (no CDN, no npm)."""
    return Path(str(files("plotly").joinpath("package_data", "plotly.min.js")))


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
        return FileResponse(
            plotly_js(),
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
        )

    return [
        *(Route(p.path, show_page) for p in PAGES),
        Route("/signin", show_signin),
        Route("/static/vendor/plotly.min.js", plotly),
        Mount("/static", app=StaticFiles(directory=STATIC), name="dashboard-static"),
    ]
