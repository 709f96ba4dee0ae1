"""The default mode's errors on PolNeAR by class, train out of fold (prints only; attr24).

    python scripts/attributions_classes.py dev train     # after scripts/decoder_cache.py

Rebuilds the default pipeline from ``scripts/train_decoder.py``'s cached candidates, as
``fusion.fuse_learned`` runs it: the decoder's scores (train: the shipped variant's 5-fold
out-of-fold scores, cached by ``decoder_buckets``; dev: the shipped trees), the foreign-source
demotion, the choice, the content switch, ``fusion``'s post-rules, ``bounds.fix`` and the
transcript labels. On train the decoder never saw the article; the switch did (it is trained
on those out-of-fold scores). Predictions and gold are paired by the shared scorer's j50
matching; each unpaired prediction (false) and each unpaired gold attribution (missed) goes to
the first class that applies:

- false: at a gold cue with a compatible source and a content below j50 (a boundary: ours too
  long or too short, at which end, and what the difference holds), at a gold cue with the source
  wrong, another cue's attribution over a gold content, or nothing gold there (by the cue's
  lexicon class: decisions, actions and descriptions are the "other" class);
- missed: its cue inside one of our contents, a prediction at its cue linked wrong, a candidate
  that matches but nothing kept at the cue, candidates at the cue none of which matches, no
  candidate at the cue.

Reads ../shared and cache/; writes nothing into the repository.
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import load_docs  # noqa: E402
from decoder_buckets import out_of_fold  # noqa: E402
from sayso.attributions import bounds, decoder, fusion, labels, switch  # noqa: E402
from sayso.attributions.direct import Found, Page, build  # noqa: E402
from sayso.eval.attributions import Attribution, overlaps, predicted_attributions, similarity  # noqa: E402
from sayso.eval.common import greedy_match  # noqa: E402
from sayso.knowledge.cues import cue_class  # noqa: E402
from train_decoder import SHIPPED, VARIANTS, DocData, Scorer, _attribution, prepare, rows  # noqa: E402

Tally = collections.Counter[str]


def _post(page: Page, chosen: list[Found]) -> list[Found]:
    """``fusion.fuse_learned``'s steps after the switch."""
    raised = fusion._raised_subjects(page, fusion._in_reporting_sense(page, chosen))
    fixed = bounds.fix(
        page,
        [
            fusion._dangling_preposition(
                page, fusion._infinitive_content(page, fusion._addressee_out_of_cue(page, f))
            )
            for f in raised
        ],
    )
    return labels.transcript_labels(page, fusion._own_complements(page, fixed))


def pipeline(
    data: list[DocData], scores: np.ndarray, cut: float, pages: dict[str, Page]
) -> dict[str, list[Found]]:
    """The default mode's attributions per article, from cached candidates and these scores."""
    _, _, picks = rows(data, VARIANTS[SHIPPED])
    second = switch.SWITCH.get()
    out, at = {}, 0
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
        out[d.doc_id] = _post(page, kept)
    return out


def _j50(g: Attribution, p: Attribution) -> float | None:
    gs, ps = g.source_key(), p.source_key()
    if (gs or ps) and not overlaps(gs, ps):
        return None
    value = similarity(g.roles.get("content"), p.roles.get("content"))
    return value if value >= 0.5 else None


def _same_cue(a: Attribution, b: Attribution) -> bool:
    ca, cb = a.roles.get("cue"), b.roles.get("cue")
    return ca is not None and cb is not None and bool(ca.tokens & cb.tokens)


def _what(text: str) -> str:
    """What a stretch of text between two content edges holds."""
    low = text.strip().lower()
    if not low:
        return "punctuation"
    if "\n" in text:
        return "a paragraph"
    if re.search(r"[.!?][\"'”’]?\s+[\"“'‘]?[A-Z]", text):
        return "a second sentence"
    if "(" in low or low.startswith(("—", "--")):
        return "a parenthetical or dash"
    if re.search(r"\b(said|says|say|told|added|according|stated|noted|argued|claimed)\b", low):
        return "a cue inside"
    if re.match(r"^,?\s*(which|who|whom|whose|where)\b", low):
        return "a relative clause"
    if re.match(
        r"^,?\s*(but|and|or|while|although|though|because|as|since|if|when|after|before|so)\b", low
    ):
        return "a following clause"
    if re.match(r"^,?\s*(in|on|at|by|for|with|during|from|to|of|about|over|amid)\b", low):
        return "a prepositional phrase"
    return "other"


def _boundary(text: str, g: Attribution, p: Attribution) -> str:
    gm, pm = g.roles["content"], p.roles["content"]
    if not gm.tokens & pm.tokens:
        return "disjoint"
    gs, ge, ps, pe = gm.key[0][0], gm.key[-1][1], pm.key[0][0], pm.key[-1][1]
    if pm.tokens >= gm.tokens:
        side, ends = "ours too long", ((ge, pe), (ps, gs))
    elif pm.tokens <= gm.tokens:
        side, ends = "ours too short", ((pe, ge), (gs, ps))
    else:
        return "crossing"
    parts = [
        f"{edge}: {_what(text[lo:hi])}"
        for edge, (lo, hi) in zip(("end", "start"), ends, strict=True)
        if hi > lo
    ]
    return f"{side}, " + (" + ".join(parts) or "pieces")


