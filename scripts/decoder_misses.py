"""Gold attributions the learned decoder misses on PolNeAR, by class (prints only; recall16).

    python scripts/decoder_misses.py            # train out of fold, then dev (shipped trees)
    python scripts/decoder_misses.py --lemmas   # also the no-candidate cue lemmas as a table

Train is scored out of fold (the shipped variant's 5-fold CV, cached by decoder_buckets), dev
with the shipped trees. Each gold attribution that no kept attribution matches at j50 is sorted
into the first class that applies:

- ``no candidate``: no candidate of any origin has a cue touching the gold cue; broken down by
  the gold cue's head word (lemma and part of speech: nominal cues, multiword cues) and by the
  tagger's highest P(cue inside) over the gold cue's pieces;
- ``below threshold``: a candidate matches at j50, none kept at the gold cue, and the best
  matching one scores below the threshold (by origin and score band);
- ``blocked``: a matching candidate scores above the threshold but is not kept (its cue group
  kept another, or it clashes with a kept candidate of another cue);
- ``boundary``: candidates touch the gold cue, none matches at j50 (source or content linked
  wrong).

Reads ../shared and cache/; writes nothing into the repository.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import load_docs  # noqa: E402
from decoder_buckets import out_of_fold  # noqa: E402
from decoder_cache import probabilities  # noqa: E402
from sayso.attributions import decoder  # noqa: E402
from sayso.attributions.windows import ROLES  # noqa: E402
from train_decoder import (  # noqa: E402
    SHIPPED,
    VARIANTS,
    DocData,
    Scorer,
    _attribution,
    _j50,
    decode_all,
    prepare,
    rows,
)

CUE = ROLES.index("cue")
BANDS = (0.05, 0.15, 0.25, 0.35)


def band(score: float, cut: float) -> str:
    for b in BANDS:
        if score < b and b <= cut:
            return f"< {b:.2f}"
    return f"{cut:.2f}+" if score >= cut else f"< {cut:.2f}"


def cue_head(doc, spans):  # type: ignore[no-untyped-def]
    """The gold cue's head token (its word whose head lies outside the cue) and word count."""
    toks = [t for a, b in spans for t in doc.char_span(a, b, alignment_mode="expand") or []]
    if not toks:
        return None, 0
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return (heads[0] if heads else toks[0]), len(toks)


def classify(data: list[DocData], scorer: Scorer, picks: list[np.ndarray], scores: np.ndarray,
             cut: float, split: str) -> tuple[collections.Counter, collections.Counter, collections.Counter]:  # type: ignore[type-arg]
    kept = decode_all(data, picks, scores, cut)
    docs = dict(load_docs(split))
    probs = probabilities(split, list(docs.items()))
    classes: collections.Counter = collections.Counter()  # type: ignore[type-arg]
    lemmas: collections.Counter = collections.Counter()  # type: ignore[type-arg]
    tagger_p: collections.Counter = collections.Counter()  # type: ignore[type-arg]
    at = 0
    for d, pick in zip(data, picks, strict=True):
        doc, gold = scorer.gold[d.doc_id]
        sc = dict(zip(pick.tolist(), scores[at:at + len(pick)].tolist(), strict=True))
        at += len(pick)
        preds = [_attribution(doc, f) for f in kept[d.doc_id]]
        cands = [(k, _attribution(doc, o.found)) for k, o in enumerate(d.options) if k in sc]
        pieces = None
        for g in gold:
            if any(_j50(g, p) for p in preds):
                classes["found"] += 1
                continue
            cue = g.roles.get("cue")
            if cue is None:
                classes["missed: no gold cue"] += 1
                continue
            touching = [(k, a) for k, a in cands if a.roles.get("cue") is not None
                        and cue.tokens & a.roles["cue"].tokens]  # type: ignore[union-attr]
            if not touching:
                classes["missed: no candidate"] += 1
                head, n = cue_head(docs[d.doc_id], cue.key)
                pos = head.pos_ if head is not None else "?"
                lemma = head.lemma_.lower() if head is not None else "?"
                words = "multiword" if n > 1 else "one word"
                lemmas[(lemma, pos)] += 1
                classes[f"  no candidate, {pos}, {words}"] += 1
                if pieces is None:
                    pieces = decoder.Pieces(probs[d.doc_id])
                segs = pieces.segments(list(cue.key))
                top = max((max(pieces.p_in[CUE][lo:hi]) for lo, hi in segs), default=0.0)
                tagger_p[f"{min(int(top * 10), 9) / 10:.1f}"] += 1
                continue
            matching = [k for k, a in cands if _j50(g, a)]
            if matching:
                best = max(sc[k] for k in matching)
                origin = d.options[max(matching, key=lambda k: sc[k])].origin
                if best < cut:
                    classes["missed: below threshold"] += 1
                    classes[f"  below, {origin if origin != 'tagger' else 'tagger'}, {band(best, cut)}"] += 1
                else:
                    classes["missed: blocked (above threshold, not kept)"] += 1
                    best_k = max(matching, key=lambda k: sc[k])
                    group = d.options[best_k].group
                    kept_group = any(d.options[k].group == group and d.options[k].found in kept[d.doc_id]
                                     for k in sc)
                    classes["  blocked, " + ("its cue group kept another candidate" if kept_group
                                             else "clashes with a kept candidate of another cue")] += 1
            else:
                classes["missed: boundary (candidates at the cue, none matches)"] += 1
    return classes, lemmas, tagger_p


def report(title: str, classes, lemmas, tagger_p, top: int) -> None:  # type: ignore[no-untyped-def]
    print(f"\n== {title}")
    for name, n in sorted(classes.items(), key=lambda kv: (-kv[1] if not kv[0].startswith(" ") else 0)):
        print(f"  {n:6d}  {name}")
    print("  no candidate, the tagger's highest P(cue inside) over the gold cue:",
          dict(sorted(tagger_p.items())))
    print("  no candidate, head lemmas:",
          ", ".join(f"{lem}/{pos} {n}" for (lem, pos), n in lemmas.most_common(top)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dev-only", action="store_true")
    args = parser.parse_args()
    variant = VARIANTS[SHIPPED]
    if not args.dev_only:
        train = prepare("train")
        scorer = Scorer("train")
        cut, oof = out_of_fold(train, scorer)
        _, _, picks = rows(train, variant)
        report(f"train, out of fold, threshold {cut:.2f}",
               *classify(train, scorer, picks, oof, cut, "train"), args.top)
    dev = prepare("dev")
    trees = decoder.model()
    assert trees is not None
    x, _, picks = rows(dev, variant)
    report(f"dev, shipped trees, threshold {trees.cut:.2f}",
           *classify(dev, Scorer("dev"), picks, trees.predict(x), float(trees.cut), "dev"), args.top)


if __name__ == "__main__":
    main()
