"""The API as one FastAPI app, mounted at `/api` by `serve.py`."""

from __future__ import annotations

import inspect
import logging
import time

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from starlette.datastructures import URL, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dental_analytics.api.cache import DEFAULT_CACHE_MB, ResponseCache
from dental_analytics.api.catalog import Catalog, load_catalog
from dental_analytics.api.context import ApiContext
from dental_analytics.api.errors import install_handlers
from dental_analytics.api.ratelimit import RateLimiter
from dental_analytics.api.routers import (
    ar,
    dashboard,
    meta,
    patients,
    providers,
    revenue,
    session,
    worklists,
)
from dental_analytics.api.store import AUDIT_RETENTION_DAYS, AppStore
from dental_analytics.api.warehouse import Warehouse
from dental_analytics.dbt import project_dir
from dental_analytics.warehouse.url import Target

log = logging.getLogger("dental_analytics.api.access")

DESCRIPTION = """\
The numbers a dental practice runs on, from its OpenDental warehouse: production, collections,
A/R, patients, providers. Every number is a metric of the catalog (`/api/metrics`), defined once
in the dbt project's semantic layer. Sign in with a key (`Authorization: Bearer prefix.secret`,
from `dental keys create`) or a session (`POST /api/session`). Every report answers for a period
(`start`, `end`; default month-to-date of the as-of date), optionally for some clinics or
providers, as JSON or, one table at a time, as CSV.
"""

_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
# Swagger UI's page starts itself with an inline script; everything else is JSON or CSV.
_CSP_DOCS = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
_CSP_DATA = "default-src 'none'; frame-ancestors 'none'"


def create_api(
    target: Target,
    *,
    rate_limit_per_minute: int = 600,
    cors_origins: tuple[str, ...] = (),
    audit_retention_days: int | None = None,
    cache_mb: int = DEFAULT_CACHE_MB,
) -> FastAPI:
    """The API over `target`'s marts, with its app store beside it (whose audit rows older than
    `audit_retention_days`, default six years, are deleted as the server starts) and up to
    `cache_mb` of report answers in memory (0: none)."""
    context = ApiContext(
        warehouse=Warehouse(target),
        store=AppStore(target),
        catalog=load_catalog(project_dir()),
        limiter=RateLimiter(rate_limit_per_minute),
        cache=ResponseCache(cache_mb * 2**20),
    )
    api = FastAPIOffline(
        title="Dental analytics API",
        version="1",
        description=DESCRIPTION,
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
        static_url="/docs-assets",
    )
    context.store.purge_audit(audit_retention_days or AUDIT_RETENTION_DAYS)
    api.state.context = context
    install_handlers(api)
    _describe_metrics(context.catalog)
    for router in (meta.router, session.router):
        api.include_router(router)
    for router in (dashboard.router, revenue.router, providers.router, ar.router):
        api.include_router(router, prefix="/reports")
    api.include_router(patients.router)
    api.include_router(worklists.router, prefix="/worklists")
    if cors_origins:
        api.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET"],
            allow_headers=["Authorization"],
        )

    api.add_middleware(HeadersAndLog)
    return api


class HeadersAndLog:
    """Security headers and `Cache-Control: no-store` (unless the route chose caching) on every
    response, and one log line per request: method, path (never the query string: it names
    clinics and dates today and may name patients later), status and time. Plain ASGI, so it
    costs microseconds per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path = URL(scope=scope).path
        docs_page = path.endswith(("/docs", "/docs-assets/swagger-ui-bundle.js"))
        status = [500]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                headers = MutableHeaders(scope=message)
                headers.update(_SECURITY_HEADERS)
                headers["Content-Security-Policy"] = _CSP_DOCS if docs_page else _CSP_DATA
                if "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            log.info("%s %s %d %.1f ms", scope["method"], path, status[0], elapsed)


def _describe_metrics(catalog: Catalog) -> None:
    """Each report route's OpenAPI description ends with the definitions of the metrics it
    returns, from the same YAML the numbers are computed from (an unknown name fails here, at
    start-up, not at the first request). Rewritten whole each time: the routes are the routers'
    own, shared by every app made in the process."""
    for module in (dashboard, revenue, providers, patients, ar):
        lines = [
            f"- `{m.name}` ({m.unit}): **{m.label}**. {m.description}"
            for m in (catalog.metric(name) for name in module.METRICS)
        ]
        for route in module.router.routes:
            if isinstance(route, APIRoute):
                route.description = (
                    f"{inspect.cleandoc(route.endpoint.__doc__ or '')}\n\n"
                    "Metrics (`/api/metrics` lists the whole catalog):\n\n" + "\n".join(lines)
                )
