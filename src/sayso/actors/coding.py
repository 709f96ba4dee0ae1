"""Code one actor mention (a span of tokens) to country + PLOVER sector.

Text first: nationality and country words, capitals and metonyms, agent words ("troops",
"foreign minister") and modifiers ("former") in the mention itself decide the codes; a named
person or organisation found in the knowledge base fills what the text leaves open, resolved by
the article date (the same person can be GOV one year and OPP a few years later).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from spacy.tokens import Span, Token

from sayso.knowledge import (
    MAX_NGRAM,
    UNDATED,
    Hit,
    Knowledge,
    Named,
    Period,
    knowledge,
    normalise,
    resolve,
)
from sayso.knowledge.gazetteer import lookup_place
from sayso.knowledge.lexicons import heads, places, posted_titles, titles, word_classes
from sayso.model import Actor, ActorKind
from sayso.nlp import encoded, same_text

# Weapons, words of bodies' names, titles (actors_words.tsv): knowledge, in a data file.
ACTOR_WORDS = word_classes("actors_words.tsv")

PLURAL_PEOPLE_SECTOR = "CVL"  # "Russians", "Syrians": people of a country, not its state

# Weapons and military equipment are no actors: with an owner named in the mention ("Ukrainian
# drones", "Russia's missiles") they stand for that country's military (the manual's MIL: "all
# state-military personnel/equipment"); without one they are left uncoded ("drones").
WEAPONS = ACTOR_WORDS["weapon"]
# Places and civilian craft ("a British ship", "the Ukrainian border"): whose, never who.
THINGS = ACTOR_WORDS["thing"]


class Agent(NamedTuple):
    """An agent noun a mention holds: its text (lower case), the sectors it gives, and where
    it stands in the mention's tokens (``at``, ``size`` tokens)."""

    text: str
    sectors: list[str]
    at: int
    size: int


@dataclass(slots=True)
class Reading:
    """What the phrase matches in one mention say, with the tokens they came from."""

    named: list[tuple[Named, int, int]] = field(default_factory=list)  # (entry, n tokens, at)
    borrowed: list[tuple[Named, int, int]] = field(default_factory=list)  # affiliations, codes only
    countries: list[tuple[str, str, int]] = field(default_factory=list)  # (iso3, how, at)
    sectors: list[str] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    voices: list[str] = field(default_factory=list)  # "spokesman": a person speaking for a body
    agents: list[Agent] = field(default_factory=list)
    staff: bool = False  # "officials", "authorities": the people of whatever body is named
    then_title: bool = False  # "then-president": an office held at the time of what is told
    shadow: bool = False  # "shadow foreign minister": the opposition's spokesperson, no office
    members: bool = False  # "a UN panel of judges": the body's members' noun gives the sector


PLACE_ENTS = ("GPE", "LOC")  # what the gazetteer is asked about


def read(tokens: list[Token], kb: Knowledge | None = None) -> Reading:
    """Greedy longest-match of knowledge-base phrases over the tokens, left to right."""
    kb = kb or knowledge()
    reading = Reading()
    texts = [_undotted(t.text, kb) for t in tokens]  # read once: each Token attribute access is costly
    lemmas: list[str] | None = None
    capital = [t[:1].isupper() for t in texts]
    end = _citer_at(tokens)
    if end < len(tokens):
        reading.rules.append(f"{tokens[end].text!r} ...: whoever cites the speaker, not the speaker")
    i = 0
    while i < end:
        step = 1
        first = kb.max_tokens(texts[i])
        if not first and texts[i][-1:] in "sS":
            # A lone plural ("employees") starts no phrase; its singular may be an agent word.
            lemmas = lemmas or _singulars(tokens)
            first = int(lemmas[i].lower() != texts[i].lower() and kb.max_tokens(lemmas[i]) > 0)
        longest = min(MAX_NGRAM, end - i, first)
        for n in range(longest, 0, -1):
            hits = kb.lookup(" ".join(texts[i : i + n]))
            if not hits:
                lemmas = lemmas or _singulars(tokens)
                last = lemmas[i + n - 1]
                if last.lower() != texts[i + n - 1].lower():
                    # "farmers", "ministers": the agent list is mostly singular.
                    hits = [h for h in kb.lookup(" ".join([*texts[i : i + n - 1], last])) if h.what == "agent"]
            usable = [h for h in hits if h.what in ("agent", "modifier") or any(capital[i : i + n])]
            if usable:
                _note(reading, usable, tokens, i, n)
                step = n
                break
        else:
            _compound_nationality(reading, tokens, texts[i], i, kb)
        i += step
    _plural_nationals(reading, tokens, kb)
    _drop_modifying_people_words(reading, tokens)
    return reading


# Words that count people ("many Israelis", "dozens of Palestinians"), beside numerals.
COUNTING = frozenset({"many", "several", "some", "few", "dozens", "hundreds", "thousands", "scores"})


def _plural_nationals(reading: Reading, tokens: list[Token], kb: Knowledge) -> None:
    """"three Palestinians", "two Israelis" (sectors25): a plural nationality word the
    gazetteer also lists as a country's name, counted, is so many of its people (CVL, as
    "five Russians" is), not the state: the knowledge base's first hit for these few words is
    the country row, which made them GOV. Uncounted, "The Palestinians called the meeting a
    failure" speaks for their side's leadership and stays the state's."""
    for k, (country, how, at) in enumerate(reading.countries):
        token = tokens[at]
        if how != "country" or token.tag_ not in ("NNS", "NNPS") or not token.lower_.endswith("s"):
            continue
        if not _counted(token):
            continue
        if at + 1 < len(tokens) and tokens[at + 1].ent_type_ == token.ent_type_ != "" \
                and tokens[at + 1].ent_iob_ == "I":
            continue  # (part of a longer name)
        if any(h.what == "adjective" and h.country == country for h in kb.lookup(token.text)):
            reading.countries[k] = (country, "people", at)
            reading.rules.append(f"{token.text!r}: the country's people, not its state")


def _counted(token: Token) -> bool:
    """A numeral or a counting word before the noun ("three", "many"), or the noun after "of"
    under one ("dozens of Palestinians")."""
    if any(c.dep_ == "nummod" or c.lower_ in COUNTING for c in token.children if c.i < token.i):
        return True
    head = token.head
    return head.lower_ == "of" and (head.head.pos_ == "NUM" or head.head.lower_ in COUNTING)


def _compound_nationality(reading: Reading, tokens: list[Token], text: str, at: int, kb: Knowledge) -> None:
    """"A U.S.-British air raid", "Israeli-Palestinian talks": a hyphenated pair of country words
    that the knowledge base lacks as a whole is read as its first member, as a compound actor
    ("U.S. and British officials") is coded by its first (codes23): the premodifier, not a place
    in a phrase after the head ("... in southern Iraq"), is whose the act is."""
    parts = text.split("-")
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return
    hits = [h for h in kb.lookup(parts[0]) if h.what in ("country", "adjective") and h.country]
    others = [h for p in parts[1:] for h in kb.lookup(p) if h.what in ("country", "adjective") and h.country]
    if hits and others:
        _note(reading, hits, tokens, at, 1)


# Participles that, before "by", name who cites the speaker ("sources cited by a Taiwanese paper").
CITING = ("cited", "quoted")


