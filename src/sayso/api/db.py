"""One DuckDB database per server: many reader cursors, one writer thread.

DuckDB lets one process hold a database file; inside it, cursors are independent
connections with snapshot isolation.  Requests read through a cursor of their own
thread, and every write goes through a single thread that owns the writer cursor,
so ingestion never collides with itself and never blocks readers.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from sayso.store.db import schema_sql

T = TypeVar("T")
Row = dict[str, Any]


class Database:
    """Opened on first use and again after ``close`` (ASGI test clients run the app's
    shutdown after every request)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
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
                self._generation += 1
                self._writer = threading.Thread(target=self._write_loop, args=(self._con,),
                                                name="sayso-db-writer", daemon=True)
                self._writer.start()
            return self._con

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
