"""Schemathesis against /openapi.json over the ASGI app: no 5xx, responses match the schema."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from sayso.server import ServerConfig, create_app
from web_support import build_store

schemathesis = pytest.importorskip("schemathesis")

TOKEN = "schema-token"


# Built at import: schemathesis parametrizes tests from the schema at collection time.
_DIR = tempfile.TemporaryDirectory(prefix="sayso-schema-")
_PATH = Path(_DIR.name) / "store.duckdb"
build_store(_PATH)
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(ServerConfig(db_path=_PATH, token=TOKEN)))


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms(case: Any) -> None:
    if case.path == "/api/extract":
        # Real analysis of generated text; /api/ingest stays unauthorised (no stored junk).
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
    response = case.call()
    # Bodies over the server's byte cap get 413 before validation; schemathesis does not
    # count 413 as a rejection, so that one check is skipped for those responses only.
    excluded = [schemathesis.checks.negative_data_rejection] if response.status_code == 413 else []
    case.validate_response(response, excluded_checks=excluded)