def _citer_at(tokens: list[Token]) -> int:
    """Where "cited by"/"quoted by" starts inside the mention, else its length: the words from
    there name the publication that cites the speaker ("industry sources cited by a Taiwanese
    publication" are not Taiwan's), so neither its country nor its sector is the speaker's."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ in CITING and tokens[k + 1].lower_ == "by":
            return k
    return len(tokens)


# An acronym written with a full stop after each letter ("F.B.I.", "C.I.A.", "E.P.A."), as some
# papers' house style has it.
DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")


def _undotted(text: str, kb: Knowledge) -> str:
    """A dotted acronym the knowledge base does not hold alone is read as its plain form, which it
    may hold ("F.B.I." as "FBI"); one it holds itself ("U.S.", "U.N.") is read as written."""
    if "." not in text or not DOTTED.fullmatch(text) or kb.lookup(text):  # (most words: no regex)
        return text
    plain = text.replace(".", "")
    return plain if kb.max_tokens(plain) else text


# Nouns of people who study or report on a field: the modifier before one is the field ("a
# senior military analyst", "a police reporter"), not the sector the person works in.
EXPERT_WORDS = ACTOR_WORDS["expert"]


def _field_of_expert(tokens: list[Token], at: int, size: int) -> bool:
    after = at + size
    return after < len(tokens) and tokens[after].lower_ in EXPERT_WORDS


HARMED_PEOPLE = ACTOR_WORDS["harmed"]


def _harmed_at(tokens: list[Token], window: list[Token], at: int, size: int) -> bool:
    """A place's name (not a nationality) right before a word of people something happened to:
    "mother of Benghazi victim Sean Smith" is no Libyan."""
    after = at + size
    return (after < len(tokens) and tokens[after].lower_ in HARMED_PEOPLE
            and window[-1].pos_ == "PROPN" and window[-1].ent_type_ != "NORP")


def _drop_modifying_people_words(reading: Reading, tokens: list[Token]) -> None:
    """"a family medicine physician": a word for civilians (CVL, "family") that only modifies
    a noun that is no agent word ("medicine"), before an agent word of some other sector, is
    part of that one's description, not the speaker's sector ("child advocates", "his family
    doctor": the word modifies the agent word itself, and is read as before)."""
    later = [a for a in reading.agents if a.sectors and a.sectors[0] not in (PLURAL_PEOPLE_SECTOR, "UNK")]
    agent_tokens = {tokens[k].i for a in reading.agents for k in range(a.at, a.at + a.size)}
    for agent in list(reading.agents):
        word = tokens[agent.at]
        if (agent.sectors != [PLURAL_PEOPLE_SECTOR] or agent.size != 1 or word.dep_ != "compound"
                or not any(a.at > agent.at for a in later) or word.head.i in agent_tokens):
            continue
        reading.agents.remove(agent)
        reading.sectors.remove(PLURAL_PEOPLE_SECTOR)
        reading.rules.append(f"{word.text!r} modifies another noun: not the speaker's sector")


def _singulars(tokens: list[Token]) -> list[str]:
    """Each token's lemma; a capitalised plural the tagger took for a name ("Pensioners
    marched...") loses its "s", so that it is read as the group word it is (agent words only:
    the callers never take a place or a name from it)."""
    out = []
    for t in tokens:
        lemma = t.lemma_
        if lemma == t.text and t.text[:1].isupper() and t.text[-1:] == "s" and t.text[-2:] != "ss" and t.tag_ == "NNPS":
            lemma = t.text[:-1]
        out.append(lemma)
    return out


def _note(reading: Reading, hits: list[Hit], tokens: list[Token], at: int, size: int) -> None:
    window = tokens[at : at + size]
    text = " ".join(t.text for t in window)
    first = hits[0]
    if first.what == "named" and first.named is not None:
        reading.named.append((first.named, len(window), at))
        reading.rules.append(f"name {text!r} -> {first.named.kb_id}")
        return
    for hit in hits:
        if hit.what in ("country", "place", "adjective") and hit.country and not _in_person_name(window) \
                and not _given_name_of_person(window):
            if _posted_to(tokens, at):
                reading.rules.append(f"{hit.what} {text!r}: an envoy's post, not the speaker's country")
                return
            if _role_object(tokens, at):
                reading.rules.append(f"{hit.what} {text!r}: what the role is about, not the speaker's country")
                return
            if window[-1].ent_type_ in PLACE_ENTS and _field_of_expert(tokens, at, size):
                # ("a China scholar", "a Russia expert": the country's name, not a nationality
                # adjective, before an expert noun is what the expert studies; "a Chinese
                # scholar" is read as before)
                reading.rules.append(f"{hit.what} {text!r}: what the expert after it studies, not a country")
                return
            if _harmed_at(tokens, window, at, size):
                reading.rules.append(f"{hit.what} {text!r}: where the people after it were harmed, not their country")
                return
            if _based_in(tokens, at + size):
                # ("a Washington-based developer": where the speaker works, not for whom; the
                # country stands, the capital's GOV does not; reader24)
                reading.countries.append((hit.country, "based", at))
                reading.rules.append(f"{hit.what} {text!r}-based -> {hit.country}, no sector")
                return
            how = hit.what
            if hit.what == "adjective" and window[-1].tag_ in ("NNS", "NNPS") and len(window) == 1:
                how = "people"
            reading.countries.append((hit.country, how, at))
            reading.sectors.extend(hit.sectors)
            reading.rules.append(f"{hit.what} {text!r} -> {hit.country}")
            return
    for hit in hits:
        if hit.what == "modifier" and not hit.sectors:
            # "a spokesman for Exxon", "a Boeing spokeswoman": a voice of the body named beside
            # it, whose codes are the speaker's; it gives none of its own (no GOV).
            reading.voices.append(text.lower())
            reading.rules.append(f"voice {text!r}: the body it speaks for gives the codes")
            return
        if hit.what == "modifier":
            if _field_of_expert(tokens, at, size):
                reading.rules.append(f"field {text!r}: what the expert after it studies, not a sector")
                return
            reading.modifiers.extend(hit.sectors)
            reading.staff = reading.staff or text.lower() in STAFF_WORDS
            reading.rules.append(f"modifier {text!r} -> {'/'.join(hit.sectors)}")
            return
        if hit.what == "agent":
            if (_in_person_name(window) or _after_honorific(window)) and (
                    window[0].lower_ not in titles() or _title_as_surname(window)):
                continue  # "Hunter Biden" is no hunter, "Mr Farmer" no farmer, "Larry King" no king
            if size == 1 and window[0].lower_ in COMMON_ONLY and _names_a_body(tokens, at):
                continue  # ("the Bank of Japan", "the bank": a named body, of whatever kind; "a bank" is a firm)
            if _rank_of_next_title(tokens, at, size):
                # ("Deputy Opposition Leader", "the Deputy Leader": the agents list's DEPUTY is a
                # sheriff's deputy, COP; before another noun it only ranks that title)
                reading.rules.append(f"rank {text!r}: of the title after it, no sector of its own")
                return
            if _delegate(tokens, at, size):
                reading.voices.append(text.lower())
                reading.rules.append(f"delegate {text!r}: the body it represents gives the codes")
                return
            sectors = list(hit.sectors)
            if _team_title(tokens, at, size) and "MIL" not in reading.sectors + reading.modifiers:
                sectors = [PLURAL_PEOPLE_SECTOR]
                reading.rules.append(f"team title {text!r}: a player, not an officer")
            sectors = _opposition_first(text, sectors)
            if _advocacy(tokens, at, size, sectors):
                sectors = ["SOC"]
                reading.rules.append(f"{text!r} before an advocacy word: a civil-society body for them -> SOC")
            reading.then_title = reading.then_title or _then_before(tokens, at)
            if _members_of_collective(tokens, at, size):
                reading.members = True
                reading.rules.append(f"collective of {text!r}: its members' sector leads")
            if sectors[:1] == ["GOV"] and _shadow_before(tokens, at):
                sectors = list(SHADOW_SECTORS)
                reading.shadow = True
                reading.rules.append(f"shadow {text!r}: the opposition's holder of the portfolio -> OPP")
            reading.sectors.extend(sectors)
            reading.agents.append(Agent(text.lower(), sectors, at, size))
            reading.rules.append(f"agent {text!r} -> {'/'.join(sectors)}")
            return


def _opposition_first(text: str, sectors: list[str]) -> list[str]:
    """The agent list codes opposition people ("opposition leader", "opposition activist")
    CVL with OPP after it; CVL there only says they hold no office, while OPP is what the text
    says of them, so OPP leads and CVL follows. Only where the phrase says "opposition": the
    list's plain "activist", "campaigner" (also CVL+OPP) need not be against any government
    ("child rights campaigners" stay CVL)."""
    if sectors[:1] == [PLURAL_PEOPLE_SECTOR] and "OPP" in sectors and "opposition" in text.lower():
        return ["OPP", *(s for s in sectors if s != "OPP")]
    return sectors


# Words after a people word that make the phrase a body that works for those people.
ADVOCACY_WORDS = ACTOR_WORDS["advocacy"]
HELPED_SECTORS = ("REF",)  # people whom civil-society bodies are named for helping


def _advocacy(tokens: list[Token], at: int, size: int, sectors: list[str]) -> bool:
    """"refugee support groups", "refugee advocates": a word for helped people (REF) right
    before an advocacy word is what the body works for; the body is civil society (SOC), not
    refugees ("refugees" and "refugee families" stay REF)."""
    after = at + size
    return (bool(sectors) and sectors[0] in HELPED_SECTORS and after < len(tokens)
            and tokens[after].lower_ in ADVOCACY_WORDS)


# A shadow minister (Westminster parliaments: the opposition's spokesperson for a portfolio) is
# an opposition member of the legislature, not the government: PLOVER's OPP ("political
# opposition: opposition parties, individuals"), then LEG.
SHADOW_SECTORS = ("OPP", "LEG")


def _shadow_before(tokens: list[Token], at: int) -> bool:
    """"shadow foreign minister", "Shadow Treasurer": "shadow" right before a government title
    (a portfolio word may sit between: "shadow health minister" is read as one title or as
    "health" then "minister")."""
    for k in range(at - 1, max(at - 4, -1), -1):  # (at most two words between)
        if tokens[k].lower_ in ("the", "a", ","):
            return False  # (the phrase begins: no "shadow" in it)
        if tokens[k].lower_ == "shadow":
            return True
    return False


# Heads of a body made of people of one kind: "a panel of judges", "a team of doctors".
COLLECTIVE_HEADS = frozenset({"panel", "team", "group", "bench", "delegation", "body", "unit"})


def _members_of_collective(tokens: list[Token], at: int, size: int) -> bool:
    """The agent word is the plural "of" complement of a collective head ("A United Nations
    panel of judges"): the people the body is made of say what it is (JUD), ahead of the
    organisation it belongs to (the UN's GOV row). Plural only: a body or unit of one person is
    none ("the body of soldier X" is a corpse, "a unit of measure" no people)."""
    return (at >= 2 and tokens[at - 1].lower_ == "of" and tokens[at - 2].lower_ in COLLECTIVE_HEADS
            and tokens[at + size - 1].tag_ in ("NNS", "NNPS"))


def _rank_of_next_title(tokens: list[Token], at: int, size: int) -> bool:
    """A rank word ("deputy", "acting") right before another noun of the mention that is no
    person's name ("Deputy Opposition Leader", "the deputy leader", "Deputy Premier"): a part of
    that title, not an office of its own. Before a name it is one ("Deputy John Roe")."""
    after = at + size
    if size != 1 or tokens[at].lower_ not in TITLE_RANKS or after >= len(tokens):
        return False
    nxt = tokens[after]
    return nxt.is_alpha and nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ != "PERSON"


def _then_before(tokens: list[Token], at: int) -> bool:
    """"then-president Suharto", "the then prime minister": "then" before a title dates the
    office to the time of what is told, whatever the person holds at the article's date."""
    k = at - 1
    if k >= 0 and tokens[k].text in ("-", "\u2010", "\u2011"):
        k -= 1
    return k >= 0 and tokens[k].lower_ == "then"


# Agent words that code only as lower-case common nouns (actors_words.tsv).
COMMON_ONLY = ACTOR_WORDS["common_only"]


def _names_a_body(tokens: list[Token], at: int) -> bool:
    """The word is part of a name ("the Bank of Korea") or, as "the bank" right after "the"
    opening the mention, points back at a body named before, which may be a central bank."""
    word = tokens[at]
    return not word.text.islower() or (at == 1 and tokens[0].lower_ == "the")


# Ranks of a team as well as of an army ("captain"): written in lower case after a capitalised
# name or nationality ("South African captain Shaun Pollock", "Steelers captain Cam Heyward")
# they lead a side, not a unit; "Army captain", "Marine captain" (a military word before it),
# "Captain Smith" and "the ship's captain" stay as read.
TEAM_TITLES = ACTOR_WORDS["team_title"]
SERVICE_WORDS = ACTOR_WORDS["armed_service"]


def _team_title(tokens: list[Token], at: int, size: int) -> bool:
    word = tokens[at]
    if size != 1 or word.text not in TEAM_TITLES or at == 0:
        return False
    before = tokens[at - 1]
    if before.lower_ in BODY_WORDS or before.lower_ in SERVICE_WORDS:
        return False  # ("Army captain Paul Reed", "Marine captain"; an agent of MIL before it: the caller)
    return before.text[:1].isupper() and (before.pos_ in ("PROPN", "ADJ") or before.ent_type_ != ""
                                          or before.tag_ == "NNPS" or before.tag_ == "NNS")


def _delegate(tokens: list[Token], at: int, size: int) -> bool:
    """"representatives of Epstein's family", "a representative for the union": a lower-case
    ``DELEGATE_WORDS`` word before "of"/"for"/"from" is whoever it represents, not a legislator
    ("Rep. Adam Schiff", "Representative Omar", "state representative" stay LEG)."""
    if size != 1 or tokens[at].text not in DELEGATE_WORDS:
        return False
    after = at + 1
    return after < len(tokens) and tokens[after].lower_ in ("of", "for", "from")


def _after_honorific(window: list[Token]) -> bool:
    """"Mr Farmer", "Dr Cook", "Sen. Mason": a capitalised word right after an honorific is a
    surname, whatever the tagger made of it ("Mr President" is a title: the caller keeps
    titles)."""
    first = window[0]
    return first.i > 0 and first.text[:1].isupper() and first.doc[first.i - 1].lower_ in HONORIFICS


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _title_as_surname(window: list[Token]) -> bool:
    """"Larry King", "Mr. King" (reader24): a title word that is a person's surname. It closes a
    person's name after a capitalised given name that is no title or honorific ("President
    Obama" keeps its title), or it follows an honorific where the document names the person in
    full with it ("Mr. King" beside "Larry King"; a lone "Mr. President" keeps its title)."""
    tok = window[0]
    if len(window) != 1 or tok.ent_type_ != "PERSON" and not _after_honorific(window):
        return False
    doc = tok.doc
    if _after_honorific(window):
        return any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == tok.text
                   and _name_word(ent[-2]) for ent in doc.ents)
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    # (no name follows: "Charlotte Mayor Jennifer Roberts" tagged as one name keeps its mayor)
    last = after is None or after.lower_.rstrip(".") in NAME_SUFFIXES or (
        after.ent_iob_ != "I" and not (after.text[:1].isupper() and after.pos_ == "PROPN"))
    return tok.ent_iob_ == "I" and last and _name_word(doc[tok.i - 1])


