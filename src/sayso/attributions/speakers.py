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
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sayso.actors import by_title
from sayso.actors.coding import place_country
from sayso.attributions.labels import LABEL_LEAD
from sayso.attributions.ner_repair import Mention, repaired_mentions
from sayso.attributions.quotes import find_quotes
from sayso.knowledge import knowledge
from sayso.knowledge.lexicons import (
    FIRST_PERSON,
    SETTING_PREPS,
    genders,
    heads,
    kin,
    places,
    titles,
    word_classes,
)
from sayso.model import Actor, ActorKind, Attribution

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we", "our", "us"})
SURNAME = "\x00surname "  # key in the canonical names: every full name with that surname, by line
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
SPEAKER_WORDS = word_classes("speakers_words.tsv")
# Courtesy honorifics, no title ("Mr.", "Ms."): not actors_words.tsv's honorific (see the TSV).
HONORIFICS = SPEAKER_WORDS["courtesy_title"]
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
KIND_OF_LABEL: dict[str, ActorKind] = {
    "PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group",
    "FAC": "organization", "LOC": "country",
}
ROLE_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADP", "DET", "PART"})
NO_MENTION = Mention(0, 0, "", "", (0, 0))
# Nouns of a group of people that may join a named speaker ("Paganini and his team").
GROUP_NOUNS = frozenset({"team", "family", "staff", "camp", "entourage", "chain", "crew", "group"})
# A person's kin as one speaker ("Scott's family said"): never the person named as the owner.
KIN_GROUPS = frozenset({"family", "families", "relatives", "kin"})


@dataclass(slots=True)
class Scene:
    """What resolving one document's speakers reads: its named mentions (``starts``: their first
    characters, ascending), canonical names, the speakers found so far, and the content of the
    attribution being resolved (names inside it are not its speaker)."""

    doc: Doc
    text: str
    mentions: list[Mention]
    starts: list[int]
    names: dict[str, str]
    people: frozenset[str]
    speakers: list[tuple[int, Actor]] = field(default_factory=list)
    order: list[tuple[int, int]] = field(default_factory=list)  # (source start, index), sorted
    own: list[tuple[int, int]] = field(default_factory=list)
    known_genders: dict[str, str | None] = field(default_factory=dict)
    reporters: list[tuple[int, int, Attribution]] = field(default_factory=list)  # content -> its owner
    ends: dict[int, int] = field(default_factory=dict)  # source start -> its end
    titled: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # title -> (at, surname)

    def titled_before(self, head: str, at: int) -> set[str]:
        """The surnames the text gives the title ``head`` in front of, before character ``at``:
        "President Trump's advisers", "company president John Hall" make "trump", "hall" ones a
        later "the president" may mean, though no source ever named them with the title."""
        if head not in self.titled:
            found = []
            doc = self.doc
            for token in doc:
                if token.lemma_.lower() != head or token.i + 1 >= len(doc) or doc[token.i + 1].pos_ != "PROPN":
                    continue
                end = token.i + 1
                while end < len(doc) and doc[end].pos_ == "PROPN" and end - token.i <= 3:
                    end += 1
                found.append((token.idx, doc[end - 1].lower_))
            self.titled[head] = found
        return {name for start, name in self.titled[head] if start < at}

    def in_source(self, at: int) -> bool:
        """The character lies inside the source of a speaker found so far."""
        k = bisect.bisect_right(self.order, (at, len(self.speakers))) - 1
        return k >= 0 and at < self.ends.get(self.order[k][0], -1)

    def hidden(self, at: int) -> bool:
        return any(s <= at < e for s, e in self.own)

    def reported(self, at: int) -> bool:
        """The character lies inside some attribution's content."""
        return any(s <= at < e for s, e, _ in self.reporters)

    def gender(self, name: str) -> str | None:
        """"f", "m" or None for a canonical person name: from its first name, else from an
        honorific or role noun just before any of its mentions ("Mrs.", "spokeswoman")."""
        if name not in self.known_genders:
            table = genders()
            words = name.split()
            found = table.get(words[0].lower()) if len(words) > 1 else None
            if found is None and name not in self.people and words[-1].islower():
                # A described speaker has its head noun's gender ("one mother", "a Boeing
                # spokeswoman"); a name's capitalised last word is none ("Jill King").
                found = table.get(words[-1])
            for m in self.mentions if found is None else []:
                if m.start > 0 and self.names.get(m.text) == name:
                    found = table.get(self.doc[m.start - 1].lower_)
                    if found:
                        break
            self.known_genders[name] = found
        return self.known_genders[name]

    def fits(self, name: str, word: str) -> bool:
        """The pronoun can mean the person: "she" is not a man named before."""
        wanted = PRONOUN_GENDER.get(word)
        found = self.gender(name) if wanted else None
        return found is None or found == wanted


def resolve_speakers(doc: Doc, attributions: list[Attribution], text: str | None = None) -> None:
    """``text``: ``doc.text`` when the caller has it (spaCy rebuilds it on every access)."""
    text = doc.text if text is None else text
    mentions = repaired_mentions(doc)
    names, people = _canonical_names(mentions, doc, text)
    names, people = _nicknamed(names, people, mentions, text)
    names, people = _typo_twins(names, people, mentions)
    scene = Scene(doc, text, mentions, [m.chars[0] for m in mentions], names, people)
    scene.reporters = [(s, e, a) for a in attributions if a.content is not None for s, e in a.content.spans]
    for att in attributions:
        if att.source is None:
            continue
        span = doc.char_span(att.source.start, att.source.end, alignment_mode="expand")
        span = _without_dateline(span, text) if span is not None else None
        if span is None or len(span) == 0:
            continue
        scene.own = list(att.content.spans) if att.content is not None else []
        actor = _actor(span, scene)
        att.speaker = actor
        bisect.insort(scene.order, (span.start_char, len(scene.speakers)))
        scene.ends[span.start_char] = span.end_char
        scene.speakers.append((span.start_char, actor))
    _first_person(scene.text, attributions)
    _settle_names(scene, attributions)
    _collect_spans(doc, attributions, mentions, names)


DASHES = frozenset({"-", "–", "—", "--"})


def _without_dateline(span: SpacySpan, text: str) -> SpacySpan:
    """"WASHINGTON – Two federal prison officers", "BUFFALO, N.Y. (AP) — The coach": a
    dateline that opens the paragraph names where the story was filed, never who speaks."""
    if _paragraph_start(text, span.start_char) != span.start_char:
        return span
    head = span[:10]
    first = head[0].text
    if not (len(first) > 1 and first.isalpha() and first.isupper()):
        return span
    inside = False
    for token in head:
        word = token.text
        if word in DASHES:
            return span[token.i - span.start + 1:]
        inside = (inside or word == "(") and word != ")"
        if not (inside or word == ")" or token.is_punct or word.isupper()
                or (word.endswith(".") and len(word) <= 6)):
            return span
    return span


