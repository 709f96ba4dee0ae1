"""Fetching URLs politely and defensively: timeouts, a size cap, retries, a clear User-Agent.

Every way a fetch can go wrong ends in ``SourceError`` with a short reason, so a bad
URL becomes a ``failures`` row and the run goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from sayso import __version__
from sayso.ingest.errors import SourceError

USER_AGENT = f"sayso/{__version__} (news attribution research; +https://pypi.org/project/sayso/)"
MAX_BYTES = 10 * 1024 * 1024  # no news page is bigger; a 50 MB page is hostile or broken
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
DEADLINE_S = 30.0  # a server dripping bytes slowly never trips the per-read timeout
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


def client(options: FetchOptions) -> httpx.Client:
    timeout = httpx.Timeout(options.timeout, connect=min(5.0, options.timeout))
    return httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5,
                        headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/"
                                 "xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.5"})


def _read_capped(response: httpx.Response, options: FetchOptions, started: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise SourceError("too_large", f"Content-Length {declared} > {options.max_bytes}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise SourceError("too_large", f"more than {options.max_bytes} bytes")
        if time.monotonic() - started > options.deadline_s:
            raise SourceError("timeout", f"download exceeded {options.deadline_s:.0f} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _once(http: httpx.Client, url: str, options: FetchOptions) -> Fetched:
    started = time.monotonic()
    try:
        with http.stream("GET", url) as response:
            if response.status_code >= 400:
                raise SourceError(f"http_{response.status_code}", url)
            body = _read_capped(response, options, started)
            return Fetched(url, str(response.url), response.status_code,
                           response.headers.get("content-type", ""), body)
    except httpx.TimeoutException as exc:
        raise SourceError("timeout", f"{type(exc).__name__}: {url}") from exc
    except httpx.TooManyRedirects as exc:
        raise SourceError("too_many_redirects", url) from exc
    except httpx.HTTPError as exc:
        raise SourceError("unreachable", f"{type(exc).__name__}: {exc}") from exc


def fetch(http: httpx.Client, url: str, options: FetchOptions | None = None) -> Fetched:
    """GET ``url``; retry transient failures (timeouts, 5xx, 429) with backoff."""
    options = options or FetchOptions()
    for attempt in range(options.retries + 1):
        try:
            return _once(http, url, options)
        except SourceError as exc:
            transient = exc.reason in ("timeout", "unreachable") or exc.reason in {
                f"http_{s}" for s in RETRY_STATUS}
            if not transient or attempt == options.retries:
                raise
            time.sleep(options.backoff_s * 2**attempt)
    raise AssertionError("unreachable")