def _name_word(token: Token) -> bool:
    """A capitalised word of a name that is no title or honorific ("Larry", not "President")."""
    word = token.text
    return (word[:1].isupper() and word.isalpha() and token.lower_ not in titles()
            and token.lower_ not in HONORIFICS)


def _based_in(tokens: list[Token], after: int) -> bool:
    """"Washington-based", "a London-based analyst": the place is where the speaker is based."""
    return (after + 1 < len(tokens) and tokens[after].text == "-"
            and tokens[after + 1].lower_ == "based")


def _posted_to(tokens: list[Token], at: int) -> bool:
    """"former special envoy to Ukraine Kurt Volker", "the British ambassador in Moscow": a place
    after a posted title and "to"/"in" (inside the mention) is where the speaker serves, not
    whom the speaker serves. "Ukraine's envoy to the UN" keeps Ukraine (it comes first)."""
    k = at - 1
    if k >= 0 and tokens[k].lower_ == "the":
        k -= 1
    return k >= 1 and tokens[k].lower_ in ("to", "in", "at") and tokens[k - 1].lower_ in posted_titles()


def _posts(tokens: list[Token]) -> set[int]:
    """Indices of the tokens of places that are a posted title's post (``_posted_to``)."""
    out: set[int] = set()
    for k in range(len(tokens)):
        if k in out or not (_posted_to(tokens, k) or _role_object(tokens, k)):
            continue
        out.add(k)
        while k + 1 < len(tokens) and tokens[k + 1].ent_iob_ == "I":
            k += 1
            out.add(k)
    return out


# Prepositions after a role noun that say what the role is about ("envoy for Myanmar").
TOPIC_PREPS = frozenset({"for", "on", "about", "against"})


def _role_object(tokens: list[Token], at: int) -> bool:
    """A place the speaker's role is about, or a place in a name or a thing that is not the
    speaker's (reader25): "special envoy for Myanmar", "a leading advocate for human rights in
    Burma", "founder of Iraq and Afghanistan Veterans of America", "the company that owns
    Russia Today programming". An American so described is no Burmese, Iraqi or Russian."""
    return _topic_of_role(tokens, at) or _in_name_of(tokens, at) or _owned_thing(tokens, at)


def _topic_of_role(tokens: list[Token], at: int) -> bool:
    """The place hangs, through nouns and prepositions inside the mention, on a "for"/"on"/
    "about"/"against" phrase of a role noun (a title, an agent word or a person's head noun);
    not of a voice or a delegate ("a spokesman for Russia" speaks for it), and not through a
    body ("a lawyer for the Russian government" works for Russia's)."""
    inside = {t.i for t in tokens}
    cur = tokens[at]
    for _ in range(8):
        head = cur.head
        if head is cur or head.i not in inside:
            return False
        if head.ent_type_ == "ORG" or heads().get(head.lemma_.lower()) == "organization":
            return False
        if cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in TOPIC_PREPS:
            role = head.head
            if head.lower_ == "for" and not _for_a_cause(role):
                return False  # ("the executive director for China at the IMF" is China's)
            return role.i in inside and role.pos_ == "NOUN" and _role_noun(role)
        if cur.dep_ not in ("pobj", "prep", "compound", "amod", "conj"):
            return False
        cur = head
    return False


# Role nouns whose "for" phrase is a cause or a post, not whom the holder serves.
CAUSE_NOUNS = frozenset({"advocate", "activist", "campaigner", "champion", "crusader"})


def _for_a_cause(role: Token) -> bool:
    """"special envoy for Myanmar", "an advocate for human rights in Burma": a posted title
    (no delegate) or an advocate; "director for China" represents China."""
    lemma = role.lemma_.lower()
    return lemma in CAUSE_NOUNS or (lemma in posted_titles() and role.text not in DELEGATE_WORDS)


def _role_noun(token: Token) -> bool:
    lemma = token.lemma_.lower()
    hits = knowledge().lookup(lemma)
    if token.text in DELEGATE_WORDS or any(h.what == "modifier" and not h.sectors for h in hits):
        return False  # (a voice or a delegate speaks for the place after "for")
    return (lemma in titles() or lemma in posted_titles() or heads().get(lemma) == "person"
            or any(h.what == "agent" for h in hits))


def _in_name_of(tokens: list[Token], at: int) -> bool:
    """"Iraq and Afghanistan Veterans of America": a place that opens a capitalised name whose
    own country follows its "of" is the name's subject, not the body's country nor the
    speaker's."""
    k, named = at + 1, False
    while k + 1 < len(tokens):
        tok = tokens[k]
        if tok.lower_ == "of" and named:
            nxt = tokens[k + 1]
            return nxt.ent_type_ in PLACE_ENTS and nxt.lower_ in places() and nxt.lower_ != tokens[at].lower_
        if tok.lower_ in ("and", "&") or tok.ent_type_ in PLACE_ENTS:
            k += 1
            continue
        if not (tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN")):
            return False
        named = True
        k += 1
    return False


def _owned_thing(tokens: list[Token], at: int) -> bool:
    """The place names (or modifies) the object of a clause about a thing or body beside the
    speaker ("the production company that owns Mr. Lane's Russia Today programming"): what
    the company owns, not whose the speaker is. A clause about the named person ("Ivan Petrov,
    who heads Russia's space agency") keeps the place."""
    inside = {t.i for t in tokens}
    cur = tokens[at]
    while cur.dep_ in ("compound", "amod", "nmod", "poss") and cur.head.i in inside:
        cur = cur.head
    verb = cur.head
    if not (cur.dep_ == "dobj" and verb.pos_ == "VERB" and verb.dep_ in ("relcl", "acl")
            and verb.lemma_.lower() not in MEMBERSHIP_VERBS):
        return False
    noun = verb.head  # (the clause's noun: a thing or body, not the speaker nor a person)
    lemma = noun.lemma_.lower()
    return (noun.pos_ == "NOUN" and noun.i in inside and noun.head.i in inside
            and lemma not in titles() and heads().get(lemma) != "person")


# Verbs whose object is who the clause's noun is, not something it has ("the authors of the
# report, which include the U.S. PIRG Education Fund").
MEMBERSHIP_VERBS = frozenset({"include", "comprise", "represent", "be", "become"})


def _in_person_name(window: list[Token]) -> bool:
    """"Chad Bown", "Jim Jordan": a country word inside a multi-word person name is a name.
    A lone token tagged PERSON ("Kyiv said") is left to be read as the place it usually is."""
    if len(window) != 1 or window[0].ent_type_ != "PERSON":
        return False
    tok = window[0]
    following = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")


def _given_name_of_person(window: list[Token]) -> bool:
    """"Aden Ridgeway's bid" (the tagger may read the pair as a facility): a place word right
    before a capitalised name word that the document elsewhere uses alone as a person's name
    ("Ridgeway said") is that person's given name, not a country (codes23; the CAMEO practice codes an actor from its own
    nationality or office, never from a word of its name)."""
    if len(window) != 1 or not window[0].text[:1].isupper():
        return False
    tok = window[0]
    doc = tok.doc
    if tok.i + 1 >= len(doc):
        return False
    nxt = doc[tok.i + 1]
    if nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() or nxt.ent_type_ in (*PLACE_ENTS, "NORP"):
        return False
    if nxt.lower_ in titles() or knowledge().lookup(nxt.text) or knowledge().lookup(nxt.lower_):
        return False  # ("Queensland Premier", "Sydney Airport": a title's or a body's word, no name)
    if nxt.ent_type_ == "PERSON" and tok.ent_type_ != "NORP" and tok.tag_ != "JJ":
        return True  # ("Aden" tagged a place, "Ridgeway" a person; "Australian John Howard" stays)
    # (the document's other tokens of that text only: ``same_text`` reads them from the index)
    return any(j != nxt.i and _lone_surname(doc[j]) for j in same_text(doc, nxt.i))


def _lone_surname(token: Token) -> bool:
    """The word stands alone as someone's name: tagged a person's, or a proper noun with no
    determiner or other name word before it ("Ridgeway said"; not "the Post said")."""
    if token.ent_type_ == "PERSON":
        return True
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN":
        return False  # (a word before a name is a title of it: "Premier Peter Beattie")
    return token.pos_ == "PROPN" and token.ent_type_ == "" and (
        before is None or not (before.pos_ in ("DET", "PROPN") or before.text[:1].isupper()))


# Party words and bracketed party letters of one country's politics (actors_words.tsv).
PARTY_WORDS = {word: name.removeprefix("party_") for name, words in ACTOR_WORDS.items()
               if name.startswith("party_") and not name.startswith(("party_tag_", "party_next"))
               for word in words}
PARTY_TAGS = {word: name.removeprefix("party_tag_") for name, words in ACTOR_WORDS.items()
              if name.startswith("party_tag_") for word in words}
PARTY_NEXT = ACTOR_WORDS["party_next"]


def _party(reading: Reading, tokens: list[Token], clues: Clues) -> None:
    """"Republicans", "Democratic opponent Sen. Bernie Sanders", "Harry M. Reid (D-Nev.)",
    "Labour MPs": a party only one country's politics has gives a mention that names no country
    that country (a person's or group's role in the text, as a nationality word would), unless
    the document names countries and not that one ("the Republican People's Party" of a Turkish
    report). Without a sector of its own the mention is a party's (PTY)."""
    for k, tok in enumerate(tokens):
        country = party_word(tokens, k)
        if country is None:
            continue
        named = clues.countries() if clues.countries is not None else frozenset()
        if country not in named and (named or tok.is_sent_start):
            return  # another country's report, or a capital that may be the sentence's only
        reading.countries.append((country, "party", k))
        # ("members of the Democrat Party": the party's; "43 percent of Republicans" are voters)
        polled = any(t.lower_ in ("%", "percent") for t in tokens)
        if not set(reading.sectors) - {"UNK"} and not reading.modifiers:
            reading.sectors.append(PLURAL_PEOPLE_SECTOR if polled else "PTY")
        reading.rules.append(f"party {tok.text!r} -> {country}")
        return


def party_word(tokens: list[Token], k: int) -> str | None:
    tok = tokens[k]
    word = tok.lower_
    doc = tok.doc
    if word in PARTY_TAGS and tok.text.isupper() and tok.i > 0 and doc[tok.i - 1].text == "(":
        # "(R-Texas)", "(D-Nev.)", "(R)": a letter in brackets with a state or nothing after it
        after = doc[tok.i + 1].text if tok.i + 1 < len(doc) else ")"
        return PARTY_TAGS[word] if after in ("-", ")", ",") or k == len(tokens) - 1 else None
    if word not in PARTY_WORDS or not tok.text[:1].isupper() or _in_person_name([tok]):
        return None
    if tok.i > 0 and doc[tok.i - 1].text[:1].isupper() and doc[tok.i - 1].lower_ not in titles() \
            and not doc[tok.i - 1].is_sent_start and doc[tok.i - 1].pos_ == "PROPN":
        return None  # "Social Democratic", "Christian Democrats", "Irish Republican"
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ not in PARTY_NEXT \
            and nxt.lower_ not in titles() and nxt.ent_type_ != "PERSON" and nxt.pos_ == "PROPN":
        return None  # "Democratic Republic of Congo", "Republican Guard"
    return PARTY_WORDS[word]


US_TITLES = ACTOR_WORDS["us_title"]
US_TITLE_SHARED = ACTOR_WORDS["us_title_shared"]
US_TITLE_STATES = ACTOR_WORDS["us_title_state"]


def _us_title(reading: Reading, tokens: list[Token], clues: Clues) -> None:
    """"Sen. Ted Cruz", "Rep. Welch", "Gov. Pat McCrory": an AP-style title of a US office
    before a name gives a mention that names no country the USA, where the document names the
    USA and none of the countries whose press writes these titles too (the Philippines'
    senators, Nigeria's governors); and a US state that is also a country's name just before
    one ("Georgia Gov. Nathan Deal") is the state, not the country."""
    titled = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in US_TITLES
              and tokens[k + 1].pos_ == "PROPN" and tokens[k + 1].text[:1].isupper()]
    if not titled:
        return
    named = clues.countries() if clues.countries is not None else frozenset()
    if "USA" not in named or named & US_TITLE_SHARED:
        return
    if reading.countries:
        country, _, at = reading.countries[0]
        if at + 1 in titled and tokens[at].lower_ in US_TITLE_STATES:
            reading.countries[0] = ("USA", "state", at)
            reading.rules.append(f"state {tokens[at].text!r} before {tokens[at + 1].text!r} -> USA, not {country}")
        return
    reading.countries.append(("USA", "title", titled[0]))
    reading.rules.append(f"US title {tokens[titled[0]].text!r} -> USA")


