"""Speakers: who each source span refers to, canonicalised within the document.

No coreference model is available offline, so these are our own rules:
a named mention inside the source is the speaker (the one holding the phrase's head);
"he"/"she" go to the nearest person named or described before (a speaker such as
"Ukraine's defence minister" counts); "they"/"it" to the nearest organisation, country or
group; bare descriptions ("the minister") to the nearest earlier speaker whose role has
that word, else the nearest person. Owned descriptions ("Ukraine's defence minister",
"Israeli military sources") are speakers of their own, named by the description, with the
role from its head noun and the country from the place in it. Surnames map to the longest
full name in the document ("Lavrov" -> "Sergei Lavrov"). Role and country come from
premodifiers and appositions ("French President Emmanuel Macron").
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sayso.attributions.ner_repair import Mention, heads, places, repaired_mentions, titles
from sayso.model import Actor, ActorKind, Attribution

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we", "our", "us"})
KIND_OF_LABEL: dict[str, ActorKind] = {
    "PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group",
    "FAC": "organization", "LOC": "country",
}
PEOPLE = "\x00people"  # key under which _canonical_names lists the full person names
ROLE_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADP", "DET", "PART"})
NO_MENTION = Mention(0, 0, "", "", (0, 0))


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    mentions = repaired_mentions(doc)
    starts = [m.chars[0] for m in mentions]
    names = _canonical_names(mentions)
    speakers: list[tuple[int, Actor]] = []
    for att in attributions:
        if att.source is None:
            continue
        span = doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        actor = _actor(span, mentions, starts, names, speakers)
        att.speaker = actor
        speakers.append((span.start_char, actor))
    _collect_spans(doc, attributions, mentions, names)


def _canonical_names(mentions: list[Mention]) -> dict[str, str]:
    """Every person name and surname -> the longest full name ending with that surname."""
    longest: dict[str, str] = {}
    for m in mentions:
        if m.label == "PERSON":
            last = m.text.split()[-1]
            if len(m.text) > len(longest.get(last, "")):
                longest[last] = m.text
    out = {}
    for m in mentions:
        # A surname the tagger called an organisation still names the person.
        out[m.text] = longest.get(m.text.split()[-1], m.text) if m.label == "PERSON" else (
            longest.get(m.text, m.text))
    out[PEOPLE] = "\n".join(longest.values())
    return out


def _mentions_in(span: SpacySpan, mentions: list[Mention], starts: list[int]) -> list[Mention]:
    """The mentions within the span; ``starts`` (their first characters, ascending) narrows the
    search, so a transcript with a thousand quoted speakers is not read a thousand times over."""
    found = []
    for k in range(bisect.bisect_left(starts, span.start_char), len(mentions)):
        if starts[k] >= span.end_char:
            break
        m = mentions[k]
        if span.start <= m.start and m.end <= span.end:
            found.append(m)
    return found


def _actor(span: SpacySpan, mentions: list[Mention], starts: list[int], names: dict[str, str],
           speakers: list[tuple[int, Actor]]) -> Actor:
    inside = _mentions_in(span, mentions, starts)
    if inside and not _is_described(span, inside):
        head = _head_mention(span, inside)
        name = names.get(head.text, head.text)
        kind = "person" if name in names.get(PEOPLE, "").split("\n") else KIND_OF_LABEL[head.label]
        actor = Actor(name=name, kind=kind)
        actor.role = _role(span, head)
        actor.country = _country(span, head)
        return actor
    word = span.root.lower_
    if len(span) == 1 and word in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return _pronoun(span, word, mentions, starts, names, speakers)
    return _description(span, inside, speakers, mentions, starts, names)


def _is_described(span: SpacySpan, inside: list[Mention]) -> bool:
    """A title, body or plural noun heads the phrase and the names only modify it."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or any(m.start <= root.i < m.end for m in inside):
        return False
    # The small model tags lower-case "foreign ministry" as a proper noun too.
    if root.pos_ == "PROPN" and not root.is_lower:
        return False
    # "a narrator in the Clinton ad": a name inside the phrase's setting is not its owner.
    if root.pos_ == "NOUN" and all(_in_setting(span, m, root) for m in inside):
        return True
    # "Donald Trump's tweet", "a Bloomberg poll": the named owner is the speaker.
    if not (_known_head(root.lemma_.lower()) or root.tag_ == "NNS"):
        return False
    # "Spokesman for Vladimir Putin Dmitry Peskov": two names back to back, the last speaks.
    people = [m for m in inside if m.label == "PERSON"]
    if any(a.end == b.start for a, b in zip(people, people[1:], strict=False)):
        return False
    # "Sergei Lavrov, the foreign minister": the name is the speaker, the noun its title.
    return not any(span.doc[m.end - 1].dep_ == "appos" or span.doc[m.start].dep_ == "appos"
                   for m in inside if m.label == "PERSON")


