"""The DuckDB store: one file, one writer process (see docs/store.md).

Every write is ``INSERT OR IGNORE`` on content-hash keys inside one transaction per
batch of whole articles, so a run killed at any point leaves only complete articles
behind and running it again adds exactly what is missing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from sayso.store import summaries
from sayso.store.rows import TABLES, now

SCHEMA_VERSION = "1"
DEFAULT_PATH = "sayso.duckdb"


def schema_sql() -> str:
    return resources.files("sayso.store").joinpath("schema.sql").read_text(encoding="utf-8")


class Store:
    """A DuckDB file holding articles, sightings, attributions, actors, events and failures."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> None:
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(schema_sql())
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                             [SCHEMA_VERSION])
        self._columns: dict[str, list[str]] = {}

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            rows = self.con.execute(f"DESCRIBE {table}").fetchall()
            self._columns[table] = [r[0] for r in rows]
        return self._columns[table]

    # -- writing -------------------------------------------------------------------------

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        names = [c for c in self.columns(table) if c in rows[0]]
        incoming = pa.Table.from_pylist([{c: r.get(c) for c in names} for r in rows])
        self.con.register("incoming", incoming)
        try:
            cols = ", ".join(names)
            self.con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM incoming")
        finally:
            self.con.unregister("incoming")

    def write(self, batches: Iterable[Mapping[str, list[dict[str, Any]]]]) -> None:
        """Write the rows of several whole articles in one transaction (all or nothing)."""
        merged: dict[str, list[dict[str, Any]]] = {}
        for rows in batches:
            for table, table_rows in rows.items():
                merged.setdefault(table, []).extend(table_rows)
        self.con.begin()
        try:
            for table in (*TABLES, "minhash_bands"):
                self._insert(table, merged.get(table, []))
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def load_parquet(self, folder: str | Path) -> dict[str, int]:
        """Load the Parquet parts batch workers wrote (``folder/<table>/*.parquet``)."""
        added: dict[str, int] = {}
        self.con.begin()
        try:
            for table in (*TABLES, "minhash_bands"):
                parts = sorted(Path(folder, table).glob("*.parquet"))
                if not parts:
                    continue
                before = self.count(table)
                names = [str(p) for p in parts]
                incoming = self.con.read_parquet(names, union_by_name=True)
                present = set(incoming.columns)
                cols = ", ".join(c for c in self.columns(table) if c in present)
                self.con.execute(
                    f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM incoming")
                added[table] = self.count(table) - before
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return added

    # -- runs ----------------------------------------------------------------------------

    def start_run(self, command: str, engine: str = "local") -> str:
        # A run still marked running was killed: only one writer can hold the file.
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        run_id = now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:8]
        self.con.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, ?, 'running', NULL)",
                         [run_id, now(), command, engine])
        return run_id

    def finish_run(self, run_id: str, stats: dict[str, Any], status: str = "finished") -> None:
        self.con.execute("UPDATE runs SET finished_at = ?, status = ?, stats = ? WHERE run_id = ?",
                         [now(), status, json.dumps(stats), run_id])
        summaries.prepare(self.con)  # so the API starts without summarising the run again

    # -- reading -------------------------------------------------------------------------

    def count(self, table: str, where: str = "") -> int:
        row = self.con.execute(f"SELECT count(*) FROM {table} {where}").fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in TABLES}

    def has_article(self, article_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id])
        return row.fetchone() is not None

    def band_matches(self, bands: list[str]) -> list[str]:
        """Canonical articles sharing at least one MinHash band, most shared first."""
        if not bands:
            return []
        rows = self.con.execute(
            "SELECT article_id FROM minhash_bands WHERE band IN (SELECT unnest(?)) "
            "GROUP BY article_id ORDER BY count(*) DESC, article_id LIMIT 20", [bands]).fetchall()
        return [r[0] for r in rows]

    def article_text(self, article_id: str) -> str | None:
        row = self.con.execute("SELECT text FROM articles WHERE article_id = ?",
                               [article_id]).fetchone()
        return str(row[0]) if row else None