@dataclass(frozen=True, slots=True)
class Clues:
    """What the document says beyond the mention: the full name the speaker goes by there
    ("Randall Stephenson" for a later "Stephenson") and the countries it names at all."""

    person: str | None = None
    countries: Callable[[], frozenset[str]] | None = None


def code_tokens(
    tokens: list[Token], date: str | None, name: str | None = None, kb: Knowledge | None = None,
    clues: Clues | None = None,
) -> tuple[Actor, list[str]]:
    """An Actor for the mention plus the rules that decided it (for ``sayso actors``). ``date``:
    the reference date; None resolves the knowledge base's latest rows (``Actor.undated``)."""
    kb = kb or knowledge()
    reading = read(tokens, kb)
    when = date or UNDATED
    clues = clues or Clues()
    if not reading.countries:
        _party(reading, tokens, clues)
    _us_title(reading, tokens, clues)
    _us_office(reading, tokens, clues)
    _pope(reading, tokens)
    _keep_fitting(reading, tokens, when, kb, clues)
    _holder_on_date(reading, tokens, when, kb)
    actor = _actor(tokens, reading, when, name)
    _thing_head(tokens, actor, reading)
    return actor, reading.rules


def title_of(head: Token) -> Token:
    """"the assistant secretary of state", "the minister of state": a noun that only completes a
    title of the knowledge base's agents (the object of its "of") is no actor; the title it
    completes is (codes23)."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "of" or prep.dep_ != "prep" or prep.head.i == prep.i:
        return head
    title = prep.head
    phrase = f"{title.lower_} of {head.lower_}"
    return title if any(h.what == "agent" for h in knowledge().lookup(phrase)) else head


US_OFFICES = ACTOR_WORDS["us_office"]


def _us_office(reading: Reading, tokens: list[Token], clues: Clues) -> None:
    """"the assistant secretary of state for African affairs": a title only the US government
    has (``us_office``) gives a mention that names no country the USA, where the document names
    the USA (as ``_us_title``; codes23)."""
    if reading.countries or not any(t.lower_ == "secretary" for t in tokens):
        return
    text = " ".join(t.lower_ for t in tokens)
    office = next((o for o in US_OFFICES if o in text), None)
    named = clues.countries() if clues.countries is not None else frozenset()
    if office is None or "USA" not in named:
        return
    at = next(k for k, t in enumerate(tokens) if t.lower_ == office.split()[0])
    reading.countries.append(("USA", "title", at))
    reading.rules.append(f"US office {office!r} -> USA")


POPE_WORDS = ACTOR_WORDS["pope"]
HOLY_SEE = ("VAT", ("REL",))


def _pope(reading: Reading, tokens: list[Token]) -> None:
    """"Pope John Paul II", "the pontiff", "the Vatican": the Holy See (VAT, REL) where the mention
    names no country of its own, never the country of the city he is in (codes23)."""
    if reading.countries:
        return
    texts = [t.lower_ for t in tokens]
    at = next((k for k, w in enumerate(texts) if w in POPE_WORDS
               or " ".join(texts[k : k + 2]) in POPE_WORDS), None)
    if at is None:
        return
    reading.countries.append((HOLY_SEE[0], "pope", at))
    reading.sectors[:0] = [s for s in HOLY_SEE[1] if s not in reading.sectors]
    reading.rules.append(f"pope {tokens[at].text!r} -> {HOLY_SEE[0]} {'/'.join(HOLY_SEE[1])}")


def _thing_head(tokens: list[Token], actor: Actor, reading: Reading) -> None:
    """A mention headed by a place's or a craft's common noun ("a British ship", "the Ukrainian
    border", "Kyiv region") is no actor: its nationality or place says whose or where it is, so
    the country stays and no sector is given (the manual's sectors are kinds of actors; PLOVER
    leaves such a target's sector empty). Not in ``country_sector``: the event rankers read each
    candidate's sector as they were trained on it."""
    if actor.country is None or actor.sector is None or not any(t.lemma_.lower() in THINGS for t in tokens):
        return  # (with no country the place's is still to come: the event's location may give it)
    owners = [a for a in reading.agents if a.text not in THINGS and a.sectors != ["UNK"]]
    if owners or reading.borrowed:
        return  # (an owner the mention names gives its sector: "Chinese coast guard ships" MIL)
    head = _phrase_head(tokens) or tokens[-1]
    if head.pos_ != "NOUN" or head.lemma_.lower() not in THINGS:
        return
    actor.sector, actor.secondary_sectors, actor.kind = None, [], "unknown"
    reading.rules.append(f"a {head.lemma_.lower()} is no actor -> no sector")


# Words between a given name and a surname that say nothing about which person it is.
HONORIFICS = ACTOR_WORDS["honorific"]
AFFILIATION = "an affiliation"  # a name beside the speaker's: its codes may serve, not its identity


def _keep_fitting(reading: Reading, tokens: list[Token], date: str, kb: Knowledge, clues: Clues) -> None:
    """Drop knowledge-base names the text contradicts, each with a rule line saying why."""
    kept = []
    for item in reading.named:
        why = _misfit(item, tokens, reading, date, kb, clues)
        if why is None:
            kept.append(item)
            continue
        reading.rules.append(f"not {item[0].kb_id}: {why}")
        if why.startswith(AFFILIATION):
            reading.borrowed.append(item)
    reading.named = kept


def _misfit(item: tuple[Named, int, int], tokens: list[Token], reading: Reading, date: str,
            kb: Knowledge, clues: Clues) -> str | None:
    """Why the text rules out this knowledge-base name, or None when it fits. A name ruled out
    as someone else is dropped; one that fits but is not the speaker is an affiliation."""
    named, size, at = item
    window = tokens[at:at + size]
    curated = named.origin == "kb_leaders.tsv"
    if named.kind == "person" or not (curated or named.kb_id.startswith("org:")):
        why = _other_person(tokens, at, window, named, kb, clues)
        if why is None and curated and tokens and encoded(tokens[0].doc):
            why = _surname_out_of_office(named, window, reading, date, clues)
        if why is None and not curated:
            # A curated office holder needs no more than a fitting name ("Lavrov" alone
            # included); ``_named_period`` applies its dates.
            why = _unsupported(named, reading, date, kb, clues)
        if why is not None:
            return why
    return _affiliation(tokens, window, clues)


def _other_person(tokens: list[Token], at: int, window: list[Token], named: Named, kb: Knowledge,
                  clues: Clues) -> str | None:
    """The match names someone else: it is the start of a longer name, or the first name before
    it (or of the speaker's full name) differs ("Gary Johnson's doctor" is not Boris Johnson's)."""
    following = tokens[at + len(window)] if at + len(window) < len(tokens) else None
    if (following is not None and following.ent_type_ == "PERSON" and following.pos_ == "PROPN"
            and window[-1].ent_iob_ in ("B", "I") and following.text[:1].isupper()
            and not following.text.endswith(".")):
        return f"part of the longer name ... {following.text}"  # "Cameron Easley" is no Cameron
    # Only a surname alone can belong to another person; a KB full name stands ("Crooked
    # Hillary Clinton" is Hillary Clinton).
    given = _given_name(tokens, at, clues.person, window) if len(window) == 1 else None
    if given and not _same_person(given, window, named, kb):
        return f"first name {given!r}"  # "Hunter Biden" is not Joe Biden
    return None


def _surname_out_of_office(named: Named, window: list[Token], reading: Reading, date: str,
                           clues: Clues) -> str | None:
    """A curated office holder's surname alone names them while in office ("Lavrov said"); on a
    date outside every row of theirs it needs the text's support, their country named in the
    mention or the document: "Wallace" in a 2016 US debate transcript is not Ben Wallace,
    Britain's defence secretary of 2019-2023 (issue #13: a KB match to a foreign official needs
    support in the text). Default mode only: ``--fast`` keeps its output."""
    if len(window) != 1 or date == UNDATED or window[0].text.lower() == named.name.lower():
        return None
    period = resolve(named, date)
    if period is None or period.covers(date) or not period.country:
        return None
    if period.country in {c for c, _, _ in reading.countries}:
        return None
    if clues.countries is not None and period.country in clues.countries():
        return None
    return f"a lone surname out of office {_on(date)}: nothing in the text points to {period.country}"


# Sectors of a serving office holder: a title before a surname names whoever holds the office.
SERVING_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})


