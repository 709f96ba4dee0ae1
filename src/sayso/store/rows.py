"""Turning one analysed article into store rows: pure functions, no database.

Row builders take the typed records (``Article``, ``DocumentResult``, ``Failure``). Batch
workers (Dask, Spark) call ``result_rows`` and write the rows to Parquet; the one writer
loads them.  Keys come from content hashes so that
loading the same rows twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sayso.model import (
    Actor,
    Article,
    Attribution,
    DocumentResult,
    Event,
    Failure,
    Span,
    text_sha256,
)

TABLES = ("articles", "sightings", "attributions", "actors", "events", "failures")


def digest(*parts: str | None, size: int = 32) -> str:
    text = "\x1f".join(p or "" for p in parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def actor_id(article_id: str, name: str | None, country: str | None, sector: str | None) -> str:
    """An actor row's id: its article and its (name, country, sector), the key one row stands
    for (``actor_rows``; ``store.speakers`` re-keys renamed rows with it)."""
    return f"{article_id}:{digest(name, country, sector, size=16)}"


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


def article_row(doc: Article, status: str, run_id: str,
                near_duplicate_of: str | None = None) -> dict[str, Any]:
    return {
        "article_id": article_id_of(doc.text), "text_sha256": text_sha256(doc.text),
        "doc_id": doc.doc_id, "source": doc.source, "url": doc.url, "title": doc.title,
        "author": doc.author, "site_name": doc.site_name, "published": as_date(doc.date),
        "language": doc.language, "status": status, "near_duplicate_of": near_duplicate_of,
        "n_chars": len(doc.text), "text": doc.text, "ingested_at": now(), "run_id": run_id,
    }


def sighting_row(doc: Article, article_id: str, match: str, run_id: str) -> dict[str, Any]:
    return {
        "sighting_id": digest(article_id, doc.source), "article_id": article_id,
        "source": doc.source, "url": doc.url, "site_name": doc.site_name, "title": doc.title,
        "published": as_date(doc.date), "seen_at": now(), "run_id": run_id,
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


def failure_row(failure: Failure, run_id: str) -> dict[str, Any]:
    source, reason = failure.source, failure.reason
    return {"failure_id": digest(source, reason), "run_id": run_id, "source": storable(source),
            "reason": reason, "detail": storable(failure.detail[:2000]), "failed_at": now()}


def _spans(span: Span | None) -> str | None:
    return json.dumps([[a, b] for a, b in span.spans]) if span else None


def _bounds(*spans: Span | None) -> tuple[int | None, int | None]:
    ranges = [r for s in spans if s for r in s.spans]
    if not ranges:
        return None, None
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


# Sources that name no one: a speaker so called is left out of the speaker views.
NO_SPEAKER = frozenset({"i", "me", "my", "we", "us", "our", "you", "who", "whom", "which", "that"})
INITIAL = re.compile(r"(?<=\w) (?:[A-Z]\. )+(?=\w)")


def speaker_key(speaker: Actor) -> str | None:
    """One name per person or body across the store, whatever each article called it: the
    knowledge base's name where the speaker is linked ("Trump", "Donald J. Trump" -> "Donald
    Trump"), else the name without middle initials ("John D. Podesta" -> "John Podesta")."""
    # (a clitic, "'s" of "Let's", is no name: reader25)
    name = " ".join(str(speaker.name or "").split())
    if sum(c.isalnum() for c in name) < 2 or name.lower() in NO_SPEAKER:
        return None
    if speaker.kb_id:
        from sayso.knowledge import display_names  # the knowledge base loads only when needed

        return display_names().get(speaker.kb_id, name)
    if speaker.kind == "person":
        name = INITIAL.sub(" ", name)
    elif speaker.kind == "organization":
        name = _without_article(name)
    return name


# Small words a body's proper name may hold in lower case ("Committee for a Responsible ...").
NAME_LINKS = frozenset({"of", "for", "and", "on", "the", "a", "an", "in", "at", "to", "&"})


def _without_article(name: str) -> str:
    """"The Tax Foundation" and "the Tax Foundation" are "Tax Foundation" (reader24): an article
    before a body's proper name of two or more words is no part of the key. Descriptions ("the
    Clinton campaign") and one-word titles ("The Times", "The Hill") keep it."""
    words = name.split()
    if len(words) < 3 or words[0] not in ("the", "The"):
        return name
    if not all(w[:1].isupper() or w[:1].isdigit() or w in NAME_LINKS for w in words[1:]):
        return name
    return " ".join(words[1:]) if words[1][:1].isupper() and words[-1][:1].isupper() else name


