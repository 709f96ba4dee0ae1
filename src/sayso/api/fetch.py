"""URL and feed ingestion for POST /api/ingest, through the ingest package's readers with an
HTTP client that connects only to public addresses (``sayso.ingest.netguard``): each host
is resolved once, every address checked, and the socket opened to a checked address, for
the first URL and every redirect and feed entry alike; proxies from the environment are
not used.  All fetching for one request ends within ``REQUEST_DEADLINE_S``."""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator

import httpx

from sayso.api.security import check_url
from sayso.ingest.articles import Item
from sayso.ingest.fetch import FetchOptions, client
from sayso.ingest.netguard import PinnedTransport, Resolver, is_public, system_resolver
from sayso.ingest.sources import Options
from sayso.model import Failure, InputError

MAX_FEED_ENTRIES = 20  # a request, not a crawl: big feeds go through `sayso ingest`
REQUEST_DEADLINE_S = 60.0  # every fetch of one request (page, or feed and its entries)


def guarded_client(options: FetchOptions, allow_private: bool,
                   resolver: Resolver = system_resolver,
                   verify: ssl.SSLContext | bool = True) -> httpx.Client:
    transport = PinnedTransport(None if allow_private else is_public, resolver, verify)
    return client(options, transport)


def url_items(url: str, allow_private: bool, resolver: Resolver = system_resolver,
              deadline_s: float = REQUEST_DEADLINE_S,
              verify: ssl.SSLContext | bool = True) -> Iterator[Item]:
    """Documents (or failures) behind a page or feed URL; raises UnsafeURL for the first hop."""
    from sayso.ingest import sources

    check_url(url, allow_private, resolver)
    options = Options(max_feed_entries=MAX_FEED_ENTRIES, until=time.monotonic() + deadline_s)
    with guarded_client(options.fetch, allow_private, resolver, verify) as http:
        try:
            yield from sources.url_items(http, url, options)
        except InputError as exc:
            yield Failure(url, exc)
