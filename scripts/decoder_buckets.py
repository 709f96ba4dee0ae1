"""The decoder's two largest error buckets on PolNeAR train, broken down (prints only).

    python scripts/decoder_buckets.py        # after scripts/decoder_cache.py

Out of fold (the full variant's 5-fold CV, as in scripts/decoder_errors.py; the out-of-fold
scores are cached under cache/decoder/ by candidate stamp). For each gold attribution lost in

- **ranking** (some candidate matches it at j50, none kept does): what the decoder kept at
  the gold cue instead (a wrong content: too long / too short on which side, crossing a
  sentence, paragraph or quotation boundary; a wrong source: which kind), or why nothing at
  the cue was kept (best matching candidate below the threshold, by origin; blocked by a kept
  candidate of another cue);
- **linking** (candidates at the gold cue, none matches): whether a candidate at the cue has a
  compatible source, or a content with Jaccard >= 0.5, and what kind of source or content
  boundary the candidates miss (pronoun source, source in another sentence, passive agent,
  source after the cue, "according to", nominal cue, gold without source; content too long
  or short, crossing which boundary).

Classes are exclusive, taken in the order printed. Reads ../shared and cache/; writes
nothing into the repository.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import load_docs  # noqa: E402
from decoder_cache import FOLDER, model_stamp  # noqa: E402
from sayso.eval.attributions import Attribution, Document, similarity  # noqa: E402
from sayso.eval.common import overlaps  # noqa: E402
from train_decoder import (  # noqa: E402
    SHIPPED,
    VARIANTS,
    DocData,
    Scorer,
    _attribution,
    _code_stamp,
    cross_validate,
    decode_all,
    prepare,
    rows,
)

Tally = collections.Counter[str]
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "his", "her", "their"})
QUOTES = frozenset("\"“”")


def out_of_fold(train: list[DocData], scorer: Scorer) -> tuple[float, np.ndarray]:
    path = FOLDER / f"oof.{model_stamp()}.{_code_stamp()}.{_script_stamp()}.npy"
    if path.exists():
        data = np.load(path)
        return float(data[0]), data[1:]
    cut, _, oof = cross_validate(train, VARIANTS[SHIPPED], scorer)
    np.save(path, np.concatenate([[cut], oof]))
    return cut, oof


def _script_stamp() -> str:
    here = Path(__file__).resolve().parent / "train_decoder.py"
    return hashlib.sha256(here.read_bytes()).hexdigest()[:8]


class Text:
    """Sentence and paragraph starts of one article (from its cached parse)."""

    def __init__(self, text: str, sent_starts: list[int]) -> None:
        self.text = text
        self.sents = sent_starts
        self.quotes = [k for k, c in enumerate(text) if c in QUOTES]

    def crosses(self, lo: int, hi: int) -> str:
        """Which boundary lies inside text[lo:hi] (strongest first), '' when none."""
        if "\n" in self.text[lo:hi]:
            return "paragraph"
        if any(lo < s < hi for s in self.sents):
            return "sentence"
        if any(lo <= q < hi for q in self.quotes):
            return "quotation mark"
        return ""

    def sentence(self, at: int) -> int:
        return sum(1 for s in self.sents if s <= at)


def content_kind(t: Text, gold: Attribution, pred: Attribution | None) -> str:
    """How the predicted content differs from the gold one."""
    g = gold.roles.get("content")
    p = pred.roles.get("content") if pred is not None else None
    if g is None:
        return "gold has no content"
    if p is None:
        return "no content"
    gs, ge, ps, pe = g.key[0][0], g.key[-1][1], p.key[0][0], p.key[-1][1]
    if pe <= gs or ge <= ps:
        return "elsewhere (no overlap)"
    if len(g.key) > 1 and len(p.key) == 1 and similarity(g, p) < 0.5:
        where = "gold in 2+ pieces (cue inside)"
        return where
    if ps <= gs and pe >= ge:
        side = "both sides" if ps < gs and pe > ge else ("start" if ps < gs else "end")
        extra = t.crosses(ps, gs) if ps < gs else t.crosses(ge, pe)
        return f"too long at the {side}" + (f", across a {extra}" if extra else "")
    if ps >= gs and pe <= ge:
        side = "both sides" if ps > gs and pe < ge else ("start" if ps > gs else "end")
        missing = t.crosses(gs, ps) if ps > gs else t.crosses(pe, ge)
        return f"too short at the {side}" + (f", gold goes on across a {missing}" if missing else "")
    return "shifted (longer at one end, shorter at the other)"


def source_kind(t: Text, docs: Document, gold: Attribution, cue_pos: str) -> str:
    """What kind of source the candidates fail to link."""
    text = t.text
    gsrc, gcue = gold.roles.get("source"), gold.roles.get("cue")
    cue_text = text[gcue.key[0][0]:gcue.key[-1][1]].lower() if gcue else ""
    if gsrc is None:
        return "gold has no source"
    src = text[gsrc.key[0][0]:gsrc.key[-1][1]]
    if cue_text.startswith("according"):
        return "'according to'"
    if src.split()[0].lower() in PRONOUNS:
        return "pronoun source"
    if gcue and t.sentence(gsrc.key[0][0]) != t.sentence(gcue.key[0][0]):
        return "source in another sentence"
    if text[max(0, gsrc.key[0][0] - 4):gsrc.key[0][0]].lower().strip() == "by":
        return "passive agent ('by X')"
    if cue_pos in ("NOUN", "PROPN"):
        return "nominal cue"
    if gcue and gsrc.key[0][0] > gcue.key[0][0]:
        return "source after the cue"
    return "other source"


def _compatible(g: Attribution, p: Attribution) -> bool:
    """The scorer's source condition of a j50 match."""
    gs, ps = g.source_key(), p.source_key()
    return not (gs or ps) or overlaps(gs, ps)


