"""Writing into the store from the server's writer thread (``Database.write``).

Rows are built by the store's own ``result_rows`` and inserted by its ``insert_rows`` (one
mapping from records to columns, one way in for the whole project), ``INSERT OR IGNORE`` on
content-hash keys, so storing the same text twice adds nothing. Each write also indexes new
articles for search and refreshes the summaries, in the same transaction: readers never see
rows without their counts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import duckdb

from sayso.api import search
from sayso.model import Article, DocumentResult, Failure
from sayso.store import summaries
from sayso.store.db import insert_rows
from sayso.store.rows import failure_row, result_rows

Rows = Mapping[str, list[dict[str, Any]]]


def store_rows(con: duckdb.DuckDBPyConnection, rows: Rows) -> Rows:
    insert_rows(con, [rows])
    search.index_missing(con)
    summaries.refresh(con)
    return rows


def store_result(con: duckdb.DuckDBPyConnection, article: Article, result: DocumentResult,
                 run_id: str, bands: list[str] | None = None) -> Rows:
    return store_rows(con, result_rows(article, result, run_id, bands or []))


def store_failure(con: duckdb.DuckDBPyConnection, failure: Failure, run_id: str) -> None:
    insert_rows(con, [{"failures": [failure_row(failure, run_id)]}])


def as_json(value: Any) -> Any:
    """JSON columns come back from DuckDB as strings; decode them for responses."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
