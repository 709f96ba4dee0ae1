"""The server's database: the store's one ``Database`` (``sayso.store.db``), opened with the
preparation the server needs each time it opens the file (search index, summaries)."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from sayso.api import search
from sayso.store import summaries
from sayso.store.db import Database, Row

__all__ = ["Database", "Row", "open_database"]
log = logging.getLogger(__name__)


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    indexed = search.index_missing(con)
    if indexed:
        log.info("indexed %d articles for search", indexed)
    summarised = summaries.prepare(con)
    if summarised:
        log.info("summarised %d articles", summarised)


def open_database(path: str | Path) -> Database:
    return Database(path, on_open=prepare)