def _canonical_names(mentions: list[Mention], doc: Doc, text: str) -> tuple[dict[str, str], frozenset[str]]:
    """Every person name and surname -> one full name per person, and the set of person names.

    A full name maps to the longest full name with the same first and last word ("Donald Trump"
    -> "Donald J. Trump"), never to another person of the same surname ("Jeh Johnson" stays
    apart from "Gary Johnson"). A lone surname ("Trump", or "Band" tagged as an organisation)
    maps to a curated office holder of that name if one is named in full, else to the person
    named most often with that surname (ties: the first named).
    """
    full: dict[str, dict[str, list[str]]] = {}  # surname -> first word -> full names, in order
    who = [_who_after(doc, m) for m in mentions]
    solo = {m.text for m in mentions if m.label == "PERSON" and " " not in m.text}
    # (a lone surname that ", who" follows is a person's too: "..., added Claure, who is")
    solo |= {m.text for m, w in zip(mentions, who, strict=True) if w and " " not in m.text}
    for m, w in zip(mentions, who, strict=True):
        words = m.text.split()
        while len(words) > 2 and words[-1].lower().rstrip(".") in SUFFIXES:  # "Joseph R. Biden Jr."
            words.pop()
        if len(words) > 1 and (m.label == "PERSON" or _misread_person(words, solo, w or _titled(doc, m))):
            full.setdefault(words[-1], {}).setdefault(words[0], []).append(m.text)
    out: dict[str, str] = {}
    people: set[str] = set()
    for last, firsts in full.items():
        longest = [max(group, key=len) for group in firsts.values()]
        for group in firsts.values():
            own = max(group, key=len)
            # "Bin Laden" is the end of "Osama bin Laden": the same person, named in full; but
            # "Crooked Hillary Clinton" is Hillary Clinton under a nickname (reader24).
            canonical = max((n for n in longest if n.lower().endswith(" " + own.lower())
                             and not _epithet(n, own)), key=len, default=own)
            canonical = next((n for n in longest if _epithet(own, n)), canonical)
            people.add(canonical)
            out.update((name, canonical) for name in group)
        # max keeps the first of equals: the earliest named wins a tie
        groups = list(firsts.values())
        if len(groups) > 1:  # only then is the knowledge base asked (it loads once, slowly)
            groups.sort(key=lambda group: (_office_holder(group[0]), len(group)), reverse=True)
        out[last] = out[groups[0][0]]
        out[SURNAME + last] = "\n".join(dict.fromkeys(out[group[0]] for group in firsts.values()))
        if len(last) > 2:
            # a surname in capitals is the same person: a transcript's "PENCE:" (attributions.labels)
            # or a headline's "TRUMP SAYS ..." (attr22)
            out.setdefault(last.upper(), out[last])
    # (a lone family name is often read as an organisation: "Wang said")
    _family_first({m.text for m in mentions if m.label in ("PERSON", "ORG") and " " not in m.text},
                  mentions, doc, text, out)
    for m in mentions:
        if m.text not in out:
            out[m.text] = m.text
            if m.label == "PERSON":
                people.add(m.text)
    return out, frozenset(people)


def _epithet(longer: str, name: str) -> bool:
    """``longer`` is ``name`` after a nickname or epithet ("Crooked Hillary Clinton", "Lyin' Ted
    Cruz", a headline's "Rip Donald Trump"): ``name`` is two or more words opening with a known
    given name (speaker_genders.tsv), and the words before it are capitalised words that are no
    given name ("Mary Ann Smith" is not Ann Smith under an epithet) and no initial."""
    if not longer.lower().endswith(" " + name.lower()) or name.count(" ") < 1:
        return False
    extra = longer[: len(longer) - len(name)].split()
    table = genders()
    first = name.split()[0]
    return (first.isalpha() and first[:1].isupper() and table.get(first.lower()) is not None
            and all(w[:1].isupper() and len(w) > 2 and w.replace("'", "").isalpha()
                    and w.lower() not in table for w in extra))


def _family_first(names: set[str], mentions: list[Mention], doc: Doc, text: str,
                  out: dict[str, str]) -> None:
    """A lone name that ends no full name but opens exactly one: Chinese, Korean and Vietnamese
    names put the family name first ("Liu Xiaming" ... "Liu said", "Kim Jong-un" ... "Kim"), and
    a lone first name ("Hillary") means the one person named in full with it. Only plain names
    count as full ones: two or three capitalised words, no verb, no suffix ("Pate IV"), not
    from a title-case headline ("Obama Says African-American Museum ..." is no "Obama Says")."""
    lone = {name for name in names if name not in out}
    if not lone:
        return
    opening: dict[str, set[str]] = {}
    for m in mentions:
        words = m.text.split()
        if (m.label == "PERSON" and words[0] in lone and m.text in out
                and _plain_name(words, doc[m.start:m.end], text)):
            opening.setdefault(words[0], set()).add(out[m.text])
    for name, holders in opening.items():
        if len(holders) == 1:
            out[name] = next(iter(holders))
            out[SURNAME + name] = out[name]


def _plain_name(words: list[str], tokens: SpacySpan, text: str) -> bool:
    if not 1 < len(words) <= 3 or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return False
    if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").replace(".", "").isalpha()
               and w.lower().rstrip(".") not in SUFFIXES for w in words):
        return False
    end = text.find("\n", tokens.end_char)
    return not _title_line(text[_paragraph_start(text, tokens.start_char):end if end >= 0 else len(text)])


def _title_line(line: str) -> bool:
    """A headline in title case: most words of four letters or more are capitalised."""
    long = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


def _who_after(doc: Doc, m: Mention) -> bool:
    """", who" follows the mention, and hangs on it, not on a noun it is the object of
    ("Democrats on Capitol Hill, who")."""
    return (m.end + 1 < len(doc) and doc[m.end].text == "," and doc[m.end + 1].lower_ == "who"
            and doc[m.end - 1].dep_ != "pobj")


def _titled(doc: Doc, m: Mention) -> bool:
    """A person's title stands just before the mention ("executive chair Marcelo Claure")."""
    return m.start > 0 and doc[m.start - 1].lower_ in titles()


def _misread_person(words: list[str], solo: set[str], who: bool) -> bool:
    """"Montell Figgins" tagged as an organisation or a place, in a piece that says "Figgins
    said" with "Figgins" tagged as a person, or followed by ", who", or after a person's title:
    two or three plain capitalised words (no title) whose last is a person's lone surname
    here, or that "who" follows or a title precedes, name a person."""
    return (len(words) <= 3 and (who or words[-1] in solo)
            and all(w[:1].isupper() and w[1:].isalpha() and w[1:].islower()
                    and w.lower() not in titles() and w.lower() not in heads()
                    and w.lower() not in places() for w in words))


def _office_holder(name: str) -> bool:
    """A curated office holder of the knowledge base owns the bare surname: in a piece about
    Ivanka Trump, "Trump" alone is still her father."""
    return any(hit.named is not None and hit.named.origin == "kb_leaders.tsv"
               for hit in knowledge().lookup(name))


def _mentions_in(span: SpacySpan, scene: Scene) -> list[Mention]:
    """The mentions within the span; the sorted starts narrow the search, so a transcript with a
    thousand quoted speakers is not read a thousand times over."""
    found = []
    mentions, starts = scene.mentions, scene.starts
    for k in range(bisect.bisect_left(starts, span.start_char), len(mentions)):
        if starts[k] >= span.end_char:
            break
        m = mentions[k]
        if span.start <= m.start and m.end <= span.end:
            found.append(m)
    return found


def _actor(span: SpacySpan, scene: Scene) -> Actor:
    group = _coordinated(span, scene)
    if group is not None:
        return group
    named = _named_as(span)
    if named is not None:
        actor = _actor(named, scene)
        if _head_kind(span.root.lemma_.lower()) == "person":
            actor.kind = "person"  # ("the man who calls himself Abu Salem", tagged a place)
        return actor
    inside = _mentions_in(span, scene)
    names = scene.names
    part = _partitive(span, inside)
    if part is not None:
        return part
    unlabelled = _unlabelled_name(span, inside, scene)
    if unlabelled is not None:
        return unlabelled
    member = _member_of(span, inside, scene)
    if member is not None:
        return member
    if inside and not _is_described(span, inside):
        head = _head_mention(span, inside)
        name = _by_honorific(span.doc, head, names.get(head.text, head.text), scene)
        kind = "person" if name in scene.people else KIND_OF_LABEL[head.label]
        actor = Actor(name=name, kind=kind)
        actor.role = _role(span, head)
        actor.country = _country(span, head)
        return actor
    # (an acronym in capitals is no pronoun: "says WHO"; "THEY" in a shouted line is one)
    root = span.root
    acronym = len(root.text) > 1 and root.text.isupper() and (root.pos_ == "PROPN" or root.ent_type_)
    word = "" if acronym else root.lower_
    if len(span) == 1 and word in RELATIVE_PRONOUNS:
        return _relative(span, word, scene)
    if len(span) == 1 and word in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return _pronoun(span, word, scene)
    # (a word in capitals is often tagged a common noun: "MORALES:" opening a transcript line)
    surname = names.get(span.root.text) if span.root.pos_ == "PROPN" or span.root.text.isupper() else None
    if not inside and surname in scene.people and " " in (surname or ""):
        # "Band said": a surname the tagger missed still names the person introduced before.
        return Actor(name=surname or span.text, kind="person")
    return _description(span, inside, scene)