def attribution_row(article_id: str, attribution: Attribution) -> dict[str, Any]:
    record = attribution.to_dict()  # stored whole, as ``sayso extract`` prints it
    source, speaker = attribution.source, attribution.speaker
    start, end = _bounds(source, attribution.cue, attribution.content)
    return {
        "attribution_id": f"{article_id}:{attribution.id}", "article_id": article_id,
        "kind": attribution.kind, "cue_class": attribution.cue_class,
        "source_text": source.text if source else None, "source_spans": _spans(source),
        "cue_text": attribution.cue.text, "cue_spans": _spans(attribution.cue),
        "content_text": attribution.content.text, "content_spans": _spans(attribution.content),
        "speaker_name": speaker_key(speaker) if speaker and source else None,
        "speaker_kind": speaker.kind if speaker and source else None,
        "speaker_country": speaker.country if speaker and source else None,
        "speaker_sector": speaker.sector if speaker and source else None,
        "speaker_role": speaker.role if speaker and source else None,
        "speaker_kb_id": speaker.kb_id if speaker and source else None,
        "confidence": record["confidence"], "start_char": start, "end_char": end,
        "record": json.dumps(record, ensure_ascii=False),
    }


def event_row(article_id: str, event: Event) -> dict[str, Any]:
    record = event.to_dict()
    src, tgt = event.source, event.target
    return {
        "event_id": f"{article_id}:{event.id}", "article_id": article_id,
        "type": event.type, "mode": event.mode,
        "context": json.dumps(list(event.context)),
        "source_name": src.name if src else None, "source_country": src.country if src else None,
        "source_sector": src.sector if src else None,
        "target_name": tgt.name if tgt else None, "target_country": tgt.country if tgt else None,
        "target_sector": tgt.sector if tgt else None,
        "trigger_text": event.trigger.text, "trigger_spans": _spans(event.trigger),
        "negated": bool(event.negated), "hypothetical": bool(event.hypothetical),
        "attribution_id": f"{article_id}:{event.attribution_id}" if event.attribution_id
        else None,
        "event_date": as_date(event.date),
        "location": json.dumps(event.location) if event.location else None,
        "confidence": record["confidence"], "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "record": json.dumps(record, ensure_ascii=False),
    }


def actor_rows(article_id: str, result: DocumentResult) -> list[dict[str, Any]]:
    """Speakers and event participants, one row per (name, country, sector), spans merged."""
    found: dict[str, dict[str, Any]] = {}
    actors = [a.speaker if a.source is not None else None for a in result.attributions]
    for event in result.events:
        actors += [event.source, event.target]
    for actor in actors:
        name = speaker_key(actor) if actor else None
        if not actor or not name:
            continue
        key = actor_id(article_id, name, actor.country, actor.sector)
        row = found.setdefault(key, {
            "actor_id": key, "article_id": article_id,
            "name": name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector,
            "secondary_sectors": json.dumps(list(actor.secondary_sectors or [])),
            "role": actor.role, "kb_id": actor.kb_id, "spans": set(),
        })
        row["spans"].update(tuple(s) for s in actor.spans or [])
    for row in found.values():
        row["spans"] = json.dumps(sorted(list(s) for s in row["spans"]))
    return list(found.values())


def band_rows(article_id: str, bands: Iterable[str]) -> list[dict[str, Any]]:
    return [{"band": b, "article_id": article_id} for b in bands]


def result_rows(article: Article, result: DocumentResult, run_id: str,
                bands: Iterable[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """All rows for one analysed article (or its failure), keyed by table name; ``bands``
    are its MinHash bands (from triage), stored with the article."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    if result.error is not None:
        # The store has always recorded every error of the pipeline as analysis_failed (its
        # detail says which); readers' errors keep their own reasons.
        failure = Failure.of(article.source or article.doc_id, "analysis_failed",
                             result.error.detail)
        rows["failures"].append(failure_row(failure, run_id))
        return rows
    article_id = article_id_of(article.text)
    rows["articles"].append(article_row(article, "processed", run_id))
    rows["sightings"].append(sighting_row(article, article_id, "first", run_id))
    rows["attributions"] = [attribution_row(article_id, a) for a in result.attributions]
    rows["events"] = [event_row(article_id, e) for e in result.events]
    rows["actors"] = actor_rows(article_id, result)
    rows["minhash_bands"] = band_rows(article_id, bands)
    return rows
