"""Repairs to spaCy's entities that break speaker finding.

* titles or participles swallowed into a name ("Following Macron", "President Obama"):
  leading tokens that are not proper nouns, or are title words, are cut off;
* two people merged into one entity ("Putin spokesman Dmitry Peskov", "Vladimir Putin
  Dmitry Peskov"): split at a title word, or in two halves of two names each;
* capitals and countries tagged as persons ("Kyiv said"): relabelled as places.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from sayso.attributions.spans import Range
from sayso.knowledge.lexicons import heads, places, titles

NAME_KINDS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A named mention after repair: token range [start, end), label and text."""

    start: int
    end: int
    label: str
    text: str
    chars: Range


def _mention(doc: Doc, start: int, end: int, label: str) -> Mention:
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    span = doc[start:end]
    return Mention(start, end, label, span.text, (span.start_char, span.end_char))


def _trim_person(doc: Doc, start: int, end: int) -> int:
    """First token of the name proper: skip lower-case words, verbs and titles."""
    table = titles()
    while end - start > 1 and (not doc[start].text[:1].isupper()
                               or doc[start].pos_ not in ("PROPN",)
                               or doc[start].lower_ in table):
        start += 1
    return start


def _split_person(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    table = titles()
    inner = [i for i in range(start + 1, end - 1) if doc[i].lower_ in table]
    if inner:
        return [(start, inner[0]), (inner[-1] + 1, end)]
    # Two names back to back ("Vladimir Putin Dmitry Peskov"), not one with an initial or a
    # suffix ("Joseph R. Biden Jr.").
    if end - start == 4 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.endswith(".")
                                for t in doc[start:end]):
        return [(start, start + 2), (start + 2, end)]
    return [(start, end)]


def _split_place_name(doc: Doc, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """"envoy to Ukraine Kurt Volker": the tagger runs a place into the person named after it
    (one ORG); a known place followed by two or three capitalised names that are no title,
    body or place is split into the place and a person."""
    if end - start < 3:
        return [(start, end, label)]
    known = places()
    first = doc[start].lower_
    for cut, place in ((1, first), (2, f"{first} {doc[start + 1].lower_}")):
        if place in known and 2 <= end - start - cut <= 3 and all(
                _plain_name(t.text, t.pos_) for t in doc[start + cut:end]):
            return [(start, start + cut, "GPE"), (start + cut, end, "PERSON")]
    return [(start, end, label)]


def _plain_name(text: str, pos: str) -> bool:
    word = text.lower()
    return (pos == "PROPN" and text[:1].isupper() and text[1:2].islower() and word not in titles()
            and word not in heads() and word not in places())


def repaired_mentions(doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    known = places()
    for ent in doc.ents:
        if ent.label_ not in NAME_KINDS:
            continue
        if ent.label_ != "PERSON":
            out.extend(_mention(doc, a, b, label) for a, b, label in _split_place_name(doc, ent.start, ent.end, ent.label_))
            continue
        if ent.text.lower() in known:
            out.append(_mention(doc, ent.start, ent.end, "GPE"))
            continue
        start = _trim_person(doc, ent.start, ent.end)
        for a, b in _split_person(doc, start, ent.end):
            if b > a:
                out.append(_mention(doc, a, b, "PERSON"))
    return [m for m in out if m.end > m.start and m.text.strip()]