NAMING = word_classes("speakers_words.tsv")["naming"]


def _named_as(span: SpacySpan) -> SpacySpan | None:
    """"The man who calls himself Abu Salem", "a woman named Clara Voss", "a group calling
    itself the Free Front": a common noun heading the source, given a name by a naming verb
    hanging on it, speaks by that name (the phrase of the verb's object predicate)."""
    root = span.root
    if root.pos_ != "NOUN":
        return None
    for verb in root.children:
        if verb.dep_ not in ("relcl", "acl") or verb.lemma_.lower() not in NAMING:
            continue
        for name in verb.children:
            start, end = name.left_edge.i, name.i + 1
            if (name.dep_ == "oprd" and name.pos_ == "PROPN" and span.start <= start
                    and end <= span.end):
                return span.doc[start:end]
    return None


# Heads of a partitive ("one of", "some of", "many of" ...): a part of the group named after.
PARTITIVES = SPEAKER_WORDS["partitive"]


def _partitive(span: SpacySpan, inside: list[Mention]) -> Actor | None:
    """"One of Clinton's aides", "some of Trump's defenders", "several of the company's
    engineers": a part of a group of common nouns speaks, described by that group, never the
    group's owner ("Clinton") nor a name inside it."""
    root = span.root
    if root.lower_ not in PARTITIVES:
        return None
    of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < span.end]
    objects = [o for c in of for o in c.children if o.dep_ == "pobj"]
    if len(objects) != 1 or objects[0].tag_ != "NNS" or objects[0].right_edge.i >= span.end:
        return None
    noun = objects[0]
    phrase = span.doc[noun.left_edge.i:noun.i + 1]
    if any(m.label == "PERSON" and not phrase.start <= m.start < phrase.end for m in inside):
        return None  # ("One of the protesters, John Smith, said": the name speaks)
    described = _described(phrase, [m for m in inside if phrase.start <= m.start < phrase.end])
    one = root.lower_ == "one" and not any(c.dep_ in ("det", "cc", "conj") for c in root.children)
    # ("Every one of his colleagues", "one or more of its members": more than one)
    return Actor(name=span.text.strip(" ,"), kind="person" if one else "group",
                 role=described.role, country=described.country)


def _coordinated(span: SpacySpan, scene: Scene) -> Actor | None:
    """"Both Vindman and Williams", "Mr. Grassley and Mr. Leahy", "Cruz and his aides": a
    source whose head is coordinated by "and" with further conjuncts, each a name, a
    pronoun or a determined noun ("his aides"), at least one of them a name or a pronoun,
    speaks for a group of them all: the group is named by its members' canonical names and
    lists them (``members``). Titles of one person ("the former secretary of state and
    current Democratic nominee") name no second conjunct and stay one speaker."""
    conjuncts = _and_conjuncts(span)
    if conjuncts is None:
        return None
    cut = {i for t in conjuncts[1:] for i in range(t.left_edge.i, t.right_edge.i + 1)}
    members: list[Actor] = []
    named = False
    for token in conjuncts:
        own = _conjunct_tokens(span, token, conjuncts, cut)
        if own is None or any(c.dep_ == "case" for c in token.children):
            return None  # ("Obama and Clinton's gut reaction": what they own speaks)
        kind = _member_kind(token, own, scene)
        if kind is None:
            return None
        named = named or kind != "determined"
        member = _actor(span.doc[own[0].i:own[-1].i + 1], scene)
        member.spans = [(own[0].idx, own[-1].idx + len(own[-1].text))]
        members.append(member)
    names = [m.name for m in members]
    if not named or len(set(names)) < len(names):
        return None
    return _group_of(members)


def _and_conjuncts(span: SpacySpan) -> list[Token] | None:
    """The span's head and its conjuncts inside the span, when there are two or more joined by
    "and" (at most 13: longer lists are enumerations, no speakers)."""
    root = span.root
    conjuncts = [root]
    for token in conjuncts:
        conjuncts.extend(c for c in token.children if c.dep_ == "conj" and span.start <= c.i < span.end)
        if len(conjuncts) > 12:
            return None
    if len(conjuncts) < 2 or not any(c.dep_ == "cc" and c.lower_ in ("and", "&")
                                     for t in conjuncts for c in t.children):
        return None
    return conjuncts


def _conjunct_tokens(span: SpacySpan, token: Token, conjuncts: list[Token],
                     cut: set[int]) -> list[Token] | None:
    """The tokens of one conjunct's own phrase, without "and", commas and the next conjuncts
    (the first conjunct: the span before the second one); None when they are not contiguous."""
    root = conjuncts[0]
    own = [t for t in (token.subtree if token is not root else span)
           if span.start <= t.i < span.end and (token is not root or t.i not in cut)
           and t.dep_ not in ("cc", "preconj", "punct")
           and not (t.head.i == token.i and t.dep_ == "conj")]
    if not own or own[-1].i - own[0].i + 1 != len(own) and token is not root:
        return None
    if token is root:
        own = [t for t in own if t.i < conjuncts[1].left_edge.i]
        while own and own[-1].dep_ in ("cc", "punct"):
            own.pop()
    return own or None


def _member_kind(token: Token, own: list[Token], scene: Scene) -> str | None:
    """What makes a conjunct a member of a speaking group: "name" (a mention of the scene, or a
    surname of a person named before: "Cruz"), "pronoun", "determined" (a determined noun of a
    group or a known head: "his aides", "her brother Dale Ford", "the Gannett newspaper chain";
    not "a state"), or None."""
    name = any(m.start <= token.i < m.end for m in scene.mentions[bisect.bisect_left(
        scene.starts, own[0].idx):bisect.bisect_right(scene.starts, token.idx)]) or (
        token.pos_ == "PROPN" and scene.names.get(token.text) in scene.people)
    if name:
        return "name"
    if token.lower_ in ("he", "she", "i", "we", "they"):
        return "pronoun"
    if (token.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in token.children)
            and (token.tag_ == "NNS" or token.lemma_.lower() in GROUP_NOUNS
                 or _known_head(token.lemma_.lower()))):
        return "determined"
    return None


def _group_of(members: list[Actor]) -> Actor:
    """The group of ``members``, named by their names ("A, B and C"); its country where they
    share one."""
    names = [m.name for m in members]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    countries = {m.country for m in members}
    return Actor(name=joined, kind="group", members=members,
                 country=countries.pop() if len(countries) == 1 else None)


def _by_honorific(doc: Doc, head: Mention, name: str, scene: Scene) -> str:
    """"Mr. Obama" in a piece that names Michelle Obama most: of the full names with that
    surname, the one whose gender the honorific or title before the surname gives."""
    wanted = genders().get(doc[head.start - 1].lower_) if head.start > 0 else None
    if wanted is None or " " in head.text or scene.gender(name) in (None, wanted):
        return name
    others = scene.names.get(SURNAME + head.text, "").split("\n")
    return next((other for other in others if other and scene.gender(other) == wanted), head.text)


