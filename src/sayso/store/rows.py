"""Turning one analysed article into store rows: pure functions, no database.

Batch workers (local pool, Dask, Spark) call ``article_rows`` and write the rows
to Parquet; the one writer loads them.  Keys come from content hashes so that
loading the same rows twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

TABLES = ("articles", "sightings", "attributions", "actors", "events", "failures")


def digest(*parts: str | None, size: int = 32) -> str:
    text = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id_of(text: str) -> str:
    return text_sha256(text)[:32]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def as_date(value: Any) -> str | None:
    """ISO date (YYYY-MM-DD) from a date, datetime or string starting with one; else None."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


@dataclass(slots=True)
class Doc:
    """One input document as the store sees it: text plus where and how it was seen."""

    doc_id: str
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def article_id(self) -> str:
        return article_id_of(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Doc:
        fields: dict[str, Any] = {k: data[k] for k in cls.__slots__ if k in data}  # type: ignore[attr-defined]
        return cls(**fields)


def article_row(doc: Doc, status: str, run_id: str,
                near_duplicate_of: str | None = None) -> dict[str, Any]:
    return {
        "article_id": doc.article_id, "text_sha256": text_sha256(doc.text),
        "doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "title": doc.title,
        "author": doc.author, "site_name": doc.site_name, "published": as_date(doc.published),
        "language": doc.language, "status": status, "near_duplicate_of": near_duplicate_of,
        "n_chars": len(doc.text), "text": doc.text, "ingested_at": now(), "run_id": run_id,
    }


def sighting_row(doc: Doc, article_id: str, match: str, run_id: str) -> dict[str, Any]:
    return {
        "sighting_id": digest(article_id, doc.source), "article_id": article_id,
        "source": doc.source, "url": doc.url, "site_name": doc.site_name, "title": doc.title,
        "published": as_date(doc.published), "seen_at": now(), "run_id": run_id,
        "match": match, "text_sha256": text_sha256(doc.text), "author": doc.author,
    }


def storable(text: str) -> str:
    """``text`` with lone surrogates (undecodable file names, "\\ud800" in JSON) written as
    backslash escapes: the store's Arrow loader refuses them and would abort the batch."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def failure_row(source: str, reason: str, detail: str, run_id: str) -> dict[str, Any]:
    return {"failure_id": digest(source, reason), "run_id": run_id, "source": storable(source),
            "reason": reason, "detail": storable(detail[:2000]), "failed_at": now()}


def _spans(span: dict[str, Any] | None) -> str | None:
    return json.dumps(span["spans"]) if span else None


def _bounds(*spans: dict[str, Any] | None) -> tuple[int | None, int | None]:
    ranges = [r for s in spans if s for r in s.get("spans", [])]
    if not ranges:
        return None, None
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


# Sources that name no one: a speaker so called is left out of the speaker views.
NO_SPEAKER = frozenset({"i", "me", "my", "we", "us", "our", "you", "who", "whom", "which", "that"})
INITIAL = re.compile(r"(?<=\w) (?:[A-Z]\. )+(?=\w)")


def speaker_key(speaker: dict[str, Any]) -> str | None:
    """One name per person or body across the store, whatever each article called it: the
    knowledge base's name where the speaker is linked ("Trump", "Donald J. Trump" -> "Donald
    Trump"), else the name without middle initials ("John D. Podesta" -> "John Podesta")."""
    name = " ".join(str(speaker.get("name") or "").split())
    if not name or name.lower() in NO_SPEAKER:
        return None
    kb_id = speaker.get("kb_id")
    if kb_id:
        from sayso.knowledge import display_names  # the knowledge base loads only when needed

        return display_names().get(kb_id, name)
    if speaker.get("kind") == "person":
        name = INITIAL.sub(" ", name)
    return name


def attribution_row(article_id: str, record: dict[str, Any]) -> dict[str, Any]:
    source = record.get("source")
    speaker = (source or {}).get("speaker") or {}
    start, end = _bounds(source, record.get("cue"), record.get("content"))
    return {
        "attribution_id": f"{article_id}:{record['id']}", "article_id": article_id,
        "kind": record.get("kind"), "cue_class": record.get("cue_class"),
        "source_text": source["text"] if source else None, "source_spans": _spans(source),
        "cue_text": record["cue"]["text"], "cue_spans": _spans(record["cue"]),
        "content_text": record["content"]["text"], "content_spans": _spans(record["content"]),
        "speaker_name": speaker_key(speaker), "speaker_kind": speaker.get("kind"),
        "speaker_country": speaker.get("country"), "speaker_sector": speaker.get("sector"),
        "speaker_role": speaker.get("role"), "speaker_kb_id": speaker.get("kb_id"),
        "confidence": record.get("confidence"), "start_char": start, "end_char": end,
        "record": json.dumps(record, ensure_ascii=False),
    }


def event_row(article_id: str, record: dict[str, Any]) -> dict[str, Any]:
    src = record.get("source") or {}
    tgt = record.get("target") or {}
    attribution = record.get("attribution_id")
    return {
        "event_id": f"{article_id}:{record['id']}", "article_id": article_id,
        "type": record.get("type"), "mode": record.get("mode"),
        "context": json.dumps(record.get("context") or []),
        "source_name": src.get("name"), "source_country": src.get("country"),
        "source_sector": src.get("sector"), "target_name": tgt.get("name"),
        "target_country": tgt.get("country"), "target_sector": tgt.get("sector"),
        "trigger_text": record["trigger"]["text"], "trigger_spans": _spans(record["trigger"]),
        "negated": bool(record.get("negated")), "hypothetical": bool(record.get("hypothetical")),
        "attribution_id": f"{article_id}:{attribution}" if attribution else None,
        "event_date": as_date(record.get("date")),
        "location": json.dumps(record["location"]) if record.get("location") else None,
        "confidence": record.get("confidence"), "cameo_root": record.get("cameo_root"),
        "quad_class": record.get("quad_class"),
        "record": json.dumps(record, ensure_ascii=False),
    }


def actor_rows(article_id: str, result: dict[str, Any]) -> list[dict[str, Any]]:
    """Speakers and event participants, one row per (name, country, sector), spans merged."""
    found: dict[str, dict[str, Any]] = {}
    actors = [((a.get("source") or {}).get("speaker")) for a in result.get("attributions", [])]
    for event in result.get("events", []):
        actors += [event.get("source"), event.get("target")]
    for actor in actors:
        name = speaker_key(actor) if actor else None
        if not actor or not name:
            continue
        key = digest(name, actor.get("country"), actor.get("sector"), size=16)
        row = found.setdefault(key, {
            "actor_id": f"{article_id}:{key}", "article_id": article_id,
            "name": name, "kind": actor.get("kind"), "country": actor.get("country"),
            "sector": actor.get("sector"),
            "secondary_sectors": json.dumps(actor.get("secondary_sectors") or []),
            "role": actor.get("role"), "kb_id": actor.get("kb_id"), "spans": set(),
        })
        row["spans"].update(tuple(s) for s in actor.get("spans") or [])
    for row in found.values():
        row["spans"] = json.dumps(sorted(list(s) for s in row["spans"]))
    return list(found.values())


def result_rows(doc: Doc, result: dict[str, Any], run_id: str) -> dict[str, list[dict[str, Any]]]:
    """All rows for one analysed article (or its failure), keyed by table name."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    if result.get("error"):
        rows["failures"].append(failure_row(doc.source, "analysis_failed", result["error"], run_id))
        return rows
    article_id = doc.article_id
    rows["articles"].append(article_row(doc, "processed", run_id))
    rows["sightings"].append(sighting_row(doc, article_id, "first", run_id))
    rows["attributions"] = [attribution_row(article_id, a) for a in result.get("attributions", [])]
    rows["events"] = [event_row(article_id, e) for e in result.get("events", [])]
    rows["actors"] = actor_rows(article_id, result)
    return rows
