"""Train the content switch (sayso.attributions.switch) over the learned decoder's choices.

    python scripts/train_content_switch.py     # after scripts/decoder_cache.py; CV, fit, export, card

For every PolNeAR train article the decoder's out-of-fold scores (its 5-fold CV over train
articles, as in scripts/decoder_buckets.py; cached under cache/decoder/) give the kept
candidates; each kept one is paired with the other candidates of its cue that have the same
source and an overlapping content (``switch.pairs``). Label: the alternative's content is
exact (the shared scorer's key) and the kept one's is not. A gradient-boosted classifier
(scikit-learn HistGradientBoostingClassifier, seeded, one thread) learns it; the switch
threshold is chosen on out-of-fold predictions of a 5-fold CV over train articles (same folds
as the decoder's) by the decoder's objective (j50 F1 and the three exact F1s, equally
weighted); dev is only measured, with the shipped decoder's scores. The trees go to
src/sayso/data/attribution_switch.npz, the card to attribution_switch.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import POLNEAR, ROOT  # noqa: E402
from decoder_buckets import out_of_fold  # noqa: E402
from sayso.attributions import decoder, switch  # noqa: E402
from sayso.attributions.direct import Found  # noqa: E402
from sayso.eval.attributions import load_gold, make_mention  # noqa: E402
from train_decoder import (  # noqa: E402
    DATA,
    FOLDS,
    SEED,
    SHIPPED,
    VARIANTS,
    DocData,
    Scorer,
    export,
    objective,
    prepare,
    row,
)

PARAMS = {"max_iter": 150, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 20,
          "l2_regularization": 1.0}
GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


class Pairs:
    """Per article: the options, the decoder's kept ones, the pairs and their rows."""

    def __init__(self, data: list[DocData], scores: list[np.ndarray], cut: float, split: str) -> None:
        gold = load_gold(POLNEAR / split)
        self.data = data
        self.kept: list[list[Found]] = []
        self.pairs: list[list[tuple[int, int]]] = []
        xs, ys, docs = [], [], []
        for i, (d, s) in enumerate(zip(data, scores, strict=True)):
            kept = decoder.select(d.options, s, cut)
            found = switch.pairs(d.text, d.options, kept)
            doc, gattrs = gold[d.doc_id]
            keys = {g.roles["content"].key for g in gattrs if g.roles["content"] is not None}

            def exact(k: int, d: DocData = d, doc: Any = doc, keys: set[Any] = keys) -> bool:
                return make_mention(doc, d.options[k].found.content).key in keys  # type: ignore[union-attr]

            self.kept.append(kept)
            self.pairs.append(found)
            xs.append(switch.rows(d.text, d.options, s, found))
            ys.extend(float(exact(a) and not exact(k)) for k, a in found)
            docs.extend([i] * len(found))
        self.x = np.concatenate(xs)
        self.y = np.asarray(ys)
        self.doc = np.asarray(docs, dtype=np.int64)

    def decode(self, probs: np.ndarray, cut: float, part: list[int] | None = None) -> dict[str, list[Found]]:
        out, at = {}, 0
        for i, d in enumerate(self.data):
            n = len(self.pairs[i])
            if part is None or i in part:
                out[d.doc_id] = switch.choose(d.options, self.kept[i], self.pairs[i], probs[at:at + n], cut)
            at += n
        return out


def fit(x: np.ndarray, y: np.ndarray):  # type: ignore[no-untyped-def]
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=SEED, early_stopping=False, **PARAMS).fit(x, y)


def per_doc(data: list[DocData], scores: np.ndarray) -> list[np.ndarray]:
    bounds = np.concatenate([[0], np.cumsum([len(d.options) for d in data])])
    return [scores[bounds[i]:bounds[i + 1]] for i in range(len(data))]


def restrict(data: list[DocData], origins: tuple[str, ...]) -> list[DocData]:
    """Each article's candidates of these origins only: the shipped decoder's (its out-of-fold
    scores and its run-time candidates cover them, not the filter-dropped ones it was not
    trained with)."""
    out = []
    for d in data:
        keep = [k for k, o in enumerate(d.options) if o.origin in origins]
        out.append(dataclasses.replace(d, options=[d.options[k] for k in keep],
                                       labels=d.labels[np.asarray(keep, dtype=np.int64)]))
    return out


