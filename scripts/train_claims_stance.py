"""Train the learned stance model (sayso.claims.stance_model) on the gold's ``tune`` half.

    python scripts/eval_claims.py related --gold GOLD --part tune   # builds the eval store
    python scripts/train_claims_stance.py --gold GOLD [--store cache/claims_eval/all.duckdb]

Examples are the store's *predicted* attributions matched to tune gold members (content-span
overlap, as the evaluation matches them) that sit in a predicted claim: the cue and content
the pipeline found, the polarity of the claim the build formed, and the gold stance. The
regularisation and class weighting are chosen by 5-fold cross-validation over tune claims;
writes src/sayso/data/claims_stance.npz. numpy only; seeded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sayso.claims import db  # noqa: E402
from sayso.claims.assemble import claim_polarity  # noqa: E402
from sayso.claims.evaluate import read_gold  # noqa: E402
from sayso.claims.stance_model import LABELS, MODEL_FILE, features, fit, predict  # noqa: E402
from sayso.claims.store_eval import match, stance_scores  # noqa: E402


def examples(store: Path, gold_path: Path, part: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    con = db.connect(store, read_only=True)
    rows = db.load_rows(con)
    members = dict(con.execute("SELECT attribution_id, claim_id FROM claim_members").fetchall())
    reps = {cid: json.loads(rec or "{}").get("representative_attribution_id")
            for cid, rec in con.execute("SELECT claim_id, record FROM claims").fetchall()}
    article_of = {Path(str(s)).stem: a for a, s in
                  con.execute("SELECT article_id, source FROM articles").fetchall()}
    con.close()
    gold = [g for g in read_gold(gold_path) if g.part == part]
    matched = match(gold, rows, article_of)
    inside = [k for k, r in enumerate(rows) if r.attribution_id in members]
    number = {cid: n for n, cid in enumerate(sorted(set(members.values())))}
    labels = [number[members[rows[k].attribution_id]] for k in inside]
    position = {rows[k].attribution_id: n for n, k in enumerate(inside)}
    rep_of = {number[c]: position[a] for c, a in reps.items() if a in position and c in number}
    sub = [rows[k] for k in inside]
    negated = claim_polarity(labels, rep_of, [r.content for r in sub], [r.cue for r in sub],
                             [r.cue_class for r in sub])
    x, y, groups = [], [], []
    for k, aid in matched.items():
        if aid not in position or gold[k].stance not in LABELS:
            continue
        r = sub[position[aid]]
        x.append(features(r.cue, r.cue_class, r.content, negated[labels[position[aid]]]))
        y.append(LABELS.index(gold[k].stance))
        groups.append(gold[k].cluster)
    return np.vstack(x), np.asarray(y), groups


def cross_validate(x: np.ndarray, y: np.ndarray, groups: list[str], l2: float,
                   balanced: bool, seed: int) -> dict[str, float]:
    claims = sorted(set(groups))
    rng = np.random.default_rng(seed)
    fold_of = {c: int(f) for c, f in zip(claims, rng.integers(0, 5, len(claims)), strict=True)}
    pred = [""] * len(y)
    for fold in range(5):
        test = np.asarray([fold_of[g] == fold for g in groups])
        w = fit(x[~test], y[~test], l2=l2, class_weight=_weights(y[~test], balanced))
        for k, label in zip(np.flatnonzero(test), predict(x[test], w), strict=True):
            pred[k] = label
    return stance_scores([LABELS[v] for v in y], pred)


def _weights(y: np.ndarray, balanced: bool) -> np.ndarray | None:
    if not balanced:
        return None
    counts = np.bincount(y, minlength=len(LABELS)).astype(np.float64)
    return np.where(counts > 0, len(y) / (len(LABELS) * np.maximum(counts, 1)), 0.0) ** 0.5


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--store", type=Path, default=ROOT / "cache/claims_eval/all.duckdb")
    ap.add_argument("--out", type=Path, default=ROOT / "src/sayso/data" / MODEL_FILE)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    x, y, groups = examples(args.store, args.gold, "tune")
    print(f"{len(y)} tune examples: {dict(zip(LABELS, np.bincount(y, minlength=4).tolist(), strict=True))}")
    best = None
    for l2 in (0.1, 1.0, 10.0):
        for balanced in (False, True):
            got = cross_validate(x, y, groups, l2, balanced, args.seed)
            print(f"l2 {l2:<5} balanced {balanced!s:<5} accuracy {got['accuracy']:.3f} "
                  f"macro-F1 {got['macro_f1']:.3f} (always assert {got['always_assert']:.3f})")
            key = (got["accuracy"] + got["macro_f1"], l2, balanced)
            if best is None or key[0] > best[0]:
                best = key
    assert best is not None
    _score, l2, balanced = best
    w = fit(x, y, l2=l2, class_weight=_weights(y, balanced))
    np.savez(args.out, weights=w, l2=l2, balanced=balanced, n=len(y))
    print(f"chosen l2 {l2}, balanced {balanced}; wrote {args.out}")


if __name__ == "__main__":
    main()
