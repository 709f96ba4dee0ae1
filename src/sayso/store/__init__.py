"""The embedded DuckDB store (schema in schema.sql, documented in docs/store.md)."""

from sayso.store.db import DEFAULT_PATH, SCHEMA_VERSION, Store
from sayso.store.rows import TABLES, article_id_of, result_rows

__all__ = ["DEFAULT_PATH", "SCHEMA_VERSION", "TABLES", "Store", "article_id_of",
           "result_rows"]
