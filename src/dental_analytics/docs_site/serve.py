"""Serves a built site folder over HTTP (later the API and dashboard join it on the same server)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from dental_analytics.errors import DentalError


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, without a log line per request on stderr (the library never prints)."""

    extensions_map = {  # noqa: RUF012 - the stdlib's own class attribute, extended
        **SimpleHTTPRequestHandler.extensions_map,
        ".svg": "image/svg+xml",
        ".pdf": "application/pdf",
    }

    def log_message(self, format: str, *args: Any) -> None:
        return


def site_server(site: Path, port: int = 8080, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """An HTTP server for the static site in `site`, bound and ready for `serve_forever()`.

    Port 0 picks a free port (`server.server_address[1]` says which).
    """
    if not (site / "index.html").is_file():
        raise DentalError(f"{site} has no index.html: run `dental docs` first")
    handler = functools.partial(_QuietHandler, directory=str(site))
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise DentalError(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    # Stopping (Ctrl-C) does not wait for requests still in flight: a browser's open connection
    # must not keep the command from exiting.
    server.block_on_close = False
    return server
