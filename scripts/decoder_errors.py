"""Error counts of the learned attribution decoder on PolNeAR train, out of fold (prints only).

    python scripts/decoder_errors.py            # after scripts/decoder_cache.py

The decoder's 5-fold CV (scripts/train_decoder.py, the full variant) scores every train
article with trees that never saw it; this script counts where the gold attributions are
lost, so a change to the candidates is chosen on train, never on dev:

- missed (no kept candidate matches at j50): no candidate matches at all, by whether a tagger
  or rule cue touches the gold cue (tagger quality / linking), or some candidate matches and
  the trees rank it below the threshold or below a wrong one (ranking);
- content not exact (a kept candidate matches at j50 with other content boundaries): whether
  a candidate of the group has the exact content (ranking) or none has (candidates), and for
  the latter how the nearest candidate content differs at its start and end (words only,
  as the scorer's keys ignore punctuation and spaces at the edges).

Reads ../shared and cache/; writes nothing into the repository.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sayso.eval.attributions import Attribution, Document, similarity  # noqa: E402
from train_decoder import (  # noqa: E402
    SHIPPED,
    VARIANTS,
    DocData,
    Scorer,
    _attribution,
    _j50,
    cross_validate,
    decode_all,
    prepare,
    rows,
)

Tally = collections.Counter[str]


def _edge_words(doc: Document, gold: tuple[tuple[int, int], ...],
                pred: tuple[tuple[int, int], ...]) -> tuple[str, str]:
    """How the start and the end of ``pred`` differ from ``gold``: the words one has more."""
    text = doc.text

    def words(lo: int, hi: int) -> str:
        return " ".join(text[lo:hi].split()[:3]).lower() if hi > lo else ""

    gs, ge, ps, pe = gold[0][0], gold[-1][1], pred[0][0], pred[-1][1]
    if gs == ps:
        start = "same"
    elif ps < gs:
        start = "pred longer: " + _kind(words(ps, gs))
    else:
        start = "pred shorter: " + _kind(words(gs, ps))
    if ge == pe:
        end = "same"
    elif pe > ge:
        end = "pred longer: " + _kind(words(ge, pe), end=True)
    else:
        end = "pred shorter: " + _kind(words(pe, ge), end=True)
    return start, end


def _kind(words: str, end: bool = False) -> str:
    first = words.split()[0] if words else ""
    if first in ("that", "whether", "if", "to", "how", "why", "what"):
        return f"'{first}'"
    if end and any(w in words for w in ("said", "says", "told", "added", "according")):
        return "a cue clause"
    return "other"


def _best_content(doc: Document, g: Attribution, preds: list[Attribution]) -> Attribution | None:
    scored = [(similarity(g.roles.get("content"), p.roles.get("content")), k)
              for k, p in enumerate(preds) if p.roles.get("content") is not None]
    return preds[max(scored)[1]] if scored else None


def count(data: list[DocData], scorer: Scorer, kept: dict[str, list]) -> dict[str, Tally]:  # type: ignore[type-arg]
    missed: Tally = collections.Counter()
    content: Tally = collections.Counter()
    edges: Tally = collections.Counter()
    for d in data:
        doc, gold = scorer.gold[d.doc_id]
        preds = [_attribution(doc, f) for f in kept[d.doc_id]]
        cands = [(o, _attribution(doc, o.found)) for o in d.options]
        for g in gold:
            gkey = g.roles.get("content")
            match = [p for p in preds if _j50(g, p)]
            if not match:
                missed[_why_missed(g, cands)] += 1
                continue
            missed["found"] += 1
            if gkey is None or any(p.roles.get("content") is not None
                                   and p.roles["content"].key == gkey.key for p in match):  # type: ignore[union-attr]
                content["exact"] += 1
                continue
            exact = [a for _, a in cands if a.roles.get("content") is not None
                     and a.roles["content"].key == gkey.key]  # type: ignore[union-attr]
            if exact:
                content["not exact, a candidate has it (ranking)"] += 1
                continue
            content["not exact, no candidate has it"] += 1
            best = _best_content(doc, g, [a for _, a in cands if _j50(g, a)])
            if best is not None:
                start, end = _edge_words(doc, gkey.key, best.roles["content"].key)  # type: ignore[union-attr]
                edges[f"start {start}"] += 1
                edges[f"end {end}"] += 1
                edges[f"spans gold {min(len(gkey.key), 3)} / pred "
                      f"{min(len(best.roles['content'].key), 3)}"] += 1  # type: ignore[union-attr]
    return {"gold attributions": missed, "content of the found ones": content,
            "nearest candidate content, where none is exact": edges}


def _why_missed(g: Attribution, cands: list) -> str:  # type: ignore[type-arg]
    matching = [o for o, a in cands if _j50(g, a)]
    if matching:
        return "missed, a candidate matches (ranking)"
    cue = g.roles.get("cue")
    if cue is None:
        return "missed, no gold cue"
    touching = [o.origin for o, a in cands if a.roles.get("cue") is not None
                and cue.tokens & a.roles["cue"].tokens]  # type: ignore[union-attr]
    if not touching:
        return "missed, no candidate cue at the gold cue"
    return "missed, candidates at the gold cue all miss (linking/content)"


def main() -> None:
    train = prepare("train")
    scorer = Scorer("train")
    variant = VARIANTS[SHIPPED]
    cut, _, oof = cross_validate(train, variant, scorer)
    _, _, picks = rows(train, variant)
    kept = decode_all(train, picks, oof, cut)
    result = scorer.score(kept)
    j = result["attribution"]["j50"]
    print(f"out of fold, threshold {cut:.2f}: j50 {j['f1']:.3f} "
          + " ".join(f"{r} {result[r]['exact']['f1']:.3f}" for r in ("source", "cue", "content")))
    for title, tally in count(train, scorer, kept).items():
        print(f"\n{title}:")
        for name, n in sorted(tally.items(), key=lambda kv: -kv[1]):
            print(f"  {n:6d}  {name}")


if __name__ == "__main__":
    main()
