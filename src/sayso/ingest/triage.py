"""Deciding what each input document is before any parsing: new, duplicate, or unsupported.

Exact duplicates (same text) and near-duplicates (a reprinted wire story) become
sightings of the canonical article; texts in a language without a pipeline are stored
and marked.  Only new, supported texts go on to the NLP pipeline.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from sayso.ingest import dedup, lang
from sayso.store.rows import Doc, article_row, sighting_row


@dataclass(slots=True)
class Verdict:
    """``analyse`` is True when the doc must go through the pipeline; rows are written as is."""

    analyse: bool
    kind: str  # new | exact | near | unsupported_language
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class Triage:
    """Knows every article in the store and in this run; reads with its own cursor."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, run_id: str,
                 near_duplicates: bool = True) -> None:
        self.cursor = cursor
        self.run_id = run_id
        self.near_duplicates = near_duplicates
        # article_id -> canonical article_id (itself unless a near-duplicate)
        self.canonical: dict[str, str] = dict(cursor.execute(
            "SELECT article_id, coalesce(near_duplicate_of, article_id) FROM articles").fetchall())
        self.bands: dict[str, list[str]] = defaultdict(list)
        for band, article_id in cursor.execute("SELECT band, article_id FROM minhash_bands"
                                               ).fetchall():
            self.bands[band].append(article_id)
        self.texts: dict[str, str] = {}  # canonical texts of this run, for confirming matches

    def judge(self, doc: Doc) -> Verdict:
        article_id = doc.article_id
        if article_id in self.canonical:
            canonical = self.canonical[article_id]
            match = "exact" if canonical == article_id else "near"
            return Verdict(False, "exact", {"sightings": [
                sighting_row(doc, canonical, match, self.run_id)]})
        doc.language = doc.language or lang.identify(doc.text)
        shingles = dedup.shingles(doc.text) if self.near_duplicates else set()
        bands = dedup.bands(shingles)
        original = self._near_match(shingles, bands)
        if original is not None:
            self.canonical[article_id] = original
            return Verdict(False, "near", {
                "articles": [article_row(doc, "near_duplicate", self.run_id, original)],
                "sightings": [sighting_row(doc, original, "near", self.run_id)]})
        self.canonical[article_id] = article_id
        band_rows = [{"band": b, "article_id": article_id} for b in bands]
        for band in bands:
            self.bands[band].append(article_id)
        if not lang.supported(doc.language):
            return Verdict(False, "unsupported_language", {
                "articles": [article_row(doc, "unsupported_language", self.run_id)],
                "sightings": [sighting_row(doc, article_id, "first", self.run_id)],
                "minhash_bands": band_rows})
        self.texts[article_id] = doc.text
        return Verdict(True, "new", {"minhash_bands": band_rows})

    def _near_match(self, shingles: set[int], bands: list[str]) -> str | None:
        counts: dict[str, int] = defaultdict(int)
        for band in bands:
            for candidate in self.bands.get(band, ()):
                counts[candidate] += 1
        for candidate, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
            text = self._text(candidate)
            if text is not None and dedup.near_duplicate(shingles, dedup.shingles(text)):
                return candidate
        return None

    def _text(self, article_id: str) -> str | None:
        if article_id in self.texts:
            return self.texts[article_id]
        row = self.cursor.execute("SELECT text FROM articles WHERE article_id = ?",
                                  [article_id]).fetchone()
        return str(row[0]) if row else None

    def done(self, article_id: str) -> None:
        """The article is written: its text can be read back from the store when needed."""
        self.texts.pop(article_id, None)
