"""Train the learned stance model (sayso.claims.stance_model) on the gold's ``tune`` half.

    python scripts/eval_claims.py related --gold GOLD --part tune --ingest  # builds the store
    python scripts/train_claims_stance.py --gold GOLD [--store cache/claims_eval/all.duckdb]
        [--write]

Examples are the store's *predicted* attributions matched to gold members (content-span
overlap, as the evaluation matches them) that sit in a predicted claim: the cue and content
the pipeline found, the claim the build formed (its statement, polarity and other members),
and the gold stance. Every feature set is scored by 5-fold cross-validation grouped by gold
claim on ``tune`` (L2 strength, class weighting and the threshold for leaving "assert" chosen
there), then fitted on all of ``tune`` and scored once on ``test``; the rules' stances (those
the store holds) are scored beside them. ``--write`` saves the chosen model to
src/sayso/data/claims_stance.npz, but only when it beats always-"assert" on both the tune
cross-validation and test by ``--margin``. numpy only; seeded.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sayso.claims import db  # noqa: E402
from sayso.claims.assemble import claim_polarity  # noqa: E402
from sayso.claims.evaluate import read_gold  # noqa: E402
from sayso.claims.stance_model import (  # noqa: E402
    FEATURES,
    LABELS,
    MODEL_FILE,
    decide,
    fit,
    probabilities,
    rows,
)
from sayso.claims.store_eval import match, stance_scores  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from export_neural import commit_of, sha256  # noqa: E402

# Feature sets compared (names of FEATURES by prefix): the cue alone, with the content's
# own words, and with the content read against its claim.
CUE = ("bias", "cue_stance=", "cue_class=", "cue_negated", "cue_refuses")
RULES = ("bias", "rules=")
CONTENT = (*CUE, "negated", "question", "question_mark", "whether", "hedged", "rejects",
           "doubts", "reports")
VARIANTS = {"rules-refit": RULES, "cue": CUE, "cue+content": CONTENT,
            "rules+cue+content": (*CONTENT, "rules="), "cue+content+claim": tuple(FEATURES)}
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1.01)
L2S = (0.3, 3.0, 30.0)


class Examples:
    """Matched gold members of one part: feature rows, gold labels, claims, rule stances."""

    def __init__(self, x: np.ndarray, y: np.ndarray, groups: list[str], rules: list[str]):
        self.x, self.y, self.groups, self.rules = x, y, groups, rules


def examples(store: Path, gold_path: Path, part: str) -> Examples:
    con = db.connect(store, read_only=True)
    all_rows = db.load_rows(con)
    members = {a: (c, s) for c, a, s in con.execute(
        "SELECT claim_id, attribution_id, stance FROM claim_members").fetchall()}
    reps = {cid: json.loads(rec or "{}").get("representative_attribution_id")
            for cid, rec in con.execute("SELECT claim_id, record FROM claims").fetchall()}
    article_of = {Path(str(s)).stem: a for a, s in
                  con.execute("SELECT article_id, source FROM articles").fetchall()}
    con.close()
    gold = [g for g in read_gold(gold_path) if g.part == part]
    matched = match(gold, all_rows, article_of)
    sub = [r for r in all_rows if r.attribution_id in members]
    number = {cid: n for n, cid in enumerate(sorted({c for c, _s in members.values()}))}
    labels = [number[members[r.attribution_id][0]] for r in sub]
    position = {r.attribution_id: n for n, r in enumerate(sub)}
    rep_of = {number[c]: position[a] for c, a in reps.items() if a in position and c in number}
    texts, cues, classes = [r.content for r in sub], [r.cue for r in sub], [r.cue_class for r in sub]
    negated = claim_polarity(labels, rep_of, texts, cues, classes)
    x_all = rows(labels, rep_of, texts, cues, classes, negated)
    keep = [(k, aid) for k, aid in sorted(matched.items())
            if aid in position and gold[k].stance in LABELS]
    rules = [members[aid][1] for _k, aid in keep]
    return Examples(x_all[[position[aid] for _k, aid in keep]],
                    np.asarray([LABELS.index(gold[k].stance) for k, _aid in keep]),
                    [gold[k].cluster for k, _aid in keep],
                    ["assert" if s == "repeat" else s for s in rules])


def class_weights(y: np.ndarray, balanced: bool) -> np.ndarray | None:
    if not balanced:
        return None
    counts = np.bincount(y, minlength=len(LABELS)).astype(np.float64)
    return np.where(counts > 0, len(y) / (len(LABELS) * np.maximum(counts, 1)), 0.0) ** 0.5


def out_of_fold(x: np.ndarray, y: np.ndarray, groups: list[str], l2: float, balanced: bool,
                seed: int, folds: int = 5) -> np.ndarray:
    """Probabilities of every example from a model that never saw its claim."""
    claims = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(claims))
    fold_of = {claims[i]: n % folds for n, i in enumerate(order)}
    p = np.zeros((len(y), len(LABELS)))
    for fold in range(folds):
        test = np.asarray([fold_of[g] == fold for g in groups])
        w = fit(x[~test], y[~test], l2=l2, class_weight=class_weights(y[~test], balanced))
        p[test] = probabilities(x[test], w)
    return p


def scores(gold: np.ndarray, pred: list[str]) -> dict[str, Any]:
    names = [LABELS[v] for v in gold]
    out = stance_scores(names, pred)
    out["per_label"] = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(names, pred, strict=True))
        n_pred, n_gold = pred.count(label), names.count(label)
        out["per_label"][label] = {"p": round(tp / n_pred, 3) if n_pred else 0.0,
                                   "r": round(tp / n_gold, 3) if n_gold else 0.0,
                                   "n": n_gold}
    out["matrix"] = {g: dict(Counter(p for gg, p in zip(names, pred, strict=True) if gg == g))
                     for g in LABELS}
    return out


def select(tune: Examples, columns: list[int], seeds: list[int]) -> tuple[dict[str, Any], dict]:
    """Best (l2, balanced, threshold) by tune CV accuracy + macro-F1, averaged over seeds."""
    best: tuple[float, dict[str, Any], dict] | None = None
    x = tune.x[:, columns]
    for l2 in L2S:
        for balanced in (False, True):
            probs = [out_of_fold(x, tune.y, tune.groups, l2, balanced, s) for s in seeds]
            for t in THRESHOLDS:
                runs = [scores(tune.y, decide(p, t)) for p in probs]
                acc = float(np.mean([r["accuracy"] for r in runs]))
                f1 = float(np.mean([r["macro_f1"] for r in runs]))
                if best is None or acc + f1 > best[0]:
                    best = (acc + f1, {"l2": l2, "balanced": balanced, "threshold": t},
                            {"accuracy": round(acc, 3), "macro_f1": round(f1, 3),
                             "first_seed": runs[0]})
    assert best is not None
    return best[1], best[2]


def report(name: str, got: dict[str, Any]) -> str:
    per = " ".join(f"{k} P{v['p']:.2f}/R{v['r']:.2f}" for k, v in got["per_label"].items())
    return (f"  {name:<10} accuracy {got['accuracy']:.3f} macro-F1 {got['macro_f1']:.3f} "
            f"(always assert {got['always_assert']:.3f}, n {got['n']}) {per}\n"
            f"             matrix gold -> predicted {got['matrix']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests/data/claims_gold.tsv")
    ap.add_argument("--store", type=Path, default=ROOT / "cache/claims_eval/all.duckdb")
    ap.add_argument("--out", type=Path, default=ROOT / "src/sayso/data" / MODEL_FILE)
    ap.add_argument("--metrics", type=Path, default=ROOT / "cache/claims_stance_metrics.json")
    ap.add_argument("--seeds", type=int, nargs="+", default=[15, 16, 17])
    ap.add_argument("--variant", choices=list(VARIANTS), default="cue+content+claim",
                    help="the feature set --write saves")
    ap.add_argument("--margin", type=float, default=0.02,
                    help="accuracy over always-assert required on tune CV and test to ship")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    tune = examples(args.store, args.gold, "tune")
    test = examples(args.store, args.gold, "test")
    print(f"tune {len(tune.y)} examples, test {len(test.y)}")
    metrics: dict[str, Any] = {"rules": {"tune": scores(tune.y, tune.rules),
                                         "test": scores(test.y, test.rules)}}
    print("rules (shipped without weights)")
    print(report("tune", metrics["rules"]["tune"]))
    print(report("test", metrics["rules"]["test"]))
    fitted = {}
    for name, prefixes in VARIANTS.items():
        columns = [k for k, f in enumerate(FEATURES) if f.startswith(prefixes)]
        chosen, cv = select(tune, columns, args.seeds)
        w = fit(tune.x[:, columns], tune.y, l2=chosen["l2"],
                class_weight=class_weights(tune.y, chosen["balanced"]))
        on_test = scores(test.y, decide(probabilities(test.x[:, columns], w),
                                        chosen["threshold"]))
        metrics[name] = {"chosen": chosen, "tune_cv": cv, "test": on_test,
                         "features": [FEATURES[k] for k in columns]}
        fitted[name] = (columns, w, chosen)
        print(f"{name}: {chosen}; tune CV (mean of {len(args.seeds)} seeds) accuracy "
              f"{cv['accuracy']:.3f} macro-F1 {cv['macro_f1']:.3f}")
        print(report("tune CV", cv["first_seed"]))
        print(report("test", on_test))
    args.metrics.parent.mkdir(parents=True, exist_ok=True)
    args.metrics.write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    if args.write:
        columns, w, chosen = fitted[args.variant]
        got = metrics[args.variant]
        base_tune = float(np.mean(tune.y == 0))
        if (got["tune_cv"]["accuracy"] < base_tune + args.margin
                or got["test"]["accuracy"] < got["test"]["always_assert"] + args.margin):
            print(f"not written: {args.variant} does not beat always-assert by {args.margin} "
                  "on tune CV and test")
            return
        args.out.parent.mkdir(parents=True, exist_ok=True)
        full = np.zeros((len(FEATURES), len(LABELS)), dtype=np.float32)
        full[columns] = w
        np.savez(args.out, weights=full, threshold=chosen["threshold"], l2=chosen["l2"],
                 balanced=chosen["balanced"], n=len(tune.y), features=np.asarray(FEATURES))
        card = write_card(args.out, args.variant, metrics)
        print(f"wrote {args.out} and {card}")


def write_card(weights: Path, variant: str, metrics: dict[str, Any]) -> Path:
    """The model card beside the weights: data, licence, script commit, metrics, sha256."""
    got = metrics[variant]
    lines = [
        "# Claims stance model (`claims_stance.npz`)",
        "",
        "Multinomial logistic regression over the features of `sayso.claims.stance_model`",
        f"(feature set `{variant}`: {', '.join(got['features'])}); \"assert\" unless another",
        f"label is at least {got['chosen']['threshold']} likely. L2 {got['chosen']['l2']}, "
        f"class weighting {'on' if got['chosen']['balanced'] else 'off'}.",
        "",
        "- Data: the issue-#15 claims gold (`tests/data/claims_gold.tsv`, `tune` half: PolNeAR",
        "  train+dev articles ingested by the default pipeline, predicted attributions matched",
        "  to gold members by content span). Labels written for sayso; no article text here.",
        "- Licence: MIT (weights fitted here); PolNeAR texts are read at training time only.",
        f"- Script `scripts/train_claims_stance.py` at commit "
        f"`{commit_of(ROOT / 'scripts' / 'train_claims_stance.py')}`.",
        f"- sha256 `{sha256(weights)}`",
        "",
        "| | accuracy | macro-F1 | always assert |",
        "|---|---|---|---|",
        f"| tune, 5-fold CV grouped by claim | {got['tune_cv']['accuracy']} | "
        f"{got['tune_cv']['macro_f1']} | {got['tune_cv']['first_seed']['always_assert']} |",
        f"| test (held out) | {got['test']['accuracy']} | {got['test']['macro_f1']} | "
        f"{got['test']['always_assert']} |",
        f"| rules, test | {metrics['rules']['test']['accuracy']} | "
        f"{metrics['rules']['test']['macro_f1']} | |",
        "",
    ]
    card = weights.with_suffix(".md")
    card.write_text("\n".join(lines), encoding="utf-8")
    return card


if __name__ == "__main__":
    main()
