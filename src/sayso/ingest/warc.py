"""Articles from WARC / WARC.gz web archives (warcio): HTML response records only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sayso.ingest.articles import Item, html_doc
from sayso.ingest.files import open_regular, read_capped, source_name
from sayso.ingest.html import MAX_HTML_BYTES
from sayso.model import Failure, InputError


def iter_warc(path: Path) -> Iterator[Item]:
    """One Article per HTML response. A record cut short (its block shorter than its declared
    Content-Length) is a ``truncated`` failure and is not stored; so is a damaged tail."""
    from warcio.archiveiterator import ArchiveIterator

    name = source_name(path)
    try:
        with open_regular(path) as stream:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, start=1):
                item = _record(record, f"{name}#{number}", name)
                if item is not None:
                    yield item
            # warcio stops quietly when a gzip member is cut short: compare the end of the
            # last whole record with the file size.
            end = records.get_record_offset() + (records.get_record_length() or 0)
            size = path.stat().st_size
            if end < size:
                yield Failure.of(name, "truncated", f"{size - end} bytes after the last complete "
                              "record (archive cut short)")
    except InputError as exc:
        yield Failure(name, exc)
    except OSError as exc:
        yield Failure.of(name, "unreadable", str(exc))
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors...
        yield Failure.of(name, "truncated", f"{type(exc).__name__}: {exc}")


def _record(record: Any, fallback: str, archive: str) -> Item | None:
    if record.rec_type != "response":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or fallback
    ctype = (record.http_headers.get_header("Content-Type") or "" if record.http_headers else "")
    if "html" not in ctype.lower():
        return None
    try:
        body = read_capped(record.content_stream(), MAX_HTML_BYTES)
        missing = getattr(record.raw_stream, "limit", 0)
        if missing:  # the file ended inside this record: its text would be cut mid-word
            raise InputError("truncated", f"record in {archive} ends {missing} bytes before "
                              "its declared Content-Length")
        return html_doc(body, url, url, url)
    except InputError as exc:
        return Failure(url, exc)
