"""Train the learned attribution decoder (sayso.attributions.decoder) and measure its parts.

    python scripts/train_decoder.py            # CV on train, fit, export, dev table, card
    python scripts/train_decoder.py --no-export

Candidates come from the rules and the shipped tagger over PolNeAR train (parses and tagger
probabilities cached by scripts/decoder_cache.py under cache/decoder/). Each candidate's
label says how well it matches the gold: 0.4 when some gold attribution has a compatible
source and content Jaccard >= 0.5 (the scorer's j50), plus 0.2 per role whose boundaries are
exact. ``--label cue`` also asks the j50 match for overlapping cues, ``--label joint`` besides
counts the exact source and content only against gold attributions of the candidate's cue
(both measured in the twentieth session, not shipped). Gradient-boosted trees (scikit-learn
HistGradientBoostingRegressor, seeded, one thread) learn it; the decision threshold is chosen on out-of-fold predictions of a 5-fold
cross-validation over train articles (never on dev). Each variant of the decoder (which
candidates, which features) is trained and measured the same way: that is the share of the
gain of each part. The full variant's trees go to src/sayso/data/attribution_decoder.npz and
its card to src/sayso/data/attribution_decoder.md.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import POLNEAR, ROOT, load_docs  # noqa: E402
from decoder_cache import FOLDER, model_stamp, probabilities  # noqa: E402
from sayso.attributions import decoder, rule_attributions, tagger  # noqa: E402
from sayso.attributions.direct import Found, Page, build  # noqa: E402
from sayso.attributions.fusion import fuse  # noqa: E402
from sayso.eval.attributions import (  # noqa: E402
    ROLES,
    Attribution,
    Document,
    attribution_pairs,
    build_attribution,
    distinct,
    load_gold,
    overlaps,
    predicted_attributions,
    score_role,
    similarity,
)
from sayso.eval.common import Counts  # noqa: E402

SEED = 13
FOLDS = 5
DATA = ROOT / "src" / "sayso" / "data"
# 600 trees of 31 leaves (min_samples_leaf 40) score better out of fold with the 6-layer tagger
# (j50 0.704 vs 0.695) but cost 1.1 CPU-s more on dev, which takes the default mode below 0.45x
# raw spaCy with start-up (docs/attributions.md, "Learned decoder"): 300 of 15 ship.
PARAMS = {"max_iter": 300, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 20,
          "l2_regularization": 1.0}
ALL = decoder.ORIGINS
WITH_FILTERED = (*decoder.ORIGINS, decoder.FILTERED)
NEW = (*decoder.FILTER_COLUMNS, *decoder.CLAUSE_COLUMNS)
FILTERED_COLUMN = (decoder.COLUMN[f"origin={decoder.FILTERED}"],)
BOUNDS = ("rule", "rule_content", "rule_source", "rule_both")


@dataclass(frozen=True)
class Variant:
    origins: tuple[str, ...]
    mask: tuple[int, ...] = ()


VARIANTS = {
    # Issue 13 (docs/attributions.md, "Learned decoder", recall): the filter-dropped rule
    # attributions as candidates, the filter's score of every candidate, clause features;
    # "decoder + filter score" ships (the default --export; "all three" ties it out of fold).
    "decoder (full)": Variant(WITH_FILTERED),
    "decoder, features before issue 13": Variant(ALL, NEW),
    "decoder + filter score": Variant(ALL, (*FILTERED_COLUMN, *decoder.CLAUSE_COLUMNS)),
    "decoder + filter score, filtered candidates": Variant(WITH_FILTERED, decoder.CLAUSE_COLUMNS),
    "decoder + clause features": Variant(ALL, decoder.FILTER_COLUMNS),
    "decoder, no tagger features": Variant(ALL, (*decoder.TAGGER_FEATURES, *NEW)),
    "decoder, rules only (filter)": Variant(("rule",), (*decoder.TAGGER_FEATURES, *NEW)),
    "decoder, tagger cues only": Variant(("rule", "tagger"), NEW),
    "decoder, tagger bounds only": Variant(BOUNDS, NEW),
}

# ``--label cue`` (twentieth session; docs/attributions.md, "decoder20"): the label's j50 match
# also asks that the candidate's cue overlap the gold attribution's (when gold has one). The
# scorer's j50 never looks at the cue, so a candidate pairing a cue with a neighbouring
# sentence's speaker and clause is labelled a hit ("fusion19"). ``--label joint``: besides, the
# exact-boundary terms of source and content count only against gold attributions of the
# candidate's cue (a swap keeps only its cue's 0.2). Measured, not shipped: the default stays
# the scorer's j50, the label of the shipped trees.
CUE_AWARE = False
JOINT = False

# The variant whose trees ship (what decoder_buckets, decoder_errors and the switch read).
SHIPPED = "decoder + filter score"


@dataclass
class DocData:
    doc_id: str
    text: str
    rules: list[Found]
    fused: list[Found]
    options: list[decoder.Option]
    labels: np.ndarray


# ---------------------------------------------------------------- data


def labels(doc: Document, gold: list[Attribution], rules: list[Found],
           options: list[decoder.Option]) -> np.ndarray:
    """Each candidate's label. A tagger candidate is measured against what the rules leave:
    the gold attributions no rule attribution matches and the gold spans none predicts
    (matching what is already found would only add a false positive)."""
    keys = {r: {m.key for m in distinct(a.roles.get(r) for a in gold)} for r in ROLES}
    found = [_attribution(doc, f) for f in rules]
    left = [g for g in gold if not any(_match(g, p) for p in found)]
    left_keys = {r: keys[r] - {p.roles[r].key for p in found if p.roles[r] is not None}
                 for r in ROLES}
    out = []
    for o in options:
        if o.origin == "tagger":
            out.append(label(_attribution(doc, o.found), left, left_keys))
        else:
            out.append(label(_attribution(doc, o.found), gold, keys))
    return np.asarray(out)


def _attribution(doc: Document, f: Found) -> Attribution:
    return build_attribution(doc, {"source": f.source, "cue": f.cue, "content": f.content})


def label(pred: Attribution, gold: list[Attribution], keys: dict[str, set[Any]]) -> float:
    j50 = any(_match(g, pred) for g in gold)
    exact = sum(_exact(pred, r, gold, keys) for r in ROLES)
    return 0.4 * j50 + 0.2 * exact


def _exact(pred: Attribution, role: str, gold: list[Attribution], keys: dict[str, set[Any]]) -> bool:
    """The role's boundaries are some gold attribution's; with ``JOINT``, the source's and the
    content's must be those of a gold attribution whose cue the candidate's overlaps."""
    mention = pred.roles[role]
    if mention is None or mention.key not in keys[role]:
        return False
    if not JOINT or role == "cue":
        return True
    return any(_same_cue(g, pred) and (m := g.roles.get(role)) is not None and m.key == mention.key
               for g in gold)


def _match(g: Attribution, p: Attribution) -> bool:
    """The label's match: j50, and (``CUE_AWARE``) the cues overlap where gold has a cue."""
    return _j50(g, p) and (not CUE_AWARE or _same_cue(g, p))