def _holder_on_date(reading: Reading, tokens: list[Token], date: str, kb: Knowledge) -> None:
    """"President Bush" in a 2002 text is the Bush who was president then (issue #13 item 5,
    speak26). The bulk lists key "PRESIDENT BUSH" to one person (the father); a title + surname
    names whoever held that office on the article's date, so where the row's person held no
    dated office then, the one other person of that surname the knowledge base also titles so
    ("PRESIDENT GEORGE W. BUSH") and who held a dated office then is meant. An in-text role
    wins: "former President Bush", "then-President Bush" tell a past office and stay."""
    if date == UNDATED or "ELI" in reading.modifiers or reading.then_title:
        return
    for k, (named, size, at) in enumerate(reading.named):
        window = tokens[at : at + size]
        if size < 2 or not all(t.lower_ in titles() for t in window[:-1]) or _serving(named, date):
            continue
        if named.origin == "kb_leaders.tsv":
            continue  # (a curated row's dates are the office's own: "President Obama" in 2020 is ELI)
        holder = _titled_holder(kb, [t.text for t in window], named, date)
        if holder is not None:
            reading.named[k] = (holder, size, at)
            reading.rules.append(f"{' '.join(t.text for t in window)!r} {_on(date)}: {holder.kb_id} held the office")


def _serving(named: Named, date: str) -> bool:
    period = resolve(named, date)
    return period is not None and bool(period.start or period.end) and period.covers(date) \
        and period.sector in SERVING_SECTORS


def _titled_holder(kb: Knowledge, words: list[str], named: Named, date: str) -> Named | None:
    """The one person (curated row first) other than ``named`` whose knowledge-base names put
    the same title words before the same surname and who served on ``date``, in ``named``'s
    country; None when none or several do."""
    title = [normalise(w) for w in words[:-1]]
    home = {p.country for p in named.periods}
    found: dict[str, Named] = {}
    for key in _surname_keys(kb).get(normalise(words[-1]), ()):
        parts = key.split()[:-1]
        if not _in_order(title, parts):
            continue
        for hit in kb.lookup(key):
            other = hit.named
            if other is None or other.name.upper() == named.name.upper() or not _serving(other, date):
                continue  # (the bulk row of the same person is no other holder)
            period = resolve(other, date)
            if period is not None and period.country in home:
                found.setdefault(other.name.upper(), other)
                if other.origin == "kb_leaders.tsv":
                    found[other.name.upper()] = other
    return next(iter(found.values())) if len(found) == 1 else None