# Prepositions that place a described speaker rather than name its author ("a video by the
# RNC" and "a report from the Pentagon" keep the named author as the speaker).
SETTING_PREPS = frozenset({"in", "on", "at", "during", "with", "about", "near", "inside"})


def _in_setting(span: SpacySpan, mention: Mention, root: Token) -> bool:
    token = span.doc[mention.start]
    while token.i != root.i and token.head.i != token.i and span.start <= token.i < span.end:
        if token.dep_ == "prep" and token.lower_ in SETTING_PREPS:
            return True
        token = token.head
    return False


def _head_mention(span: SpacySpan, inside: list[Mention]) -> Mention:
    root = span.root.i
    for m in inside:
        if m.start <= root < m.end:
            return m
    people = [m for m in inside if m.label == "PERSON"]
    return (people or inside)[-1]


def _role(span: SpacySpan, head: Mention) -> str | None:
    """Title words around the name: premodifiers, or an apposition after it."""
    doc = span.doc
    before = [t for t in doc[span.start:head.start] if t.pos_ in ROLE_POS]
    while before and (before[0].pos_ in ("DET", "ADP", "PART") or before[0].lower_ in places()):
        before = before[1:]
    if before and any(_known_head(t.lemma_.lower()) for t in before):
        return doc[before[0].i:before[-1].i + 1].text.strip(" ,") or None
    if before:  # "A web video by the RNC": words before the name that hold no title
        return None
    appos = [t for t in doc[head.end:span.end] if t.dep_ == "appos"]
    if not appos:
        return None
    words = [t for t in appos[0].subtree if t.dep_ != "det" and not t.is_punct]
    return doc[words[0].i:words[-1].i + 1].text if words else None


def _country(span: SpacySpan, head: Mention) -> str | None:
    table = places()
    if head.label in ("GPE", "NORP", "LOC") and head.text.lower() in table:
        return table[head.text.lower()][0]
    text = span.text.lower()
    for token in span:
        key = token.lower_
        if key in table and token.i not in range(head.start, head.end):
            return table[key][0]
    for name, (code, kind) in table.items():
        if " " in name and kind in ("institution", "country") and name in text:
            return code
    return None


def _nearest(mentions: list[Mention], starts: list[int], before: int, labels: set[str]) -> Mention | None:
    k = bisect.bisect_left(starts, before) - 1
    while k >= 0:
        if mentions[k].label in labels:
            return mentions[k]
        k -= 1
    return None


def _pronoun(span: SpacySpan, word: str, mentions: list[Mention], starts: list[int],
             names: dict[str, str], speakers: list[tuple[int, Actor]]) -> Actor:
    if word in ("i", "me", "my", "we", "our", "us"):
        return Actor(name=span.text, kind="unknown" if word in ("i", "me", "my") else "group")
    person = word in PERSON_PRONOUNS
    labels = {"PERSON"} if person else {"ORG", "GPE", "NORP"}
    found = _nearest(mentions, starts, span.start_char, labels)
    kinds = {"person"} if person else {"organization", "country", "group"}
    # An earlier speaker after the nearest name wins: "..., Ukraine's defence minister said. He"
    earlier = [(at, k) for k, (at, actor) in enumerate(speakers)
               if at < span.start_char and actor.kind in kinds]
    if earlier:
        at, k = max(earlier)
        if found is None or at >= found.chars[0]:
            return _copy(speakers[k][1])
    if found is None:
        return Actor(name=span.text, kind="unknown")
    return Actor(name=names.get(found.text, found.text), kind=KIND_OF_LABEL[found.label])


def _copy(actor: Actor) -> Actor:
    return Actor(name=actor.name, kind=actor.kind, role=actor.role, country=actor.country)