def _same_cue(g: Attribution, p: Attribution) -> bool:
    """The candidate's cue overlaps the gold attribution's (always true when gold has none)."""
    gold_cue = g.roles.get("cue")
    if gold_cue is None:
        return True
    cue = p.roles.get("cue")
    return cue is not None and overlaps(gold_cue.key, cue.key)


def _j50(g: Attribution, p: Attribution) -> bool:
    gs, ps = g.source_key(), p.source_key()
    if (gs or ps) and not overlaps(gs, ps):
        return False
    return similarity(g.roles.get("content"), p.roles.get("content")) >= 0.5


def prepare(split: str) -> list[DocData]:
    """Candidates with features (cached per tagger model and decoder code) and labels."""
    gold = load_gold(POLNEAR / split)
    path = FOLDER / f"{split}.options.{model_stamp()}.{_code_stamp()}.pkl"
    if path.exists():
        out: list[DocData] = _Unpickler(io.BytesIO(path.read_bytes())).load()
    else:
        out = _candidates(split)
        path.write_bytes(pickle.dumps(out))
    for d in out:
        gdoc, gattrs = gold[d.doc_id]
        d.labels = labels(gdoc, gattrs, d.rules, d.options)
    return out


class _Unpickler(pickle.Unpickler):
    """Caches written when this file ran as ``__main__`` load from any caller."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "__main__" and name == "DocData":
            return DocData
        return super().find_class(module, name)


def _candidates(split: str) -> list[DocData]:
    docs = load_docs(split)
    probs = probabilities(split, docs)
    out = []
    for doc_id, doc in docs:
        page = Page(doc, doc.text)
        tagged = tagger.decode(probs[doc_id])
        fused = fuse(Page(doc, doc.text), rule_attributions(Page(doc, doc.text)), tagged)
        rules = rule_attributions(page)  # (also page.filter_dropped, the filtered candidates)
        ctx = decoder.Context.build(page, rules, probs[doc_id], tagged)
        options = decoder.candidates(ctx, rules)
        for o in options:  # the parse stays behind: options pickle without spaCy objects
            o.found.head = -1
        out.append(DocData(doc_id, page.text, rules, fused, options, np.zeros(0)))
    return out


def _code_stamp() -> str:
    """Candidates change with the decoder's code: the cache is keyed by it."""
    code = Path(decoder.__file__).read_bytes()
    return hashlib.sha256(code).hexdigest()[:10]


