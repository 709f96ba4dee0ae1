"""Ablation of groups of decoder features, paired by fold (prints only).

    python scripts/decoder_features.py                 # every group, and all of them
    python scripts/decoder_features.py --groups all    # the base and all groups only

Each variant masks (sets to 0, so the trees never split on them) the feature groups it
leaves out; "base" masks every group below, which gives the decoder as it was before they
were added. For each variant: the 5-fold CV on train (same folds as scripts/train_decoder.py,
threshold chosen out of fold), j50 and exact content F1 per fold and their paired differences
against the base, then the trees fitted on all of train scored on dev at the CV threshold
(shared scorer's definitions). Reads ../shared and cache/ (scripts/decoder_cache.py); writes
nothing into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decoder_cache import FOLDER  # noqa: E402
from sayso.attributions import decoder  # noqa: E402
from train_decoder import (  # noqa: E402
    ALL,
    Variant,
    cross_validate,
    decode_all,
    fit,
    prepared,
    rows,
)

# Tried and dropped (docs/attributions.md, "Learned decoder"): where the content ends and
# what it crosses (sentence end, next character, quotation marks, asides, inner cues) and
# the candidate's rank in its cue group; their code is in the history (commit 0fd75c3).
GROUPS = {
    "edges": [f"t_{r}_{k}" for r in ("source", "content") for k in decoder.EDGE],
    "owner": ["content_other_cue_gap", "source_other_cue_gap"],
}
SAVED = FOLDER / "features.json"


def columns(names: list[str]) -> tuple[int, ...]:
    return tuple(decoder.COLUMN[n] for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", nargs="*", default=[*GROUPS, "all"],
                        help="groups to add to the base, one variant each ('all': every one; "
                        "'a,b': both)")
    parser.add_argument("--skip-base", action="store_true",
                        help="take the base's folds from the last run (cache/decoder/)")
    args = parser.parse_args()
    saved = json.loads(SAVED.read_text()) if SAVED.exists() else {}
    started = time.perf_counter()
    train, dev, train_scorer, dev_scorer = prepared()
    every = [n for names in GROUPS.values() for n in names]
    variants = {} if args.skip_base else {"base": every}
    for g in args.groups:
        keep = every if g == "all" else [n for part in g.split(",") for n in GROUPS[part]]
        variants[f"+{g}"] = [n for n in every if n not in keep]
    base_folds: list[tuple[float, float]] = [tuple(p) for p in saved.get("base", [])]
    for name, masked in variants.items():
        variant = Variant(ALL, columns(masked))
        cut, folds, _ = cross_validate(train, variant, train_scorer)
        per = [(f["attribution"]["j50"]["f1"], f["content"]["exact"]["f1"]) for f in folds]
        if name == "base":
            base_folds = per
        saved[name] = per
        SAVED.write_text(json.dumps(saved))
        x, y, _ = rows(train, variant)
        dx, _, dpicks = rows(dev, variant)
        res = dev_scorer.score(decode_all(dev, dpicks, fit(x, y).predict(dx), cut))
        j = np.asarray([p[0] for p in per])
        c = np.asarray([p[1] for p in per])
        dj = j - np.asarray([p[0] for p in base_folds])
        dc = c - np.asarray([p[1] for p in base_folds])
        d = res["attribution"]["j50"]
        print(f"{name}: threshold {cut:.2f}; CV j50 {j.mean():.4f} ± {j.std():.4f}, content "
              f"{c.mean():.4f} ± {c.std():.4f}; paired vs base j50 {dj.mean():+.4f} "
              f"(folds {' '.join(f'{v:+.3f}' for v in dj)}), content {dc.mean():+.4f} "
              f"(folds {' '.join(f'{v:+.3f}' for v in dc)}); dev j50 {d['f1']:.4f} "
              f"(P {d['precision']:.3f} R {d['recall']:.3f}), exact source / cue / content "
              + " / ".join(f"{res[r]['exact']['f1']:.4f}" for r in ("source", "cue", "content"))
              + f" ({time.perf_counter() - started:.0f}s)", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
