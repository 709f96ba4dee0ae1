"""Whole answers to GET requests, kept until the next write to the store.

Every read endpoint and dashboard page is a function of its URL and of the store, and
the store changes only through the server's single writer, which bumps
``Database.version`` on every commit.  An answer is therefore reusable, byte for byte,
until the version moves.  Under many concurrent readers most of the cost of a request
is DuckDB work on 2 cores; answering a repeated request from memory frees them for the
requests that are new.  Bounded in bytes (least recently used out first); only JSON,
CSV and HTML answers with status 200 are kept.

Identical requests that arrive while the first is being computed wait for its answer
instead of computing it again: after a write drops every entry, a crowd of readers
asking for the same overview costs one computation, not one each.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import anyio

from sayso.api.security import ASGIApp, Message, Receive, Scope, Send

MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY = 2 * 1024 * 1024
CACHED_TYPES = (b"application/json", b"text/html", b"text/csv")

Key = tuple[str, bytes, bytes]
Entry = tuple[int, int, list[tuple[bytes, bytes]], bytes]  # version, status, headers, body


class ReadCache:
    """ASGI middleware; ``version`` reads the store's write counter."""

    def __init__(self, app: ASGIApp, version: Callable[[], int], max_bytes: int = MAX_BYTES,
                 max_entry: int = MAX_ENTRY) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max_bytes
        self.max_entry = min(max_entry, max_bytes)
        self.entries: OrderedDict[Key, Entry] = OrderedDict()
        self.size = 0
        self.computing: dict[Key, tuple[int, anyio.Event]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        # htmx asks for a page's fragment with this header: a different answer, same URL.
        key = (scope["path"], scope.get("query_string", b""), headers.get(b"hx-request", b""))
        version = self.version()  # before computing: a write meanwhile makes the entry stale
        running = self.computing.get(key)
        if running is not None and running[0] == version:
            await running[1].wait()  # the same request is being answered: share its answer
        if await self._replay(key, version, send):
            return
        done = anyio.Event()
        self.computing[key] = (version, done)
        try:
            await self.app(scope, receive, self._recorder(key, version, send))
        finally:
            done.set()
            if self.computing.get(key) == (version, done):
                del self.computing[key]

    async def _replay(self, key: Key, version: int, send: Send) -> bool:
        hit = self.entries.get(key)
        if hit is None or hit[0] != version:
            return False
        self.entries.move_to_end(key)
        await send({"type": "http.response.start", "status": hit[1], "headers": hit[2]})
        await send({"type": "http.response.body", "body": hit[3]})
        return True

    def _recorder(self, key: Key, version: int, send: Send) -> Send:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def record(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(status=message["status"], headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body" and size <= self.max_entry:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False) and _keepable(start, size,
                                                                      self.max_entry):
                    self._store(key, (version, start["status"], start["headers"],
                                      b"".join(chunks)))
            await send(message)

        return record

    def _store(self, key: Key, entry: Entry) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old[3])
        self.entries[key] = entry
        self.size += len(entry[3])
        while self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped[3])


def _keepable(start: dict[str, Any], size: int, max_entry: int) -> bool:
    if start.get("status") != 200 or size > max_entry:
        return False
    ctype = dict(start.get("headers", [])).get(b"content-type", b"")
    return ctype.startswith(CACHED_TYPES)