# ---------------------------------------------------------------- scoring


class Scorer:
    """The shared scorer's counts over preloaded gold (scoring many decodings fast)."""

    def __init__(self, split: str) -> None:
        self.gold = load_gold(POLNEAR / split)

    def score(self, found: dict[str, list[Found]]) -> dict[str, Any]:
        roles = {r: (Counts(), Counts()) for r in ROLES}
        j50 = Counts()
        for doc_id, fs in found.items():
            doc, gold = self.gold[doc_id]
            items = [build(doc.text, f, n).to_dict() for n, f in enumerate(fs, 1)]
            pred = predicted_attributions(doc, items)
            for r, (exact, over) in roles.items():
                score_role(distinct(a.roles.get(r) for a in gold),
                           distinct(a.roles.get(r) for a in pred), exact, over)
            j50.add(attribution_pairs(gold, pred, 0.5), len(pred), len(gold))
        out: dict[str, Any] = {r: {"exact": e.to_dict(), "overlap": o.to_dict()}
                               for r, (e, o) in roles.items()}
        out["attribution"] = {"j50": j50.to_dict()}
        return out


def objective(result: dict[str, Any]) -> float:
    """What the threshold maximises: j50 F1 and the three exact F1s, equally weighted."""
    return float(result["attribution"]["j50"]["f1"]
                 + sum(result[r]["exact"]["f1"] for r in ROLES)) / 4


def row(label_: str, result: dict[str, Any]) -> str:
    j = result["attribution"]["j50"]
    cells = [f"| {label_} | {j['f1']:.3f} ({j['precision']:.3f}/{j['recall']:.3f})"]
    for r in ROLES:
        e = result[r]["exact"]
        cells.append(f"{e['f1']:.3f} ({e['precision']:.3f}/{e['recall']:.3f})")
    return " | ".join(cells) + " |"


# ---------------------------------------------------------------- learning


def rows(data: list[DocData], variant: Variant) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Feature matrix and labels of the variant's candidates, and per article the indexes
    of its kept candidates."""
    xs, ys, picks = [], [], []
    for d in data:
        pick = np.asarray([k for k, o in enumerate(d.options) if o.origin in variant.origins],
                          dtype=np.int64)
        picks.append(pick)
        xs.append(decoder.matrix([d.options[k] for k in pick], variant.mask))
        ys.append(d.labels[pick] if len(pick) else np.zeros(0))
    return np.concatenate(xs), np.concatenate(ys), picks


def fit(x: np.ndarray, y: np.ndarray):  # type: ignore[no-untyped-def]
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(random_state=SEED, early_stopping=False, **PARAMS)
    return model.fit(x, y)


def decode_all(data: list[DocData], picks: list[np.ndarray], scores: np.ndarray,
               cut: float) -> dict[str, list[Found]]:
    out, at = {}, 0
    for d, pick in zip(data, picks, strict=True):
        options = [d.options[k] for k in pick]
        out[d.doc_id] = decoder.select(options, scores[at:at + len(pick)], cut)
        at += len(pick)
    return out


def cross_validate(data: list[DocData], variant: Variant,
                   scorer: Scorer) -> tuple[float, list[dict[str, Any]], np.ndarray]:
    """Out-of-fold scores by article; the threshold that maximises the objective on them;
    each fold's result at that threshold."""
    x, y, picks = rows(data, variant)
    sizes = np.asarray([len(p) for p in picks])
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    fold_of = np.random.default_rng(SEED).permutation(len(data)) % FOLDS
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        held = np.concatenate([np.arange(bounds[i], bounds[i + 1])
                               for i in range(len(data)) if fold_of[i] == k])
        train = np.setdiff1d(np.arange(len(y)), held)
        oof[held] = fit(x[train], y[train]).predict(x[held])
    grid = np.round(np.arange(0.15, 0.51, 0.05), 2)
    best = max(grid, key=lambda c: objective(scorer.score(decode_all(data, picks, oof, c))))
    folds = []
    for k in range(FOLDS):
        part = [i for i in range(len(data)) if fold_of[i] == k]
        sub_scores = np.concatenate([oof[bounds[i]:bounds[i + 1]] for i in part])
        folds.append(scorer.score(decode_all([data[i] for i in part], [picks[i] for i in part],
                                             sub_scores, float(best))))
    return float(best), folds, oof


