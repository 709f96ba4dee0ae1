"""Train the source switch (sayso.attributions.source_switch) over the default pipeline's choices.

    python scripts/train_source_switch.py          # after scripts/decoder_cache.py; CV, fit, export, card
    python scripts/train_source_switch.py --no-export   # CV and dev lines only

The default pipeline is rebuilt as ``scripts/attributions_classes.py`` does (train: the shipped
decoder's 5-fold out-of-fold scores; dev: the shipped trees; then the foreign-source
demotion, the choice and the content switch). Each kept attribution is paired with the other
candidates of its cue that have the same content and another source
(``source_switch.pairs``). Label: the alternative's source is exact (the shared scorer's key)
for a gold attribution at the same cue whose content matches at j50, and the kept one's is
not. A gradient-boosted classifier (scikit-learn HistGradientBoostingClassifier, seeded, one
thread) learns it; the threshold is chosen on out-of-fold predictions of a 5-fold CV over
train articles (the decoder's folds) by the decoder's objective (j50 F1 and the three exact
F1s, equally weighted) after ``fusion``'s post-rules; dev is only measured. The trees go to
src/sayso/data/attribution_source_switch.npz, the card to attribution_source_switch.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_classes import _line, _post, load  # noqa: E402
from attributions_corpus import ROOT  # noqa: E402
from sayso.attributions import decoder, fusion, source_switch, switch  # noqa: E402
from sayso.attributions.decoder import Option  # noqa: E402
from sayso.attributions.direct import Found, Page  # noqa: E402
from sayso.eval.attributions import similarity  # noqa: E402
from train_decoder import (  # noqa: E402
    DATA,
    FOLDS,
    SEED,
    SHIPPED,
    VARIANTS,
    Scorer,
    _attribution,
    export,
    objective,
    rows,
)

PARAMS = {
    "max_iter": 150,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
}
GRID = (0.3, 0.4, 0.5, 0.6, 0.7)


class Article:
    """One article's candidates, scores and kept attributions (after the content switch)."""

    def __init__(
        self, doc_id: str, page: Page, options: list[Option], scores: np.ndarray, kept: list[Found]
    ) -> None:
        self.doc_id, self.page, self.options, self.scores, self.kept = (
            doc_id,
            page,
            options,
            scores,
            kept,
        )
        self.pairs = source_switch.pairs(options, kept)


def articles(
    data: list[Any], scores: np.ndarray, cut: float, pages: dict[str, Page]
) -> list[Article]:
    """``attributions_classes.pipeline`` up to the content switch."""
    _, _, picks = rows(data, VARIANTS[SHIPPED])
    second = switch.SWITCH.get()
    out, at = [], 0
    for d, pick in zip(data, picks, strict=True):
        options = [d.options[k] for k in pick]
        own = scores[at : at + len(pick)]
        at += len(pick)
        page = pages[d.doc_id]
        kept: list[Found] = []
        if options:
            chosen = decoder.demote(
                options, own, cut, lambda f, p=page: fusion.foreign_source(p, f)
            )
            kept = decoder.select(options, chosen, cut)
        if second is not None and kept and (found := switch.pairs(page.text, options, kept)):
            probs = switch.probabilities(second, switch.rows(page.text, options, own, found))
            kept = switch.choose(options, kept, found, probs, second.cut)
        out.append(Article(d.doc_id, page, options, own, kept))
    return out


