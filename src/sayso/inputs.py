"""Reading documents for ``sayso extract``: files, folders, stdin and JSONL.

A document that cannot be read still yields an ``Article`` (empty text, the
reason in ``meta["error"]``) so that it appears in the output with its error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from sayso.model import Article
from sayso.pipeline import InputError, decode

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def unreadable(doc_id: str, reason: str) -> Article:
    return Article(doc_id=doc_id, text="", meta={"error": reason})


def read_path(path: Path, doc_id: str | None = None) -> Article:
    doc_id = doc_id or path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        return unreadable(doc_id, f"cannot read {path}: {exc.strerror or exc}")
    try:
        return Article(doc_id=doc_id, text=decode(data), meta={"path": str(path)})
    except InputError as exc:
        return unreadable(doc_id, str(exc))


def expand(paths: Iterable[str]) -> Iterator[Path | None]:
    """Files named, folders walked (sorted, text suffixes only); None stands for stdin."""
    for raw in paths:
        if raw == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
        else:
            yield path


def read_paths(paths: Iterable[str], date: str | None = None) -> Iterator[Article]:
    for path in expand(paths):
        if path is None:
            data = sys.stdin.buffer.read()
            try:
                article = Article(doc_id="stdin", text=decode(data))
            except InputError as exc:
                article = unreadable("stdin", str(exc))
        else:
            article = read_path(path)
        article.date = article.date or date
        yield article


def read_jsonl(path: str, date: str | None = None, text_field: str = "text",
               id_field: str = "id", date_field: str = "date") -> Iterator[Article]:
    """One article per JSONL line; a bad line becomes an error record named by its line number."""
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    with stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            fallback = f"line-{number}"
            try:
                record = json.loads(decode(raw))
            except (InputError, json.JSONDecodeError) as exc:
                yield unreadable(fallback, f"line {number}: not valid JSON ({exc})")
                continue
            if not isinstance(record, dict):
                yield unreadable(fallback, f"line {number}: expected a JSON object")
                continue
            doc_id = str(record.get(id_field) or fallback)
            text = record.get(text_field)
            if not isinstance(text, str):
                yield unreadable(doc_id, f"line {number}: field {text_field!r} missing or not a string")
                continue
            given_date = record.get(date_field)
            if given_date is not None and not isinstance(given_date, str):
                yield unreadable(doc_id, f"line {number}: field {date_field!r} is not a string")
                continue
            meta = {k: v for k, v in record.items() if k not in (id_field, text_field)}
            yield Article(doc_id=doc_id, text=text, date=given_date or date,
                          url=record.get("url"), title=record.get("title"), meta=meta)
