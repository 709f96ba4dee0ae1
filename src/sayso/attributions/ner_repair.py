"""Repairs to spaCy's entities that break speaker finding.

* titles or participles swallowed into a name ("Following Macron", "President Obama"):
  leading tokens that are not proper nouns, or are title words, are cut off;
* two people merged into one entity ("Putin spokesman Dmitry Peskov", "Vladimir Putin
  Dmitry Peskov"): split at a title word, or in two halves of two names each;
* capitals and countries tagged as persons ("Kyiv said"): relabelled as places;
* a name with letters after it read as an organisation ("Counsel assisting Martin Reyes QC"):
  the name before the letters is a person;
* a capitalised title alone tagged as a person ("The Treasurer, Jo Bloggs, says"): no name,
  dropped, so that the name in apposition speaks;
* a body's name broken at "for" or "of" ("the U.S. Attorney's Office for the Western District
  of New York" read as "U.S.", "Office for the Western District of" and "New York"): one
  organisation from the first capitalised word to the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from sayso.attributions.quotes import find_quotes
from sayso.attributions.spans import Range, within
from sayso.knowledge.lexicons import heads, places, titles, word_classes
from sayso.nlp import column, doc_ents, doc_text

NAME_KINDS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# Head words of a public body's name that "for" or "of" continues ("Office for Civil Rights",
# "Court of Appeals for the Ninth Circuit"); capitalised, not actors_words.tsv's public_body.
BODY_WORDS = word_classes("speakers_words.tsv")["body_head"]
POSTNOMINALS = word_classes("speakers_words.tsv")["postnominal"]
# The same words as string ids: the scans of the whole document below test each token's id
# and build a Token only for those that match.
BODY_IDS = frozenset(get_string_id(w) for w in BODY_WORDS)
POSTNOMINAL_IDS = frozenset(get_string_id(w) for w in POSTNOMINALS)


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
    ents = doc_ents(doc)
    surnames = {ent[-1].text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    for ent in ents:
        if ent.label_ not in NAME_KINDS:
            continue
        person = _postnominal_person(doc, ent.start, ent.end) if ent.label_ == "ORG" else None
        if person is not None:
            out.append(_mention(doc, person[0], person[1], "PERSON"))
            continue
        if ent.label_ != "PERSON":
            out.extend(_mention(doc, a, b, label) for a, b, label in _split_place_name(doc, ent.start, ent.end, ent.label_))
            continue
        if ent.text.lower() in known:
            out.append(_mention(doc, ent.start, ent.end, "GPE"))
            continue
        if _title_only(doc, ent.start, ent.end, surnames):
            continue
        start = _trim_person(doc, ent.start, ent.end)
        end = ent.end - (ent.end - start > 2 and doc[ent.end - 1].text in POSTNOMINALS)  # ("... QC")
        for a, b in _split_person(doc, start, end):
            if b > a:
                out.append(_mention(doc, a, b, "PERSON"))
    out += _untagged_postnominal_people(doc)
    out = [m for m in out if m.end > m.start and m.text.strip()]
    return _whole_bodies(doc, _lone_surnames(doc, sorted(out, key=lambda m: m.start)))


def _untagged_postnominal_people(doc: Doc) -> list[Mention]:
    """A name before letters like "QC" that the tagger left outside every entity (not letters
    that title the name after them: "Labour MP Jo Bloggs")."""
    found = []
    for i, orth in enumerate(column(doc, "orth")):
        if orth not in POSTNOMINAL_IDS:
            continue
        token = doc[i]
        if token.ent_type_ or token.i < 2:
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
            continue
        start = token.i
        while start > 0 and token.i - start < 3 and not doc[start - 1].ent_type_ \
                and _plain_name(doc[start - 1].text, doc[start - 1].pos_):
            start -= 1
        person = _postnominal_person(doc, start, token.i + 1)
        if person is not None:
            found.append(_mention(doc, person[0], person[1], "PERSON"))
    return found


def _postnominal_person(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """"Martin Reyes QC", "Jo Bloggs MP" tagged as an organisation: two or three plain
    capitalised names (no title, body or place word) before letters that follow a person's
    name are that person; the range of the name without the letters."""
    if doc[end - 1].text not in POSTNOMINALS:
        return None
    start = _trim_person(doc, start, end - 1)
    names = doc[start:end - 1]
    if not 2 <= len(names) <= 3 or not all(_plain_name(t.text, t.pos_) for t in names):
        return None
    return start, end - 1


HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."})


def _title_only(doc: Doc, start: int, end: int, surnames: set[str]) -> bool:
    """Every word of the entity is a title word ("Treasurer", "Prime Minister"): a title
    the tagger read as a name names nobody by itself; not a surname that is also a title
    ("Mr. King", "Justice" of Jim Justice named in full)."""
    table = titles()
    if start > 0 and doc[start - 1].lower_ in HONORIFICS:
        return False
    return doc[end - 1].text not in surnames and all(t.lower_ in table for t in doc[start:end])


def _lone_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Buser, however, is counting on ...", "Mr Buser said": a lone proper noun the tagger left untyped, outside
    every quotation, that is the surname of a person named in full earlier (a PERSON mention of
    two words or more) is that person's mention too, so that a pronoun after it can find it."""
    surnames: dict[str, int] = {}
    for m in mentions:
        if m.label == "PERSON" and m.end - m.start >= 2:
            surnames.setdefault(doc[m.end - 1].text, m.end)
    if not surnames:
        return mentions
    added = []
    quotes: list[Range] | None = None
    by_id = {get_string_id(text): end for text, end in surnames.items()}
    for i, orth in enumerate(column(doc, "orth")):
        after = by_id.get(orth)
        if after is None or i < after:
            continue
        token = doc[i]
        if token.ent_type_ or not _plain_name(token.text, token.pos_):
            continue
        quotes = find_quotes(doc_text(doc)) if quotes is None else quotes
        if within((token.idx, token.idx + len(token.text)), quotes):
            continue  # (a name inside a quotation is what a speaker talks about, left as tagged)
        neighbours = [doc[k] for k in (token.i - 1, token.i + 1) if 0 <= k < len(doc)]
        if any((n.pos_ == "PROPN" or n.ent_type_) and n.lower_ not in HONORIFICS for n in neighbours):
            continue  # (part of some longer name; "Mr Lording" is the surname with its honorific)
        added.append(_mention(doc, token.i, token.i + 1, "PERSON"))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.ent_type_ in NAME_KINDS)