def main() -> None:
    started = time.perf_counter()
    origins = VARIANTS[SHIPPED].origins
    train, dev = restrict(prepare("train"), origins), restrict(prepare("dev"), origins)
    train_scorer, dev_scorer = Scorer("train"), Scorer("dev")
    cut, oof = out_of_fold(train, train_scorer)
    pairs = Pairs(train, per_doc(train, oof), cut, "train")
    print(f"pairs {len(pairs.y)}, switches that help {int(pairs.y.sum())} "
          f"({time.perf_counter() - started:.0f}s)", flush=True)
    fold_of = np.random.default_rng(SEED).permutation(len(train)) % FOLDS
    probs = np.zeros(len(pairs.y))
    for k in range(FOLDS):
        held = fold_of[pairs.doc] == k
        probs[held] = fit(pairs.x[~held], pairs.y[~held]).predict_proba(pairs.x[held])[:, 1]
    lines = ["| decoder out of fold on train (840 articles) | j50 F1 (P/R) | source exact F1 (P/R) "
             "| cue exact F1 (P/R) | content exact F1 (P/R) |", "|---|---|---|---|---|"]
    base = train_scorer.score(pairs.decode(probs, 2.0))
    lines.append(row("decoder alone", base))
    results = {c: train_scorer.score(pairs.decode(probs, c)) for c in GRID}
    for c, r in results.items():
        lines.append(row(f"with the switch at {c:.2f}", r))
    best = max(GRID, key=lambda c: objective(results[c]))
    folds = [[i for i in range(len(train)) if fold_of[i] == k] for k in range(FOLDS)]
    gains = []
    for part in folds:
        wanted = set(part)
        b = train_scorer.score(pairs.decode(probs, 2.0, wanted))
        s = train_scorer.score(pairs.decode(probs, best, wanted))
        gains.append((s["attribution"]["j50"]["f1"] - b["attribution"]["j50"]["f1"],
                      s["content"]["exact"]["f1"] - b["content"]["exact"]["f1"]))
    lines.append("")
    lines.append(f"Threshold {best:.2f}; paired gain per fold (j50, exact content): "
                 + ", ".join(f"{j:+.4f} / {c:+.4f}" for j, c in gains))
    print("\n".join(lines), flush=True)

    model = fit(pairs.x, pairs.y)
    path = DATA / switch.MODEL_FILE
    export(model, best, (), path, names=switch.FEATURES)
    with np.load(path, allow_pickle=False) as data:
        trees = switch.trees_of(data)
    shipped = decoder.model()
    assert shipped is not None and shipped.origins() == origins, "shipped decoder's candidates differ"
    dev_scores = [shipped.predict(decoder.matrix(d.options, shipped.mask)) for d in dev]
    dev_pairs = Pairs(dev, dev_scores, shipped.cut, "dev")
    dev_probs = switch.probabilities(trees, dev_pairs.x)
    assert np.allclose(dev_probs, model.predict_proba(dev_pairs.x)[:, 1]), "export differs"
    dev_lines = ["| PolNeAR dev (84 articles) | j50 F1 (P/R) | source exact F1 (P/R) | cue exact F1 (P/R) "
                 "| content exact F1 (P/R) |", "|---|---|---|---|---|",
                 row("decoder alone", dev_scorer.score(dev_pairs.decode(dev_probs, 2.0))),
                 row(f"with the switch at {best:.2f}", dev_scorer.score(dev_pairs.decode(dev_probs, best)))]
    print("\n".join(dev_lines), f"({time.perf_counter() - started:.0f}s)", flush=True)
    write_card("\n".join(lines), "\n".join(dev_lines), best, len(pairs.y))


def write_card(cv: str, dev: str, cut: float, count: int) -> None:
    path = DATA / switch.MODEL_FILE
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "scripts", "src"], capture_output=True,
                           text=True, cwd=ROOT, check=False).stdout.strip()
    where = f"`{commit}`" + (" plus uncommitted changes (committed with this file)" if dirty else "")
    card = f"""# Model card: content switch (`{switch.MODEL_FILE}`)

Generated by `scripts/train_content_switch.py`; rebuild with `make train-decoder` (it runs
after the decoder, whose out-of-fold scores it reads).

- **What**: gradient-boosted trees that read a pair of candidate attributions of one cue with
  the same source (the one the learned decoder kept, another with an overlapping content) and
  give the probability that the other's content is exact where the kept one's is not; the kept
  content is switched at {cut:.2f} or above (`sayso.attributions.switch`). Run in numpy.
- **Data**: PolNeAR v1.0.0 train split (first annotator per article), 840 articles, {count:,}
  pairs built on the decoder's 5-fold out-of-fold scores; the threshold is chosen on
  out-of-fold predictions of a 5-fold CV over train articles; dev is only measured.
- **Training**: scikit-learn HistGradientBoostingClassifier {PARAMS}, seed {SEED}, one thread.
  Script `scripts/train_content_switch.py` at commit {where}.
- **Licence of the weights**: MIT (sayso); trained on PolNeAR (no licence; research use).

| file | bytes | sha256 |
|---|---:|---|
| `{switch.MODEL_FILE}` | {path.stat().st_size:,} | `{sha}` |

## Metrics (shared scorer's definitions)

{cv}

{dev}
"""
    (DATA / "attribution_switch.md").write_text(card)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