def matrix(arts: list[Article], scorer: Scorer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, docs = [], [], []
    for i, art in enumerate(arts):
        foreign = lambda f, p=art.page: fusion.foreign_source(p, f)  # noqa: E731
        xs.append(
            source_switch.rows(art.page, art.options, art.scores, art.pairs, art.kept, foreign)
        )
        doc, gold = scorer.gold[art.doc_id]
        for k, a in art.pairs:
            ys.append(
                float(
                    _right(doc, gold, art.options[a].found)
                    and not _right(doc, gold, art.options[k].found)
                )
            )
        docs.extend([i] * len(art.pairs))
    return np.concatenate(xs), np.asarray(ys), np.asarray(docs, dtype=np.int64)


def _right(doc: Any, gold: list[Any], f: Found) -> bool:
    """A gold attribution at this cue, its content matching at j50, has exactly this source."""
    pred = _attribution(doc, f)
    cue = pred.roles.get("cue")
    for g in gold:
        gc = g.roles.get("cue")
        if cue is None or gc is None or not cue.tokens & gc.tokens:
            continue
        content = similarity(g.roles.get("content"), pred.roles.get("content"))
        if content >= 0.5 and g.source_key() == pred.source_key():
            return True
    return False


def decode(
    arts: list[Article], probs: np.ndarray, cut: float, part: set[int] | None = None
) -> dict[str, list[Found]]:
    out, at = {}, 0
    for i, art in enumerate(arts):
        n = len(art.pairs)
        if part is None or i in part:
            kept = source_switch.choose(art.options, art.kept, art.pairs, probs[at : at + n], cut)
            out[art.doc_id] = _post(art.page, kept)
        at += n
    return out


def fit(x: np.ndarray, y: np.ndarray):  # type: ignore[no-untyped-def]
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(random_state=SEED, early_stopping=False, **PARAMS).fit(
        x, y
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-export", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    data, pages, scorer, scores, cut = load("train")
    train = articles(data, scores, cut, pages)
    x, y, doc = matrix(train, scorer)
    print(
        f"train pairs {len(y)}, switches that help {int(y.sum())} "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    fold_of = np.random.default_rng(SEED).permutation(len(train)) % FOLDS
    probs = np.zeros(len(y))
    for k in range(FOLDS):
        held = fold_of[doc] == k
        probs[held] = fit(x[~held], y[~held]).predict_proba(x[held])[:, 1]
    base = scorer.score(decode(train, probs, 2.0))
    lines = [f"train out of fold, no source switch: {_line(base)}"]
    results = {c: scorer.score(decode(train, probs, c)) for c in GRID}
    for c, r in results.items():
        lines.append(f"  switch at {c:.2f}: {_line(r)}")
    best = max(GRID, key=lambda c: objective(results[c]))
    gains = []
    for k in range(FOLDS):
        part = {i for i in range(len(train)) if fold_of[i] == k}
        b, s = (
            scorer.score(decode(train, probs, 2.0, part)),
            scorer.score(decode(train, probs, best, part)),
        )
        gains.append(
            (
                s["attribution"]["j50"]["f1"] - b["attribution"]["j50"]["f1"],
                s["source"]["exact"]["f1"] - b["source"]["exact"]["f1"],
            )
        )
    lines.append(
        f"threshold {best:.2f}; paired gain per fold (j50, exact source): "
        + ", ".join(f"{j:+.4f} / {s:+.4f}" for j, s in gains)
    )
    print("\n".join(lines), f"({time.perf_counter() - started:.0f}s)", flush=True)

    model = fit(x, y)
    ddata, dpages, dscorer, dscores, dcut = load("dev")
    dev = articles(ddata, dscores, dcut, dpages)
    dx, _, _ = matrix(dev, dscorer)
    dprobs = model.predict_proba(dx)[:, 1] if len(dx) else np.zeros(0)
    dev_lines = [
        f"dev, no source switch: {_line(dscorer.score(decode(dev, dprobs, 2.0)))}",
        f"dev, switch at {best:.2f}: {_line(dscorer.score(decode(dev, dprobs, best)))}",
    ]
    moved = sum(1 for c in np.flatnonzero(dprobs >= best))
    dev_lines.append(f"dev pairs {len(dprobs)}, at or above the threshold {moved}")
    print("\n".join(dev_lines), f"({time.perf_counter() - started:.0f}s)", flush=True)
    if args.no_export:
        return
    path = DATA / source_switch.MODEL_FILE
    export(model, best, (), path, names=source_switch.FEATURES)
    with np.load(path, allow_pickle=False) as saved:
        trees = source_switch.trees_of(saved)
    assert np.allclose(source_switch.probabilities(trees, dx), dprobs), "export differs"
    write_card("\n".join(lines), "\n".join(dev_lines), best, len(y))


def write_card(cv: str, dev: str, cut: float, count: int) -> None:
    path = DATA / source_switch.MODEL_FILE
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False
    ).stdout.strip()
    card = f"""# Model card: source switch (`{source_switch.MODEL_FILE}`)

Generated by `scripts/train_source_switch.py` (script at commit `{commit}` or its successor).

- **What**: gradient-boosted trees that read a pair of candidate attributions of one cue with
  the same content (the one the default pipeline kept after the content switch, another with
  another source) and give the probability that the other's source is exact where the kept
  one's is not; the source is switched at {cut:.2f} or above (`sayso.attributions.source_switch`).
- **Data**: PolNeAR v1.0.0 train split (first annotator per article), 840 articles, {count:,}
  pairs built on the decoder's 5-fold out-of-fold scores; threshold chosen on out-of-fold
  predictions of a 5-fold CV over train articles; dev only measured.
- **Training**: scikit-learn HistGradientBoostingClassifier {PARAMS}, seed {SEED}, one thread.
- **Licence of the weights**: MIT (sayso); trained on PolNeAR (no licence; research use).

| file | bytes | sha256 |
|---|---:|---|
| `{source_switch.MODEL_FILE}` | {path.stat().st_size:,} | `{sha}` |

## Metrics (harness of `scripts/attributions_classes.py`)

```
{cv}

{dev}
```
"""
    (DATA / "attribution_source_switch.md").write_text(card)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
