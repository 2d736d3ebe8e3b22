"""One ASGI app on one port: the dashboard at `/`, the API at `/api/`, the docs site at `/docs/`.

The documentation site stays a static folder (it also works from `file://` and Pages); it holds no
patient data and needs no sign-in. Nothing served loads anything from another host.
"""

from __future__ import annotations

import contextlib
import mimetypes
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dental_analytics.api.cache import DEFAULT_CACHE_MB
from dental_analytics.errors import DentalError
from dental_analytics.warehouse.url import Target

if TYPE_CHECKING:
    import uvicorn

# The docs site's lineage pictures and PDF, whatever the machine's MIME table knows.
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/pdf", ".pdf")

_PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # Scripts from this server only (no inline script); plotly.js sets inline styles and draws
    # its icons as data: images.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'",
}


def create_app(
    target: Target,
    site: Path,
    *,
    rate_limit_per_minute: int = 600,
    cors_origins: tuple[str, ...] = (),
    audit_retention_days: int | None = None,
    cache_mb: int = DEFAULT_CACHE_MB,
) -> Starlette:
    """The whole server for the warehouse `target` and the docs site built in `site`."""
    from dental_analytics.api.app import create_api
    from dental_analytics.dashboard.routes import routes as dashboard_routes

    api = create_api(
        target,
        rate_limit_per_minute=rate_limit_per_minute,
        cors_origins=cors_origins,
        audit_retention_days=audit_retention_days,
        cache_mb=cache_mb,
    )

    async def to_docs(request: Request) -> Response:
        return RedirectResponse("/docs/", status_code=308)

    async def no_site(request: Request) -> Response:
        return PlainTextResponse(
            "The documentation site has not been built: run `dental docs`.", status_code=404
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        api.state.context.close()

    docs: Route | Mount = (
        Mount("/docs", app=StaticFiles(directory=site, html=True), name="docs")
        if (site / "index.html").is_file()
        else Mount("/docs", app=Starlette(routes=[Route("/{path:path}", no_site)]))
    )
    app = Starlette(
        routes=[
            *dashboard_routes(_PAGE_HEADERS),
            Route("/docs", to_docs),
            docs,
            Mount("/api", app=api, name="api"),
        ],
        lifespan=lifespan,
    )
    app.state.api_context = api.state.context
    return app


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one), or a one-line `DentalError`."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Connections inherit it: a response's headers and body go out at once, not 40 ms apart
    # (Nagle's algorithm against the client's delayed ACK on kept-alive connections).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise DentalError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def run(app: Starlette, sock: socket.socket, on_started: Callable[[], None] | None = None) -> None:
    """Serve `app` on `sock` until SIGINT or SIGTERM (uvicorn's own handlers stop it cleanly)."""
    server = _server(app)
    if on_started is not None:
        on_started()
    server.run(sockets=[sock])


@contextlib.contextmanager
def running(app: Starlette, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """`app` served from a background thread for the `with` block (tests, benchmarks); yields
    its base URL."""
    sock = bind(host, port)
    server = _server(app)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started or not thread.is_alive():
                break
            time.sleep(0.01)
        if not server.started:
            raise DentalError(f"the server did not start on {host}:{sock.getsockname()[1]}")
        yield f"http://{host}:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def _server(app: Starlette) -> uvicorn.Server:
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,  # its lines carry query strings; the API logs paths only
        timeout_graceful_shutdown=2,
        proxy_headers=True,
        server_header=False,
    )
    return uvicorn.Server(config)
