"""Articles from bytes, with their limits: a text file's, an HTML page's (shared by every
reader: files, URLs, feeds, JSONL lines, WARC records). Every text is bounded (``MAX_CHARS``)
here, before anything builds per-word structures from it."""

from __future__ import annotations

from typing import Any

from sayso.ingest import html as html_extract
from sayso.ingest.files import decode, has_surrogates
from sayso.model import Article, Failure, InputError
from sayso.pipeline import MAX_CHARS
from sayso.store.rows import storable

Item = Article | Failure  # what every reader yields
# A text file longer than this cannot hold MAX_CHARS characters or fewer (UTF-8 and UTF-16
# take at most 4 bytes a character, UTF-32 4 plus its mark), so it is not read further.
TEXT_BYTES = 4 * MAX_CHARS + 4


def text_doc(data: bytes, source: str, doc_id: str) -> Article:
    """A text file's document; an empty one too (``ingest`` records it as ``no_text``)."""
    return Article(doc_id=doc_id, text=decode(data), source=source)


def blank_as_failure(item: Item) -> Item:
    """An article with no text (empty or blank) as the failure ``no_text``: every write path
    (``sayso ingest``, ``POST /api/ingest``) records it instead of analysing nothing."""
    if isinstance(item, Article) and not item.text.strip():
        return Failure.of(item.source or item.doc_id, "no_text", "no text (empty or blank)")
    return item


def bounded(doc: Article) -> Article:
    """The document if its text can be analysed and stored; else the reason, raised here so
    that no per-word structure (shingles, tokens) is ever built from an oversized text."""
    if len(doc.text) > MAX_CHARS:
        raise InputError("too_large",
                          f"text too large: {len(doc.text)} characters (limit {MAX_CHARS})")
    try:
        doc.text.encode("utf-8")
    except UnicodeEncodeError as exc:  # "\ud800" in JSON: the tokenizer and the store refuse it
        raise InputError("bad_encoding", "text is not valid Unicode: unpaired surrogate at "
                          f"character {exc.start}") from exc
    for name in ("doc_id", "url", "title", "author", "site_name", "date"):
        value = getattr(doc, name)
        if isinstance(value, str) and has_surrogates(value):
            setattr(doc, name, storable(value))
    return doc


def html_doc(data: bytes, source: str, doc_id: str, url: str | None,
             fallback: dict[str, Any] | None = None) -> Article:
    page = html_extract.extract(data, url=url, doc_id=doc_id, source=source)
    fallback = fallback or {}
    page.url = url or page.url
    page.title = page.title or fallback.get("title")
    page.author = page.author or fallback.get("author")
    page.date = page.date or fallback.get("published")
    return bounded(page)
