"""The CLI and a running ``sayso serve`` on one store file (docs/store.md, "While the
dashboard runs").

DuckDB lets one process open a file for writing and no other process open it at all while
it does (duckdb 1.5.6: a read-only open fails on the writer's lock).  So the server leaves a
note beside the store (``STORE.server.json``: its URL, process id and a random key, readable
by the file's owner only); a CLI read that finds the file locked sends its SQL to that server,
which runs it on its own connection inside a transaction it always rolls back, and returns
the rows as Arrow.  A CLI write waits for the lock and says who holds it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

T = TypeVar("T")
KEY_HEADER = "x-sayso-local-key"
LOCAL_SQL = "/api/local/sql"
# Statement kinds a remote read may run: queries, and COPY for `sayso export`.
READ_STATEMENTS = ("SELECT", "COPY", "EXPLAIN")


def note_path(db: str | Path) -> Path:
    return Path(f"{db}.server.json")


def announce(db: str | Path, url: str) -> str:
    """Write the note for a server now serving ``db``; returns its key."""
    key = secrets.token_urlsafe(24)
    path = note_path(db)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"url": url, "pid": os.getpid(), "key": key}, out)
    return key


def withdraw(db: str | Path, key: str) -> None:
    """Remove the note if it is still ours (a second server may have replaced it)."""
    with contextlib.suppress(OSError, ValueError):
        path = note_path(db)
        if json.loads(path.read_text(encoding="utf-8")).get("key") == key:
            path.unlink()


def running_server(db: str | Path) -> dict[str, Any] | None:
    """The note of a live server on ``db``, or None (no note, unreadable, or process gone)."""
    try:
        note = json.loads(note_path(db).read_text(encoding="utf-8"))
        os.kill(int(note["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return note if isinstance(note.get("url"), str) and isinstance(note.get("key"), str) else None


def is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def open_reader(db: str | Path) -> Any:
    """A read-only connection to ``db``, or, when a server holds it, one through that server."""
    try:
        return duckdb.connect(str(db), read_only=True)
    except duckdb.IOException as exc:
        note = running_server(db) if is_lock_error(exc) else None
        if note is None:
            raise
        return RemoteConnection(note["url"], note["key"])


def wait_for_writer(db: str | Path, open_store: Callable[[], T], poll: float = 2.0,
                    say: Callable[[str], None] | None = None) -> T:
    """``open_store()``, retried while another process holds the lock; says once who."""
    say = say or (lambda msg: print(msg, file=sys.stderr, flush=True))
    told = False
    while True:
        try:
            return open_store()
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                raise
            if not told:
                say(holder_message(db) + " Waiting for it to close (Ctrl-C to stop).")
                told = True
            time.sleep(poll)


def holder_message(db: str | Path) -> str:
    note = running_server(db)
    if note is not None:
        return (f"sayso: {db} is open in `sayso serve` (pid {note['pid']}, {note['url']}); "
                f"DuckDB allows one writer process. Stop the server, or send writes through "
                f"it (POST /api/ingest with SAYSO_TOKEN).")
    return f"sayso: {db} is locked by another process (DuckDB allows one writer process)."


class RemoteConnection:
    """The part of a DuckDB connection the CLI's readers use, answered by the server."""

    def __init__(self, url: str, key: str, timeout: float = 600.0) -> None:
        self.url, self.key, self.timeout = url.rstrip("/"), key, timeout
        self._local = duckdb.connect()  # turns the Arrow answer into DuckDB's Python values
        self._result: duckdb.DuckDBPyConnection | None = None

    def execute(self, sql: str, params: Any = None) -> RemoteConnection:
        import httpx

        body = {"sql": sql, "params": _plain(params)}
        try:
            answer = httpx.post(self.url + LOCAL_SQL, json=body, headers={KEY_HEADER: self.key},
                                timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise duckdb.IOException(f"the server at {self.url} did not answer: {exc}") from exc
        if answer.status_code != 200:
            raise duckdb.Error(f"server {self.url}: {answer.status_code} {answer.text[:500]}")
        table = pa.ipc.open_stream(io.BytesIO(answer.content)).read_all()
        self._local.register("answer", table)
        self._result = self._local.execute("SELECT * FROM answer")
        return self

    def cursor(self) -> RemoteConnection:
        return self

    @property
    def description(self) -> Any:
        return self._result.description if self._result is not None else None

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._result.fetchall() if self._result is not None else []

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._result.fetchone() if self._result is not None else None

    def close(self) -> None:
        self._local.close()


def _plain(params: Any) -> Any:
    """Parameters as JSON: dates and other scalars as ISO strings."""
    if params is None:
        return None
    if isinstance(params, dict):
        return {k: _plain_value(v) for k, v in params.items()}
    return [_plain_value(v) for v in params]


def _plain_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain_value(v) for v in value]
    return str(value)


def run_read(con: duckdb.DuckDBPyConnection, sql: str, params: Any) -> bytes:
    """Server side: run one read for a CLI, never keeping any change; Arrow IPC bytes."""
    kinds = {s.type.name for s in con.extract_statements(sql)}
    if not kinds or not kinds <= set(READ_STATEMENTS):
        raise ValueError(f"only {', '.join(READ_STATEMENTS)} statements are run for the CLI, "
                         f"not {', '.join(sorted(kinds - set(READ_STATEMENTS))) or 'nothing'}")
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        table = cur.execute(sql, params).to_arrow_table()
    finally:
        with contextlib.suppress(duckdb.Error):
            cur.execute("ROLLBACK")
        cur.close()
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()
