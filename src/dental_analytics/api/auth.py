"""Who may call: a key (`Authorization: Bearer prefix.secret`) or a signed-in session cookie.

Both appear in the OpenAPI schema. A data route depends on `reports_caller` (or, for patient
contacts, a `phi` caller); each call is counted against the caller's rate limit. State-changing
requests made with a session cookie must come from the server's own origin.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from dental_analytics.api.context import ApiContext, context
from dental_analytics.api.errors import ApiError
from dental_analytics.api.store import Principal

SESSION_COOKIE = "dental_session"

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="key",
    description="An API key from `dental keys create`: `Authorization: Bearer prefix.secret`.",
)
session_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="session",
    description="The session cookie `POST /api/session` sets (HttpOnly, SameSite=Strict).",
)


def caller(
    request: Request,
    ctx: Annotated[ApiContext, Depends(context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    cookie: Annotated[str | None, Depends(session_cookie)],
) -> Principal:
    """The authenticated caller, or 401; 429 past the caller's rate limit."""
    principal = None
    if credentials is not None:
        principal = ctx.store.check_key(credentials.credentials)
        if principal is not None:
            ctx.note_key_use(principal.ident)
    elif cookie:
        principal = ctx.store.check_session(cookie)
        if principal is not None and request.method not in ("GET", "HEAD", "OPTIONS"):
            require_same_origin(request)
    if principal is None:
        raise ApiError(
            401,
            "a valid API key (Authorization: Bearer) or a signed-in session is required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    wait = ctx.limiter.retry_after(f"{principal.kind}:{principal.ident}")
    if wait:
        raise ApiError(
            429, "too many requests: slow down", headers={"Retry-After": str(int(wait) + 1)}
        )
    return principal


async def reports_caller(principal: Annotated[Principal, Depends(caller)]) -> Principal:
    """Any authenticated caller: both scopes may read aggregates and ids."""
    return principal


async def phi_caller(principal: Annotated[Principal, Depends(caller)]) -> Principal:
    if principal.scope != "phi":
        raise ApiError(403, "this route returns patient contacts: it needs the phi scope")
    return principal


def require_same_origin(request: Request) -> None:
    """403 unless the request's Origin (or Referer) is this server's own."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    host = request.headers.get("host", "")
    allowed = {f"http://{host}", f"https://{host}"}
    if origin is None or (
        origin.rstrip("/") not in allowed and not any(origin.startswith(a + "/") for a in allowed)
    ):
        raise ApiError(403, "cross-origin request refused: send it from this server's own pages")
