"""Score a store's claims and related statements against the claims gold set, the way a
user checks them: the gold's articles are ingested by the real pipeline (predicted
attributions, not gold ones), ``claims build`` and ``claims related`` run on the store, and
predicted attributions are matched to gold attributions by content-span overlap.

- **related**: for every gold member of a claim of the part, the related list of its
  matched statement; relevant = the claim's gold members in *other* articles. MAP@10
  (average precision over the first 10, divided by min(10, relevant)) and recall@10. A gold
  member with no matched statement scores 0.
- **claims**: pairwise precision/recall/F1 over the part's matched gold members (and over
  all of them, unmatched ones as singletons); coverage = share of gold members whose
  statement is in a predicted claim of two or more.
- **stance** of matched members in a predicted claim: accuracy (``repeat`` counts as
  ``assert``), macro-F1 over the gold labels, and always-"assert" for comparison.

    python scripts/eval_claims.py related --gold GOLD --store cache/claims_eval/all.duckdb
        [--part test] [--embedder minilm] [--ingest]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from sayso.claims import db
from sayso.claims.evaluate import GoldRow, read_gold

Spans = list[tuple[int, int]]
STANCES = ("assert", "deny", "question", "report")
MIN_OVERLAP = 0.5  # of the shorter content: below this a predicted content is another one


def text_file(polnear: Path, doc: str) -> Path | None:
    for split in ("train", "dev", "test", "."):
        path = polnear / split / "text" / f"{doc}.txt"
        if path.exists():
            return path
    return None


def ingest(store: Path, files: list[Path]) -> None:
    """The real ``sayso ingest`` (resumable: only missing articles are processed)."""
    subprocess.run([sys.executable, "-m", "sayso", "ingest", "--db", str(store), "--no-progress",
                    "--date-default", "2016-06-01", *map(str, files)], check=True)


def overlap(a: Spans, b: Sequence[Sequence[int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def length(spans: Sequence[Sequence[int]]) -> int:
    return sum(e - s for s, e in spans)


def match(gold: list[GoldRow], rows: list[db.Row], article_of: dict[str, str]
          ) -> dict[int, str]:
    """GoldRow index -> predicted attribution id, one to one, best overlap first."""
    by_article: dict[str, list[db.Row]] = defaultdict(list)
    for r in rows:
        by_article[r.article_id].append(r)
    candidates = []
    for k, g in enumerate(gold):
        for r in by_article.get(article_of.get(g.doc, ""), []):
            shared = overlap(g.content, r.content_spans)
            shorter = min(length(g.content), length(r.content_spans)) or 1
            if shared and shared / shorter >= MIN_OVERLAP:
                candidates.append((shared / max(length(g.content), length(r.content_spans)), k,
                                   r.attribution_id))
    out: dict[int, str] = {}
    taken: set[str] = set()
    for _score, k, aid in sorted(candidates, reverse=True):
        if k not in out and aid not in taken:
            out[k] = aid
            taken.add(aid)
    return out


def ranking_scores(gold: list[GoldRow], part: list[int], matched: dict[int, str],
                   related: dict[str, list[str]], k: int = 10) -> dict[str, float]:
    gold_of = {aid: g for g, aid in matched.items()}
    ap, rec, n = 0.0, 0.0, 0
    for q in part:
        relevant = {j for j in part if gold[j].cluster == gold[q].cluster
                    and gold[j].doc != gold[q].doc}
        if not relevant:
            continue
        n += 1
        ranked = related.get(matched.get(q, ""), [])[:k]
        hits, precision_sum = 0, 0.0
        for rank, aid in enumerate(ranked, start=1):
            if gold_of.get(aid) in relevant:
                hits += 1
                precision_sum += hits / rank
        ap += precision_sum / min(k, len(relevant))
        rec += hits / len(relevant)
    return {"map@10": round(ap / n, 3) if n else 0.0, "recall@10": round(rec / n, 3) if n else 0.0,
            "queries": n}


def pairwise(labels_gold: list[str], labels_pred: list[str | None]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(labels_gold)), 2):
        same_gold = labels_gold[a] == labels_gold[b]
        same_pred = labels_pred[a] is not None and labels_pred[a] == labels_pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def stance_scores(gold: list[str], pred: list[str]) -> dict[str, Any]:
    pred = ["assert" if p == "repeat" else p for p in pred]
    n = len(gold) or 1
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / n, 3),
            "macro_f1": round(sum(f1s) / len(f1s), 3) if f1s else 0.0,
            "always_assert": round(sum(g == "assert" for g in gold) / n, 3),
            "n": len(gold), "gold_labels": dict(Counter(gold)),
            "confusion": dict(Counter(f"{g}->{p}" for g, p in zip(gold, pred, strict=True)
                                      if g != p))}


def evaluate(con: duckdb.DuckDBPyConnection, gold: list[GoldRow], part: str,
             related: dict[str, list[str]]) -> dict[str, Any]:
    article_of = {Path(str(src)).stem: aid for aid, src in
                  con.execute("SELECT article_id, source FROM articles").fetchall()}
    rows = db.load_rows(con)
    matched = match(gold, rows, article_of)
    members = {aid: (cid, stance) for cid, aid, stance in con.execute(
        "SELECT claim_id, attribution_id, stance FROM claim_members").fetchall()}
    sizes = Counter(cid for cid, _s in members.values())
    idx = [k for k, g in enumerate(gold) if part in ("all", g.part)]
    in_store = [k for k in idx if gold[k].doc in article_of]
    scores: dict[str, Any] = {"part": part, "gold_members": len(idx),
                              "gold_claims": len({gold[k].cluster for k in idx}),
                              "articles_in_store": len({gold[k].doc for k in in_store}),
                              "matched": round(sum(k in matched for k in idx) / len(idx), 3)}
    scores.update(ranking_scores(gold, idx, matched, related))
    claim_of = [members.get(matched.get(k, ""), (None, None))[0] for k in idx]
    scores["coverage"] = round(sum(1 for c in claim_of if c and sizes[c] >= 2) / len(idx), 3)
    on = [n for n, k in enumerate(idx) if k in matched]
    scores["pairwise_matched"] = pairwise([gold[idx[n]].cluster for n in on],
                                          [claim_of[n] for n in on])
    scores["pairwise_all"] = pairwise([gold[k].cluster for k in idx], claim_of)
    with_stance = [k for k in idx if members.get(matched.get(k, ""))]
    scores["stance"] = stance_scores([gold[k].stance for k in with_stance],
                                     [members[matched[k]][1] for k in with_stance])
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[3]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=root / "tests/data/claims_gold.tsv")
    ap.add_argument("--polnear", type=Path, default=root.parent / "shared/data/polnear")
    ap.add_argument("--store", type=Path, default=root / "cache/claims_eval/all.duckdb")
    ap.add_argument("--part", choices=["all", "tune", "test"], default="test")
    ap.add_argument("--embedder", default="auto")
    ap.add_argument("--ingest", action="store_true", help="ingest the gold's missing articles")
    ap.add_argument("--no-build", action="store_true", help="score the claims already built")
    ap.add_argument("--embed-text", choices=["content", "cue"], default=None,
                    help="embed the content alone or read with its speaker and cue")
    ap.add_argument("--rerank", type=float, nargs=2, default=None, metavar=("LEXICAL", "NAMES"),
                    help="second-stage weights (default: the shipped related.RERANK)")
    ap.add_argument("--claim-weight", type=float, default=None,
                    help="second-stage weight of a shared claim (default: related.RERANK's)")
    ap.add_argument("--threshold", type=float, default=None, help="build's merge threshold")
    ap.add_argument("--floor", type=float, default=None, help="build's embedding cosine floor")
    ap.add_argument("--save-metrics", type=Path, default=None, help="also write them here")
    args = ap.parse_args(argv)
    gold = read_gold(args.gold)
    if args.ingest:
        files = [p for p in (text_file(args.polnear, d) for d in sorted({g.doc for g in gold}))
                 if p is not None]
        ingest(args.store, files)
    from sayso.claims.build import build
    from sayso.claims.related import build_index, related_records
    from sayso.claims.vectors import load_embedder

    if args.embed_text:
        from sayso.claims import related as related_module

        related_module.EMBED_MODE = args.embed_text
    if args.rerank:
        from sayso.claims import related as related_module

        related_module.RERANK = related_module.Rerank(*args.rerank)
    if args.claim_weight is not None:
        from dataclasses import replace as replace_weights

        from sayso.claims import related as related_module

        related_module.RERANK = replace_weights(related_module.RERANK, claim=args.claim_weight)
    embedder = load_embedder(args.embedder)
    started = time.perf_counter()
    con = db.connect(args.store)
    try:
        if not args.no_build:
            from dataclasses import replace

            from sayso.claims.cluster import Settings

            settings = Settings.for_embedder(embedder)
            if args.threshold is not None:
                settings = replace(settings, threshold=args.threshold)
            if args.floor is not None:
                settings = replace(settings, embed_floor=args.floor)
            build(con, embedder, settings)
        index = build_index(con, embedder, store=True)
        related = {str(r["attribution_id"]): [str(x["attribution_id"]) for x in
                                              r["related"]]  # type: ignore[attr-defined]
                   for r in related_records(index, 10)}
        scores = evaluate(con, gold, args.part, related)
    finally:
        con.close()
    from sayso.claims.related import EMBED_MODE, RERANK

    scores["embedder"] = embedder.name if embedder else "lexical"
    scores["embed_text"] = EMBED_MODE
    scores["rerank"] = [RERANK.lexical, RERANK.names, RERANK.claim]
    scores["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(scores, indent=2))
    if args.save_metrics:
        args.save_metrics.parent.mkdir(parents=True, exist_ok=True)
        args.save_metrics.write_text(json.dumps(scores, indent=2), encoding="utf-8")
    return 0
