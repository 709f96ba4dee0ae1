"""The DuckDB store: the one way into a store file, for the CLI, the server and the claim
tracker (see docs/store.md).

``connect`` opens a file and creates the schema (the store's and the claim tracker's).
``Database`` is the one class over it, in datasette's shape: a main connection, a read
cursor per thread, and one writer thread that runs every write as ``job(connection)`` inside a
transaction, so a write never collides with another and never blocks readers.  Rows go in one
way (``insert``: Arrow, ``INSERT OR IGNORE`` on content-hash keys), so a run killed at any
point leaves only complete articles behind and running it again adds exactly what is missing.
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from sayso.store import summaries
from sayso.store.rows import TABLES, now

SCHEMA_VERSION = "1"
DEFAULT_PATH = "sayso.duckdb"
WRITE_TABLES = (*TABLES, "minhash_bands")
T = TypeVar("T")
Row = dict[str, Any]
Rows = Mapping[str, list[dict[str, Any]]]


def _sql(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def schema_sql() -> str:
    return _sql("sayso.store", "schema.sql")


def claims_schema_sql() -> str:
    # The claim tracker's tables live beside the store's (claims/schema.sql); read here as
    # a file so that opening a store never imports the tracker.
    return _sql("sayso.claims", "schema.sql")


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a store file; when writable, every table (the store's and the claims') is created
    if missing. Read-only, a missing file is FileNotFoundError rather than an empty store."""
    if read_only and not Path(path).exists():
        raise FileNotFoundError(str(path))
    con = duckdb.connect(str(path), read_only=read_only)
    if not read_only:
        con.execute(schema_sql())
        con.execute(claims_schema_sql())
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    return con


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]] | pa.Table,
           verb: str = "INSERT OR IGNORE") -> None:
    """The one way rows go in: as an Arrow table, the columns the rows have (others default)."""
    incoming = rows if isinstance(rows, pa.Table) else _arrow(con, table, rows)
    if incoming is None or incoming.num_rows == 0:
        return
    name = f"incoming_{table}"
    con.register(name, incoming)
    try:
        cols = ", ".join(incoming.column_names)
        con.execute(f"{verb} INTO {table} ({cols}) SELECT {cols} FROM {name}")
    finally:
        con.unregister(name)


def _arrow(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]
           ) -> pa.Table | None:
    if not rows:
        return None
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    names = [c for c in columns if c in rows[0]]
    return pa.Table.from_pylist([{c: r.get(c) for c in names} for r in rows])


def insert_rows(con: duckdb.DuckDBPyConnection, batches: Iterable[Rows]) -> None:
    """The rows of several whole articles (table -> rows), each table in one statement."""
    merged: dict[str, list[dict[str, Any]]] = {}
    for rows in batches:
        for table, table_rows in rows.items():
            merged.setdefault(table, []).extend(table_rows)
    for table in WRITE_TABLES:
        insert(con, table, merged.get(table, []))


