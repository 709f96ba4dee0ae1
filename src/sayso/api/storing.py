"""Writing analysed articles into the store from the server's single writer connection.

Rows are built by the store's own ``result_rows`` (one mapping from records to
columns for the whole project); this module only inserts them, ``INSERT OR IGNORE``
on content-hash keys, so storing the same text twice adds nothing.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from sayso.api import search
from sayso.model import Article, DocumentResult, Failure
from sayso.store import summaries
from sayso.store.rows import TABLES, failure_row, result_rows

Rows = dict[str, list[dict[str, Any]]]


def insert_rows(con: duckdb.DuckDBPyConnection, rows: Rows) -> None:
    for table in TABLES:
        batch = rows.get(table) or []
        if not batch:
            continue
        names = list(batch[0])
        columns = ", ".join(names)
        marks = ", ".join("?" * len(names))
        con.executemany(f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({marks})",
                        [[r.get(n) for n in names] for r in batch])


def store_result(con: duckdb.DuckDBPyConnection, article: Article, result: DocumentResult,
                 run_id: str) -> Rows:
    rows = result_rows(article, result, run_id)
    insert_rows(con, rows)
    search.index_missing(con)
    summaries.refresh(con)  # same transaction: readers never see rows without their counts
    return rows


def store_failure(con: duckdb.DuckDBPyConnection, failure: Failure, run_id: str) -> None:
    insert_rows(con, {"failures": [failure_row(failure, run_id)]})


def as_json(value: Any) -> Any:
    """JSON columns come back from DuckDB as strings; decode them for responses."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
