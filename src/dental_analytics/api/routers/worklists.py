"""`/api/worklists/...`: the lists office staff work, with names and phone numbers for callers
with the phi scope; every request is audited before it is answered, and nothing is cached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from dental_analytics.api.auth import reports_caller
from dental_analytics.api.context import ApiContext, Db, context
from dental_analytics.api.errors import ApiError, error_responses
from dental_analytics.api.queries import Scope
from dental_analytics.api.reports import (
    CSV_RESPONSE,
    ClinicParam,
    Column,
    ProviderParam,
    check_clinics_and_providers,
    rows_as_csv,
)
from dental_analytics.api.store import Principal
from dental_analytics.api.worklists import WORKLISTS, Worklist, fetch_page

router = APIRouter(tags=["work lists"])

MAX_PAGE_SIZE = 500


class WorklistPage(BaseModel):
    worklist: str
    as_of: dt.date = Field(description="The date the warehouse's data describes.")
    build_id: str = Field(description="The dbt build the list comes from.")
    total: int = Field(description="Rows on the whole list (every page).")
    page: int
    page_size: int
    clinic_id: list[int]
    provider_id: list[int]
    contacts: bool = Field(
        description="Whether names and phone numbers are included (phi scope only)."
    )
    columns: list[Column]
    rows: list[dict[str, int | float | str | bool | None]]


def _route(worklist: Worklist) -> Callable[..., WorklistPage | Response]:
    def handler(
        request: Request,
        ctx: Annotated[ApiContext, Depends(context)],
        principal: Annotated[Principal, Depends(reports_caller)],
        db: Db,
        clinic_id: ClinicParam = [],  # noqa: B006 - FastAPI reads the default, never mutates it
        provider_id: ProviderParam = [],  # noqa: B006
        page: Annotated[int, Query(ge=1, le=1_000_000, description="1 is the first page.")] = 1,
        page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Rows a page.")] = 50,
        format: Annotated[Literal["json", "csv"], Query(description="json or csv.")] = "json",
    ) -> WorklistPage | Response:
        if provider_id and worklist.provider_column is None:
            raise ApiError(
                422, f"parameter 'provider_id': the {worklist.name} list is not kept by provider",
                "provider_id",
            )  # fmt: skip
        clinics, providers = check_clinics_and_providers(db, principal, clinic_id, provider_id)
        build = db.build_info()
        with_contacts = principal.scope == "phi"
        result = fetch_page(
            db, worklist, Scope(principal.clinics), as_of=build.as_of,
            with_contacts=with_contacts, clinic_ids=clinics, provider_ids=providers,
            page=page, page_size=page_size,
        )  # fmt: skip
        # The audit row is written before the answer leaves: no answer without its record.
        ctx.store.audit(
            principal,
            request.url.path,
            {"clinic_id": list(clinics), "provider_id": list(providers), "page": page,
             "page_size": page_size, "format": format, "contacts": with_contacts},
            len(result.rows),
        )  # fmt: skip
        columns = [
            Column(name=c.name, label=c.name.replace("_", " ").capitalize(), unit=c.unit,
                   description=c.description)
            for c in result.columns
        ]  # fmt: skip
        if format == "csv":
            return rows_as_csv(
                [c.name for c in columns], result.rows, f"{worklist.name}-{build.as_of}-p{page}.csv"
            ).response()
        return WorklistPage(
            worklist=worklist.name, as_of=build.as_of, build_id=build.build_id,
            total=result.total, page=page, page_size=page_size, clinic_id=list(clinics),
            provider_id=list(providers), contacts=with_contacts, columns=columns, rows=result.rows,
        )  # fmt: skip

    handler.__doc__ = (
        f"{worklist.description}\n\nNames and phone numbers (`patient_name`, `preferred_phone`, "
        "`mobile_phone`) only for callers with the phi scope; others get ids. Every request is "
        "audited (`dental audit`); pages are in a stable order, `total` counts the whole list."
    )
    return handler


for _worklist in WORKLISTS.values():
    router.add_api_route(
        f"/{_worklist.name}",
        _route(_worklist),
        methods=["GET"],
        response_model=WorklistPage,
        summary=_worklist.summary,
        name=f"worklist_{_worklist.name.replace('-', '_')}",
        responses={**CSV_RESPONSE, **error_responses(401, 403, 404, 422, 429, 503)},
    )