def _in_order(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(word in it for word in needle)


# The last knowledge base indexed by ``_surname_keys`` and its index (one per process in use).
_SURNAME_KEYS: list[tuple[Knowledge, dict[str, tuple[str, ...]]]] = []


def _surname_keys(kb: Knowledge) -> dict[str, tuple[str, ...]]:
    """Last word -> the knowledge base's phrases of two words or more ending in it (built once
    per knowledge base: some 40k keys, read without building the pending bulk rows)."""
    if _SURNAME_KEYS and _SURNAME_KEYS[0][0] is kb:
        return _SURNAME_KEYS[0][1]
    grouped: dict[str, list[str]] = {}
    for key in {*kb.phrases, *kb.pending}:
        parts = key.split()
        if len(parts) > 1:
            grouped.setdefault(parts[-1], []).append(key)
    index = {w: tuple(sorted(keys)) for w, keys in grouped.items()}
    _SURNAME_KEYS[:] = [(kb, index)]
    return index


def _affiliation(tokens: list[Token], window: list[Token], clues: Clues) -> str | None:
    """The name fits but qualifies the speaker rather than naming it: its codes may serve, its
    identity not."""
    head = _phrase_head(tokens)
    if head is not None and head.pos_ == "NOUN" and all(t.i != head.i for t in window):
        # "the Trump campaign", "Clinton supporters", "the FBI director"
        return f"{AFFILIATION} of the {head.text}"
    words = {t.lower_ for t in window if t.text[:1].isalpha()}
    if clues.person and " " in clues.person and not words & {w.lower() for w in clues.person.split()}:
        # "Kenneth Baer, a former Obama administration official": Obama is not the speaker.
        return f"{AFFILIATION} of {clues.person}"
    return None


def _unsupported(named: Named, reading: Reading, date: str, kb: Knowledge, clues: Clues) -> str | None:
    """The bulk (Phoenix) lists hold common names of minor officials from everywhere, so a match
    needs a row for the date and the text's support: no other country in the mention, and its
    country named somewhere in the document ("John Williams, the president of the Federal
    Reserve Bank of New York" is not a Barbadian minister of 2003-2006)."""
    period = resolve(named, date)
    if period is None or not (period.covers(date) or _before_phoenix(named, period, date)):
        return f"no row of it covers {_on(date)}"
    country = period.country
    if not country or country not in kb.country_names:
        return None  # IGO, NGO, media: no country to look for
    if named.kind != "person":
        # An organisation's full name is distinctive ("the People's Liberation Army"): needing
        # its country in the text would make events and ``sayso actors`` disagree on it.
        return None
    said = {c for c, _, _ in reading.countries}
    if said and country not in said:
        return f"the text says {'/'.join(sorted(said))}"
    if country in said or clues.countries is None or country in clues.countries():
        return None
    return f"nothing in the text points to {country}"


# The Phoenix dictionaries date nothing before their coverage begins: 4,665 of their dated people
# and bodies start on this day exactly ("ALEXANDER DOWNER" AUS GOV from 2003-01-01, Australia's
# foreign minister since 1996), so the day is the dictionaries' horizon, not the office's start.
PHOENIX_FLOOR = "2003-01-01"


def _before_phoenix(named: Named, period: Period, date: str) -> bool:
    """A date before the Phoenix horizon, and ``period`` the entry's first row, begun on it: the
    office may well have been held already (a text of 2002 naming Australia's foreign minister)."""
    return (named.origin.startswith("phoenix") and period.start == PHOENIX_FLOOR
            and date < PHOENIX_FLOOR and all(p.start >= PHOENIX_FLOOR for p in named.periods if p.start))


def _phrase_head(tokens: list[Token]) -> Token | None:
    """The first token whose syntactic head lies outside the mention."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i == t.i or t.head.i not in inside), None)


def _given_name(tokens: list[Token], at: int, person: str | None, window: list[Token]) -> str | None:
    """The first name before a matched surname in the mention ("Hunter" in "Hunter Biden"), or
    the first name of the full name the document uses for the speaker."""
    j = at - 1
    while j >= 0 and len(tokens[j].text) <= 2 and tokens[j].text.endswith("."):  # "Donald J. Trump"
        j -= 1
    if j >= 0 and tokens[j].ent_type_ == "PERSON" and tokens[j].pos_ == "PROPN" and tokens[j].text[:1].isupper():
        word = tokens[j].text
        if word.lower() not in HONORIFICS and word.lower() not in titles():
            return word
    # (a described speaker's name is no person's: "spokesman for Exxon" has no first name)
    words = person.split() if person else []
    if len(window) == 1 and len(words) > 1 and words[-1] == window[0].text and words[0][:1].isupper():
        return words[0]
    return None


def _same_person(given: str, window: list[Token], named: Named, kb: Knowledge) -> bool:
    if given.lower() in named.name.lower().split():
        return True
    phrase = " ".join([given, *(t.text for t in window)])
    return any(h.named is not None and h.named.kb_id == named.kb_id for h in kb.lookup(phrase))


def country_sector(tokens: list[Token], date: str | None) -> tuple[str | None, str | None]:
    """``code_tokens``'s (country, sector), for callers that need no more: most mentions read
    as nothing and name no place, and then no Actor needs building."""
    reading = read(tokens)
    if not (reading.named or reading.countries or reading.sectors or reading.modifiers) and not any(
        t.ent_type_ in PLACE_ENTS for t in tokens
    ):
        return None, None
    actor = _actor(tokens, reading, date or UNDATED, None)
    return actor.country, actor.sector


def _actor(tokens: list[Token], reading: Reading, date: str, name: str | None) -> Actor:
    text = name or " ".join(t.text for t in tokens)
    actor = Actor(name=text)
    if tokens:
        actor.spans = [(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))]
    period = _named_period(reading, date, actor)
    ner = _ner_kind(tokens)
    # A person with a place after the name ("Martin Taylor of Aberdeenshire, Scotland") is
    # from there; a nationality before it ("the Palestinian leader Yasir Arafat") is kept as
    # a state's. (The small tagger reads some countries as people: "Jordan" stays a state.)
    person_at = next((k for k, t in enumerate(tokens) if t.ent_type_ == "PERSON"), len(tokens))
    resident = (ner == "person" and bool(reading.countries) and reading.countries[0][2] > person_at
                and not any(h.what == "country" for h in knowledge().lookup(text)))
    # (a place in a firm's or a paper's own name is where it is from, not the state acting:
    # "The New York Post", "American Airlines", "The American Legion")
    resident = resident or (bool(reading.countries) and _in_company_name(tokens, reading.countries[0][2]))
    resident = resident or _someone_from(tokens, reading)
    resident = resident or (bool(reading.countries) and reading.countries[0][1] == "based")
    if reading.agents and not (reading.named or reading.borrowed):
        _private_office(tokens, reading)
        _relative_of(tokens, reading)
        _employer_first(tokens, reading)
    _apply_text(reading, actor, period, resident=resident, first=_own_body(reading, tokens))
    if _union_mention(tokens, reading):
        others = [s for s in [actor.sector, *actor.secondary_sectors] if s and s not in ("LAB", "GOV")]
        actor.sector, actor.secondary_sectors = "LAB", others
        reading.rules.append("a union's word heads the mention -> LAB")
        if actor.kind == "unknown":
            actor.kind = "group"
    if _leader_body(tokens, reading):
        others = [s for s in [actor.sector, *actor.secondary_sectors] if s and s != "GOV"]
        actor.sector, actor.secondary_sectors = "GOV", others
        actor.kind = "organization"
        reading.rules.append("a leader's administration -> GOV")
    if actor.country is None:
        _place(tokens, actor, reading)
    # (the head is a weapon only if some word is one: most mentions skip the parse walk)
    if not reading.named and any(t.lemma_.lower() in WEAPONS for t in tokens) and _head_word(tokens) in WEAPONS \
            and not _people_over_weapon(tokens, reading):
        _weapon(actor, reading)
    if ner != "unknown" and (actor.kind == "unknown" or (ner == "person" and actor.kb_id is None)):
        actor.kind = ner
    if reading.voices and _head_word(tokens) in reading.voices:
        actor.kind = "person"  # ("an Apple spokesman" is a person, not the firm)
    if "representatives" in reading.voices:
        actor.kind = "group"  # ("representatives of Epstein's family": people, whatever the tagger says)
    return actor


# Sectors of a body after "at" that says where someone is rather than whom they work for, and
# sectors of people that are no occupation (``_employer_first``).
NOT_EMPLOYERS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY", "UNK"})
NOT_OCCUPATIONS = frozenset({"CVL", "OPP", "UNK", "REB", "CRM", "REF", "UAF"})


def _employer_first(tokens: list[Token], reading: Reading) -> None:
    """"an immunologist at Stanford University", "a nurse at the school" (sectors25): a
    non-state body named after "at" below an occupation is where the person works, and its
    sector leads (EDU, MED, BUS); the occupation's stays as a secondary code. After a state
    body "at" is more often where people are than whom they work for ("a reporter at the White
    House", "protesters at the embassy"), and people with no occupation (CVL, OPP, ...) are
    only there: both are left as read."""
    by_token = {tokens[k].i: agent for agent in reading.agents for k in range(agent.at, agent.at + agent.size)}
    for body in reading.agents:
        if not body.sectors or body.sectors[0] in NOT_EMPLOYERS:
            continue
        worker = _works_at(tokens[body.at + body.size - 1], by_token)
        if worker is None or worker is body or worker.at > body.at:
            continue
        if not worker.sectors or worker.sectors[0] in NOT_OCCUPATIONS:
            continue
        lead = body.sectors[0]
        if reading.sectors[:1] != [lead]:
            reading.sectors = [lead, *[s for s in reading.sectors if s != lead]]
            reading.rules.append(f"{worker.text!r} at {body.text!r}: the employer's sector leads -> {lead}")
        return


def _works_at(token: Token, by_token: dict[int, Agent]) -> Agent | None:
    """The agent noun the body word hangs from through "at" ("immunologist at ... University")."""
    node = token
    for _ in range(4):  # (the body word, its compound head, the "at", the occupation)
        if node.head.i == node.i:
            return None
        if node.lower_ == "at" and node.dep_ == "prep":
            return by_token.get(node.head.i)
        node = node.head
    return None


# Words for a person's relatives ("wife", "relatives", "family").
KIN_WORDS = ACTOR_WORDS["kin"]
OFFICIALS = ("GOV", "LEG", "JUD")  # whose relatives the manual codes ELI (not soldiers' or police's)


def _relative_of(tokens: list[Token], reading: Reading) -> None:
    """"the wife of one employee", "the daughter of a minister": a kin word heading the mention
    with "of" after it names the relative, so the sectors of the agent words in the "of" phrase
    are not the speaker's; a relative of a state office holder is ELI (the manual: "family
    members of (former) government officials"), others keep only the kin word's own sector."""
    head = _phrase_head(tokens)
    if head is None or head.lower_ not in KIN_WORDS:
        return
    k = next(k for k, t in enumerate(tokens) if t.i == head.i)
    if k + 1 >= len(tokens) or tokens[k + 1].lower_ != "of":
        return
    theirs = [a for a in reading.agents if a.at > k]
    if not theirs:
        return
    office = any(s in OFFICIALS for a in theirs for s in a.sectors[:1])
    own = [s for a in reading.agents if a.at <= k for s in a.sectors]
    reading.agents = [a for a in reading.agents if a.at <= k]
    reading.sectors = list(dict.fromkeys((["ELI"] if office else []) + own))
    reading.rules.append(f"a relative ({head.text!r}) of the people named after: not their sector"
                         + (" -> ELI" if office else ""))


# Words of a public body's name: an organisation named with one of them acts for the state.
BODY_WORDS = ACTOR_WORDS["public_body"]


# Titles that head a state's office and a firm's, a union's or a school's alike: the knowledge
# base's GOV for them is only a default, which the body the title is of overrides.
SHARED_TITLES = ACTOR_WORDS["shared_title"]
TITLE_RANKS = ACTOR_WORDS["title_rank"]
# Words of an organisation's name that make it a workers' body when it also names an occupation
# ("Indiana State Teachers Association", "the United Auto Workers union").
UNION_WORDS = ACTOR_WORDS["union"]
# Words of a firm's name ("Acme Corp.", "Regional Express Holdings", "Delta Air Lines").
COMPANY_WORDS = ACTOR_WORDS["company"]
# Words of a name that keep a body the state's although BODY_WORDS miss it ("the Federal
# Reserve Bank of New York", "the Communist Party").
STATE_NAME_WORDS = ACTOR_WORDS["state_name"]


# The common noun of a workers' body ("union", "unions").
TRADE_UNION_WORDS = ACTOR_WORDS["trade_union"]


def _union_mention(tokens: list[Token], reading: Reading) -> bool:
    """"Union officials", "teachers unions", "Unions representing Qantas maintenance workers",
    "The Australian Services Union's Luke Foley": a union word that heads the mention, or the
    name or noun the head hangs from, outside any prepositional phrase ("a lawyer for the
    union" is a lawyer), makes the speaker the union's (LAB). Not where the word is part of a
    name the knowledge base or the gazetteer reads ("the European Union", "the Soviet Union",
    "Union Pacific"), of an agent phrase ("credit union": BUS), opens a "Union of ..." name
    ("the Union of Concerned Scientists") or is a capitalised "Union" right after a place or
    nationality ("The Africa Union": states); nor for a person the knowledge base names (the
    dated office the row gives stands)."""
    if reading.named or not tokens:
        return False
    covered = {at + k for _, n, at in reading.borrowed for k in range(n)}
    covered |= {a.at + k for a in reading.agents for k in range(a.size)}
    head = _phrase_head(tokens)
    if head is None:
        return False
    for k, t in enumerate(tokens):
        if t.lower_ not in TRADE_UNION_WORDS or k in covered or t.ent_type_ in PLACE_ENTS:
            continue
        if t.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            continue
        if t.text[:1].isupper() and k > 0 and _place_word(tokens[k - 1]):
            continue  # ("The Africa Union", "the Arab Union": a union of states, misspelt or unknown)
        if not _in_prepositional_phrase(t, head):
            return True
    return False


# A state's executive named by its leader ("the Bush administration", "the Howard Government").
LED_BODY_WORDS = ACTOR_WORDS["led_body"]


def _leader_body(tokens: list[Token], reading: Reading) -> bool:
    """"the Bush administration", "the Assad regime": the mention's head is an executive's word
    right after a person the knowledge base names (or ending the name it knows the phrase by):
    that person's government (GOV), also where the row codes the person otherwise on that date
    (Phoenix's undated ELI for both Bushes, a former leader's ELI: "the Clinton
    administration" in 2016 is still the government that acted)."""
    if len(reading.named) != 1 or not tokens:
        return False
    _, n, at = reading.named[0]
    head = _phrase_head(tokens)
    if head is None or head.lower_ not in LED_BODY_WORDS:
        return False
    end = next((k for k, t in enumerate(tokens) if t.i == head.i), -1)
    if not at < end <= at + n:
        return False  # (the word heads the knowledge-base name or follows it right away)
    return any(t.ent_type_ == "PERSON" for t in tokens[at:end])


# Continents and regions the gazetteer lacks ("Africa", "Arab").
REGION_WORDS = ACTOR_WORDS["region"]


def _place_word(token: Token) -> bool:
    """A place or a nationality: tagged so, or a place or country word of the gazetteer."""
    if token.ent_type_ in (*PLACE_ENTS, "NORP") or token.lower_ in REGION_WORDS:
        return True
    return any(h.what in ("country", "place", "adjective") for h in knowledge().lookup(token.text))


def _private_office(tokens: list[Token], reading: Reading) -> None:
    """"Indiana State Teachers Association President Keith Gambill", "John Roth, vice president
    of business development at SNC", "the company's chief executive": a title that heads a
    state's office and a firm's alike (``SHARED_TITLES``) is of the body the mention names
    with it, when that is no public body: a union's (LAB: union words and an occupation), a
    firm's (BUS: company words, or a business word in the mention), else whatever sector the
    mention's other words give; the title's own GOV and the GOV of words inside the body's
    name ("State") go. Where nothing says what the body is, the title's default stands."""
    titled = _shared_titles(reading)
    if not titled:
        return
    title_at = {k for _, _, at, n in titled for k in range(at, at + n)}
    body = _body_at(tokens, title_at)
    others = [a for a in reading.agents if a not in titled]
    own = _office_owner(tokens, body, titled, others)
    if own is None and _common_chief_executive(tokens, reading, titled, body, others):
        own = ["BUS"]
    if own is None:
        return  # a public body's president, or nothing says whose office it is: the default stands
    dropped = {at for _, sectors, at, _ in others if at in body and "GOV" in sectors}
    kept = [s for _, sectors, at, _ in reading.agents if at not in title_at and at not in dropped
            for s in sectors]
    reading.sectors = list(dict.fromkeys(own + kept))
    reading.rules.append(f"title of a non-state body -> {'/'.join(reading.sectors) or 'uncoded'}")


def _common_chief_executive(tokens: list[Token], reading: Reading, titled: list[Agent],
                            body: list[int], others: list[Agent]) -> bool:
    """"Chief executive Paul Batchelor said" (sectors25): a chief executive written as a common
    noun (lower-case "executive"), with no body, owner, place or other occupation in the
    mention, runs a firm: the agents list's CHIEF EXECUTIVE GOV is the capitalised office of a
    government ("Chief Executive Tung Chee-hwa", "the Hong Kong chief executive" keep it), and
    it codes the business titles beside it (CEO, CORPORATE_EXECUTIVE, TOP_EXECUTIVE) BUS. An
    owner ("the service's chief executive", "its chief executive") points back at a body named
    elsewhere, of whatever kind: the default stands."""
    if body or reading.countries or any(a.sectors for a in others):
        return False
    if any(t.tag_ in ("POS", "PRP$") for t in tokens):
        return False
    for text, _, at, size in titled:
        if text == "chief executive" and tokens[at + size - 1].text == "executive":
            return True
    return False


def _shared_titles(reading: Reading) -> list[Agent]:
    """The agents of a title shared by state and private offices (with a GOV default), and the
    rank words before them: "deputy chief executive", "vice president" is one title, not a
    sheriff's deputy."""
    titled = [a for a in reading.agents if a.text in SHARED_TITLES and "GOV" in a.sectors]
    if not titled:
        return []
    starts = {at for _, _, at, _ in titled}
    return titled + [a for a in reading.agents if a.text in TITLE_RANKS and a.at + a.size in starts]


def _body_at(tokens: list[Token], title_at: set[int]) -> list[int]:
    """Where the body the title is of stands: an organisation's name, or a proper-noun owner the
    tagger left untyped ("Virgin's deputy chief executive")."""
    return [k for k, t in enumerate(tokens) if k not in title_at and (t.ent_type_ == "ORG" or (
        t.ent_type_ in ("", "PERSON") and t.pos_ == "PROPN" and k + 1 < len(tokens) and tokens[k + 1].tag_ == "POS"))]


def _office_owner(tokens: list[Token], body: list[int], titled: list[Agent],
                  others: list[Agent]) -> list[str] | None:
    """The sector of the body whose title it is: ["LAB"] for a union, ["BUS"] for a firm, []
    where the mention's other words give the sectors; None where it is a public body or nothing
    says."""
    body_words = {tokens[k].lower_ for k in body}
    mention_words = {t.lower_ for t in tokens}
    other_sectors = [s for _, sectors, at, _ in others if at not in body or "GOV" not in sectors
                     for s in sectors if s != "GOV"]
    trades = _trades(others, body)
    named_by = body_words or mention_words
    # (an association of teachers or workers is their union; one of doctors is their profession's)
    union = bool(trades) and bool(named_by & UNION_WORDS - {"association"}
                                  or ("association" in named_by and trades[0] in ("LAB", "EDU")))
    firm = bool(body_words & COMPANY_WORDS or mention_words & {"company", "firm"} or "BUS" in other_sectors
                or _firm_possessor(tokens, titled))
    if not union and body_words & (BODY_WORDS | STATE_NAME_WORDS):
        return None  # a public body's president
    if union:
        return ["LAB"]
    if firm or (any(a.text == "chief executive" for a in titled) and body and not other_sectors):
        return ["BUS"]  # (a chief executive of a body of unknown kind runs a firm far more often)
    if other_sectors:
        return []
    if _plain_firm_name(tokens, body):
        return ["BUS"]
    # "Derrick Johnson, president of the NAACP": the title of a named body the knowledge base
    # does not know and no word of which is a public body's or a party's is no state office;
    # its sector is unknown, not GOV (the rule: never a guess)
    return [] if _unknown_private_body(tokens, body) else None


def _unknown_private_body(tokens: list[Token], body: list[int]) -> bool:
    """The body is named, the knowledge base does not know it, and no word of its name is a
    party's ("NAACP", "AFL-CIO"; not "the Republican National Committee")."""
    names = _body_names(tokens, body)
    words = {t.lower_ for t in names}
    if not names or words & (PARTY_WORDS.keys() | PARTY_NEXT):
        return False
    return not _known_body(names)


def _body_names(tokens: list[Token], body: list[int]) -> list[Token]:
    """The organisation-name tokens of the body a title is of."""
    return [tokens[k] for k in body if tokens[k].ent_type_ == "ORG"]


def _known_body(names: list[Token]) -> bool:
    """Does the knowledge base hold a named row for the body's name?"""
    return any(h.what == "named" for h in knowledge().lookup(" ".join(t.text for t in names)))


def _firm_possessor(tokens: list[Token], titled: list[Agent]) -> bool:
    """"the bank's chief executive", "the group's president" (codes23): a firm's common noun
    in the possessive right before the shared title is whose office it is (a bank is BUS; the
    noun alone points back at a named firm, so it gives no sector of its own)."""
    for _, _, at, _ in titled:
        if at >= 2 and tokens[at - 1].tag_ == "POS" and tokens[at - 2].is_lower \
                and tokens[at - 2].lower_ in COMMON_ONLY | COMPANY_WORDS:
            return True
    return False


def _plain_firm_name(tokens: list[Token], body: list[int]) -> bool:
    """The body is an organisation's name and nothing more ("InfoNation President Dan
    McDowell", "vice president of Advanced Development Programs at Blue Origin"): no word of a
    public body, a union, an association or any other kind of body in it, and no row of the
    knowledge base for it. Such a named body with a president runs a firm far more often than
    anything else in news."""
    names = _body_names(tokens, body)
    if not names or any(t.is_alpha and len(t.text) > 1 and t.text.isupper() for t in names):
        return False  # (an acronym names a body of any kind: "NAACP", "Virginia AFL-CIO")
    words = {t.lower_ for t in names}
    if words & (BODY_WORDS | STATE_NAME_WORDS | UNION_WORDS | ORG_HEADS):
        return False
    return not _known_body(names)


def _trades(others: list[Agent], body: list[int]) -> list[str]:
    """The first sectors of the occupations the body's name gives ("Teachers"), other than GOV
    and UNK; with no body named, those of the whole mention ("the prison workers' union")."""
    return [sectors[0] for _, sectors, at, _ in others
            if (at in body or not body) and sectors and sectors[0] not in ("GOV", "UNK")]


def _in_company_name(tokens: list[Token], at: int) -> bool:
    """The place word ``tokens[at]`` lies inside the name of an organisation (one entity
    tagged ORG, longer than the place) with no word of a public body or an office in it."""
    if not 0 <= at < len(tokens) or tokens[at].ent_type_ != "ORG":
        return False
    doc = tokens[at].doc
    start = tokens[at].i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tokens[at].i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = doc[start:end]
    # (an office's title is a body's too, and the tagger may leave it out of the name: "the
    # then UK Home Secretary" is "UK Home" and "Secretary")
    words = {t.lower_ for t in doc[start:min(end + 1, len(doc))]}
    return len(name) > 1 and not words & BODY_WORDS and not words & titles() and not any(
        h.what == "named" for h in knowledge().lookup(name.text))


def _someone_from(tokens: list[Token], reading: Reading) -> bool:
    """"Many in Hong Kong", "the owner of a resort in South Australia's Riverland", "people
    familiar with Chinese trade policy": where a quantifier or a noun of people that is no
    title (speaker_heads.tsv's person heads, "people") heads the mention, no name is read and
    the place word lies inside a prepositional phrase below it, the place says where that someone is (or what they know of), not that the state
    speaks (it does where the place heads the mention, "Scotland said", or modifies a title,
    "the Palestinian leader", "officials in Kabul")."""
    if not reading.countries or reading.named or reading.borrowed or reading.countries[0][1] == "people":
        return False
    head = _phrase_head(tokens)
    if head is None or head.pos_ not in ("NOUN", "ADJ", "PRON", "DET", "NUM"):
        return False
    lemma = head.lemma_.lower()
    if head.lower_ in titles() or lemma in titles():
        return False
    if head.pos_ == "NOUN" and heads().get(lemma) != "person" and lemma not in PEOPLE_NOUNS:
        return False  # (a thing in a place, "a ceasefire in eastern Ukraine", is left as read)
    place = tokens[reading.countries[0][2]]
    return _in_prepositional_phrase(place, head) and not any(
        t.ent_type_ == "PERSON" and not _in_prepositional_phrase(t, head) for t in tokens)


# Nouns of people in general, beside speaker_heads.tsv's person heads ("owner", "resident").
PEOPLE_NOUNS = frozenset({"people", "person", "persons"})


def _in_prepositional_phrase(token: Token, head: Token) -> bool:
    """Is ``token`` the object of a preposition, or inside one, below ``head``?"""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "pobj":
            return True
        token = token.head
    return False


def _head_word(tokens: list[Token]) -> str:
    """The lower-case lemma of the mention's syntactic head (the token whose head is outside)."""
    if not tokens:
        return ""
    return (_phrase_head(tokens) or tokens[-1]).lemma_.lower()


def _people_over_weapon(tokens: list[Token], reading: Reading) -> bool:
    """"a suicide bomber", "three Palestinian suicide bombers" (sectors25): where the agents
    list reads the weapon word inside a longer phrase of people with no MIL (SUICIDE_BOMBER
    REB), the head is those people, not an aircraft: the weapon rule made them MIL, or
    uncoded without an owner."""
    head = _phrase_head(tokens)
    if head is None:
        return False
    k = next((k for k, t in enumerate(tokens) if t.i == head.i), -1)
    return any(a.size > 1 and a.at <= k < a.at + a.size and a.sectors and "MIL" not in a.sectors
               for a in reading.agents)


def _weapon(actor: Actor, reading: Reading) -> None:
    if actor.country is None:
        actor.sector, actor.secondary_sectors, actor.kind = None, [], "unknown"
        reading.rules.append("weapon without an owner -> uncoded")
        return
    actor.sector, actor.secondary_sectors = "MIL", []
    actor.kind = "group"
    reading.rules.append(f"weapon of {actor.country} -> MIL")


def _place(tokens: list[Token], actor: Actor, reading: Reading) -> None:
    """A city the knowledge base does not list ("Kherson") is coded by the gazetteer."""
    posted = _posts(tokens)
    cited = _citer_at(tokens)  # (the citing publication's place is not the speaker's)
    places = [t for k, t in enumerate(tokens[:cited])
              if t.ent_type_ in PLACE_ENTS and k not in posted and not _harmed_at(tokens, [t], k, 1)]
    if not places:
        return
    name = " ".join(t.text for t in places)
    place = lookup_place(name)
    if place is not None and place["country"]:
        actor.country = place["country"]
        reading.rules.append(f"gazetteer {name!r} -> {place['country']}")


def _named_period(reading: Reading, date: str, actor: Actor) -> Period | None:
    if not reading.named:
        if reading.borrowed:  # "a former Obama administration official": codes, not identity
            borrowed = resolve(max(reading.borrowed, key=lambda item: item[1])[0], date)
            actor.undated = date == UNDATED and borrowed is not None
            return borrowed
        return None
    named = max(reading.named, key=lambda item: item[1])[0]
    period = resolve(named, date)
    if period is not None and not period.covers(date):
        # Out of office on that date: the nationality outlives the row, the office does not.
        period = Period(country=period.country, sector=None, source=period.source)
    actor.kb_id = named.kb_id
    actor.undated = date == UNDATED and period is not None
    kind = named.kind
    if kind == "unknown":
        kind = _kb_kind(named.name, period)  # Phoenix does not say
    actor.kind = _kind(kind)
    if period is not None:
        reading.rules.append(
            f"kb {named.kb_id} {_on(date)}: {period.country} {period.sector or '-'} "
            f"[{period.start or '…'}, {period.end or '…'}) {period.role or ''}".rstrip()
        )
        actor.role = actor.role or period.role
    return period


def _on(date: str) -> str:
    return "without a date (the latest row)" if date == UNDATED else f"on {date}"


def place_country(span: Span, label: str, name: str, own: range) -> str | None:
    """The country the place words of a speaker's mention name (knowledge/lexicons.places):
    its named head itself when that is a place (``label``, ``name``), else a place word outside
    the head's tokens ``own`` ("Russian Foreign Minister Sergei Lavrov"), else a multi-word
    institution or country name in it ("the white house")."""
    table = places()
    tokens = list(span)
    posted = _posts(tokens)  # "envoy to Ukraine": the post, not the speaker's country
    # (nor is the post the named head: "Western diplomats in Baghdad", codes23)
    head_posted = any(tokens[k].i in own for k in posted)
    if label in ("GPE", "NORP", "LOC") and name.lower() in table and not head_posted:
        return table[name.lower()][0]
    kept = [t for k, t in enumerate(tokens) if k not in posted]
    text = span.text.lower() if not posted else " ".join(t.lower_ for t in kept)
    for token in kept:
        key = token.lower_
        if key in table and token.i not in own:
            return _longer_place(token) or table[key][0]
    for place, code in _multiword_places():
        if place in text:
            return code
    return None


def _longer_place(token: Token) -> str | None:
    """"the former New Mexico governor" (reader24): a place word that ends a longer place name
    the knowledge base knows is that place's country (USA), not its own (MEX)."""
    if token.i == 0 or not token.nbor(-1).text[:1].isupper():
        return None
    phrase = f"{token.nbor(-1).text} {token.text}"
    return next((h.country for h in knowledge().lookup(phrase)
                 if h.what in ("country", "place") and h.country), None)


@lru_cache(maxsize=1)
def _multiword_places() -> tuple[tuple[str, str], ...]:
    """The institution and country names of more than one word, in the table's order (picked
    once, not at each mention)."""
    return tuple((place, code) for place, (code, kind) in places().items()
                 if " " in place and kind in ("institution", "country"))


# Last words that make a knowledge-base name an organisation ("The European Union", "Syrian
# Islamic Front"): bodies' nouns and the heads of armed groups' and federations' names.
ORG_HEADS = ACTOR_WORDS["body"] | ACTOR_WORDS["org_head"]


def _kb_kind(name: str, period: Period | None) -> str:
    """Person or organisation, for a knowledge-base row that does not say: outlets
    (country-less media codes), IGO/NGO and multinational (MNC: Google, AT&T) rows are
    organisations, and so is a name ending in an agent word ("People's Liberation Army",
    "Interior Ministry") or a body's noun ("The European Union", "Tawhid Brigade")."""
    if period is None or period.country in ("IGO", "NGO", "MNC", ""):
        return "organization"
    words = name.split()
    if words and (words[-1].lower() in ORG_HEADS or _ends_in_agent(name)):
        return "organization"
    return "person"


def _ends_in_agent(name: str) -> bool:
    words = name.split()
    return bool(words) and any(h.what == "agent" for h in knowledge().lookup(words[-1]))


def _apply_text(reading: Reading, actor: Actor, period: Period | None, resident: bool = False,
                first: list[str] | None = None) -> None:
    text_country = reading.countries[0] if reading.countries else None
    anchors = reading.named or reading.borrowed
    if text_country is not None and period is not None and anchors:
        # "Iranian Foreign Minister Zarif": a country word before the name qualifies it; one
        # after it ("the Kremlin and Kyiv") belongs to some other actor, or is a subject of the
        # speaker's office, not a nationality ("White House Russia adviser Fiona Hill").
        named_at = max(anchors, key=lambda item: item[1])[2]
        text_country = text_country if text_country[2] < named_at else None
    actor.country = text_country[0] if text_country else ((period.country or None) if period else None)
    sectors = _minister_first(reading, list(dict.fromkeys((first or []) + reading.modifiers + reading.sectors)))
    if period is not None and period.sector and "ELI" not in reading.modifiers:
        kb_sectors = [period.sector, *period.secondary]
        titled_office = (_undated_elite(period) or (period.sector == "ELI" and reading.then_title)) \
            and _office_title_before_name(reading)
        if reading.shadow or reading.members or titled_office:
            # ("Israel's Foreign Minister Shimon Peres": a knowledge-base row with no dates that
            # only knows the person as one of the elite yields to the office the text titles
            # the name with; an apposition or a clause after the name often tells a past post,
            # "John Podesta, a chief of staff to President Clinton", and is left alone; so does
            # a dated ELI row where "then" dates the title to the time of what is told:
            # "then-president Suharto" acted as president; a shadow minister's title says the
            # person sits in opposition, whatever office the row knows from other years; a
            # body's members say what a "UN panel of judges" is, JUD before the UN's GOV)
            sectors = list(dict.fromkeys(sectors + kb_sectors))
        else:
            # The knowledge base knows the office; text agent words add detail as secondary codes.
            sectors = list(dict.fromkeys(kb_sectors + sectors))
    if not sectors and text_country is not None and not resident:
        # (a state acts through its government: "Scotland said" is GBR GOV, and so is "the
        # Palestinian leader Yasir Arafat"; a person from a place with no office or trade in
        # the text, "Martin Taylor of Aberdeenshire, Scotland", has only the country)
        sectors = [PLURAL_PEOPLE_SECTOR if text_country[1] == "people" else "GOV"]
        if actor.kind == "unknown":
            actor.kind = "group" if text_country[1] == "people" else "country"
    if len(sectors) > 1 and "UNK" in sectors:
        # ("a group of physicians": the members' sector, not the unknown one of "group")
        sectors.remove("UNK")
    if sectors:
        actor.sector, actor.secondary_sectors = sectors[0], sectors[1:]
    if actor.kind == "unknown" and sectors:
        actor.kind = "group"


# Sectors of a state's offices: a title giving one ("Foreign Minister") names an office held.
OFFICE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP"})


def _minister_first(reading: Reading, sectors: list[str]) -> list[str]:
    """"Small Business Minister", "Tourism Minister": a minister's title after the word of his
    portfolio names a government office; the portfolio's sector (BUS of "business") is a
    secondary code, as the agent dictionary codes the titles it lists ("Industry Minister" GOV,
    BUS). A church's or a religion's minister (REL) is left alone (attrnews23, issue #13)."""
    for before, title in zip(reading.agents, reading.agents[1:], strict=False):
        if (title.text in ("minister", "ministers") and title.sectors[:1] == ["GOV"]
                and before.at + before.size == title.at and before.sectors[:1]
                and before.sectors[0] not in (*OFFICE_SECTORS, "REL") and "GOV" in sectors):
            return ["GOV", *[s for s in sectors if s != "GOV"]]
    return sectors


def _office_title_before_name(reading: Reading) -> bool:
    """A state office's title right before the knowledge-base name ("Foreign Minister Shimon
    Peres")."""
    if not reading.named:
        return False
    named_at = max(reading.named, key=lambda item: item[1])[2]
    return any(a.sectors[:1] and a.sectors[0] in OFFICE_SECTORS and a.at + a.size == named_at
               for a in reading.agents)


def _undated_elite(period: Period) -> bool:
    """A knowledge-base row with neither start nor end that codes the person ELI (Phoenix's
    fallback for someone it knows no dated office of)."""
    return period.sector == "ELI" and not period.start and not period.end


# Plural staff words whose GOV is only a default: a private body's "officials" are that body's
# people, as a shared title is (``_private_office``).
STAFF_WORDS = ACTOR_WORDS["staff"]
DELEGATE_WORDS = ACTOR_WORDS["delegate"]
PRIVATE_SECTORS = frozenset({"MED", "EDU", "BUS", "LAB", "REL", "NGO", "JRN", "AGR"})


def _own_body(reading: Reading, tokens: list[Token]) -> list[str]:
    """The sectors of a private body named beside a staff word whose only modifier code is
    the state's: they come first, the GOV stays as a secondary code. A public body's name
    ("the County Health Department officials") keeps the state's."""
    if not reading.staff or reading.modifiers != ["GOV"] or any(t.lower_ in BODY_WORDS for t in tokens):
        return []
    return [s for s in reading.sectors if s in PRIVATE_SECTORS]


def _kind(value: str) -> ActorKind:
    kinds: dict[str, ActorKind] = {
        "person": "person",
        "organization": "organization",
        "country": "country",
        "group": "group",
    }
    return kinds.get(value, "unknown")


def _ner_kind(tokens: list[Token]) -> ActorKind:
    """A person named in the mention makes it a person ("Ukrainian official Oleg Marchenko")."""
    types = {t.ent_type_ for t in tokens}
    for label, kind in (("PERSON", "person"), ("ORG", "organization"), ("GPE", "country"), ("NORP", "group")):
        if label in types:
            return _kind(kind)
    return "unknown"

