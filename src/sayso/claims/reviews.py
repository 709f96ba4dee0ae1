"""schema.org ClaimReview records (fact-checks): import, and link each to its claim.

Records come from JSON-LD ``<script type="application/ld+json">`` blocks of fact-check
HTML pages, from JSON files, or from JSONL (one record, or a JSON-LD document, a line).
Bad records are counted and skipped; one broken page never stops an import.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from sayso.claims import db
from sayso.claims.text import content_terms
from sayso.claims.vectors import (
    Embedder,
    document_frequencies,
    features,
    sparse_matrix_dots,
    sparse_tfidf,
)

# Lower than the clustering threshold: fact-checkers reword claims more than news does.
LINK_THRESHOLD = 0.3


@dataclass(slots=True)
class ImportReport:
    imported: int
    skipped: int
    linked: int


class _JsonLdScripts(HTMLParser):
    """Collects the text of every ``application/ld+json`` script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").lower()
        self._inside = tag == "script" and "ld+json" in kind
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _is_review(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "ClaimReview" in kinds


def find_reviews(node: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview object anywhere in a JSON-LD value (@graph, lists, nesting)."""
    if isinstance(node, list):
        for item in node:
            yield from find_reviews(item)
    elif isinstance(node, dict):
        if _is_review(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, dict | list):
                yield from find_reviews(value)


def parse_file(path: Path) -> tuple[list[dict[str, Any]], int]:
    """ClaimReview objects in one file, and the number of unreadable blocks or lines."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm") or text.lstrip().startswith("<"):
        parser = _JsonLdScripts()
        parser.feed(text)
        chunks = parser.blocks
    elif path.suffix.lower() == ".jsonl":
        chunks = [line for line in text.splitlines() if line.strip()]
    else:
        chunks = [text]
    found: list[dict[str, Any]] = []
    bad = 0
    for chunk in chunks:
        try:
            found.extend(find_reviews(json.loads(chunk)))
        except json.JSONDecodeError:
            bad += 1
    return found, bad


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    return str(value).strip() if value not in (None, "") else None


def _str(value: Any) -> str | None:
    return str(value).strip() if value not in (None, "") else None


def to_row(review: dict[str, Any], source: str) -> dict[str, Any] | None:
    claim = _str(review.get("claimReviewed"))
    if not claim:
        return None
    rating = review.get("reviewRating") or {}
    if not isinstance(rating, dict):
        rating = {"alternateName": rating}
    item = review.get("itemReviewed") or {}
    item = item if isinstance(item, dict) else {}
    url = _str(review.get("url"))
    record = json.dumps(review, ensure_ascii=False, sort_keys=True)
    return {
        "review_id": hashlib.sha256((url or record).encode("utf-8")).hexdigest()[:32],
        "url": url, "claim_reviewed": claim,
        "rating": _str(rating.get("alternateName")) or _str(rating.get("name"))
        or _str(rating.get("ratingValue")),
        "rating_value": _str(rating.get("ratingValue")),
        "best_rating": _str(rating.get("bestRating")),
        "worst_rating": _str(rating.get("worstRating")),
        "author": _name(review.get("author")),
        "date_published": _str(review.get("datePublished")),
        "item_author": _name(item.get("author")),
        "source": source, "claim_id": None, "similarity": None, "record": record,
        "imported_at": datetime.now(UTC).replace(tzinfo=None),
    }


def import_files(con: duckdb.DuckDBPyConnection, paths: list[Path],
                 embedder: Embedder | None = None) -> ImportReport:
    rows, skipped = [], 0
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_dir():
                continue
            reviews, bad = parse_file(file)
            skipped += bad
            for review in reviews:
                row = to_row(review, str(file))
                if row is None:
                    skipped += 1
                else:
                    rows.append(row)
    unique = list({r["review_id"]: r for r in rows}.values())
    db.insert(con, "claim_reviews", pa.Table.from_pylist(unique), replace=True)
    linked = relink(con, embedder)
    return ImportReport(len(unique), skipped, linked)


def similarity_matrix(queries: list[str], targets: list[str], embedder: Embedder | None = None,
                      target_vectors: np.ndarray | None = None) -> np.ndarray:
    """Query x target similarity: lexical (IDF over both sides), blended with embeddings
    when the targets' vectors are at hand (cached by ``build``)."""
    feats = [features(content_terms(t)) for t in queries + targets]
    rows = sparse_tfidf(feats, document_frequencies(feats), len(feats))
    sims = sparse_matrix_dots(rows, range(len(queries)), range(len(queries), len(feats)))
    if embedder is not None and target_vectors is not None and queries and targets:
        q = embedder.encode(queries)
        sims = 0.5 * sims + 0.5 * np.clip((q @ target_vectors.T - 0.75) / 0.25, 0.0, 1.0)
    return sims


def _member_vectors(con: duckdb.DuckDBPyConnection, ids: list[str], model: str
                    ) -> np.ndarray | None:
    found = dict(con.execute(
        "SELECT attribution_id, vector FROM claim_embeddings WHERE model = ?", [model]
    ).fetchall())
    if not ids or any(i not in found for i in ids):
        return None
    return np.vstack([np.frombuffer(found[i], dtype="<f4") for i in ids])


def relink(con: duckdb.DuckDBPyConnection, embedder: Embedder | None = None) -> int:
    """Point every review at the claim whose member contents it is most similar to."""
    reviews = con.execute("SELECT review_id, claim_reviewed FROM claim_reviews").fetchall()
    if not reviews:
        return 0
    members = con.execute("""
        SELECT m.claim_id, m.attribution_id, coalesce(a.content_text, '')
        FROM claim_members m JOIN attributions a USING (attribution_id)""").fetchall()
    links: list[tuple[str | None, float | None, str]] = [(None, None, r[0]) for r in reviews]
    if members:
        vectors = (_member_vectors(con, [m[1] for m in members], embedder.name)
                   if embedder else None)
        sims = similarity_matrix([r[1] for r in reviews], [m[2] for m in members],
                                 embedder if vectors is not None else None, vectors)
        best = sims.argmax(axis=1)
        for row, (review_id, _text) in enumerate(reviews):
            score = float(sims[row, best[row]])
            if score >= LINK_THRESHOLD:
                links[row] = (members[best[row]][0], round(score, 4), review_id)
    con.executemany("UPDATE claim_reviews SET claim_id = ?, similarity = ? WHERE review_id = ?",
                    links)
    return sum(1 for link in links if link[0])


def reviews_for(con: duckdb.DuckDBPyConnection, claim_ids: list[str]
                ) -> dict[str, list[dict[str, Any]]]:
    if not claim_ids:
        return {}
    rows = con.execute("""
        SELECT claim_id, url, claim_reviewed, rating, author, date_published, item_author,
               similarity
        FROM claim_reviews WHERE claim_id IN (SELECT unnest(?))
        ORDER BY similarity DESC""", [claim_ids]).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r[0], []).append({
            "url": r[1], "claim_reviewed": r[2], "rating": r[3], "author": r[4],
            "date_published": r[5], "item_author": r[6], "similarity": r[7]})
    return out


_WS = re.compile(r"\s+")


def one_line(text: str | None, limit: int = 160) -> str:
    text = _WS.sub(" ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
