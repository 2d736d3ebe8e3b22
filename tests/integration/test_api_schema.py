"""schemathesis against the API's OpenAPI schema, every route, on DuckDB and PostgreSQL: with a
key, with a signed-in session and with neither, no request gets a server error or a response
outside the schema (status, content type, body, headers)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tests.integration.docs_site_build import built_site

from dental_analytics.api.store import AppStore
from dental_analytics.serve import create_app
from dental_analytics.warehouse.url import parse_target

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@dataclass
class Served:
    schema: Any
    credentials: dict[str, dict[str, str]]  # mode -> headers


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    if request.param == "duckdb":
        built = built_site(tmp_path_factory.mktemp("docs_site"))
        folder = tmp_path_factory.mktemp("api_schema")
        shutil.copyfile(built.warehouse, folder / "warehouse.duckdb")
        target = parse_target(f"duckdb:///{folder / 'warehouse.duckdb'}")
    else:
        url, _ = request.getfixturevalue("built_postgres")
        target = parse_target(url)
    store = AppStore(target)
    _, key = store.create_key(f"schemathesis-{request.param}")
    store.create_user(f"schemathesis-{request.param}", "a long password")
    token = store.sign_in(f"schemathesis-{request.param}", "a long password")
    store.close()
    assert token is not None
    app = create_app(target, tmp_path_factory.mktemp("no_site"), rate_limit_per_minute=0)
    yield Served(
        schema=schemathesis.openapi.from_asgi("/api/openapi.json", app),
        credentials={
            "key": {"Authorization": f"Bearer {key}"},
            "session": {"Cookie": f"dental_session={token}"},
            "none": {},
        },
    )
    app.state.api_context.close()


def test_every_route_keeps_its_schema(served: Served) -> None:
    """Up to 15 generated requests per operation, each sent three times: with a key, a session
    cookie, and neither."""
    operations = [result.ok() for result in served.schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_schema(case: Any) -> None:
            for headers in served.credentials.values():
                case.call_and_validate(headers=headers, checks=CHECKS)

        keeps_schema()
