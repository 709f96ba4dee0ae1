"""URL and feed ingestion for POST /api/ingest, through the ingest package's readers with an
HTTP client that refuses every request to a non-public address (redirect hops included)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from sayso.api.security import UnsafeURL, check_url
from sayso.ingest.errors import SourceError
from sayso.ingest.fetch import FetchOptions, client
from sayso.ingest.sources import Failure, Item, Options

MAX_FEED_ENTRIES = 20  # a request, not a crawl: big feeds go through `sayso ingest`


class GuardedTransport(httpx.HTTPTransport):
    """Checks the host of each request, so a redirect cannot lead inside our network."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            check_url(str(request.url), self.allow_private)
        except UnsafeURL as exc:  # the ingest readers turn this into a failure row
            raise SourceError("refused_address", str(exc)) from exc
        return super().handle_request(request)


def guarded_client(options: FetchOptions, allow_private: bool) -> httpx.Client:
    http = client(options)
    http._transport = GuardedTransport(allow_private)  # the mounts stay empty: one transport
    return http


def url_items(url: str, allow_private: bool) -> Iterator[Item]:
    """Documents (or failures) behind a page or feed URL; raises UnsafeURL for the first hop."""
    from sayso.ingest import sources

    check_url(url, allow_private)
    options = Options(max_feed_entries=MAX_FEED_ENTRIES)
    with guarded_client(options.fetch, allow_private) as http:
        try:
            yield from sources.url_items(http, url, options)
        except SourceError as exc:
            yield Failure(url, exc.reason, exc.detail)
