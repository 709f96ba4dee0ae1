"""Documents for ``sayso extract``, read by the ingest reader (``sayso.ingest.sources``).

``extract`` reads exactly what ``ingest`` reads: the same files, folders, HTML extraction,
URLs and feeds through the same fetcher, JSONL and WARC. An input that cannot be read still
yields an ``Article`` (empty text, its ``error`` set) so that it appears in the output
with its error (``sayso extract`` names it on stderr with its path or URL).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sayso.ingest.sources import (
    STDIN,
    Item,
    Options,
    iter_jsonl,
    iter_sources,
    jsonl_items,
    with_default_date,
)
from sayso.model import Article, Failure, InputError

# Lines without an id are named by their number, as ``extract`` always did.
LINE_IDS = "line-{line}"


def unreadable(doc_id: str, reason: str, detail: str = "", source: str = "") -> Article:
    """An input that could not be read, as an article that carries its error."""
    return Article(doc_id=doc_id, text="", source=source or None,
                   error=InputError(reason, detail))


def to_articles(items: Iterable[Item], date: str | None) -> Iterator[Article]:
    """Articles as read, failures as articles carrying their error."""
    for item in with_default_date(items, date):
        if isinstance(item, Failure):
            yield unreadable(item.doc_id or item.source, item.reason, item.detail, item.source)
        else:
            yield item


def read_paths(paths: Iterable[str], date: str | None = None, options: Options | None = None
               ) -> Iterator[Article]:
    """Files, folders, URLs and ``-`` (stdin), as ``sayso ingest`` reads them."""
    options = options or Options(line_id=LINE_IDS)
    return to_articles(iter_sources(paths, options), date)


def read_path(path: Path) -> Article:
    """One file as an article (its error in ``meta`` when it cannot be read)."""
    return next(read_paths([str(path)]))


def read_jsonl(path: str, date: str | None = None) -> Iterator[Article]:
    """One article per JSONL line (``-`` for stdin), whatever the file's name; a bad line
    becomes an error record."""
    if path == STDIN:
        items = jsonl_items(sys.stdin.buffer, "<stdin>", {}, LINE_IDS)
    else:
        items = iter_jsonl(Path(path), {}, LINE_IDS)
    return to_articles(items, date)