def _unlabelled_name(span: SpacySpan, inside: list[Mention], scene: Scene) -> Actor | None:
    """"Ivanka Trump, the Republican presidential nominee's eldest daughter" where the tagger
    saw no person: a run of two or more capitalised proper nouns heading the phrase, outside
    every mention, is a name, a person's when its last word is a person's surname here."""
    root = span.root
    if root.pos_ != "PROPN" or any(m.start <= root.i < m.end for m in inside):
        return None
    run = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [root]
    words = [t.text for t in run]
    if len(run) < 2 or run[-1].i - run[0].i != len(run) - 1 or not all(
            w[:1].isupper() and w[1:2].islower() for w in words):
        return None
    if _known_head(root.lemma_.lower()) and any(m.label == "PERSON" for m in inside):
        return None  # ("The Federal Agriculture Minister, Warren Truss": a title, the name after it)
    name = " ".join(words)
    person = scene.names.get(words[-1]) in scene.people
    actor = Actor(name=scene.names.get(name, name), kind="person" if person else "unknown")
    actor.role = _role(span, Mention(run[0].i, root.i + 1, "PERSON", name, (run[0].idx, root.idx)))
    return actor


MEMBER_PREPS = frozenset({"of", "at", "from"})


def _member_of(span: SpacySpan, inside: list[Mention], scene: Scene) -> Actor | None:
    """"Wee of the Times reports", "Okafor at Nordvik Shipping said": a capitalised proper noun
    heading the phrase that the tagger left outside every mention, with the named bodies only
    in its "of"/"at"/"from" phrase, is a person of that body, not the body (the coder still reads
    the body's codes from the whole phrase)."""
    root = span.root
    if (root.pos_ != "PROPN" or not root.text[:1].isupper() or not root.text[1:2].islower()
            or not inside or any(m.start <= root.i < m.end for m in inside)
            or _known_head(root.lemma_.lower())):  # ("Senator from Texas" is a title's)
        return None
    preps = [t for t in root.rights if t.dep_ == "prep" and t.lower_ in MEMBER_PREPS]
    under = {k for p in preps for k in range(p.left_edge.i, p.right_edge.i + 1)}
    if not preps or not all(m.start in under for m in inside):
        return None
    left = [t for t in root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    words = [t.text for t in left] + [root.text]
    name = " ".join(words)
    name = scene.names.get(name, name)
    return Actor(name=name, kind="person" if name in scene.people else "unknown")


def _relative(span: SpacySpan, word: str, scene: Scene) -> Actor:
    """"Senator Ann Kowalski, who said": a relative pronoun speaks for the noun it hangs on."""
    clause = span.root.head
    if clause.dep_ == "relcl" and clause.head.i < span.start:
        noun = clause.head
        while (word != "which" and noun.dep_ == "pobj" and noun.head.dep_ == "prep"
               and _body_or_place(noun, scene) and noun.head.head.pos_ in ("NOUN", "PROPN")):
            noun = noun.head.head  # "Democrats on Capitol Hill, who have argued"
        if word == "who":
            noun = _who_noun(noun, scene)
        named = next((m for m in scene.mentions if m.start <= noun.i < m.end), None)
        start, end = (named.start, named.end) if named else (noun.left_edge.i, noun.i + 1)
        return _which_work(word, noun, _actor(scene.doc[start:end], scene))
    return _pronoun(span, "he" if word in ("who", "whom", "whose") else "it", scene)


def _which_work(word: str, noun: Token, actor: Actor) -> Actor:
    """"which" stands for a thing, never a person (speak26): "Jared Diamond's 2005 best seller,
    which explored", "the 2009 book 'Rivers of Dust' by Paul Kemper, which argued": the work
    speaks, named by its own phrase, not its author (whom "who" would have named). A name the
    relative hangs on ("by Paul Kemper, which") points to the work it is joined to."""
    if word != "which" or actor.kind != "person":
        return actor
    while noun.dep_ in ("compound", "flat") and noun.head.i != noun.i:
        noun = noun.head
    if noun.ent_type_ == "PERSON" or (noun.pos_ == "PROPN" and not noun.ent_type_):
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
            return actor
        noun = prep.head
    if noun.ent_type_ == "PERSON" or noun.pos_ not in ("NOUN", "PROPN"):
        return actor
    doc = noun.doc
    end = noun.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1  # (the rest of a title the noun opens: "Rivers of Dust")
    start = noun.left_edge.i
    while start < noun.i and doc[start].is_punct:
        start += 1  # (the comma and mark closing a title before it: '"Collapse," his best seller')
    name = bare_name(doc[start:end].text)
    return Actor(name=name, kind="unknown") if name else actor


def _who_noun(noun: Token, scene: Scene) -> Token:
    """"who" speaks for a person (reader25). Hung on a name's apposition ("Tom Harlan, now the
    county treasurer, who said"), it is the name; hung on a thing ("listeners to his 'Talk
    Back' radio show who said", "a focal point for demonstrators here, who have said"), it is
    the people the thing's phrase is joined to by a preposition, after it or before it."""
    head = noun.head
    if noun.dep_ == "appos" and head.pos_ == "PROPN" and (
            head.ent_type_ == "PERSON" or _person_named(head, scene)):
        return head
    if not _thing(noun):
        return noun
    for prep in (t for t in noun.rights if t.dep_ == "prep"):
        people = [t for t in prep.children if t.dep_ == "pobj" and _people_word(t)]
        if people:
            return people[0]
    k = noun.left_edge.i - 1  # ("[listeners] [to] [his ... show]": the parse may hang "to" on a verb)
    doc = noun.doc
    if k >= 1 and doc[k].pos_ == "ADP" and _people_word(doc[k - 1]):
        return doc[k - 1]
    return noun


def _thing(noun: Token) -> bool:
    """A singular common noun that names no one: no entity, no title, speaker head or agent."""
    lemma = noun.lemma_.lower()
    return (noun.pos_ == "NOUN" and noun.tag_ == "NN" and not noun.ent_type_
            and not _known_head(lemma) and not _agent_word(lemma))


def _people_word(token: Token) -> bool:
    """A person's or people's noun: a person or nationality entity, a title, a speaker head
    of a person or group, an agent word, or a plural common noun ("listeners")."""
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    lemma = token.lemma_.lower()
    return (token.tag_ == "NNS" or lemma in titles() or heads().get(lemma) in ("person", "group")
            or _agent_word(lemma))


def _agent_word(lemma: str) -> bool:
    return any(h.what == "agent" for h in knowledge().lookup(lemma))


def _body_or_place(noun: Token, scene: Scene) -> bool:
    """"who" hangs on the people before a body or a place ("Democrats on Capitol Hill, who",
    "members of the committee, who"), never past people: "a career Army officer who
    described the call" is the officer, not the testimony the officer is part of."""
    if noun.ent_type_ in ("PERSON", "NORP") or _person_named(noun, scene):
        return False
    lemma = noun.lemma_.lower()
    return (noun.ent_type_ in ("ORG", "GPE", "LOC", "FAC") or heads().get(lemma) == "organization"
            or lemma in places())


def _person_named(token: Token, scene: Scene) -> bool:
    """A mention covers the token and names a person of the document: "Sondland" that the
    tagger left untagged (or called a place) is Gordon Sondland when he is named in full."""
    k = bisect.bisect_right(scene.starts, token.idx) - 1
    while k >= 0 and scene.mentions[k].end > token.i:
        m = scene.mentions[k]
        if m.start <= token.i < m.end and scene.names.get(m.text, m.text) in scene.people:
            return True
        k -= 1
    return False


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
    # "a coalition of Australian religious leaders", "the Bush-era whistleblower, a protégé of
    # John Bolton": a nationality word, or a person the head is "of" or that only modifies a
    # modifier, is not who speaks.
    if root.pos_ == "NOUN" and all(_not_owner(m, root) for m in inside):
        return True
    # "Donald Trump's tweet", "a Bloomberg poll": the named owner is the speaker; not of "Scott's
    # family", the kin who speak for him (reader24).
    if not (_known_head(root.lemma_.lower()) or root.tag_ == "NNS" or root.lower_ in KIN_GROUPS):
        return False
    # "Spokesman for Vladimir Putin Dmitry Peskov": two names back to back, the last speaks.
    people = [m for m in inside if m.label == "PERSON"]
    if any(a.end == b.start for a, b in zip(people, people[1:], strict=False)):
        return False
    # "Sergei Lavrov, the foreign minister" or "Another diplomat, former special envoy to
    # Ukraine Kurt Volker": the name is the speaker, the noun its title; not a name that
    # names the bare title of the head's "for" phrase ("a spokesman for the Interior
    # Minister, Ann Ray": Ray is the minister, the spokesman is unnamed).
    return not any(_in_apposition(span.doc[m.end - 1], root) and not _names_the_object(m, root, inside)
                   for m in inside if m.label == "PERSON")


def _not_owner(mention: Mention, root: Token) -> bool:
    """A nationality or religion adjective (NORP) modifying a noun; a person inside an "of"
    phrase of a noun ("a protégé of John Bolton", "a friend of Smith"), or a person modifying
    a noun that itself modifies the head ("the Bush-era whistleblower")."""
    doc = root.doc
    token = doc[mention.end - 1]
    if mention.label == "NORP":
        return token.dep_ == "amod" and token.head.pos_ == "NOUN"
    if mention.label != "PERSON":
        return False
    if token.dep_ == "compound" and token.head.i != root.i and token.head.pos_ == "NOUN" \
            and token.head.dep_ in ("compound", "amod"):
        return True
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ == "appos":
            return False  # ("director of Child Wise, Bernadette McMenamin": the name is the head's)
        if token.dep_ == "prep" and token.lower_ == "of" and token.head.pos_ == "NOUN":
            return True
        token = token.head
    return False


def _in_apposition(token: Token, root: Token) -> bool:
    """The token is, or lies inside, an apposition to the phrase's head (or is its head's
    appositive head: "Sergei Lavrov, the foreign minister")."""
    if root.dep_ == "appos" and root.head.i == token.i:
        return True
    while token.i != root.i and token.head.i != token.i:
        if token.dep_ == "appos":
            return True
        token = token.head
    return False


def _names_the_object(mention: Mention, root: Token, inside: list[Mention]) -> bool:
    """The person is in apposition to a title that is the object of a preposition under the
    head and names nobody itself ("for the Interior Minister, Ann Ray"); where that object
    already has a name ("for governor Omar Faiz, Karim Dal") the parser hung the head's
    apposition on the wrong noun, and the name is the head's."""
    token = root.doc[mention.end - 1]
    while token.i != root.i and token.head.i != token.i and token.dep_ != "appos":
        token = token.head
    title = token.head
    if token.dep_ != "appos" or title.i == root.i or title.dep_ != "pobj":
        return False
    named = any(m.start <= title.i < m.end for m in inside if m.label == "PERSON")
    return not named and title.lower_ in titles()


def _in_setting(span: SpacySpan, mention: Mention, root: Token) -> bool:
    """The mention sits in a setting of the phrase's head ("a narrator in the Clinton ad"), or
    is the place someone comes from ("a farmer from Kansas"; "a spokesman from the ministry"
    names his employer)."""
    token = span.doc[mention.start]
    origin = mention.label in ("GPE", "LOC")
    while token.i != root.i and token.head.i != token.i and span.start <= token.i < span.end:
        if token.dep_ == "prep" and (token.lower_ in SETTING_PREPS or (origin and token.lower_ == "from")):
            return True
        token = token.head
    return False


def _head_mention(span: SpacySpan, inside: list[Mention]) -> Mention:
    root = span.root.i
    for m in inside:
        if m.start <= root < m.end:
            return m
    people = [m for m in inside if m.label == "PERSON"]
    if people:
        return people[-1]
    # "a study by the Centre for Economic Policy Research, a London-based think tank": the
    # body the phrase hangs on, not a place inside a description of it.
    def depth(m: Mention) -> int:
        return min(_depth(span.doc[i], span) for i in range(m.start, m.end))

    return max(inside, key=lambda m: (-depth(m), m.start))


def _depth(token: Token, span: SpacySpan) -> int:
    """Steps from the token up to the phrase's head."""
    steps = 0
    while token.i != span.root.i and token.head.i != token.i and steps < len(span):
        token, steps = token.head, steps + 1
    return steps


def _role(span: SpacySpan, head: Mention) -> str | None:
    """Title words around the name: premodifiers, or an apposition after it."""
    doc = span.doc
    lead = doc[span.start:head.start]
    # "Another diplomat, former special envoy to Ukraine Kurt Volker": the title next to the
    # name is the one after the last comma.
    cut = max((t.i + 1 for t in lead if t.text == ","), default=span.start)
    # (an honorific is no title: "Mr. Ban" has none, and his apposition may give one)
    before = [t for t in doc[cut:head.start] if t.pos_ in ROLE_POS and t.lower_ not in HONORIFICS]
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
    if not words or (len(words) == 1 and (words[0].like_num or words[0].text.endswith("."))):
        return None  # an age ("Smith, 58,") or a state ("(R-Va.)") is no title
    return doc[words[0].i:words[-1].i + 1].text


def _country(span: SpacySpan, head: Mention) -> str | None:
    """The country the mention's place words name (the actor coder's rule): a clue to who it
    is ("the Kremlin spokesman" is the Russian one), kept where the coder finds none."""
    return place_country(span, head.label, head.text, range(head.start, head.end))


def _nearest(scene: Scene, before: int, labels: set[str], word: str = "") -> Mention | None:
    """The nearest mention before ``before`` with one of the labels, outside the attribution's
    own content, and (for a pronoun ``word``) of a fitting gender."""
    mentions = scene.mentions
    k = bisect.bisect_left(scene.starts, before) - 1
    while k >= 0:
        m = mentions[k]
        if (m.label in labels and not scene.hidden(m.chars[0])
                and scene.fits(scene.names.get(m.text, m.text), word)
                and not _no_antecedent(scene.doc, m, word)):
            return m
        k -= 1
    return None


def _no_antecedent(doc: Doc, m: Mention, word: str) -> bool:
    """A name the pronoun ``word`` cannot mean, by grammar: "it" never means a name that only
    modifies another noun ("its order of 30 Boeing jets": the jets' maker is no one in the
    sentence; for "they" see ``_modified_group``), and "he" / "she" never a plural name ("the
    Beatles", "a Beatles reunion": a band or family)."""
    if word in PRONOUN_GENDER:
        return _plural_name(doc, m.start, m.end)
    return word in ("it", "its") and _modifier(doc, m)


def _modifier(doc: Doc, m: Mention) -> bool:
    root = doc[m.end - 1]
    return root.dep_ in ("compound", "amod") and root.head.i >= m.end and root.head.pos_ in ("NOUN", "PROPN")


def _modified_group(found: Mention, scene: Scene) -> Actor | None:
    """"they" after a name that modifies a plural noun ("two Democratic politicians", "E.U.
    nations") means the group the noun names, not the name."""
    doc = scene.doc
    if not _modifier(doc, found):
        return None
    noun = doc[found.end - 1].head
    if noun.tag_ != "NNS":
        return None
    return _described(doc[noun.left_edge.i:noun.i + 1], [found])


def _plural_name(doc: Doc, start: int, end: int) -> bool:
    """The name of tokens [start, end) is plural: tagged plural and either after "the" or
    modifying another noun ("the Rolling Stones", "a Beatles reunion"); a surname the tagger
    reads as plural ("Williams said") has neither."""
    root = doc[end - 1]
    if root.tag_ != "NNPS":
        return False
    before = doc[start - 1].lower_ if start > 0 else ""
    return (doc[start].lower_ == "the" or before == "the"
            or (root.dep_ == "compound" and root.head.i >= end))


def _person_title(span: SpacySpan, head: str) -> bool:
    """A singular title that only a person holds: "the minister", not "the campaign" (a body)
    nor "the two Republican presidents"."""
    return heads().get(head) != "organization" and span.root.tag_ not in ("NNS", "NNPS")


def _nearest_subject(scene: Scene, before: int) -> Mention | None:
    """The nearest person named as the subject of a clause before ``before`` ("Warren told
    Stumpf ... The Democratic senator also ..."): a bare title that no earlier speaker holds
    refers back to who the story was about, not to any name in passing. Read by hand on
    PolNeAR dev, the nearest name of any role was the title's holder in 9 of 25 cases: objects
    ("hatred of Clinton" -> "the Vermont senator"), possessives ("Ivanka Trump's statement" ->
    "the GOP candidate") and bodies ("the Trump campaign" -> Trump) were the rest. Names inside
    any attribution's content are skipped as well."""
    doc = scene.doc
    k = bisect.bisect_left(scene.starts, before) - 1
    while k >= 0:
        m = scene.mentions[k]
        k -= 1
        if m.label != "PERSON" or scene.reported(m.chars[0]):
            continue  # (a name inside what someone says is not what the story is about)
        root = doc[m.end - 1]
        if root.dep_ in SUBJECTS:
            return m
    return None


def _pronoun(span: SpacySpan, word: str, scene: Scene) -> Actor:
    actor = _pronoun_antecedent(span, word, scene)
    # (only a pronoun written as one: "who" read as "he" is not)
    relative = _kin(span, word, scene) if word in PRONOUN_GENDER and span.root.lower_ == word else None
    if relative is None:
        return actor
    noun, described = relative
    where, mention = _antecedent_at(actor, span.start_char, scene)
    if noun.idx > where:
        return described
    same_paragraph = noun.idx >= _paragraph_start(scene.text, span.start_char)
    if (same_paragraph and mention is not None and scene.doc[mention.end - 1].dep_ not in SUBJECTS
            and scene.gender(actor.name) is None):
        # "WIRED spoke to one mother, who knew her daughter ... on Instagram. '...,' she said":
        # a name of no known gender in passing does not outweigh a noun of the pronoun's.
        return described
    return actor


def _kin(span: SpacySpan, word: str, scene: Scene) -> tuple[Token, Actor] | None:
    """The nearest family or social noun of the pronoun's gender ("one mother", "the widow",
    "a son") in its paragraph or the one before, outside every attribution's content, that no
    pronoun owns ("her son" is someone's family in passing), no name stands beside ("his
    wife Michelle" is Michelle), no predicate makes ("as a father") and no subject pronoun of
    that gender has taken up since ("... niece. She gave me ... 'X,' she said" goes on with
    whoever the first "She" is): a person of its own, described by the noun."""
    wanted = PRONOUN_GENDER[word]
    doc, text = scene.doc, scene.text
    floor = _previous_paragraph(text, span.start_char)
    i = span.start - 1
    table, family = genders(), kin()
    while i >= 0 and doc[i].idx >= floor:
        token = doc[i]
        i -= 1
        if token.dep_ in SUBJECTS and PRONOUN_GENDER.get(token.lower_) == wanted:
            return None
        if token.tag_ != "NN" or token.ent_type_:
            continue
        lemma = token.lower_
        if lemma not in family or table.get(lemma) != wanted:
            continue
        if token.dep_ in ("attr", "appos") or token.head.lower_ == "as" or "-" in (
                doc[token.i - 1].text if token.i else "", doc[token.i + 1].text if token.i + 1 < len(doc) else ""):
            continue  # ("he was a father of three", "Lynch, only the second woman to ...",
            # "as a mother", "get-this-man-at-any-cost")
        if scene.reported(token.idx) or scene.hidden(token.idx) or scene.in_source(token.idx):
            continue  # (a speaker's own noun is that speaker, found by the other rules)
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
            continue
        if any(t.ent_type_ == "PERSON" or _person_named(t, scene) for t in token.subtree):
            continue
        return token, _described(doc[token.left_edge.i:token.i + 1], [])
    return None


def _antecedent_at(actor: Actor, before: int, scene: Scene) -> tuple[int, Mention | None]:
    """Where the latest mention of the chosen antecedent before ``before`` starts (-1 if none):
    a named mention of that canonical name, or an earlier speaker of that name."""
    k = bisect.bisect_left(scene.starts, before) - 1
    while k >= 0:
        m = scene.mentions[k]
        if scene.names.get(m.text, m.text) == actor.name:
            break
        k -= 1
    mention = scene.mentions[k] if k >= 0 else None
    where = mention.chars[0] if mention is not None else -1
    for at, other in scene.speakers:
        if where < at < before and other.name == actor.name:
            where, mention = at, None
    return where, mention


def _pronoun_antecedent(span: SpacySpan, word: str, scene: Scene) -> Actor:
    if word in FIRST_PERSON:  # settled by ``_first_person`` once every quotation has a speaker
        return Actor(name=span.text, kind="unknown" if word in ("i", "me", "my") else "group")
    person = word in PERSON_PRONOUNS
    labels = {"PERSON"} if person else {"ORG", "GPE", "NORP"}
    found = _nearest(scene, span.start_char, labels, word)
    kinds = {"person"} if person else {"organization", "country", "group"}
    # An earlier speaker after the nearest name wins: "..., Ukraine's defence minister said. He"
    earlier = _latest_speaker(scene, span.start_char, kinds, word)
    chosen: Actor | None = None
    where = -1
    if earlier is not None:
        where = earlier[0]
        # (a name inside that speaker's own source is that speaker: "Both Vindman and
        # Williams testified ... They said" is the two of them, not Williams)
        if found is None or where >= found.chars[0] or found.chars[0] < scene.ends.get(where, -1):
            chosen = _copy(earlier[1])
    teller = _teller(scene, found, word, kinds) if chosen is None and found is not None else None
    if teller is not None and found is not None:
        # "Figgins declined to say whether Thomas slept the night Epstein died. '...,' he said":
        # a name inside what someone is reported to say is not who goes on talking; the
        # one reported is ("Protesters believe ... autonomy under Beijing. They worry ...").
        where = found.chars[0]
        chosen = _copy(teller)
    elif chosen is None and found is not None:
        where = found.chars[0]
        group = _modified_group(found, scene) if word in ("they", "them", "their") else None
        if group is not None:
            return group
        chosen = Actor(name=scene.names.get(found.text, found.text), kind=KIND_OF_LABEL[found.label])
        if person and scene.doc[found.end - 1].dep_ not in SUBJECTS:
            # The nearest name is no subject ("Morrison was the witness who listened in on
            # Trump's call with Zelensky. He said ..."): the paragraph's subject is meant.
            subject = _paragraph_subject(span, scene, person, outside_reports=True)
            if subject is not None and scene.fits(subject.name, word):
                return subject
            if earlier is not None and earlier[0] >= _paragraph_start(scene.text, where):
                # (a speaker of this paragraph, or of the paragraph of that name, as its
                # subject: "Cook told Benioff ... ¶ 'We took it to heart,' he said" is Cook)
                return _copy(earlier[1])
    if where < _paragraph_start(scene.text, span.start_char):
        # Across a paragraph break, a subject of this paragraph that no cue made a speaker is
        # closer ("The Turkish leader vowed ... He warned ...").
        closer = _paragraph_subject(span, scene, person)
        if closer is not None:
            return closer
    return chosen or Actor(name=span.text, kind="unknown")


SUBJECTS = ("nsubj", "nsubjpass")


def _teller(scene: Scene, found: Mention, word: str, kinds: set[str]) -> Actor | None:
    """The speaker of the attribution whose content holds ``found``, when that attribution
    comes before it and the pronoun can mean its speaker (of ``kinds``; a person named in
    the piece for "he"/"she")."""
    at = found.chars[0]
    for s, e, att in scene.reporters:
        if not s <= at < e or att.source is None or att.source.start > at or scene.hidden(at):
            continue
        speaker = att.speaker
        if (speaker is not None and speaker.kind in kinds
                and (speaker.kind != "person" or speaker.name in scene.people)
                and scene.names.get(found.text, found.text) != speaker.name
                and scene.fits(speaker.name, word)):
            return speaker
    return None


def _latest_speaker(scene: Scene, before: int, kinds: set[str], word: str) -> tuple[int, Actor] | None:
    """The speaker whose source starts last before ``before`` and can be what the pronoun
    means; ``scene.order`` keeps the speakers sorted by that start, so this is a short walk
    back rather than a pass over every speaker of a long transcript."""
    k = bisect.bisect_left(scene.order, (before, -1)) - 1
    floor = _previous_paragraph(scene.text, before)
    while k >= 0:
        at, index = scene.order[k]
        actor = scene.speakers[index][1]
        if (actor.kind in kinds and not scene.hidden(at) and scene.fits(actor.name, word)
                and (at >= floor or _named(actor, scene))):
            return at, actor
        k -= 1
    return None


def _named(actor: Actor, scene: Scene) -> bool:
    """A person named in the piece: an unnamed one, only described ("a company spokesperson",
    "A reporter", "one mother"), is met in a paragraph and the one after, not three
    paragraphs on."""
    return actor.kind != "person" or actor.name in scene.people


def _paragraph_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _previous_paragraph(text: str, at: int) -> int:
    """Where the paragraph before the one of ``at`` starts (blank lines between skipped)."""
    end = _paragraph_start(text, at)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return _paragraph_start(text, end)


def _paragraph_subject(span: SpacySpan, scene: Scene, person: bool,
                       outside_reports: bool = False) -> Actor | None:
    """The last subject before ``span`` in its paragraph that can be what the pronoun means: a
    person name or title for "he"/"she", an organisation or place for "they"/"it";
    ``outside_reports``: not one inside what someone is reported to say."""
    doc = scene.doc
    start = doc.char_span(_paragraph_start(scene.text, span.start_char), span.start_char,
                          alignment_mode="expand")
    if start is None:
        return None
    for token in reversed(list(start)):
        if token.dep_ not in SUBJECTS or token.pos_ == "PRON" or scene.hidden(token.idx):
            continue
        if outside_reports and scene.reported(token.idx):
            continue
        if person and token.ent_type_ and _plural_name(doc, token.left_edge.i, token.i + 1):
            continue  # ("After the Beatles broke up he ...": a band is no "he")
        lemma = token.lemma_.lower()
        named = person and _person_named(token, scene)
        fits = (named or token.ent_type_ == "PERSON" or lemma in titles()) if person else (
            token.ent_type_ in ("ORG", "GPE", "NORP") or heads().get(lemma) == "organization")
        if not fits:
            continue
        subject = doc[token.left_edge.i:token.i + 1]
        if token.ent_type_ or named:
            return _actor(subject, scene)
        # A bare title ("The Hungarian president"): an earlier speaker with that role, else a
        # described speaker of its own, never the previous paragraph's name again.
        return _callback(subject, lemma, [], scene) or _described(subject, [])
    return None


def _copy(actor: Actor) -> Actor:
    return Actor(name=actor.name, kind=actor.kind, role=actor.role, country=actor.country,
                 members=[_copy(m) for m in actor.members])


def _first_person(text: str, attributions: list[Attribution]) -> None:
    """"I", "we" as a source inside a quotation speak for whoever the quotation is
    attributed to ("'I now do recall,' he said"); outside any quotation "I" names no one.
    Both lookups bisect, so a transcript of a thousand "I"s stays linear-ish."""
    if not any(a.source is not None and a.source.text.lower() in FIRST_PERSON for a in attributions):
        return
    quotes = find_quotes(text)
    quote_starts = [q[0] for q in quotes]
    said = sorted((s, e, k) for k, a in enumerate(attributions)
                  if a.speaker is not None and a.source is not None
                  and a.source.text.lower() not in FIRST_PERSON for s, e in a.content.spans)
    said_starts = [s for s, _, _ in said]
    for att in attributions:
        if att.source is None or att.source.text.lower() not in FIRST_PERSON:
            continue
        at = att.source.start
        k = bisect.bisect_right(quote_starts, at) - 1
        where = quotes[k] if k >= 0 and at < quotes[k][1] else (at, at + 1)
        owner = _covering(said, said_starts, where)
        speaker = attributions[owner].speaker if owner is not None else None
        if speaker is not None:
            att.speaker = _copy(speaker)
        elif att.source.text.lower() in ("i", "me", "my"):
            att.speaker = None


def _covering(ranges: list[tuple[int, int, int]], starts: list[int], where: tuple[int, int]) -> int | None:
    """The owner of the nearest range that starts before ``where`` ends and overlaps it."""
    j = bisect.bisect_left(starts, where[1]) - 1
    for s, e, owner in reversed(ranges[max(0, j - 50):j + 1]):  # contents rarely nest deeper
        if s < where[1] and where[0] < e:
            return owner
    return None


def _description(span: SpacySpan, inside: list[Mention], scene: Scene) -> Actor:
    """"the minister", "the Kremlin spokesman", "fact-checkers", "Ukraine's defence minister"."""
    head = span.root.lemma_.lower()
    definite = span[0].lower_ in ("the", "this", "that")
    if definite and head in titles() and not _owned(span):
        earlier = _callback(span, head, inside, scene)
        if earlier is not None:
            return earlier
        found = _nearest_subject(scene, span.start_char) if _person_title(span, head) else None
        if found is not None and not inside:
            return Actor(name=scene.names.get(found.text, found.text), kind="person",
                         role=span.text[len(span[0].text):].strip() or None)
    if inside or (_owned(span) and _known_head(head)):
        return _described(span, inside)
    place = places().get(span.text.lower())
    if place is not None:
        return Actor(name=span.text, kind="organization" if place[1] == "institution" else "country",
                     country=place[0])
    plural = span.root.tag_ in ("NNS", "NNPS")
    if definite and not plural and not inside and heads().get(head) == "organization":
        named = _named_body(span, head, scene)
        if named is not None:
            return named
    # (its head says what it is: "A neighbour said", "the agency said", "a senior official")
    return Actor(name=span.text, kind="group" if plural else _head_kind(head),
                 country=_country(span, NO_MENTION))


# Heads of a description that any named firm can take up ("Big Machine ... the company says").
_FIRM = frozenset({"company", "firm"})


def _sentences_back(doc: Doc, start: int, count: int) -> int:
    """The first token of the sentence ``count`` sentences before the one starting at token
    ``start`` (or the document's first); a line break the parser made a sentence is no sentence."""
    back = 0
    while start > 0 and back < count:
        start = doc[start - 1].sent.start
        back += not doc[start:doc[start].sent.end].text.isspace()
    return start


def _named_body(span: SpacySpan, head: str, scene: Scene) -> Actor | None:
    """"The bank says" after "The Reserve Bank says": a definite description of a body is the
    nearest organisation named before it, within its paragraph and the two before, whose name
    holds every word of the description ("the bank" -> the Reserve Bank, "the news agency" ->
    Xinhua News Agency, never "the appeals court" -> the Supreme Court). A bare "the company"
    or "the firm" is also an organisation named as the subject of a clause in its sentence or
    the two before ("GateHouse laid off 60 employees (the company would not ...)", "McClatchy
    reported a loss ... Most of the loss reflected ... But the company also reported"); further
    back, or behind a modifier ("the Facebook-owned company"), the description stays its own."""
    doc = scene.doc
    words = [t.lower_ for t in span if t.dep_ not in ("det", "punct") and not t.is_punct]
    bare = words == [head]
    floor = _previous_paragraph(scene.text, _previous_paragraph(scene.text, span.start_char))
    sent = span[0].sent
    near = doc[_sentences_back(doc, sent.start, 2)].idx
    k = bisect.bisect_left(scene.starts, span.start_char) - 1
    while k >= 0:
        m = scene.mentions[k]
        k -= 1
        if m.chars[0] < floor:
            break
        if m.label != "ORG" or scene.hidden(m.chars[0]) or _modifier(doc, m):
            continue
        name = scene.names.get(m.text, m.text)
        if all(w in name.lower().split() for w in words) or (
                bare and head in _FIRM and m.chars[0] >= near and doc[m.end - 1].dep_ in SUBJECTS):
            return Actor(name=name, kind="organization")
    return None


def _callback(span: SpacySpan, head: str, inside: list[Mention], scene: Scene) -> Actor | None:
    """The latest earlier speaker whose role has the head word, or whom the text gave the title
    before a name ("President Trump", then "Mr. Trump said"), and fits the modifiers: "the
    Kremlin spokesman" -> Peskov (RUS), never "the Republican nominee" -> a Democrat."""
    country = _country(span, inside[0]) if inside else None

    def fits(actor: Actor) -> bool:
        said = f"{actor.name} {actor.role}"
        return all(m.text in said for m in inside) or bool(country and country == actor.country)

    names = scene.titled_before(head, span.start_char)

    def titled(actor: Actor) -> bool:
        words = actor.name.lower().split()
        return actor.kind == "person" and bool(words) and words[-1] in names

    found = by_title(scene.speakers, head, plural=True, fits=fits, titled=titled if names else None)
    return _copy(found) if found is not None else None


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
            for member in att.speaker.members:  # (its own words in the source stay among them)
                member.spans = sorted(set(by_name.get(member.name, [])) | set(member.spans))


# -- names as a reader writes them (speak26, issue #13 item 5) -------------------------------

# Characters of markup or stray punctuation that no name opens or ends with ('">Sanders').
MARKUP = frozenset("<>=/\\*#|[]{}")
QUOTE_MARKS = frozenset('"“”')


def bare_name(name: str) -> str:
    """The name without markup or an unpaired quotation mark glued to its edges: '">Sanders'
    (a web page's attribute left before the name) is Sanders, 'Marcia "' (a nickname's
    opening mark the tagger kept) is Marcia. Paired marks stay ('the "Keepin It Real" show')."""
    out = name.strip()
    while out and (out[0] in MARKUP or out[0] in QUOTE_MARKS and _unpaired(out)):
        out = out[1:].lstrip()
    while out and (out[-1] in MARKUP or out[-1] == "(" or out[-1] in QUOTE_MARKS and _unpaired(out)):
        out = out[:-1].rstrip()
    return out if any(c.isalnum() for c in out) else name


def _unpaired(text: str) -> bool:
    straight = text.count('"')
    return straight % 2 == 1 or text.count("“") != text.count("”")




def _label_of(text: str, start: int, end: int) -> bool:
    """The source is a transcript's speaker label: "WALLACE: Let's start ..." (the paragraph
    opens, after ``labels.LABEL_LEAD``, with the name and a colon)."""
    before = text[_paragraph_start(text, start) : start]
    return all(c in LABEL_LEAD for c in before) and text[end:].lstrip(" \t").startswith(":")


def _label_speaker(actor: Actor, source: str) -> None:
    """A label in capitals the article names no one by ("WALLACE:" where the host is never
    named in full) is a person, written as a name is ("Wallace"); a label that is a common
    noun ("ANNOUNCER:", "AUDIENCE:") is left as it is. Labels a named person matches
    ("PENCE:" for Mike Pence) were resolved to that person before."""
    words = source.split()
    if actor.name != source or len(words) != 1 or len(source) < 2 or not source.isupper():
        return  # (a single letter, "Q:", is left alone, as ``attributions.labels`` leaves it)
    if not source.isalpha():
        return
    if _known_head(source.lower()) or source.lower() in SPEAKER_WORDS["editorial_tag"]:
        return
    actor.name, actor.kind = source.title(), "person"


def _settle_names(scene: Scene, attributions: list[Attribution]) -> None:
    """Last touches on each speaker's name: markup stripped, transcript labels as names, a
    typo of a person's name the tagger did not read as a name (``_typo_twins``) as the person."""
    for att in attributions:
        actor = att.speaker
        if actor is None or att.source is None:
            continue
        if _label_of(scene.text, att.source.start, att.source.end):
            _label_speaker(actor, att.source.text)
        bare = bare_name(actor.name)
        if bare != actor.name and scene.names.get(bare) in scene.people:
            # ('">Sanders' after "Bernie Sanders"; the canonical name cleaned the same way)
            bare, actor.kind = bare_name(scene.names[bare]), "person"
        actor.name = bare
        if actor.name not in scene.people and actor.kind in ("person", "unknown"):
            twin = next((p for p in sorted(scene.people) if _typo_of(actor.name, p)), None)
            if twin is not None:
                actor.name, actor.kind = twin, "person"
        for member in actor.members:
            member.name = bare_name(member.name)


def _nicknamed(names: dict[str, str], people: frozenset[str], mentions: list[Mention],
               text: str) -> tuple[dict[str, str], frozenset[str]]:
    """'Marcia "Cia" Price': the tagger ends the person at the nickname's opening mark
    ('Marcia "'); the name is the given name and the surname after the nickname."""
    out, found = dict(names), set(people)
    for m in mentions:
        if m.label != "PERSON" or not m.text.rstrip().endswith(('"', "“")):
            continue
        after = _NICKNAME_REST.match(text, m.chars[1])
        given = bare_name(m.text)
        if after is None or " " in given:
            continue
        full = f"{given} {after.group(1)}"
        out[m.text] = full
        found.discard(m.text)
        found.add(full)
    return out, frozenset(found)


_NICKNAME_REST = re.compile(r"[A-Z][\w.'-]*[\"”] +([A-Z][\w'-]+)")


def _typo_twins(names: dict[str, str], people: frozenset[str],
                mentions: list[Mention]) -> tuple[dict[str, str], frozenset[str]]:
    """A full name one letter away from another full name of the article is a typo of it
    ("Hillary Clintn" beside "Hillary Clinton"; "Donand Trump" beside "Donald Trump"): one
    person, under the person's name the knowledge base knows, else the one used more often.
    Only where the differing word has five letters or more and the other words are the same;
    a differing given name only where the other is a known given name (speaker_genders.tsv),
    the typo none, and the other full name a knowledge-base person's ("Maria" and "Mario"
    Lopez are two people)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for k, m in enumerate(mentions):
        name = names.get(m.text, m.text)
        if m.label in ("PERSON", "ORG"):  # (a typo may leave the tagger unsure: "Donand Trump" ORG)
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, k)
    # The person's name first, then one the knowledge base knows, then the commoner, the earlier.
    ranked = sorted(counts, key=lambda n: (n not in people, not _kb_named(n), -counts[n], first[n]))
    renames: dict[str, str] = {}
    for k, variant in enumerate(ranked):
        target = next((t for t in ranked[:k] if t in people and t not in renames
                       and _typo_of(variant, t)), None)
        if target is not None:
            renames[variant] = target
    if not renames:
        return names, people
    out = {key: renames.get(value, value) for key, value in names.items()}
    return out, frozenset(p for p in people if p not in renames)


def _kb_named(name: str) -> bool:
    return any(h.what == "named" for h in knowledge().lookup(name))


def _typo_of(variant: str, name: str) -> bool:
    a, b = variant.split(), name.split()
    if len(a) != len(b) or len(a) < 2:
        return False
    differ = [k for k in range(len(a)) if a[k] != b[k]]
    if len(differ) != 1:
        return False
    k = differ[0]
    x, y = a[k], b[k]
    if min(len(x), len(y)) < 5 or not (x.isalpha() and y.isalpha()) or not _one_edit(x, y):
        return False
    if k == len(a) - 1:
        return True  # a surname's typo, the given name the same
    # A given name's typo only of a name the knowledge base knows ("Donand" of Donald Trump):
    # "Mario" and "Maria" Lopez may be two people, and the gender table is too short to tell.
    table = genders()
    return (k == 0 and table.get(x.lower()) is None and table.get(y.lower()) is not None
            and _kb_named(name) and not _kb_named(variant))


def _one_edit(x: str, y: str) -> bool:
    """Levenshtein distance exactly 1 (a letter changed, added or dropped)."""
    if abs(len(x) - len(y)) > 1 or x == y:
        return False
    if len(x) > len(y):
        x, y = y, x
    k = 0
    while k < len(x) and x[k] == y[k]:
        k += 1
    return x[k + (len(x) == len(y)) :] == y[k + 1 :]
