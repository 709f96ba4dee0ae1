"""A second stage for the learned decoder: re-score candidates against their rivals (decoder18).

    python scripts/decoder_rerank.py            # after scripts/decoder_cache.py

The decoder's trees score each candidate alone; the "blocked" class of
``scripts/decoder_misses.py`` (a matching candidate scores above the threshold but another of
its cue group is kept) and part of "below threshold" are choices between rivals. Here a small
second set of trees reads, for every candidate the first stage scores at least ``FLOOR``, its
own features, its first-stage score and how it stands against its rivals
(``decoder.RIVAL_FEATURES``: rank and margin in its cue group, the group's best and second
scores, how its content and source compare with the group best's, the best score of a
candidate of another cue it clashes with), and predicts the same label. Train is scored out of
fold twice (the first stage's 5-fold CV, then the second stage's, on the same folds), the
threshold chosen on the second stage's out-of-fold scores; dev is scored once with the
shipped first stage and the second stage fit on all of train.

Reads ../shared and cache/; writes nothing into the repository unless ``--export``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decoder_buckets import out_of_fold_gated  # noqa: E402
from sayso.attributions import decoder  # noqa: E402
from train_decoder import (  # noqa: E402
    DATA,
    FOLDS,
    SEED,
    SHIPPED,
    VARIANTS,
    DocData,
    Scorer,
    decode_all,
    export,
    mean_folds,
    objective,
    prepared,
    row,
    rows,
    set_label,
)

PARAMS = {"max_iter": 150, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 20,
          "l2_regularization": 1.0}
SECOND_HEADING = "## Second stage (re-ranking within cue groups)"
GRID = np.round(np.arange(0.20, 0.56, 0.025), 3)


def second_rows(data: list[DocData], picks: list[np.ndarray], x: np.ndarray, scores: np.ndarray,
                cut: float, floor: float, own: bool) -> tuple[np.ndarray, np.ndarray]:
    """The second stage's matrix for the candidates scored at least ``floor`` (their global
    row indexes first)."""
    index, parts, at = [], [], 0
    for d, pick in zip(data, picks, strict=True):
        options = [d.options[k] for k in pick]
        s = scores[at:at + len(pick)]
        rival = decoder.rival_features(options, s, cut, floor)
        chosen = np.flatnonzero(s >= floor)
        index.append(at + chosen)
        parts.append(rival[chosen])
        at += len(pick)
    keep = np.concatenate(index)
    extra = np.concatenate(parts) if parts else np.zeros((0, len(decoder.RIVAL_FEATURES)))
    body = x[keep] if own else np.zeros((len(keep), 0))
    return keep, np.concatenate([body, scores[keep, None], extra], axis=1)


def fit(x: np.ndarray, y: np.ndarray, params: dict):  # type: ignore[no-untyped-def, type-arg]
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(random_state=SEED, early_stopping=False,
                                         **params).fit(x, y)


def restack(scores: np.ndarray, keep: np.ndarray, second: np.ndarray) -> np.ndarray:
    out = scores.copy()
    out[keep] = second
    return out


def best_cut(data: list[DocData], picks: list[np.ndarray], scores: np.ndarray,
             scorer: Scorer) -> tuple[float, dict]:  # type: ignore[type-arg]
    results = {c: scorer.score(decode_all(data, picks, scores, float(c))) for c in GRID}
    best = max(GRID, key=lambda c: objective(results[c]))
    return float(best), results[best]


def per_fold(data: list[DocData], picks: list[np.ndarray], scores: np.ndarray, cut: float,
             scorer: Scorer, fold_of: np.ndarray) -> list[dict]:  # type: ignore[type-arg]
    sizes = np.asarray([len(p) for p in picks])
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    out = []
    for k in range(FOLDS):
        part = [i for i in range(len(data)) if fold_of[i] == k]
        sub = np.concatenate([scores[bounds[i]:bounds[i + 1]] for i in part])
        out.append(scorer.score(decode_all([data[i] for i in part], [picks[i] for i in part],
                                           sub, cut)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--floor", type=float, default=0.15)
    parser.add_argument("--trees", type=int, default=150)
    parser.add_argument("--leaves", type=int, default=15)
    parser.add_argument("--no-own", action="store_true", help="rival features and score only")
    parser.add_argument("--export", action="store_true")
    parser.add_argument("--label", choices=("j50", "cue", "joint"), default="j50",
                        help="the first stage's label (as scripts/train_decoder.py --label)")
    parser.add_argument("--tagger-cut", action="store_true",
                        help="the first stage was trained with train_decoder.py --tagger-cut")
    parser.add_argument("--blend", type=float, default=1.0,
                        help="weight of the second score against the first (1: second alone)")
    args = parser.parse_args()
    params = {**PARAMS, "max_iter": args.trees, "max_leaf_nodes": args.leaves}
    started = time.perf_counter()
    report: list[str] = []

    def say(line: str) -> None:
        report.append(line)
        print(line, flush=True)

    set_label(args.label)
    train, dev, train_scorer, dev_scorer = prepared()
    variant = VARIANTS[SHIPPED]
    cut1, _, oof1 = out_of_fold_gated(train, train_scorer, args.label, args.tagger_cut)
    x, y, picks = rows(train, variant)
    say(f"first stage out of fold at {cut1:.2f}: {row('stage 1', train_scorer.score(decode_all(train, picks, oof1, cut1)))} ({time.perf_counter() - started:.0f}s)")
    fold_of = np.random.default_rng(SEED).permutation(len(train)) % FOLDS
    base_folds = per_fold(train, picks, oof1, cut1, train_scorer, fold_of)
    # The rivals' count above the cut reads the shipped first stage's threshold (train's
    # out-of-fold one can differ by a grid step on a flat curve), the same at run time.
    shipped = decoder.load_trees(str(DATA / decoder.MODEL_FILE))
    keep, x2 = second_rows(train, picks, x, oof1, shipped.first_cut, args.floor,
                           not args.no_own)
    y2 = y[keep]
    doc_of = np.repeat(np.arange(len(train)), [len(p) for p in picks])[keep]
    oof2 = np.zeros(len(keep))
    for k in range(FOLDS):
        held = fold_of[doc_of] == k
        oof2[held] = fit(x2[~held], y2[~held], params).predict(x2[held])
    print(f"second stage: {len(keep)} rows of {len(y)} ({time.perf_counter() - started:.0f}s)")
    scores2 = restack(oof1, keep, args.blend * oof2 + (1 - args.blend) * oof1[keep])
    cut2, pooled = best_cut(train, picks, scores2, train_scorer)
    folds2 = per_fold(train, picks, scores2, cut2, train_scorer, fold_of)
    say(row(f"stage 2 pooled out of fold, threshold {cut2:.3f}", pooled))
    say("CV stage 1: " + mean_folds(base_folds))
    say("CV stage 2: " + mean_folds(folds2))
    for name in ("j50",):
        gains = [b2["attribution"][name]["f1"] - b1["attribution"][name]["f1"]
                 for b1, b2 in zip(base_folds, folds2, strict=True)]
        say(f"  paired {name} gain per fold: " + " ".join(f"{g:+.4f}" for g in gains))
    for r in ("source", "cue", "content"):
        gains = [b2[r]["exact"]["f1"] - b1[r]["exact"]["f1"]
                 for b1, b2 in zip(base_folds, folds2, strict=True)]
        say(f"  paired {r} exact gain per fold: " + " ".join(f"{g:+.4f}" for g in gains))
    model = fit(x2, y2, params)
    trees = decoder.load_trees(str(DATA / decoder.MODEL_FILE))
    dx, _, dpicks = rows(dev, variant)
    d1 = trees.predict(dx[:, :len(trees.names)])
    say(row(f"dev stage 1, threshold {trees.first_cut:.2f}",
              dev_scorer.score(decode_all(dev, dpicks, d1, trees.first_cut))))
    dkeep, dx2 = second_rows(dev, dpicks, dx, d1, trees.first_cut, args.floor, not args.no_own)
    d2 = restack(d1, dkeep, args.blend * model.predict(dx2) + (1 - args.blend) * d1[dkeep])
    say(row(f"dev stage 2, threshold {cut2:.3f}",
              dev_scorer.score(decode_all(dev, dpicks, d2, cut2))))
    print(f"({time.perf_counter() - started:.0f}s)")
    if args.export and not args.no_own:
        attach(model, cut2, args.floor, args.blend, DATA / decoder.MODEL_FILE, dx2, dkeep, d1,
               d2)
        card(DATA / decoder.MODEL_FILE, report, len(y2), cut2, args.floor, args.blend,
             params)


def attach(model, cut: float, floor: float, blend: float,  # type: ignore[no-untyped-def]
           path: Path,
           dx2: np.ndarray, dkeep: np.ndarray, d1: np.ndarray, d2: np.ndarray) -> None:
    """The second stage's trees into the decoder file, beside the first stage's (which stay
    as they are); its threshold becomes the file's ``cut``, the first's goes to ``first_cut``."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files if not k.startswith("second_")}
        first_cut = float(data["first_cut"]) if "first_cut" in data.files else float(data["cut"])
    temp = Path("/tmp/decoder18_second.npz")
    export(model, cut, (), temp, decoder.SECOND_FEATURES)
    with np.load(temp, allow_pickle=False) as data:
        for k in ("feature", "threshold", "left", "right", "value", "roots", "base", "names"):
            arrays[f"second_{k}"] = data[k]
    arrays.update(cut=np.asarray(cut), first_cut=np.asarray(first_cut), floor=np.asarray(floor),
                  blend=np.asarray(blend))
    np.savez_compressed(path, **arrays)
    trees = decoder.load_trees(str(path))
    assert trees.second is not None and np.allclose(
        blend * trees.second.predict(dx2) + (1 - blend) * d1[dkeep], d2[dkeep]), "export differs"
    print("attached to", path, f"(cut {cut:.3f}, first cut {first_cut:.2f}, floor {floor})")


