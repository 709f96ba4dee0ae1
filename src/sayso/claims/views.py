"""Read claims back: the ``--json`` contract, listing, search and contradictions.

``claim_json`` is the record ``sayso claims --json`` prints, one per line; its fields are
documented in docs/claims.md and only ever gain new keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from sayso.claims.reviews import reviews_for, similarity_matrix
from sayso.claims.text import sentence_bounds

_CLAIMS = """
SELECT claim_id, text, CAST(first_seen AS VARCHAR), CAST(last_seen AS VARCHAR),
       n_attributions, n_articles, n_speakers, record
FROM claims {where}
ORDER BY n_articles DESC, n_attributions DESC, claim_id
{limit}
"""

_MEMBERS = """
SELECT m.claim_id, m.attribution_id, m.article_id, m.stance, m.similarity,
       ar.source, ar.url, ar.site_name, ar.title, CAST(ar.published AS VARCHAR),
       a.speaker_name, a.speaker_kb_id, a.speaker_country, a.speaker_sector, a.speaker_role,
       a.cue_text, a.cue_class, a.content_text, a.content_spans
FROM claim_members m
JOIN attributions a USING (attribution_id)
LEFT JOIN articles ar ON ar.article_id = m.article_id
WHERE m.claim_id IN (SELECT unnest(?))
ORDER BY m.claim_id, ar.published NULLS LAST, m.article_id, a.start_char
"""


def _claim(row: tuple[Any, ...]) -> dict[str, Any]:
    record = json.loads(row[7]) if row[7] else {}
    return {
        "claim_id": row[0], "text": row[1], "first_seen": row[2], "last_seen": row[3],
        "n_attributions": row[4], "n_articles": row[5], "n_speakers": row[6],
        "stances": record.get("stances", {}),
        "contradiction": bool(record.get("contradiction")),
        "representative_attribution_id": record.get("representative_attribution_id"),
    }


def _member(r: tuple[Any, ...]) -> dict[str, Any]:
    spans = json.loads(r[18]) if isinstance(r[18], str) else (r[18] or [])
    return {
        "attribution_id": r[1], "article_id": r[2], "stance": r[3], "similarity": r[4],
        "source": r[5], "url": r[6], "site_name": r[7], "title": r[8], "date": r[9],
        "speaker": {"name": r[10], "kb_id": r[11], "country": r[12], "sector": r[13],
                    "role": r[14]},
        "cue": {"text": r[15], "class": r[16]},
        "content": {"spans": spans, "text": r[17]},
    }


def claims(con: duckdb.DuckDBPyConnection, min_size: int = 1, limit: int | None = None,
           ids: list[str] | None = None, contradictions_only: bool = False
           ) -> list[dict[str, Any]]:
    if ids is not None and not ids:
        return []
    where, params = ["n_attributions >= ?"], [min_size]
    if ids is not None:
        where.append("claim_id IN (SELECT unnest(?))")
        params.append(ids)  # type: ignore[arg-type]
    if contradictions_only:
        where.append("CAST(json_extract(record, '$.contradiction') AS BOOLEAN)")
    sql = _CLAIMS.format(where="WHERE " + " AND ".join(where),
                         limit=f"LIMIT {int(limit)}" if limit else "")
    found = [_claim(r) for r in con.execute(sql, params).fetchall()]
    said = sentences(con, [c["representative_attribution_id"] for c in found
                           if c["representative_attribution_id"]])
    for c in found:  # the label: the full sentence the claim's statement stands in
        c["sentence"] = said.get(c["representative_attribution_id"]) or c["text"]
    return found


WINDOW = 400  # characters read either side of a statement to find its sentence


def sentences(con: duckdb.DuckDBPyConnection, attribution_ids: list[str]) -> dict[str, str]:
    """The sentence(s) holding each statement, from the article text."""
    if not attribution_ids:
        return {}
    rows = con.execute(
        "SELECT t.attribution_id, t.start_char - greatest(0, t.start_char - ?),"
        " t.end_char - greatest(0, t.start_char - ?),"
        " substr(a.text, greatest(1, t.start_char + 1 - ?), t.end_char - t.start_char + 2 * ?)"
        " FROM attributions t JOIN articles a USING (article_id)"
        " WHERE t.attribution_id IN (SELECT unnest(?))",
        [WINDOW, WINDOW, WINDOW, WINDOW, attribution_ids]).fetchall()
    out = {}
    for aid, lo, hi, window in rows:
        begin, end = sentence_bounds(window or "", int(lo or 0), int(hi or 0))
        out[aid] = " ".join((window or "")[begin:end].split())
    return out


def with_members(con: duckdb.DuckDBPyConnection, found: list[dict[str, Any]]
                 ) -> list[dict[str, Any]]:
    ids = [c["claim_id"] for c in found]
    members: dict[str, list[dict[str, Any]]] = {}
    for row in con.execute(_MEMBERS, [ids]).fetchall() if ids else []:
        members.setdefault(row[0], []).append(_member(row))
    reviews = reviews_for(con, ids)
    for c in found:
        c["members"] = members.get(c["claim_id"], [])
        c["reviews"] = reviews.get(c["claim_id"], [])
    return found


def iter_json(con: duckdb.DuckDBPyConnection, min_size: int = 1, batch: int = 500
              ) -> Iterator[dict[str, Any]]:
    """Every claim with its members, in batches so a large store streams."""
    found = claims(con, min_size=min_size)
    for start in range(0, len(found), batch):
        yield from with_members(con, found[start:start + batch])


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10
           ) -> list[dict[str, Any]]:
    """Claims whose statement or member contents are most similar to ``query``."""
    rows = con.execute("""
        SELECT m.claim_id, coalesce(a.content_text, '') FROM claim_members m
        JOIN attributions a USING (attribution_id)""").fetchall()
    if not rows:
        return []
    sims = similarity_matrix([query], [r[1] for r in rows])[0]
    best: dict[str, float] = {}
    for (cid, _text), score in zip(rows, sims.tolist(), strict=True):
        best[cid] = max(best.get(cid, 0.0), score)
    ranked = sorted((s, c) for c, s in best.items() if s > 0)[::-1][:limit]
    found = {c["claim_id"]: c for c in claims(con, ids=[c for _s, c in ranked])}
    out = []
    for score, cid in ranked:
        if cid in found:
            found[cid]["score"] = round(score, 4)
            out.append(found[cid])
    return out


def contradictions(con: duckdb.DuckDBPyConnection, limit: int | None = None
                   ) -> list[dict[str, Any]]:
    """Claims one source affirms and another denies, with both sides listed."""
    found = with_members(con, claims(con, min_size=2, limit=limit, contradictions_only=True))
    for c in found:
        c["affirmed_by"] = [m for m in c["members"] if m["stance"] in ("assert", "repeat")]
        c["denied_by"] = [m for m in c["members"] if m["stance"] == "deny"]
    return found
