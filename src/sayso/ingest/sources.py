"""Turning SOURCE arguments into documents: files, folders, HTML, URLs, feeds, JSONL, WARC.

``iter_sources`` yields ``Doc`` (text plus metadata) or ``Failure`` items and never
raises for bad input: every problem becomes a ``Failure`` with a short reason.
"""

from __future__ import annotations

import gzip
import json
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sayso.ingest import html as html_extract
from sayso.ingest.errors import SourceError
from sayso.ingest.fetch import FetchOptions, client, fetch
from sayso.pipeline import InputError, decode
from sayso.store.rows import Doc

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSONL_SUFFIXES | {".warc", ".gz"}
FEED_TYPES = ("rss", "atom", "application/xml", "text/xml")
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class Failure:
    source: str
    reason: str
    detail: str = ""


Item = Doc | Failure


@dataclass(slots=True)
class Options:
    jsonl_map: dict[str, str] = field(default_factory=dict)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    max_feed_entries: int = 500
    until: float = math.inf  # monotonic time by which all fetching ends (an API request's)


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


def expand(sources: Iterable[str]) -> Iterator[str]:
    """URLs as given; folders walked in sorted order, keeping files of known kinds."""
    for source in sources:
        path = Path(source)
        if is_url(source) or not path.is_dir():
            yield source
            continue
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.suffix.lower() in KNOWN_SUFFIXES and not child.name.startswith("."):
                yield str(child)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def iter_sources(sources: Iterable[str], options: Options | None = None) -> Iterator[Item]:
    options = options or Options()
    with client(options.fetch) as http:
        for source in expand(sources):
            try:
                if is_url(source):
                    yield from url_items(http, source, options)
                else:
                    yield from _file(http, Path(source), options)
            except SourceError as exc:
                yield Failure(source, exc.reason, exc.detail)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SourceError("too_large", f"{path.stat().st_size} bytes")
        data = path.read_bytes()
        return gzip.decompress(data) if path.suffix == ".gz" and kind_of(path) != "warc" else data
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise SourceError("unreadable", str(exc)) from exc


def _file(http: httpx.Client, path: Path, options: Options) -> Iterator[Item]:
    kind = kind_of(path)
    if kind == "warc":
        from sayso.ingest.warc import iter_warc

        yield from iter_warc(path)
    elif kind == "jsonl":
        yield from iter_jsonl(path, options.jsonl_map)
    elif kind == "html":
        yield html_doc(_read(path), str(path), path.name.split(".")[0], None)
    elif kind == "feed":
        yield from _feed(http, _read(path), str(path), options)
    else:
        yield text_doc(_read(path), str(path), path.stem)


def text_doc(data: bytes, source: str, doc_id: str) -> Doc:
    try:
        text = decode(data)
    except InputError as exc:
        reason = "binary" if "binary" in str(exc) else "bad_encoding"
        raise SourceError(reason, str(exc)) from exc
    if not text.strip():
        raise SourceError("no_text", "empty file")
    return Doc(doc_id=doc_id, text=text, source=source)


def html_doc(data: bytes, source: str, doc_id: str, url: str | None,
             fallback: dict[str, Any] | None = None) -> Doc:
    page = html_extract.extract(data, url=url)
    fallback = fallback or {}
    return Doc(doc_id=doc_id, text=page.text, source=source, url=url or page.url,
               title=page.title or fallback.get("title"),
               author=page.author or fallback.get("author"),
               site_name=page.site_name, published=page.published or fallback.get("published"))


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
        yield text_doc(page.body, url, url, )
        return
    yield html_doc(page.body, url, url, page.final_url)


_url = url_items  # the old private name, kept for callers that still use it


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


def iter_jsonl(path: Path, mapping: dict[str, str]) -> Iterator[Item]:
    """One article per line; ``mapping`` renames our fields (id, text, date, title, url...)."""
    names = {f: mapping.get(f, f) for f in ("id", "text", "date", "title", "url", "author",
                                            "site_name", "html")}
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        stream = opener(path, "rb")
    except OSError as exc:
        yield Failure(str(path), "unreadable", str(exc))
        return
    with stream:
        for number, raw in enumerate(stream, start=1):
            if raw.strip():
                yield _jsonl_line(raw, f"{path}:{number}", names)


def _jsonl_line(raw: bytes, where: str, names: dict[str, str]) -> Item:
    try:
        record = json.loads(decode(raw))
    except (InputError, json.JSONDecodeError) as exc:
        return Failure(where, "bad_jsonl", f"not valid JSON: {exc}")
    if not isinstance(record, dict):
        return Failure(where, "bad_jsonl", "expected a JSON object")

    def get(name: str) -> str | None:
        value = record.get(names[name])
        return str(value) if value is not None and value != "" else None

    doc_id = get("id") or where
    text, html = record.get(names["text"]), get("html")
    try:
        if not isinstance(text, str) and html:
            doc = html_doc(html.encode("utf-8"), where, doc_id, get("url"))
        elif isinstance(text, str) and text.strip():
            doc = Doc(doc_id=doc_id, text=text, source=where)
        else:
            return Failure(where, "no_text", f"field {names['text']!r} missing or empty")
    except SourceError as exc:
        return Failure(where, exc.reason, exc.detail)
    doc.url = doc.url or get("url")
    doc.title = doc.title or get("title")
    doc.author = doc.author or get("author")
    doc.site_name = doc.site_name or get("site_name")
    doc.published = doc.published or get("date")
    return doc


def count_inputs(sources: list[str]) -> int | None:
    """Documents to expect, when cheap to know (local text/HTML files, JSONL lines); else None."""
    total = 0
    for source in expand(sources):
        path = Path(source)
        if is_url(source) or not path.is_file():
            return None
        kind = kind_of(path)
        if kind in ("warc", "feed") or path.suffix == ".gz":
            return None
        if kind == "jsonl":
            with open(path, "rb") as stream:
                total += sum(1 for line in stream if line.strip())
        else:
            total += 1
    return total
