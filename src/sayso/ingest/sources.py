"""Turning SOURCE arguments into documents: files, folders, stdin, HTML, URLs, feeds, JSONL, WARC.

The one reader of both ``sayso ingest`` and ``sayso extract``. ``iter_sources`` yields ``Doc``
(text plus metadata) or ``Failure`` items and never raises for bad input: every problem
becomes a ``Failure`` naming the path or URL, a short reason and a detail. Every text is
bounded (``MAX_CHARS``) here, before anything builds per-word structures from it.
"""

from __future__ import annotations

import json
import math
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import httpx

from sayso.ingest import html as html_extract
from sayso.ingest.errors import SourceError
from sayso.ingest.fetch import FetchOptions, client, fetch
from sayso.ingest.files import (
    MAX_FILE_BYTES,
    capped_lines,
    has_surrogates,
    inspect,
    opened,
    path_of,
    printable,
    read_capped,
    refuse_irregular,
    source_name,
    walk,
)
from sayso.model import Article
from sayso.pipeline import MAX_CHARS, InputError, decode
from sayso.store.rows import Doc, storable

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES | {".warc", ".gz"}
FEED_TYPES = ("rss", "atom", "application/xml", "text/xml")
STDIN = "-"
# A text file longer than this cannot hold MAX_CHARS characters or fewer (UTF-8 and UTF-16
# take at most 4 bytes a character, UTF-32 4 plus its mark), so it is not read further.
TEXT_BYTES = 4 * MAX_CHARS + 4
__all__ = ["MAX_FILE_BYTES", "Failure", "Item", "Options", "iter_sources", "parse_mapping"]


@dataclass(slots=True)
class Failure:
    source: str
    reason: str
    detail: str = ""
    doc_id: str | None = None  # the input's own id when it has one (a JSONL "id")


Item = Doc | Failure


@dataclass(slots=True)
class Options:
    jsonl_map: dict[str, str] = field(default_factory=dict)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_feed_entries: int = 500
    until: float = math.inf  # monotonic time by which all fetching ends (an API request's)
    # id of a JSONL line without one; ``extract`` uses "line-{line}"
    line_id: str = "{source}:{line}"


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``id=uid,text=body,date=published`` -> {"id": "uid", ...}; raises ValueError."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise ValueError(f"bad mapping {part!r}: expected FIELD=NAME")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz")):
        return "warc"
    if name.endswith((".jsonl.gz", ".ndjson.gz")) or path.suffix.lower() in JSONL_SUFFIXES:
        return "jsonl"
    if name.endswith((".html.gz", ".htm.gz")) or path.suffix.lower() in HTML_SUFFIXES:
        return "html"
    if path.suffix.lower() in FEED_SUFFIXES:
        return "feed"
    return "text"


def wanted(name: str) -> bool:
    """Files a folder walk reads: known kinds, not hidden."""
    return Path(name).suffix.lower() in KNOWN_SUFFIXES and not name.startswith(".")


def expand(sources: Iterable[str]) -> Iterator[str | Failure]:
    """URLs and stdin as given; files named are read whatever their name; folders are walked
    in sorted order, keeping files of known kinds. What cannot be read is a Failure here,
    before anything is opened (missing paths, loops, dangling links, FIFOs, devices)."""
    for source in sources:
        if is_url(source) or source == STDIN:
            yield source
            continue
        path = path_of(source)
        try:
            info = inspect(path)
            if not stat.S_ISDIR(info.st_mode):
                refuse_irregular(info)
                yield source
                continue
        except SourceError as exc:
            yield Failure(source_name(path), exc.reason, exc.detail, printable(path.stem))
            continue
        yield from _folder(path)


def _folder(path: Path) -> Iterator[str | Failure]:
    found = False
    for child, problem in walk(path, wanted):
        found = True
        if problem is None:
            yield str(child)
        else:
            yield Failure(source_name(child), problem.reason, problem.detail,
                          printable(child.stem))
    if not found:
        yield Failure(source_name(path), "empty", "no readable files in the folder (known kinds: "
                      + " ".join(sorted(s for s in KNOWN_SUFFIXES if s)) + ")")


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def iter_sources(sources: Iterable[str], options: Options | None = None) -> Iterator[Item]:
    options = options or Options()
    with client(options.fetch) as http:
        for source in expand(sources):
            if isinstance(source, Failure):
                yield source
                continue
            try:
                if is_url(source):
                    yield from url_items(http, source, options)
                elif source == STDIN:
                    data = read_capped(sys.stdin.buffer, TEXT_BYTES)
                    yield bounded(text_doc(data, "<stdin>", "stdin"))
                else:
                    yield from _file(http, path_of(source), options)
            except SourceError as exc:
                yield Failure(_name(source), exc.reason, exc.detail, _doc_id(source))


