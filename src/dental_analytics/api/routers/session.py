"""Sessions: sign in with a user's name and password, get an HttpOnly cookie; sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from dental_analytics.api.auth import SESSION_COOKIE, caller, require_same_origin
from dental_analytics.api.context import ApiContext, context
from dental_analytics.api.errors import ApiError, error_responses
from dental_analytics.api.store import SESSION_LIFETIME, Principal

router = APIRouter(tags=["session"])


class SignIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


class SignInLink(BaseModel):
    link: str = Field(min_length=1, max_length=200, description="The token of a one-time link.")


class Caller(BaseModel):
    kind: str = Field(description="key or session.")
    name: str
    scope: str = Field(description="reports (aggregates and ids) or phi (adds patient contacts).")
    clinics: list[int] | None = Field(description="The clinics the caller may see; null: all.")


@router.post(
    "/session",
    status_code=204,
    summary="Sign in",
    responses=error_responses(401, 403, 422, 429),
)
def sign_in(
    body: SignIn, request: Request, ctx: Annotated[ApiContext, Depends(context)]
) -> Response:
    """Checks the password and sets the session cookie (HttpOnly, SameSite=Strict; Secure over
    HTTPS). The request must come from this server's own pages (Origin checked)."""
    require_same_origin(request)
    if ctx.limiter.retry_after(f"sign-in:{body.name}"):
        raise ApiError(429, "too many sign-in attempts: wait a minute")
    token = ctx.store.sign_in(body.name, body.password)
    if token is None:
        raise ApiError(401, "wrong name or password")
    return _session_response(request, token)


@router.post(
    "/session/link",
    status_code=204,
    summary="Sign in with a one-time link",
    responses=error_responses(401, 403, 422, 429),
)
def sign_in_with_link(
    body: SignInLink, request: Request, ctx: Annotated[ApiContext, Depends(context)]
) -> Response:
    """Redeems the token of a one-time sign-in link (`dental demo`, `dental users link`): it
    works once, within 15 minutes, and sets the same session cookie as a password would. The
    request must come from this server's own pages (Origin checked)."""
    require_same_origin(request)
    if ctx.limiter.retry_after(f"sign-in-link:{request.client.host if request.client else ''}"):
        raise ApiError(429, "too many sign-in attempts: wait a minute")
    token = ctx.store.redeem_signin_link(body.link)
    if token is None:
        raise ApiError(401, "this sign-in link is unknown, used or expired: ask for a new one")
    return _session_response(request, token)


def _session_response(request: Request, token: str) -> Response:
    response = Response(status_code=204)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.get(
    "/session",
    response_model=Caller,
    summary="Who is signed in",
    responses=error_responses(401, 429),
)
def whoami(principal: Annotated[Principal, Depends(caller)]) -> Caller:
    clinics = sorted(principal.clinics) if principal.clinics is not None else None
    return Caller(kind=principal.kind, name=principal.name, scope=principal.scope, clinics=clinics)


@router.delete(
    "/session", status_code=204, summary="Sign out", responses=error_responses(401, 403, 429)
)
def sign_out(
    request: Request,
    ctx: Annotated[ApiContext, Depends(context)],
    _principal: Annotated[Principal, Depends(caller)],
) -> Response:
    """Ends the session and clears its cookie (Origin checked, like every change of state)."""
    require_same_origin(request)
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        ctx.store.end_session(token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
