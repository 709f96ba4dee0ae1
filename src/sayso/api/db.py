"""One DuckDB database per server: many reader cursors, one writer thread.

DuckDB lets one process hold a database file; inside it, cursors are independent
connections with snapshot isolation.  Requests read through a cursor of their own
thread, and every write goes through a single thread that owns the writer cursor,
so ingestion never collides with itself and never blocks readers.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from sayso.api import search
from sayso.claims.db import claims_schema_sql
from sayso.store import summaries
from sayso.store.db import schema_sql

log = logging.getLogger(__name__)
T = TypeVar("T")
Row = dict[str, Any]


class Database:
    """Opened on first use and again after ``close`` (ASGI test clients run the app's
    shutdown after every request)."""

    def __init__(self, path: str | Path, cache_size: int = 256) -> None:
        self.path = str(path)
        # Aggregates (overview, network, dyads) keyed by their arguments; every committed
        # write bumps the version, so a cached answer is never older than the data.
        self.cache_size = cache_size
        self._cache: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._version = 0
        self._lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self._writer: threading.Thread | None = None
        self.open()

    def open(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._con is None:
                self._con = duckdb.connect(self.path)
                self._con.execute(schema_sql())
                self._con.execute(claims_schema_sql())  # fact-check links read by claim pages
                indexed = search.index_missing(self._con)
                if indexed:
                    log.info("indexed %d articles for search", indexed)
                summarised = summaries.prepare(self._con)
                if summarised:
                    log.info("summarised %d articles", summarised)
                self._generation += 1
                self._version += 1  # the file may have changed while it was closed
                self._writer = threading.Thread(target=self._write_loop, args=(self._con,),
                                                name="sayso-db-writer", daemon=True)
                self._writer.start()
            return self._con

    @property
    def version(self) -> int:
        """Moves on every committed write (and reopening): answers computed at an older
        version may be stale."""
        return self._version

    # -- reading ------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        con = self.open()
        cur = getattr(self._local, "cursor", None)
        if cur is None or getattr(self._local, "generation", None) != self._generation:
            cur = con.cursor()
            self._local.cursor, self._local.generation = cur, self._generation
        return cur

    def rows(self, sql: str, params: list[Any] | None = None) -> list[Row]:
        cur = self.cursor()
        result = cur.execute(sql, params or [])
        names = [d[0] for d in result.description or []]
        return [dict(zip(names, values, strict=True)) for values in result.fetchall()]

    def one(self, sql: str, params: list[Any] | None = None) -> Row | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.cursor().execute(sql, params or []).fetchone()
        return row[0] if row else None

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        if self.cache_size <= 0:
            return compute()
        version = self._version
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and hit[0] == version:
                self._cache.move_to_end(key)
                return hit[1]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self._cache[key] = (version, value)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return value

    # -- writing ------------------------------------------------------------
    def write(self, job: Callable[[duckdb.DuckDBPyConnection], T], timeout: float = 120) -> T:
        """Run ``job(connection)`` on the writer thread inside a transaction."""
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
                self._rollback(con)
                done.set_exception(exc)
        con.close()

    @staticmethod
    def _rollback(con: duckdb.DuckDBPyConnection) -> None:
        with contextlib.suppress(duckdb.Error):  # no transaction was open
            con.execute("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            if self._con is None:
                return
            self._jobs.put(None)
            if self._writer is not None:
                self._writer.join(timeout=30)
            self._con.close()
            self._con = None