def count(
    data: list[DocData], scorer: Scorer, pages: dict[str, Page], found: dict[str, list[Found]]
) -> dict[str, Tally]:
    false: Tally = collections.Counter()
    missed: Tally = collections.Counter()
    detail: Tally = collections.Counter()
    options = {d.doc_id: d.options for d in data}
    for doc_id, fs in found.items():
        doc, gold = scorer.gold[doc_id]
        pred = predicted_attributions(
            doc, [build(doc.text, f, n).to_dict() for n, f in enumerate(fs, 1)]
        )
        pairs = greedy_match(gold, pred, _j50)
        paired_gold, paired_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        for k, p in enumerate(pred):
            if k not in paired_pred:
                false[_false(doc.text, gold, p, pages[doc_id], fs[k], detail)] += 1
        cands = [_attribution(doc, o.found) for o in options[doc_id]]
        for k, g in enumerate(gold):
            if k not in paired_gold:
                missed[_missed(g, pred, cands)] += 1
    return {
        "false attributions": false,
        "false, in detail": detail,
        "missed gold attributions": missed,
    }


def _false(
    text: str, gold: list[Attribution], p: Attribution, page: Page, f: Found, detail: Tally
) -> str:
    at_cue = [g for g in gold if _same_cue(g, p)]
    if at_cue:
        g = at_cue[0]
        gs, ps = g.source_key(), p.source_key()
        source_ok = not ((gs or ps) and not overlaps(gs, ps))
        if source_ok and g.roles.get("content") is not None and p.roles.get("content") is not None:
            detail[f"boundary: {_boundary(text, g, p)}"] += 1
            return "at a gold cue, content below j50 (boundary)"
        if not source_ok and similarity(g.roles.get("content"), p.roles.get("content")) >= 0.5:
            detail[
                "source wrong: "
                + ("gold has none" if not gs else "ours none" if not ps else "another")
            ] += 1
            return "at a gold cue, source wrong, content matches"
        return "at a gold cue, source and content wrong"
    if any(
        g.roles.get("content") is not None
        and p.roles.get("content") is not None
        and g.roles["content"].tokens & p.roles["content"].tokens
        for g in gold
    ):  # type: ignore[union-attr]
        return "another cue's attribution over a gold content"
    lemma = fusion._lemma(page, f.cue[0]) if f.cue else ""
    detail[f"nothing there: lexicon class {cue_class(lemma) or 'none' if lemma else 'no cue'}"] += 1
    return "nothing gold there"


def _missed(g: Attribution, pred: list[Attribution], cands: list[Attribution]) -> str:
    cue = g.roles.get("cue")
    if cue is None:
        return "no gold cue"
    if any(
        p.roles.get("content") is not None and cue.tokens <= p.roles["content"].tokens  # type: ignore[union-attr]
        for p in pred
    ):
        return "its cue inside one of our contents (nested)"
    if any(_same_cue(g, p) for p in pred):
        return "a prediction at its cue, linked wrong"
    at = [a for a in cands if _same_cue(g, a)]
    if not at:
        return "no candidate at its cue"
    if any(_j50(g, a) is not None for a in at):
        return "a candidate matches, nothing kept at the cue"
    return "candidates at its cue, none matches"


def load(split: str) -> tuple[list[DocData], dict[str, Page], Scorer, np.ndarray, float]:
    data = prepare(split)
    pages = {doc_id: Page(doc, doc.text) for doc_id, doc in load_docs(split)}
    scorer = Scorer(split)
    if split == "train":
        cut, scores = out_of_fold(data, scorer)
        return data, pages, scorer, scores, cut
    trees = decoder.model()
    assert trees is not None, "no decoder model"
    x, _, _ = rows(data, VARIANTS[SHIPPED])
    return data, pages, scorer, trees.predict(x[:, : len(trees.names)]), trees.cut


def _line(result: dict[str, Any]) -> str:
    j = result["attribution"]["j50"]
    exact = " / ".join(f"{result[r]['exact']['f1']:.4f}" for r in ("source", "cue", "content"))
    return (
        f"j50 {j['f1']:.4f} (P {j['precision']:.4f}, R {j['recall']:.4f}; {j['tp']} of "
        f"{j['pred']}), exact source / cue / content {exact}"
    )


def main() -> None:
    for split in sys.argv[1:] or ["dev"]:
        data, pages, scorer, scores, cut = load(split)
        found = pipeline(data, scores, cut, pages)
        print(f"{split}: {_line(scorer.score(found))}", flush=True)
        for title, tally in count(data, scorer, pages, found).items():
            print(f"\n{split}, {title} ({sum(tally.values())}):")
            for name, n in tally.most_common():
                print(f"  {n:6d}  {name}")


if __name__ == "__main__":
    main()
