"""Article text and metadata from HTML with trafilatura.

Settings were chosen on the article-extraction benchmark (benchmarks/html_extraction.py):
comments excluded, tables kept, favor_precision (drops more boilerplate: best F1 there).
"""

from __future__ import annotations

import codecs
from typing import Any

from sayso.ingest.files import decode
from sayso.model import Article, InputError

# Below this many characters the "article" is a cookie wall, an index page or an error page.
MIN_CHARS = 100
MAX_HTML_BYTES = 10 * 1024 * 1024


SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "favor_recall": False,
    "deduplicate": False,
}


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8", b"PK\x03"))


BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def extract_text(html: bytes | str, url: str | None = None, **settings: Any) -> str:
    """Only the main text (what the benchmark scores); empty string when none found."""
    import trafilatura

    return trafilatura.extract(html, url=url, **{**SETTINGS, **settings}) or ""


def extract(html: bytes | str, url: str | None = None, doc_id: str = "",
            source: str | None = None) -> Article:
    """The page's article (main text plus metadata); raises InputError when the page has no
    usable article. Its language is left to triage, which identifies it from the text as for
    every other kind of input (trafilatura's guess from the markup is not used)."""
    import trafilatura

    if isinstance(html, bytes):
        if len(html) > MAX_HTML_BYTES:
            raise InputError("too_large", f"{len(html)} bytes of HTML")
        if html.startswith(BOMS):  # UTF-16/32 pages: lxml wants them decoded
            html = decode(html)
        elif looks_binary(html):
            raise InputError("binary", "not an HTML page")
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, **SETTINGS)
    except Exception as exc:  # lxml/trafilatura raise many types on broken markup
        raise InputError("bad_html", f"{type(exc).__name__}: {exc}") from exc
    found: dict[str, Any] = doc if isinstance(doc, dict) else (doc.as_dict() if doc else {})
    text = found.get("text") or ""
    if len(text.strip()) < MIN_CHARS:
        raise InputError("no_text", "no article text found in the page")
    return Article(doc_id=doc_id, text=text, source=source, title=found.get("title"),
                   author=found.get("author"), date=found.get("date"),
                   site_name=found.get("sitename"), url=found.get("url") or url)