def _description(span: SpacySpan, inside: list[Mention], speakers: list[tuple[int, Actor]],
                 mentions: list[Mention], starts: list[int], names: dict[str, str]) -> Actor:
    """"the minister", "the Kremlin spokesman", "fact-checkers", "Ukraine's defence minister"."""
    head = span.root.lemma_.lower()
    definite = span[0].lower_ in ("the", "this", "that")
    if definite and head in titles() and not _owned(span):
        earlier = _callback(span, head, inside, speakers)
        if earlier is not None:
            return earlier
        found = _nearest(mentions, starts, span.start_char, {"PERSON"})
        if found is not None and not inside:
            return Actor(name=names.get(found.text, found.text), kind="person",
                         role=span.text[len(span[0].text):].strip() or None)
    if inside or (_owned(span) and _known_head(head)):
        return _described(span, inside)
    place = places().get(span.text.lower())
    if place is not None:
        kind: ActorKind = "organization" if place[1] == "institution" else "country"
        return Actor(name=span.text, kind=kind, country=place[0])
    plural = span.root.tag_ in ("NNS", "NNPS")
    return Actor(name=span.text, kind="group" if plural else "unknown",
                 country=_country(span, NO_MENTION))


def _callback(span: SpacySpan, head: str, inside: list[Mention],
              speakers: list[tuple[int, Actor]]) -> Actor | None:
    """The latest earlier speaker whose role has the head word and fits the modifiers:
    "the Kremlin spokesman" -> Peskov (RUS), never "the Republican nominee" -> a Democrat."""
    country = _country(span, inside[0]) if inside else None
    for _, actor in reversed(speakers):
        words = (actor.role or "").lower().split()
        if head not in words and head + "s" not in words:
            continue
        said = f"{actor.name} {actor.role}"
        if all(m.text in said for m in inside) or (country and country == actor.country):
            return _copy(actor)
    return None


def _known_head(lemma: str) -> bool:
    return lemma in titles() or lemma in heads()


def _owned(span: SpacySpan) -> bool:
    """ "the bloc's chief", "the head of the agency": a new speaker, not a callback."""
    return any(t.dep_ == "poss" or (t.dep_ == "prep" and t.head == span.root) for t in span
               if t.lower_ not in ("his", "her", "its", "their"))


def _head_kind(lemma: str) -> ActorKind:
    kind = heads().get(lemma, "person" if lemma in titles() else "unknown")
    return "organization" if kind == "organization" else "person" if kind == "person" else "unknown"


def _described(span: SpacySpan, inside: list[Mention]) -> Actor:
    """A speaker named by its description: role from the head noun, country from the place."""
    root = span.root
    doc = span.doc
    start = span.start + (1 if span[0].lower_ in ("a", "an") else 0)
    end = root.i + 1
    for child in root.rights:
        if child.dep_ == "prep" and child.right_edge.i < span.end:
            end = child.right_edge.i + 1
    name = doc[start:end].text.strip(" ,")
    name = "the" + name[3:] if name.startswith("The ") else name
    # Role words: the head's own modifiers, not the names or the owner ("Mr. Clarke's").
    skip = {i for m in inside for i in range(m.start, m.end)}
    skip |= {t.i for c in root.lefts if c.dep_ == "poss" for t in c.subtree}
    words = [t for t in doc[start:root.i + 1] if t.i not in skip and t.pos_ in ROLE_POS
             and t.dep_ not in ("det", "case", "nummod") and t.lower_ not in ("'s", "’s")]
    while words and (words[0].pos_ in ("DET", "ADP", "PART") or words[0].lower_ in places()):
        words = words[1:]
    head = root.lemma_.lower()
    plural = root.tag_ in ("NNS", "NNPS")
    kind: ActorKind = "group" if plural else _head_kind(head)
    # A role only for people and bodies: "poll" or "video" is no one's role.
    role = " ".join(t.text for t in words) if words and (plural or _known_head(head)) else None
    country = _country(span, inside[0]) if inside else _country(span, NO_MENTION)
    return Actor(name=name or span.text, kind=kind, role=role, country=country)


def _collect_spans(doc: Doc, attributions: list[Attribution], mentions: list[Mention],
                   names: dict[str, str]) -> None:
    """Every mention of each speaker: named mentions with the same canonical name + sources."""
    by_name: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        by_name.setdefault(names.get(m.text, m.text), []).append(m.chars)
    for att in attributions:
        if att.speaker is not None and att.source is not None:
            by_name.setdefault(att.speaker.name, []).extend(att.source.spans)
    known: dict[str, Actor] = {}
    for att in attributions:
        if att.speaker is not None:
            first = known.setdefault(att.speaker.name, att.speaker)
            first.role = first.role or att.speaker.role
            first.country = first.country or att.speaker.country
    for att in attributions:
        if att.speaker is not None:
            first = known[att.speaker.name]
            att.speaker.role = att.speaker.role or first.role
            att.speaker.country = att.speaker.country or first.country
            att.speaker.spans = sorted(set(by_name.get(att.speaker.name, [])))
