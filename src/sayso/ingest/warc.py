"""Articles from WARC / WARC.gz web archives (warcio): HTML response records only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sayso.ingest.errors import SourceError
from sayso.ingest.sources import Failure, Item, html_doc


def iter_warc(path: Path) -> Iterator[Item]:
    """Yield one Doc per HTML response; a damaged archive ends with a ``truncated_warc`` failure."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{number}"
                ctype = (record.http_headers.get_header("Content-Type") or ""
                         if record.http_headers else "")
                if "html" not in ctype.lower():
                    continue
                body = record.content_stream().read()
                try:
                    yield html_doc(body, url, url, url)
                except SourceError as exc:
                    yield Failure(url, exc.reason, exc.detail)
    except OSError as exc:
        yield Failure(str(path), "unreadable", str(exc))
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors...
        yield Failure(str(path), "truncated_warc", f"{type(exc).__name__}: {exc}")
