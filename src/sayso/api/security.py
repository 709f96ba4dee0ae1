"""Write-access tokens, request size limits, response headers and SSRF checks."""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from sayso.ingest.fetch import checked_url
from sayso.ingest.netguard import Resolver, is_public, refusal, system_resolver
from sayso.model import InputError

__all__ = ["CSP", "HEADERS", "SAFE_METHODS", "Guard", "UnsafeURL", "check_url", "is_public",
           "token_ok", "write_refusal"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Scripts and styles only from this server; nothing may frame the dashboard.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
       " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none';"
       " form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def token_ok(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; no configured token means writes are off."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def write_refusal(expected: str | None, authorization: str | None) -> tuple[int, str] | None:
    """(status, reason) when a write may not go ahead with this Authorization header."""
    if not expected:
        return 403, "writes are disabled: set SAYSO_TOKEN to enable them"
    given = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
    if not token_ok(expected, given):
        return 401, "missing or wrong token"
    return None


class Guard:
    """ASGI middleware in front of every route: security headers on every response it
    passes; requests to the write endpoints (``writes``: (METHOD, path)) refused (401/403)
    on the token alone, before a byte of the body is read; bodies read here up to
    ``max_body`` and refused (413) beyond, chunked or not, so the routes see a body that
    is already whole and small."""

    def __init__(self, app: ASGIApp, max_body: int, token: Callable[[], str | None],
                 writes: Callable[[], set[tuple[str, str]]]) -> None:
        self.app = app
        self.max_body = max_body
        self.token = token
        self.writes = writes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        if scope["method"] not in SAFE_METHODS:
            refused = self._refusal(scope)
            if refused is not None:
                await _refuse(send, *refused)
                return
            body = await self._read_body(scope, receive)
            if body is None:
                await _refuse(send, 413, "request body too large")
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        if (scope["method"], scope.get("path")) not in self.writes():
            return None  # unknown paths and methods get their 404/405 from the router
        headers = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization", b"").decode("latin-1") or None
        return write_refusal(self.token(), authorization)

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body, or None when it is (or says it is) larger than allowed."""
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the app the body read already, then the client's events."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(send: Send, status: int, reason: str) -> None:
    """A JSON error like FastAPI's own ({"detail": ...}), with the security headers."""
    headers = [(b"content-type", b"application/json"), *HEADERS]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps({"detail": reason}).encode()})


class UnsafeURL(ValueError):
    """A URL the server refuses to fetch: malformed, not http(s), or an address inside
    our network."""


def check_url(url: str, allow_private: bool = False,
              resolver: Resolver = system_resolver) -> list[str]:
    """Resolve the host and refuse if any of its addresses is not public; returns them.

    This answers the request early with a reason (400); the connection itself resolves
    and checks again and connects to the address it checked (``netguard.PinnedBackend``)."""
    try:
        checked_url(url)
    except InputError as exc:
        raise UnsafeURL(exc.detail) from exc
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        addresses = resolver(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError) as exc:
        raise UnsafeURL(f"cannot resolve {host}") from exc
    why = refusal(host, addresses, None if allow_private else is_public)
    if why:
        raise UnsafeURL(why)
    return sorted(addresses)
