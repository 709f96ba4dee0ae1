"""The cue lexicon: which lemmas signal attribution, how reliably, and with what meaning.

The table lives in ``sayso/data/cues.tsv`` (rebuilt by ``scripts/train_attributions.py``):
``lemma, pos, class, rate, count`` where ``rate`` is the share of the lemma's occurrences
that were cues in PolNeAR train and ``class`` is the hand-assigned meaning (say, claim,
deny...) that the events and claims stages read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    pos: str
    cls: str
    rate: float
    # Share of this cue's extractions that matched a gold cue on PolNeAR train.
    precision: float
    # "raising" (subject belongs to the content), "recipient" (object is the addressee),
    # "clause" (only a clause is content); see cue_classes.tsv.
    frame: str = ""


Lexicon = dict[tuple[str, str], Cue]


def parse(text: str) -> Lexicon:
    table: Lexicon = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("lemma\t"):
            continue
        cols = line.split("\t")
        lemma, pos, cls, rate = cols[:4]
        precision = float(cols[5]) if len(cols) > 5 and cols[5] else float(rate)
        frame = cols[6] if len(cols) > 6 else ""
        table[(lemma, pos)] = Cue(lemma, pos, cls, float(rate), precision, frame)
    return table


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("sayso.data").joinpath("cues.tsv").read_text(encoding="utf-8")
    return parse(text)


def lookup(lemma: str, pos: str) -> Cue | None:
    return lexicon().get((lemma.lower(), pos))


def cue_class(lemma: str) -> str | None:
    """Class of a lemma whatever its part of speech (verb reading first)."""
    table = lexicon()
    for pos in ("VERB", "NOUN", "ADJ", "ADV", "ADP"):
        cue = table.get((lemma.lower(), pos))
        if cue is not None:
            return cue.cls
    return None


@lru_cache(maxsize=1)
def _frames() -> dict[str, str]:
    """lemma -> frame from the hand-written ``cue_classes.tsv`` (any part of speech)."""
    text = resources.files("sayso.data").joinpath("cue_classes.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if line and not line.startswith("#") and len(cols) > 2 and cols[2]:
            out.setdefault(cols[0], cols[2])
    return out


@lru_cache(maxsize=16)
def lemmas_with_frame(frame: str) -> frozenset[str]:
    """E.g. "medium" (statement, interview...) or "document" (poll, survey...)."""
    return frozenset(lemma for lemma, f in _frames().items() if f == frame)
