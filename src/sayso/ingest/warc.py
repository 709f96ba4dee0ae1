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
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, start=1):
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
            # warcio stops quietly when a gzip member is cut short: compare the end of the
            # last whole record with the file size.
            end = records.get_record_offset() + (records.get_record_length() or 0)
            size = path.stat().st_size
            if end < size:
                yield Failure(str(path), "truncated_warc",
                              f"{size - end} bytes after the last complete record")
    except OSError as exc:
        yield Failure(str(path), "unreadable", str(exc))
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors...
        yield Failure(str(path), "truncated_warc", f"{type(exc).__name__}: {exc}")
