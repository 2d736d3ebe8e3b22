"""Errors are data: one handler maps each failure to its status and a one-line message.

Nothing internal (SQL, paths, stack traces, patient data) reaches a response or a log line.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from dental_analytics.api.warehouse import WarehouseUnavailableError

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        parameter: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter
        self.headers = headers


class ErrorBody(BaseModel):
    """What every error response holds."""

    error: str = Field(description="What went wrong, in one line.")
    parameter: str | None = Field(
        default=None, description="The request parameter at fault, if one is."
    )


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer with."""
    meaning = {
        401: "No valid key or session.",
        403: "Outside the caller's scope (a clinic, or a route needing the phi scope).",
        404: "An unknown clinic or provider.",
        422: "A parameter that is not allowed: the message names it and what is.",
        429: "Past the caller's rate limit (see Retry-After).",
        503: "The warehouse is not built yet or cannot be reached.",
    }
    return {s: {"model": ErrorBody, "description": meaning[s]} for s in statuses}


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return _json(error.status, error.message, error.parameter, error.headers)

    @app.exception_handler(WarehouseUnavailableError)
    async def unavailable(request: Request, error: WarehouseUnavailableError) -> JSONResponse:
        return _json(503, str(error), None, {"Retry-After": "30"})

    @app.exception_handler(PermissionError)
    async def outside_scope(request: Request, error: PermissionError) -> JSONResponse:
        return _json(403, "outside this caller's clinics", "clinic_id")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        location = [
            str(p)
            for p in first.get("loc", ())
            if p not in ("query", "body", "path") and not isinstance(p, int)  # list positions
        ]
        parameter = ".".join(location) or None
        message = str(first.get("msg", "invalid request"))
        expected = (first.get("ctx") or {}).get("expected")
        if expected:
            message = f"{message.rstrip('.')}: allowed {expected}"
        where = f"parameter {parameter!r}: " if parameter else ""
        return _json(422, f"{where}{message}", parameter)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else "request refused"
        return _json(error.status_code, message, None, getattr(error, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        # The type only: the message of an arbitrary exception may hold values from the data.
        log.error("unexpected %s on %s %s", type(error).__name__, request.method, request.url.path)
        return _json(500, "the server could not answer this request", None)


def _json(
    status: int, message: str, parameter: str | None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": message, "parameter": parameter}
    return JSONResponse(body, status_code=status, headers=headers)