def _body_end(doc: Doc, i: int) -> int:
    """The end of a body's name whose head word is ``doc[i]``: "for"/"of", an optional "the" and
    capitalised words, as often as they follow; ``i + 1`` when none follow."""
    end = i + 1
    while end + 1 < len(doc) and doc[end].lower_ in ("for", "of"):
        j = end + 1 + (doc[end + 1].lower_ == "the")
        k = j
        while k < len(doc) and _capitalised(doc[k]) and doc[k].ent_type_ not in ("PERSON", "DATE"):
            k += 1
        if k == j:
            break
        end = k
    return end


def _body_start(doc: Doc, i: int) -> int:
    """The first word of a body's name before its head word: capitalised words and an owner's
    "'s" after them ("U.S. Attorney's Office"), never a person's name ("Trump's")."""
    start = i
    while start > 0:
        before = doc[start - 1]
        if before.lower_ in ("'s", "’s") and start > 1 and _capitalised(doc[start - 2]):
            owner = doc[start - 2]
        elif _capitalised(before) and before.pos_ != "DET":
            owner = before
        else:
            break
        if owner.ent_type_ == "PERSON":
            break
        start = owner.i
    return start


def _whole_bodies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One organisation for a body's name the tagger broke at "for" or "of"."""
    merged: list[tuple[int, int]] = []
    for i, orth in enumerate(column(doc, "orth")):
        if orth not in BODY_IDS:
            continue
        token = doc[i]
        if token.pos_ != "PROPN" or (merged and token.i < merged[-1][1]):
            continue
        end = _body_end(doc, token.i)
        if end == token.i + 1:
            continue
        start = _body_start(doc, token.i)
        inside = [m for m in mentions if m.start < end and start < m.end]
        start = min([start, *(m.start for m in inside)])  # ("The Court of Appeals")
        if any(m.end > end for m in inside) or (
                len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end)):
            continue  # (a mention reaching past the name, or the name already whole)
        merged.append((start, end))
    if not merged:
        return mentions
    kept = [m for m in mentions if not any(m.start < b and a < m.end for a, b in merged)]
    kept += [_mention(doc, a, b, "ORG") for a, b in merged]
    return sorted(kept, key=lambda m: m.start)