def _name(source: str) -> str:
    return source if is_url(source) or source == STDIN else source_name(path_of(source))


def _doc_id(source: str) -> str:
    if is_url(source):
        return source
    return "stdin" if source == STDIN else printable(path_of(source).stem)


def _read(path: Path, cap: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, inflated when it is gzip, capped either way."""
    with opened(path) as stream:
        return read_capped(stream, cap)


def _file(http: httpx.Client, path: Path, options: Options) -> Iterator[Item]:
    kind, name = kind_of(path), source_name(path)
    if kind == "warc":
        from sayso.ingest.warc import iter_warc

        yield from iter_warc(path)
    elif kind == "jsonl":
        yield from iter_jsonl(path, options.jsonl_map, options.line_id)
    elif kind == "html":
        data = _read(path, html_extract.MAX_HTML_BYTES)
        yield html_doc(data, name, printable(path.name.split(".")[0]), None)
    elif kind == "feed":  # capped like a downloaded feed: no feed needs more
        yield from _feed(http, _read(path, options.fetch.max_bytes), name, options)
    else:
        yield bounded(text_doc(_read(path, TEXT_BYTES), name, printable(path.stem)))


def text_doc(data: bytes, source: str, doc_id: str) -> Doc:
    """A text file's document; an empty one too (``ingest`` records it as ``no_text``)."""
    try:
        text = decode(data)
    except InputError as exc:
        reason = "binary" if "binary" in str(exc) else "bad_encoding"
        raise SourceError(reason, str(exc)) from exc
    return Doc(doc_id=doc_id, text=text, source=source)


def bounded(doc: Doc) -> Doc:
    """The document if its text can be analysed and stored; else the reason, raised here so
    that no per-word structure (shingles, tokens) is ever built from an oversized text."""
    if len(doc.text) > MAX_CHARS:
        raise SourceError("too_large",
                          f"text too large: {len(doc.text)} characters (limit {MAX_CHARS})")
    try:
        doc.text.encode("utf-8")
    except UnicodeEncodeError as exc:  # "\ud800" in JSON: the tokenizer and the store refuse it
        raise SourceError("bad_encoding", "text is not valid Unicode: unpaired surrogate at "
                          f"character {exc.start}") from exc
    for name in ("doc_id", "url", "title", "author", "site_name", "published"):
        value = getattr(doc, name)
        if isinstance(value, str) and has_surrogates(value):
            setattr(doc, name, storable(value))
    return doc


def html_doc(data: bytes, source: str, doc_id: str, url: str | None,
             fallback: dict[str, Any] | None = None) -> Doc:
    page = html_extract.extract(data, url=url)
    fallback = fallback or {}
    return bounded(Doc(doc_id=doc_id, text=page.text, source=source, url=url or page.url,
                       title=page.title or fallback.get("title"),
                       author=page.author or fallback.get("author"),
                       site_name=page.site_name,
                       published=page.published or fallback.get("published")))


def url_items(http: httpx.Client, url: str, options: Options) -> Iterator[Item]:
    """Documents (or failures) behind one page or feed URL, fetched with ``http``."""
    started = time.monotonic()
    page = fetch(http, url, options.fetch, options.until)
    ctype = page.content_type.lower()
    if any(t in ctype for t in FEED_TYPES) or page.body.lstrip()[:200].lower().startswith(
            (b"<rss", b"<feed", b"<?xml")):
        yield from _feed(http, page.body, url, options, started)
        return
    if ctype and not any(t in ctype for t in ("html", "text/plain", "xml")):
        raise SourceError("not_html", f"content type {page.content_type!r}")
    if "text/plain" in ctype:
        doc = bounded(text_doc(page.body, url, url))
        if not doc.text.strip():
            raise SourceError("no_text", "empty text/plain response")
        yield doc
        return
    yield html_doc(page.body, url, url, page.final_url)


def _feed(http: httpx.Client, data: bytes, source: str, options: Options,
          started: float | None = None) -> Iterator[Item]:
    """The feed's entries, fetched within one deadline for the feed (``feed_deadline_s``
    from ``started``); entries left when it passes are failures, not waits."""
    import feedparser

    budget = options.fetch.feed_deadline_s
    until = min(options.until, (time.monotonic() if started is None else started) + budget)
    parsed = feedparser.parse(data)
    entries = [e for e in parsed.entries if e.get("link")]
    if not entries:
        problem = parsed.get("bozo_exception")
        raise SourceError("bad_feed", f"no entries with links ({problem or 'empty feed'})")
    for entry in entries[:options.max_feed_entries]:
        link = entry["link"]
        fallback = {"title": entry.get("title"), "author": entry.get("author"),
                    "published": _feed_date(entry)}
        try:
            if time.monotonic() >= until:
                raise SourceError("timeout", f"the feed's {budget:.0f} s deadline had passed")
            page = fetch(http, link, options.fetch, until)
            yield html_doc(page.body, link, link, page.final_url, fallback)
        except SourceError as exc:
            yield Failure(link, exc.reason, f"{exc.detail} (from feed {source})")


def _feed_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return f"{parsed[0]:04d}-{parsed[1]:02d}-{parsed[2]:02d}" if parsed else None


def iter_jsonl(path: Path, mapping: dict[str, str], line_id: str = "{source}:{line}"
               ) -> Iterator[Item]:
    """One article per line; ``mapping`` renames our fields (id, text, date, title, url...).
    A gzip file is inflated as a stream."""
    name = source_name(path)
    try:
        with opened(path) as stream:
            found = False
            for item in jsonl_items(stream, name, mapping, line_id):
                found = True
                yield item
            if not found:
                yield Failure(name, "empty", "no JSON lines in the file", printable(path.stem))
    except SourceError as exc:
        yield Failure(name, exc.reason, exc.detail, printable(path.stem))
    except EOFError as exc:
        yield Failure(name, "truncated", f"compressed data ends early: {exc}", printable(path.stem))
    except (OSError, ValueError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        yield Failure(name, "unreadable", printable(str(exc)), printable(path.stem))


def jsonl_items(stream: BinaryIO, name: str, mapping: dict[str, str],
                line_id: str = "{source}:{line}") -> Iterator[Item]:
    """The items of a JSONL stream; each line is capped like a file (``MAX_FILE_BYTES``)."""
    names = {f: mapping.get(f, f) for f in ("id", "text", "date", "title", "url", "author",
                                            "site_name", "html")}
    for number, raw in capped_lines(stream):
        where = f"{name}:{number}"
        fallback = line_id.format(source=name, line=number)
        if raw is None:
            yield Failure(where, "too_large", f"line longer than {MAX_FILE_BYTES} bytes", fallback)
        elif raw.strip():
            yield _jsonl_line(raw, where, fallback, names)


def _jsonl_line(raw: bytes, where: str, fallback: str, names: dict[str, str]) -> Item:
    try:
        record = json.loads(decode(raw))
    except (InputError, json.JSONDecodeError) as exc:
        return Failure(where, "bad_jsonl", f"not valid JSON: {exc}", fallback)
    if not isinstance(record, dict):
        return Failure(where, "bad_jsonl", "expected a JSON object", fallback)

    def get(name: str) -> str | None:
        value = record.get(names[name])
        return str(value) if value is not None and value != "" else None

    doc_id = get("id") or fallback
    text, html, date = record.get(names["text"]), get("html"), record.get(names["date"])
    if date is not None and not isinstance(date, str):
        return Failure(where, "bad_jsonl", f"field {names['date']!r} is not a string", doc_id)
    try:
        if not isinstance(text, str) and html:
            doc = html_doc(html.encode("utf-8", "surrogatepass"), where, doc_id, get("url"))
        elif isinstance(text, str):
            doc = bounded(Doc(doc_id=doc_id, text=text, source=where))
        else:
            return Failure(where, "no_text", f"field {names['text']!r} missing or not a string",
                           doc_id)
    except SourceError as exc:
        return Failure(where, exc.reason, exc.detail, storable(doc_id))
    doc.url = doc.url or get("url")
    doc.title = doc.title or get("title")
    doc.author = doc.author or get("author")
    doc.site_name = doc.site_name or get("site_name")
    doc.published = doc.published or get("date")
    return bounded(doc)


def to_article(doc: Doc) -> Article:
    return Article(doc_id=doc.doc_id, text=doc.text, date=doc.published, url=doc.url,
                   title=doc.title, source=doc.site_name or doc.source, language=doc.language)


def with_default_date(items: Iterable[Item], default: str | None) -> Iterator[Item]:
    """Undated articles get ``default`` (``ingest --date-default``): actors are then coded for
    that time, and charts place them on it, rather than on the day of the run."""
    for item in items:
        if default and isinstance(item, Doc) and not item.published:
            item.published = default
        yield item


def count_inputs(sources: list[str]) -> int | None:
    """Documents to expect, when cheap to know (local text/HTML files, JSONL lines); else None."""
    total = 0
    for source in expand(sources):
        if isinstance(source, Failure):
            total += 1
            continue
        if is_url(source) or source == STDIN:
            return None
        path = path_of(source)
        kind = kind_of(path)
        if kind in ("warc", "feed") or path.suffix == ".gz":
            return None
        if kind == "jsonl":
            try:
                with opened(path) as stream:
                    total += sum(1 for _n, line in capped_lines(stream) if line is None
                                 or line.strip())
            except (SourceError, OSError, EOFError, zlib.error):
                total += 1
        else:
            total += 1
    return total