def _content_ok(g: Attribution, p: Attribution) -> bool:
    return similarity(g.roles.get("content"), p.roles.get("content")) >= 0.5


def _at_cue(g: Attribution, p: Attribution) -> bool:
    gc, pc = g.roles.get("cue"), p.roles.get("cue")
    return gc is not None and pc is not None and bool(gc.tokens & pc.tokens)


def _cue_pos(spacy_doc, gold: Attribution) -> str:  # type: ignore[no-untyped-def]
    cue = gold.roles.get("cue")
    if cue is None:
        return ""
    span = spacy_doc.char_span(cue.key[0][0], cue.key[0][1], alignment_mode="expand")
    return span.root.pos_ if span is not None and len(span) else ""


def _best(g: Attribution, cands: list[Attribution]) -> Attribution | None:
    scored = [(similarity(g.roles.get("content"), a.roles.get("content")), k)
              for k, a in enumerate(cands)]
    return cands[max(scored)[1]] if scored else None


def classify(train: list[DocData], scorer: Scorer, cut: float, oof: np.ndarray,
             show: str = "") -> tuple[Tally, Tally]:
    """Tallies of the ranking and linking losses; with ``show``, prints the gold attributions
    of the classes whose name contains it."""
    _, _, picks = rows(train, VARIANTS[SHIPPED])
    kept = decode_all(train, picks, oof, cut)
    parsed = dict(load_docs("train"))
    ranking: Tally = collections.Counter()
    linking: Tally = collections.Counter()
    at = 0
    for d in train:
        doc, gold = scorer.gold[d.doc_id]
        scores = oof[at:at + len(d.options)]
        at += len(d.options)
        sdoc = parsed[d.doc_id]
        t = Text(doc.text, [s.start_char for s in sdoc.sents])
        preds = [_attribution(doc, f) for f in kept[d.doc_id]]
        cands = [_attribution(doc, o.found) for o in d.options]
        for g in gold:
            if any(_compatible(g, p) and _content_ok(g, p) for p in preds):
                continue
            match = [k for k, a in enumerate(cands) if _compatible(g, a) and _content_ok(g, a)]
            if match:
                kind = "ranking: " + _ranking(t, doc, g, preds, d, match, scores, cut, sdoc)
                ranking[kind[9:]] += 1
            elif at_cue := [a for a in cands if _at_cue(g, a)]:
                kind = "linking: " + _linking(t, doc, g, at_cue, sdoc)
                linking[kind[9:]] += 1
            else:
                continue
            if show and show in kind:
                _show(doc.text, g, kind)
    return ranking, linking


def _show(text: str, g: Attribution, kind: str) -> None:
    def part(role: str) -> str:
        m = g.roles.get(role)
        return " … ".join(text[s:e] for s, e in m.key)[:160] if m else "-"

    print(f"[{kind}] source: {part('source')!r} | cue: {part('cue')!r} | content: {part('content')!r}")


def _ranking(t: Text, doc: Document, g: Attribution, preds: list[Attribution], d: DocData,
             match: list[int], scores: np.ndarray, cut: float, sdoc) -> str:  # type: ignore[no-untyped-def]
    kept = [p for p in preds if _at_cue(g, p)]
    if kept:
        p = kept[0]
        if _compatible(g, p):
            return "kept at the cue, content " + content_kind(t, g, p)
        if _content_ok(g, p):
            return "kept at the cue, source wrong: " + source_kind(t, doc, g, _cue_pos(sdoc, g))
        return "kept at the cue, source and content wrong"
    best = max(match, key=lambda k: scores[k])
    origin = "tagger" if d.options[best].origin == "tagger" else "rule"
    if scores[best] >= cut:
        return "nothing kept at the cue: blocked by a kept candidate of another cue"
    gap = "more than 0.1 below" if scores[best] < cut - 0.1 else "within 0.1 below"
    return f"nothing kept at the cue: best match a {origin} candidate {gap} the threshold"


def _linking(t: Text, doc: Document, g: Attribution, at_cue: list[Attribution], sdoc) -> str:  # type: ignore[no-untyped-def]
    src_ok = [a for a in at_cue if _compatible(g, a)]
    cont_ok = [a for a in at_cue if _content_ok(g, a)]
    if src_ok and not cont_ok:
        return "content: " + content_kind(t, g, _best(g, src_ok))
    if cont_ok and not src_ok:
        return "source: " + source_kind(t, doc, g, _cue_pos(sdoc, g))
    if cont_ok and src_ok:
        return "source and content right in different candidates"
    return "source and content both missed; source: " + source_kind(t, doc, g, _cue_pos(sdoc, g))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", default="", help="print the losses whose class contains this")
    args = parser.parse_args()
    train = prepare("train")
    scorer = Scorer("train")
    cut, oof = out_of_fold(train, scorer)
    ranking, linking = classify(train, scorer, cut, oof, args.show)
    for title, tally in (("ranking", ranking), ("linking", linking)):
        print(f"\n{title} ({sum(tally.values())}):")
        for name, n in sorted(tally.items(), key=lambda kv: -kv[1]):
            print(f"  {n:6d}  {name}")


if __name__ == "__main__":
    main()