def choices(data: list[DocData], variant: Variant, scorer: Scorer, name: str,
            oof: np.ndarray) -> list[str]:
    """The variant's out-of-fold scores decoded by each choice rule (``decoder.CLASH``), each
    at its own best threshold: the pooled out-of-fold result."""
    _, _, picks = rows(data, variant)
    out = []
    shipped = decoder.CLASH
    grid = np.round(np.arange(0.15, 0.51, 0.05), 2)
    for clash in ("overlap", "nested"):
        decoder.CLASH = clash
        results = {c: scorer.score(decode_all(data, picks, oof, c)) for c in grid}
        best = max(grid, key=lambda c: objective(results[c]))
        out.append(row(f"{name}, choice {clash}, threshold {best:.2f} (pooled out of fold)",
                       results[best]))
        print(out[-1], flush=True)
    decoder.CLASH = shipped
    return out


def export(model, cut: float, mask: tuple[int, ...], path: Path,  # type: ignore[no-untyped-def]
           names: tuple[str, ...] = decoder.FEATURES) -> None:
    """The fitted trees as flat numpy arrays (sayso.attributions.decoder.Trees); a binary
    classifier's trees sum to its logit."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        base = len(feature)
        roots.append(base)
        for n in nodes:
            leaf = bool(n["is_leaf"])
            feature.append(0 if leaf else int(n["feature_idx"]))
            threshold.append(float(n["num_threshold"]))
            left.append(-1 if leaf else base + int(n["left"]))
            right.append(-1 if leaf else base + int(n["right"]))
            value.append(float(n["value"]) if leaf else 0.0)
    np.savez_compressed(
        path, feature=np.asarray(feature, dtype=np.int32),
        threshold=np.asarray(threshold), left=np.asarray(left, dtype=np.int32),
        right=np.asarray(right, dtype=np.int32), value=np.asarray(value),
        roots=np.asarray(roots, dtype=np.int32),
        base=np.asarray(float(np.ravel(model._baseline_prediction)[0])),
        cut=np.asarray(cut), names=np.asarray(names),
        mask=np.asarray(mask, dtype=np.int32))


def mean_folds(folds: list[dict[str, Any]]) -> str:
    j = [f["attribution"]["j50"]["f1"] for f in folds]
    cells = [f"j50 {np.mean(j):.3f} ± {np.std(j):.3f}"]
    for r in ROLES:
        e = [f[r]["exact"]["f1"] for f in folds]
        cells.append(f"{r} {np.mean(e):.3f} ± {np.std(e):.3f}")
    return ", ".join(cells)


def prepared() -> tuple[list[DocData], list[DocData], Scorer, Scorer]:
    """Train and dev candidates (from the cache when it is current) and their scorers."""
    started = time.perf_counter()
    train, dev = prepare("train"), prepare("dev")
    print(f"candidates: train {sum(len(d.options) for d in train)}, "
          f"dev {sum(len(d.options) for d in dev)} ({time.perf_counter() - started:.0f}s)",
          flush=True)
    return train, dev, Scorer("train"), Scorer("dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--only", nargs="*", default=None, help="variants to run")
    parser.add_argument("--choices", action="store_true",
                        help="also measure each choice rule (decoder.CLASH) out of fold, for the --export variant")
    parser.add_argument("--label", choices=("j50", "cue", "joint"), default="j50",
                        help="the label's match: the scorer's j50 (default, shipped), j50 with "
                        "overlapping cues (cue), that and exact roles of the same cue's gold "
                        "only (joint)")
    parser.add_argument("--export", default=SHIPPED,
                        help="the variant whose trees ship (default: %(default)s)")
    args = parser.parse_args()
    global CUE_AWARE, JOINT
    CUE_AWARE, JOINT = args.label != "j50", args.label == "joint"
    started = time.perf_counter()
    train, dev, train_scorer, dev_scorer = prepared()
    lines = ["| dev decoder | j50 F1 (P/R) | source exact F1 (P/R) | cue exact F1 (P/R) "
             "| content exact F1 (P/R) |", "|---|---|---|---|---|"]
    results: dict[str, Any] = {}
    for name, found in (("rules alone (--fast)", {d.doc_id: d.rules for d in dev}),
                        ("rule fusion (before)", {d.doc_id: d.fused for d in dev})):
        results[name] = dev_scorer.score(found)
        lines.append(row(name, results[name]))
        print(lines[-1], flush=True)
    cv_lines = []
    for name, variant in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        cut, folds, oof = cross_validate(train, variant, train_scorer)
        if name == SHIPPED and args.label == "j50":  # what decoder_buckets would compute
            _keep_out_of_fold(cut, oof)
        x, y, _ = rows(train, variant)
        model = fit(x, y)
        dx, _, dpicks = rows(dev, variant)
        results[name] = dev_scorer.score(decode_all(dev, dpicks, model.predict(dx), cut))
        lines.append(row(f"{name}, threshold {cut:.2f}", results[name]))
        cv_lines.append(f"{name}: {mean_folds(folds)}")
        if args.choices and name == args.export:
            cv_lines.extend(choices(train, variant, train_scorer, name, oof))
        print(lines[-1], "\n   CV on train:", cv_lines[-1],
              f"({time.perf_counter() - started:.0f}s)", flush=True)
        if name == args.export and not args.no_export:
            path = DATA / decoder.MODEL_FILE
            export(model, cut, variant.mask, path)
            trees = decoder.load_trees(str(path))
            assert np.allclose(trees.predict(dx), model.predict(dx)), "export differs"
            results["_meta"] = {"threshold": cut, "train_rows": int(len(y)), "variant": name,
                                "folds": folds, "seconds": time.perf_counter() - started}
    report = "\n".join(lines + ["", "5-fold CV on train (mean ± sd over folds):", *cv_lines])
    print(report)
    (FOLDER / "report.md").write_text(report + "\n")
    (FOLDER / "results.json").write_text(json.dumps(results, indent=1))
    if not args.no_export and "_meta" in results:
        write_card(report, results["_meta"])


def _keep_out_of_fold(cut: float, oof: np.ndarray) -> None:
    """The shipped variant's out-of-fold scores where scripts/decoder_buckets.py caches them
    (the content switch reads them next: one CV instead of two)."""
    import decoder_buckets

    path = FOLDER / (f"oof.{model_stamp()}.{_code_stamp()}."
                     f"{decoder_buckets._script_stamp()}.npy")
    np.save(path, np.concatenate([[cut], oof]))


def _label_words() -> str:
    """How the card names the label (``--label``)."""
    if not CUE_AWARE:
        return ""
    joint = ", source and content exact only against gold of the candidate's cue" if JOINT else ""
    return f" whose cue overlaps the candidate's (when gold has a cue){joint},"


def write_card(report: str, meta: dict[str, Any]) -> None:
    path = DATA / decoder.MODEL_FILE
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT, check=False).stdout.strip()
    card = f"""# Model card: attribution decoder (`{decoder.MODEL_FILE}`)

