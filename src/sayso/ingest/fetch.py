"""Fetching URLs politely and defensively: timeouts, a size cap, retries, a clear User-Agent.

Every way a fetch can go wrong ends in ``InputError`` with a short reason, so a bad
URL becomes a ``failures`` row and the run goes on.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from sayso import __version__
from sayso.ingest.netguard import fetch_until
from sayso.model import InputError

USER_AGENT = f"sayso/{__version__} (news attribution research; +https://pypi.org/project/sayso/)"
MAX_BYTES = 10 * 1024 * 1024  # no news page is bigger; a 50 MB page is hostile or broken
# One deadline per URL, for all its tries and the waits between them: a server dripping
# bytes slowly never trips the per-read timeout, and retries must not multiply the wait.
DEADLINE_S = 30.0
FEED_DEADLINE_S = 120.0  # a feed and every entry fetched from it, together
RETRIES = 2
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes


@dataclass(slots=True)
class FetchOptions:
    max_bytes: int = MAX_BYTES
    timeout: float = 10.0
    deadline_s: float = DEADLINE_S
    retries: int = RETRIES
    backoff_s: float = 0.5
    feed_deadline_s: float = FEED_DEADLINE_S


def client(options: FetchOptions, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The fetching client; with a ``transport`` (the API's guarded one) the environment's
    proxy settings are ignored, since a proxy would connect where the guard cannot see."""
    timeout = httpx.Timeout(options.timeout, connect=min(5.0, options.timeout))
    return httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5,
                        transport=transport, trust_env=transport is None,
                        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/"
                                 "xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5"})


def checked_url(url: str) -> httpx.URL:
    """``url`` parsed, or InputError('bad_url') saying what is wrong with it."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for ports out of range or not numbers
        parsed = httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        raise InputError("bad_url", f"malformed URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("bad_url", "only absolute http(s) URLs can be fetched")
    if port == 0:
        raise InputError("bad_url", "malformed URL: port 0")
    return parsed


def _read_capped(response: httpx.Response, options: FetchOptions, until: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise InputError("too_large", f"Content-Length {declared} > {options.max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputError("too_large", f"more than {options.max_bytes} bytes")
        if time.monotonic() > until:
            raise InputError("timeout", "download exceeded the fetch deadline")
        chunks.append(chunk)
    return b"".join(chunks)


def _once(http: httpx.Client, url: str, options: FetchOptions, until: float) -> Fetched:
    left = max(0.01, until - time.monotonic())
    # Each wait of this try ends by the deadline: the guarded transport clamps every socket
    # operation (fetch_until); any other transport gets timeouts no longer than what is left.
    timeout = httpx.Timeout(min(options.timeout, left), connect=min(5.0, options.timeout, left))
    try:
        with fetch_until(until), http.stream("GET", url, timeout=timeout) as response:
            if response.status_code >= 400:
                raise InputError(f"http_{response.status_code}", url)
            body = _read_capped(response, options, until)
            return Fetched(url, str(response.url), response.status_code,
                           response.headers.get("content-type", ""), body)
    except httpx.TimeoutException as exc:
        raise InputError("timeout", f"{type(exc).__name__}: {url}") from exc
    except httpx.TooManyRedirects as exc:
        raise InputError("too_many_redirects", url) from exc
    except httpx.HTTPError as exc:
        raise InputError("unreachable", f"{type(exc).__name__}: {exc}") from exc


def fetch(http: httpx.Client, url: str, options: FetchOptions | None = None,
          until: float = math.inf) -> Fetched:
    """GET ``url``; retry transient failures (timeouts, 5xx, 429) with backoff, all within
    ``options.deadline_s`` (and by ``until``, a monotonic time, when the caller has one)."""
    options = options or FetchOptions()
    checked_url(url)
    until = min(until, time.monotonic() + options.deadline_s)
    for attempt in range(options.retries + 1):
        if time.monotonic() >= until:
            raise InputError("timeout", f"no answer from {url} within the deadline")
        try:
            return _once(http, url, options, until)
        except InputError as exc:
            transient = exc.reason in ("timeout", "unreachable") or exc.reason in {
                f"http_{s}" for s in RETRY_STATUS}
            wait = options.backoff_s * 2**attempt
            if not transient or attempt == options.retries or time.monotonic() + wait >= until:
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")