def card(path: Path, lines: list[str], rows_: int, cut: float, floor: float, blend: float,
         params: dict) -> None:  # type: ignore[type-arg]
    """The second stage's part of the model card (replaced on each export), with the file's
    new size and sha256."""
    import hashlib
    import re
    import subprocess

    md = path.with_suffix(".md")
    text = md.read_text().split(SECOND_HEADING)[0].rstrip() + "\n"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    text = re.sub(r"\| `attribution_decoder\.npz` \| [\d,]+ \| `[0-9a-f]+` \|",
                  f"| `attribution_decoder.npz` | {path.stat().st_size:,} | `{sha}` |", text)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            cwd=DATA, check=False).stdout.strip()
    md.write_text(text + f"""
{SECOND_HEADING}

Added by `scripts/decoder_rerank.py --export` (decoder18; docs/attributions.md, "The decoder's
second stage"): second trees (`second_*` arrays of the same file) re-score every candidate the
first stage scores at least {floor} from its features, its first score and how it stands
against the other candidates of its cue and the candidates it clashes with
(`decoder.RIVAL_FEATURES`), the new score weighing the second trees' {blend} against the
first's; trained on the first stage's out-of-fold scores over PolNeAR train
({rows_:,} rows), scikit-learn HistGradientBoostingRegressor {params}, seed {SEED}, one
thread, same label; the file's threshold is now the second stage's ({cut:.3f}, chosen on its
out-of-fold scores; the first stage's stays in `first_cut`). Script at commit `{commit}`.
The sha256 above is the file's with both stages.

{chr(10).join(lines)}
""")

if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
