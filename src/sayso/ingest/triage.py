"""Deciding what each input document is before any parsing: new, duplicate, or unsupported.

Exact duplicates (same text) and near-duplicates (a reprinted wire story) become
sightings of the canonical article; texts in a language without a pipeline are stored
and marked.  Only new, supported texts go on to the NLP pipeline.

What is committed is looked up in the store (indexed keys), so memory does not grow
with the store; only documents judged but not yet committed are kept in memory.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from sayso import lang
from sayso.ingest import dedup
from sayso.model import Article
from sayso.store.rows import article_id_of, article_row, sighting_row


@dataclass(slots=True)
class Verdict:
    """``analyse`` is True when the doc must go through the pipeline; rows are written as is."""

    analyse: bool
    kind: str  # new | exact | near | unsupported_language
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class Triage:
    """Judges documents against the store (own cursor) and the not-yet-committed ones."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, run_id: str,
                 near_duplicates: bool = True) -> None:
        self.cursor = cursor
        self.run_id = run_id
        self.near_duplicates = near_duplicates
        self.lock = threading.Lock()  # judge() may run in a pool's feeder thread
        self.canonical: dict[str, str] = {}  # uncommitted article_id -> canonical article_id
        self.bands: dict[str, list[str]] = defaultdict(list)
        self.doc_bands: dict[str, list[str]] = {}
        self.texts: dict[str, str] = {}

    def judge(self, doc: Article) -> Verdict:
        article_id = article_id_of(doc.text)
        canonical = self._canonical(article_id)
        if canonical is not None:
            match = "exact" if canonical == article_id else "near"
            return Verdict(False, "exact", {"sightings": [
                sighting_row(doc, canonical, match, self.run_id)]})
        doc.language = doc.language or lang.identify(doc.text)
        shingles = dedup.shingles(doc.text) if self.near_duplicates else set()
        bands = dedup.bands(shingles)
        original = self._near_match(shingles, bands)
        if original is not None:
            self._remember(article_id, original, [], None)
            return Verdict(False, "near", {
                "articles": [article_row(doc, "near_duplicate", self.run_id, original)],
                "sightings": [sighting_row(doc, original, "near", self.run_id)]})
        self._remember(article_id, article_id, bands, doc.text)
        band_rows = [{"band": b, "article_id": article_id} for b in bands]
        if not lang.supported(doc.language):
            return Verdict(False, "unsupported_language", {
                "articles": [article_row(doc, "unsupported_language", self.run_id)],
                "sightings": [sighting_row(doc, article_id, "first", self.run_id)],
                "minhash_bands": band_rows})
        return Verdict(True, "new")  # its bands are written with its analysis (bands_of)

    def bands_of(self, article_id: str) -> list[str]:
        """The MinHash bands of an article judged new and not yet committed."""
        with self.lock:
            return list(self.doc_bands.get(article_id, []))

    def committed(self, article_ids: Iterable[str]) -> None:
        """These articles are in the store now: forget the in-memory copies."""
        with self.lock:
            for article_id in article_ids:
                self.canonical.pop(article_id, None)
                self.texts.pop(article_id, None)
                for band in self.doc_bands.pop(article_id, []):
                    holders = self.bands.get(band)
                    if holders and article_id in holders:
                        holders.remove(article_id)
                        if not holders:
                            del self.bands[band]

    def _remember(self, article_id: str, canonical: str, bands: list[str],
                  text: str | None) -> None:
        with self.lock:
            self.canonical[article_id] = canonical
            self.doc_bands[article_id] = bands
            for band in bands:
                self.bands[band].append(article_id)
            if text is not None:
                self.texts[article_id] = text

    def _canonical(self, article_id: str) -> str | None:
        with self.lock:
            if article_id in self.canonical:
                return self.canonical[article_id]
        row = self.cursor.execute(
            "SELECT coalesce(near_duplicate_of, article_id) FROM articles WHERE article_id = ?",
            [article_id]).fetchone()
        return str(row[0]) if row else None

    def _candidates(self, bands: list[str]) -> list[str]:
        counts: dict[str, int] = defaultdict(int)
        with self.lock:
            for band in bands:
                for candidate in self.bands.get(band, ()):
                    counts[candidate] += 1
        if bands:
            for candidate, n in self.cursor.execute(
                    "SELECT article_id, count(*) FROM minhash_bands WHERE band IN "
                    "(SELECT unnest(?)) GROUP BY article_id", [bands]).fetchall():
                counts[candidate] = max(counts[candidate], n)
        return [c for c, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]]

    def _near_match(self, shingles: set[int], bands: list[str]) -> str | None:
        for candidate in self._candidates(bands):
            text = self._text(candidate)
            if text is not None and dedup.near_duplicate(shingles, dedup.shingles(text)):
                return candidate
        return None

    def _text(self, article_id: str) -> str | None:
        with self.lock:
            if article_id in self.texts:
                return self.texts[article_id]
        row = self.cursor.execute("SELECT text FROM articles WHERE article_id = ?",
                                  [article_id]).fetchone()
        return str(row[0]) if row else None