Generated by `scripts/train_decoder.py`; rebuild with `make train-decoder`.

- **What**: gradient-boosted regression trees that score candidate attributions built from
  the rules and the attribution tagger (`sayso.attributions.decoder`); the best candidate per
  cue is kept when it scores at least {meta['threshold']:.2f}. Run in numpy, no scikit-learn at run time.
- **Data**: PolNeAR v1.0.0 train split (first annotator per article), 840 articles,
  {meta['train_rows']:,} candidates; candidates from the rules and the shipped tagger
  (`attribution_tagger.onnx`, sha256 prefix `{model_stamp()}`). Labels: 0.4 for a j50 match
  with a gold attribution{_label_words()} plus 0.2 per role with exact boundaries. The threshold is chosen on
  out-of-fold predictions of a 5-fold CV over train articles; dev is only measured.
- **Variant**: `{meta.get('variant', 'decoder (full)')}` of `scripts/train_decoder.py` (its masked columns
  are neither read nor computed at run time).
- **Training**: scikit-learn HistGradientBoostingRegressor {PARAMS}, seed {SEED}, one thread.
  Script `scripts/train_decoder.py` at commit `{commit}`.
- **Licence of the weights**: MIT (sayso); trained on PolNeAR (no licence; research use).

| file | bytes | sha256 |
|---|---:|---|
| `{decoder.MODEL_FILE}` | {path.stat().st_size:,} | `{sha}` |

## Metrics (shared scorer's definitions; PolNeAR dev unless said)

{report}
"""
    (DATA / "attribution_decoder.md").write_text(card)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