class Database:
    """One store file: a main connection, a read cursor per thread, one writer thread.

    Opened on first use and again after ``close`` (ASGI test clients run the app's shutdown
    after every request). ``on_open(connection)`` runs at each opening (the server indexes
    for search and summarises there)."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False,
                 on_open: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.on_open = on_open
        self._version = 0
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self._writer: threading.Thread | None = None
        self._columns: dict[str, list[str]] = {}
        self.open()

    def open(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None:
                self._con = connect(self.path, self.read_only)
                if self.on_open is not None:
                    self.on_open(self._con)
                self._generation += 1
                self._version += 1  # the file may have changed while it was closed
                if not self.read_only:
                    self._writer = threading.Thread(target=self._write_loop, args=(self._con,),
                                                    name="sayso-db-writer", daemon=True)
                    self._writer.start()
            return self._con

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The main connection (readers of this thread may use it directly)."""
        return self.open()

    @property
    def version(self) -> int:
        """Moves on every committed write (and reopening): answers computed at an older
        version may be stale."""
        return self._version

    def __enter__(self) -> Database:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._con is None:
                return
            self._jobs.put(None)
            if self._writer is not None:
                self._writer.join(timeout=30)
                self._writer = None
            self._con.close()
            self._con = None

    # -- reading ------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        con = self.open()
        cur = getattr(self._local, "cursor", None)
        if cur is None or getattr(self._local, "generation", None) != self._generation:
            cur = con.cursor()
            self._local.cursor, self._local.generation = cur, self._generation
        return cur

    def rows(self, sql: str, params: list[Any] | None = None) -> list[Row]:
        result = self.cursor().execute(sql, params or [])
        names = [d[0] for d in result.description or []]
        return [dict(zip(names, values, strict=True)) for values in result.fetchall()]

    def one(self, sql: str, params: list[Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.cursor().execute(sql, params or []).fetchone()
        return row[0] if row else None

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]
        return self._columns[table]

    def count(self, table: str, where: str = "") -> int:
        return int(self.scalar(f"SELECT count(*) FROM {table} {where}") or 0)

    def counts(self) -> dict[str, int]:
        return {t: self.count(t) for t in TABLES}

    # -- writing ------------------------------------------------------------
    def write(self, job: Callable[[duckdb.DuckDBPyConnection], T], timeout: float = 600) -> T:
        """Run ``job(connection)`` on the writer thread inside a transaction (all or nothing);
        its result or its exception comes back here."""
        self.open()
        done: Future[T] = Future()
        self._jobs.put((job, done))
        return done.result(timeout=timeout)

    def _write_loop(self, main: duckdb.DuckDBPyConnection) -> None:
        con = main.cursor()
        while True:
            item = self._jobs.get()
            if item is None:
                break
            job, done = item
            try:
                con.execute("BEGIN TRANSACTION")
                result = job(con)
                con.execute("COMMIT")
                self._version += 1
                done.set_result(result)
            except BaseException as exc:  # the caller gets the error; the writer lives on
                with contextlib.suppress(duckdb.Error):  # no transaction was open
                    con.execute("ROLLBACK")
                done.set_exception(exc)
        con.close()

    def write_rows(self, batches: Iterable[Rows]) -> None:
        """Write the rows of several whole articles in one transaction (all or nothing)."""
        batches = list(batches)
        self.write(lambda con: insert_rows(con, batches))

    def load_parquet(self, folder: str | Path) -> dict[str, int]:
        """Load the Parquet parts batch workers wrote (``folder/<table>/*.parquet``)."""
        return self.write(lambda con: _load_parquet(con, Path(folder)))

    # -- runs ----------------------------------------------------------------
    def start_run(self, command: str, engine: str = "local") -> str:
        run_id = now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:8]

        def start(con: duckdb.DuckDBPyConnection) -> None:
            # A run still marked running was killed: only one writer can hold the file.
            con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            con.execute("INSERT INTO runs VALUES (?, ?, NULL, ?, ?, 'running', NULL)",
                        [run_id, now(), command, engine])

        self.write(start)
        return run_id

    def finish_run(self, run_id: str, stats: dict[str, Any], status: str = "finished") -> None:
        def finish(con: duckdb.DuckDBPyConnection) -> None:
            con.execute("UPDATE runs SET finished_at = ?, status = ?, stats = ? "
                        "WHERE run_id = ?", [now(), status, json.dumps(stats), run_id])

        self.write(finish)
        summaries.prepare(self.con)  # so the API starts without summarising the run again


def _load_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    added: dict[str, int] = {}
    for table in WRITE_TABLES:
        parts = sorted(Path(folder, table).glob("*.parquet"))
        if not parts:
            continue
        before = _count(con, table)
        incoming = con.read_parquet([str(p) for p in parts], union_by_name=True)
        present = set(incoming.columns)
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        cols = ", ".join(c for c in columns if c in present)
        con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM incoming")
        added[table] = _count(con, table) - before
    return added


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


Store = Database  # the name the CLI has always used
