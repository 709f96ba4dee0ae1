"""Actor coding: country + PLOVER sector for speakers and event participants."""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from sayso.actors.coding import (
    ACTOR_WORDS,
    HARMED_PEOPLE,
    HONORIFICS,
    PARTY_TAGS,
    PARTY_WORDS,
    Clues,
    code_tokens,
    party_word,
    read,
)
from sayso.actors.offices import name_by_office
from sayso.actors.persons import one_code_per_speaker
from sayso.knowledge.gazetteer import lookup_place
from sayso.knowledge.lexicons import FIRST_PERSON, SETTING_PREPS, places, titles
from sayso.model import Actor, Article, Attribution
from sayso.nlp import Tree, doc_ents, doc_text, encoded, span_ents, tree_of

# The lower-case forms ``party_word`` can read (string ids: a document's scan builds no Token
# for the rest).
PARTY_IDS = frozenset(get_string_id(w) for w in (*PARTY_WORDS, *PARTY_TAGS))


def article_date(article: Article) -> str | None:
    """The reference date names are resolved against (ISO yyyy-mm-dd): the article's own (which
    is ``--date`` for an undated input when one was given), else None, never today: the same
    text must code the same way next year. An actor coded from a dated knowledge-base row
    without one says so (``Actor.undated``)."""
    if article.date and len(article.date) >= 10:
        return article.date[:10]
    if article.date and len(article.date) == 4 and article.date.isdigit():
        return f"{article.date}-07-01"
    return None


# Anaphoric nouns for international bodies and the codes their antecedent must carry.
ANAPHORS = {"bloc": frozenset({"EUR", "IGO"}), "alliance": frozenset({"IGO"})}


# A document about one country's politics (DocActors.domestic): at least this many clues, party
# words and people named in full with that country together ...
DOMESTIC_MIN = 3
# ... and that country's party words at least this many times all other countries' together.
PARTY_SHARE = 4
DOMESTIC_BODIES = ACTOR_WORDS["domestic_body"]
# A document without party words is of one country (DocActors._home_country) when its places and
# nationalities name that one at least this many times ...
HOME_MIN = 3
# ... and at least this many times all the others together.
HOME_SHARE = 3
# The state's own sectors: a mention of them with no country is the home country's state
# ("Authorities", "The Government", "Prosecutors", "the Defence Minister").
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY"})
# Sectors of a country's own people and private bodies (civilians, religious groups, business,
# unions, media, parties, elites...): a common-noun mention of them with no country in one
# country's political news is of that country (``DocActors.politics_country``). Armed and criminal
# groups (REB, UAF, CRM) and UNK are left out: in such news they are mostly another country's.
PEOPLE_SECTORS = frozenset(
    {"CVL", "REL", "BUS", "MED", "OPP", "JRN", "AGR", "EDU", "LAB", "PTY", "SOC", "ELI", "REF"}
)
# The US state whose name is also a country's, and that country's code.
STATE_AND_COUNTRY = ("georgia", "GEO")
# International codes of the PLOVER manual's non-state actors: no document's home.
NON_STATES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
# State bodies that act only inside their own state's territory (police, courts): the one
# country the places of their sentence name is theirs (``DocActors.scene_country``).
JURISDICTION_SECTORS = frozenset({"COP", "JUD"})
# Entities that place an act (a city, a region, a building or an institution named with its place).
SCENE_LABELS = ("GPE", "LOC", "FAC", "ORG")
# Dependencies of a name that qualifies a noun rather than naming a place ("US choppers").
QUALIFYING_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
# Capitalised words of a body's name that are its politics' own, not another body's name
DOMESTIC_NAMES = frozenset({"house", "senate", "committee", "committees", "campaign", "party"})


class DocActors:
    """Codes mentions of one document; one actor (country/sector/kb_id) per referent.

    A later short mention ("Lavrov") reuses the coding of the earlier full one ("Russian Foreign
    Minister Sergei Lavrov") when its last word matches, so one person is coded one way per text.
    """

    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.date = article_date(article)
        self.by_word: dict[str, Actor] = {}
        self.names_in: dict[tuple[int, int], str | None] = {}  # range -> its last name (``_last_name``)
        # Persons with a country and a role, by first character, in document order: what a bare
        # title ("the president") may refer back to.
        self.people: list[tuple[int, Actor]] = []
        self._countries: frozenset[str] | None = None
        self._country_ents: tuple[tuple[Span, tuple[str, ...]], ...] | None = None
        self._named: dict[str, Named] | None = None
        # Tokens of people's names that are also a place's or nationality's word ("Cuban" of
        # "Mark Cuban"): what they say of a speaker's country is not a country.
        self.surnames_read: set[int] = set()
        self._domestic: tuple[str | None] | None = None
        self._home: tuple[str | None] | None = None

    def code(self, tokens: list[Token], name: str | None = None, titled: bool = False,
             person: str | None = None) -> Actor:
        """``titled``: a bare title ("the president") may refer back to the latest person named
        before with that role; for event participants (speakers get this from the attribution
        engine, which links title speakers to earlier speakers). ``person``: the full name the
        document gives the speaker, which a knowledge-base name must fit."""
        tokens = [t for t in tokens if not t.is_space and not (t.is_punct and t.text not in "-.'")]
        actor, _ = code_tokens(tokens, self.date, name, clues=Clues(person, self.countries))
        self._state_not_country(tokens, actor)
        entry = self._named_in_full(tokens, actor)
        if actor.country is None:
            earlier = self._titled(tokens) if titled else None
            if earlier is not None:
                return replace(earlier, name=actor.name, spans=actor.spans,
                               secondary_sectors=list(earlier.secondary_sectors))
            self._antecedent(tokens, actor)
            self._titled_owner(tokens, actor)
        key = _referent_key(tokens) if actor.kind == "person" else None
        # The full name the text gives the speaker keeps two people of one surname apart.
        key = person.lower() if key and person and " " in person else key
        earlier = self.by_word.get(key) if key else None
        if earlier is not None and (actor.country is None or actor.kb_id == earlier.kb_id):
            return replace(
                earlier, name=actor.name, spans=actor.spans, secondary_sectors=list(earlier.secondary_sectors)
            )
        if key and (actor.country or actor.kb_id):
            self.by_word[key] = actor
            self._note_person(actor)
        # After the memory above, not before it: the country the document's full-name mentions
        # agree on is this mention's only, never remembered for the surname (a later mention that
        # names the referent more fully codes itself).
        countries = entry.countries() if entry is not None else set()
        if actor.country is None and actor.kind == "person" and len(countries) == 1:
            actor.country = next(iter(countries))
        if actor.country is None and len(countries) < 2 and not actor.kb_id:
            self._domestic_fill(tokens, actor)
        return actor

    def _state_not_country(self, tokens: list[Token], actor: Actor) -> None:
        """Default mode (roles22): "Georgia businessman X", "a Georgia congressman": the one US
        state whose name is also a country's (the gazetteer leaves "Georgia" to the country,
        ``gazetteer._us_states``) is the state in a document about US politics (``domestic``)."""
        if actor.country != STATE_AND_COUNTRY[1] or not encoded(self.doc):
            return
        if any(t.lower_ == STATE_AND_COUNTRY[0] for t in tokens) and self.domestic() == "USA":
            actor.country = "USA"  # (the mention's own place word: no ``domestic`` mark)

    def domestic(self) -> str | None:
        """The one country whose own politics the document reports, or None: its capitalised
        party words ("Republicans", "GOP", "Democratic", "(R-Texas)") are mostly that country's
        (``PARTY_SHARE``: a stray "Labour" in a long US story does not count against it), they and
        the people the document names in full with that country give at least ``DOMESTIC_MIN``
        clues together (a short campaign story has one party word and names several US people),
        the document names no country or that one among others, and no other country is given to
        more of the people it names in full. Read once."""
        if self._domestic is None:
            self._domestic = (self._politics_country(),)
        return self._domestic[0]

    def _politics_country(self) -> str | None:
        found: dict[str, int] = {}
        doc = self.doc
        # (only a party word or letter can be one: the others are skipped without a Token)
        for i, lower in enumerate(tree_of(doc).lower):
            if lower not in PARTY_IDS:
                continue
            country = party_word([doc[i]], 0)
            if country is not None:
                found[country] = found.get(country, 0) + 1
        if not found:
            return None
        country = max(found, key=lambda c: found[c])
        count = found[country]
        if PARTY_SHARE * (sum(found.values()) - count) > count:
            return None
        named = self.countries()
        people = self.people_countries()
        own = people.get(country, 0)
        if count + own >= DOMESTIC_MIN and (not named or country in named) \
                and all(n <= own for n in people.values()):
            return country
        return None

    def home(self) -> str | None:
        """A document with no party words of one country (``domestic``): the country its places
        and nationalities name (``place_counts``) at least ``HOME_MIN`` times and ``HOME_SHARE``
        times all the others together ("Sydney", "New South Wales", "Australian" of a bushfire
        story), if no other country is given to more of the people it names in full: the
        country of its news, whose authorities, courts and people speak in it without their
        country said ("Authorities estimate ...", "The Government says ..."). Read once."""
        if self._home is None:
            self._home = (self._home_country(),)
        return self._home[0]

    def _home_country(self) -> str | None:
        counts = self.place_counts()
        if not counts:
            return None
        country = max(counts, key=lambda c: counts[c])
        own = counts[country]
        if own < HOME_MIN or HOME_SHARE * (sum(counts.values()) - own) > own:
            return None
        people = self.people_countries()
        mine = people.get(country, 0)
        return country if all(n <= mine for c, n in people.items() if c != country) else None

    def people_countries(self) -> dict[str, int]:
        """Country -> how many countries given to the people the document names in full point
        to it (one per person and mention of a country)."""
        people: dict[str, int] = {}
        for entry in self.named_people().values():
            for given in entry.given.values():
                for code in given:
                    people[code] = people.get(code, 0) + 1
        return people

    def place_counts(self) -> dict[str, int]:
        """Country -> how many of the document's place and nationality names are of it
        (gazetteer places and country words; regions and international bodies left out)."""
        found: dict[str, int] = {}
        for ent in doc_ents(self.doc):
            if ent.label_ not in ("GPE", "NORP", "LOC") or _harmed_there(ent):
                continue
            codes = _entity_countries(ent)
            if codes and len(codes[0]) == 3 and codes[0] not in NON_STATES:
                found[codes[0]] = found.get(codes[0], 0) + 1
        return found

    def _domestic_fill(self, tokens: list[Token], actor: Actor) -> None:
        """A person the document names, an organisation it names that the knowledge base lacks,
        or a common-noun body of its politics ("His campaign", "party leaders", "workers",
        "members of the press": ``domestic_body`` heads), with no country in a document about
        one country's politics (``domestic``) is that country's, unless its sentence names
        another country ("rebels" of a Syria paragraph stay uncoded)."""
        if not tokens:
            return
        if self.domestic() is None and actor.sector in STATE_SECTORS:
            self._fill_from(tokens, actor, self.home() or self.sole_country(tokens[0].sent))
            if actor.country is None and actor.sector in JURISDICTION_SECTORS:
                self._fill_from(tokens, actor, self.scene_country(tokens[0].sent))
            return
        inside = {t.i for t in tokens}
        root = next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[-1])
        # (a person named in an apposition counts: "her lawyer, Jane Roe")
        person = root.ent_type_ == "PERSON" or (actor.kind == "person" and (
            root.pos_ == "PROPN" or any(t.ent_type_ == "PERSON" for t in tokens)))
        # (an organisation's own name the knowledge base lacks: "Acme Watch", "the Freedom Fund")
        named_body = root.pos_ == "PROPN" and (root.ent_type_ == "ORG" or actor.kind == "organization")
        if not (person or named_body):
            if any(t.pos_ == "PROPN" and t.ent_type_ not in ("", "NORP", "ORDINAL", "CARDINAL")
                   and t.ent_type_ != "PERSON" and party_word([t], 0) is None
                   and t.lower_ not in DOMESTIC_NAMES for t in tokens):
                return  # another named body ("WeWork", "Google"): not read from the document
            if root.lemma_.lower() not in DOMESTIC_BODIES and root.lower_ not in DOMESTIC_BODIES:
                return
        self._fill_from(tokens, actor, self.domestic() or self.sole_country(tokens[0].sent))

    def sole_country(self, sentence: Span) -> str | None:
        """Default mode (roles22b): the one country a document names, where it names no other
        anywhere (places, nationalities, capitals, bodies: ``countries``), gives no person it
        names in full another, and names it outside ``sentence`` (``_named_elsewhere``): a short
        national story that names its own country once ("union officials in Melbourne", one
        "U.S." in a campaign story) and has too few party words or places for ``domestic`` or
        ``home``. Its uncoded people, bodies and authorities are that country's, as the PLOVER
        manual codes an actor by the country it belongs to and the text points to no other. Not
        in ``--fast`` (no ``encoded`` doc), whose output stays as it was."""
        if not encoded(self.doc):
            return None
        states = {c for c in self.countries() if len(c) == 3 and c not in NON_STATES}
        if len(states) != 1:
            return None
        country = next(iter(states))
        others = [c for c in self.people_countries() if c != country and c not in NON_STATES]
        return None if others or not self._named_elsewhere(country, sentence) else country

    def scene_country(self, sentence: Span) -> str | None:
        """Default mode (roles23): the one country the places of ``sentence`` name ("Hong Kong
        Polytechnic University was besieged by police"), else, where it names none, those of the
        sentence before it in the same paragraph (the scene just set: "... at a Paris cafe.
        According to police, one man was arrested at the scene"), where that sentence names no
        other country in any way (nationalities included). For police and courts only
        (``JURISDICTION_SECTORS``): they act inside their own state, so the place of their act
        is their country; an army or a minister may act abroad ("Israeli gunships fired on a car
        in Gaza"), and is not read so. Not in ``--fast``."""
        if not encoded(self.doc):
            return None
        for span in (sentence, _sentence_before(sentence)):
            if span is None:
                return None
            found = _scene_countries(span)
            if found:
                country = next(iter(found))
                if len(found) > 1 or names_another_country(span, country):
                    return None
                return country
        return None

    def _named_elsewhere(self, country: str, sentence: Span) -> bool:
        """The document names ``country`` outside the actor's own sentence: the story's setting.
        A nationality only in that sentence qualifies another actor there ("The Turkish
        government accused farmers ...": a foreign state's statement says nothing of where the
        farmers are)."""
        return any(
            not sentence.start <= ent.start < sentence.end and country in codes
            for ent, codes in self.country_entities()
        )

    def owner_country(self, sentence: Span) -> str | None:
        """The country whose things a sentence of this document speaks of: the document's own
        (``domestic``, else ``home``) where the sentence names no other country. A thing done to
        ("criticized the decision", "blasted the statement", "condemned the bill's passage")
        stands for its owner (the PLOVER manual codes an actor and a recipient as entities, and
        a state's equipment as that state's), and in a document about one country's politics
        an owner the sentence does not name is that country's."""
        country = self.domestic() or self.home()
        if country is None or names_another_country(sentence, country):
            return None
        return country

    def politics_country(self, sentence: Span) -> str | None:
        """The country whose own politics the document reports (``domestic``; not ``home``,
        which a foreign war story told from one country can have) where the sentence names no
        other country: the country of the people and private bodies it speaks of without one."""
        country = self.domestic() or self.sole_country(sentence)
        if country is None or names_another_country(sentence, country):
            return None
        return country

    def people_country(self, actor: Actor, sentence: Span) -> str | None:
        """Default mode (roles22): the country of people or a private body with a sector of
        ``PEOPLE_SECTORS`` but no country, in ``sentence`` (``politics_country``); else None.
        One rule for a speaker (``_people_speaker``) and an event's participants
        (``events._people_of_the_politics``): one referent, one code."""
        if actor.country or actor.sector not in PEOPLE_SECTORS or not encoded(self.doc):
            return None
        return self.politics_country(sentence)

    def _fill_from(self, tokens: list[Token], actor: Actor, country: str | None) -> None:
        """``actor`` is of the document's ``country``, unless its sentence names another."""
        if country is None or names_another_country(tokens[0].sent, country):
            return
        actor.country = country
        actor.domestic = True

    def countries(self) -> frozenset[str]:
        """Every country the document names (places, nationalities, capitals, bodies), read once:
        a knowledge-base match to a foreign official needs one of these behind it."""
        if self._countries is None:
            self._countries = frozenset(c for _, codes in self.country_entities() for c in codes)
        return self._countries

    def country_entities(self) -> tuple[tuple[Span, tuple[str, ...]], ...]:
        """The document's places, nationalities and bodies with the countries each names
        (``_entity_countries``), read once: ``countries`` and ``_named_elsewhere`` (asked once
        per uncoded actor) share them."""
        if self._country_ents is None:
            self._country_ents = tuple(
                (ent, tuple(_entity_countries(ent)))
                for ent in doc_ents(self.doc)
                if ent.label_ in ("GPE", "NORP", "LOC", "ORG")
            )
        return self._country_ents

    def named_people(self) -> dict[str, Named]:
        """Every person the document names in full (a PERSON name of two words or more), by
        surname: the countries its mentions give, read with their titles, appositions and party
        letters ("Vermont Sen. Bernie Sanders", "Rep. Peter Welch, a Vermont Democrat", "Sen.
        Ted Cruz (R-Texas)"), and the given names it goes by. Read once per document."""
        if self._named is None:
            self._named = {}
            table = places()
            for ent in doc_ents(self.doc):
                names = [t for t in ent if t.pos_ == "PROPN" and t.text[:1].isupper()]
                if ent.label_ != "PERSON" or len(names) < 2 or names[-1] != ent[-1]:
                    continue
                # ("Mark Cuban", "Jim Jordan": a name's word that is a place's is the name's)
                self.surnames_read.update(t.i for t in names if t.lower_ in table)
                entry = self._named.setdefault(ent[-1].lower_, Named({}))
                found = entry.given.setdefault(names[0].lower_, set())
                actor, _ = code_tokens(_person_mention(ent), self.date, clues=Clues(None, self.countries))
                if actor.country:
                    found.add(actor.country)
        return self._named

    def holds_surname_read(self, ranges: list[tuple[int, int]]) -> bool:
        """Do the character ranges hold a person's name word that is also a place's or
        nationality's ("Cuban" of "Mark Cuban"; ``surnames_read``)?"""
        self.named_people()  # (reads the document's full names once: they fill surnames_read)
        return any(t.i in self.surnames_read for t in self._tokens(ranges))

    def _named_in_full(self, tokens: list[Token], actor: Actor) -> Named | None:
        """The person the document names in full that a mention with no country of its own
        names ("Sanders", "Mr. Sanders", "Bernie Sanders" after or before "Vermont Sen. Bernie
        Sanders"): ``code`` gives it the one country that person's mentions give, if no earlier
        mention of the referent gives it more (one person, one country in a document, whichever
        mention says it). A lone surname that is also a nationality or country word ("Cuban"
        for "Mark Cuban") is that person, not the country: its reading is dropped here.
        Another given name ("Eric Trump" beside "Donald Trump") is another person: None."""
        names = [t for t in tokens if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "NORP")]
        if not names or not names[-1].text[:1].isupper():
            return None
        entry = self.named_people().get(names[-1].lower_)
        if entry is None:
            return None
        given = [t.lower_ for t in names[:-1] if t.ent_type_ == "PERSON" and t.lower_ not in HONORIFICS]
        if given and given[0] not in entry.given:
            return None
        if given:  # "Larry Sanders" is not "Vermont Sen. Bernie Sanders"
            entry = Named({given[0]: entry.given[given[0]]})
        lone = len(names) == 1 and all(t is names[0] or t.lower_ in HONORIFICS for t in tokens)
        if lone and actor.country is not None and actor.kb_id is None and names[0].ent_type_ == "NORP":
            # "Cuban also complained ...": the surname, read as a nationality
            actor.country, actor.sector, actor.secondary_sectors = None, None, []
            actor.kind = "person"
            self.surnames_read.add(names[0].i)
        if lone and (actor.kind == "unknown" or (
                actor.kind == "organization" and actor.kb_id is None and names[0].ent_type_ == "ORG")):
            # "Cruz" (untagged) where "Ted Cruz" is named; "Grassley has refused ..." tagged ORG
            # where "Sen. Chuck Grassley" is: a lone surname the knowledge base has no body for
            actor.kind = "person"
        return entry if actor.country is None else None

    def _titled(self, tokens: list[Token]) -> Actor | None:
        """"the president", "the foreign minister": the latest person named before whose role has
        that title (as the attribution engine links title speakers to earlier speakers)."""
        if len(tokens) < 2 or len(tokens) > 4 or tokens[0].lower_ != "the":
            return None
        head = tokens[-1].lemma_.lower()
        if head not in titles() or any(t.pos_ == "PROPN" or t.ent_type_ for t in tokens):
            return None
        return by_title(self.people, head, before=tokens[0].idx)

    def _titled_owner(self, tokens: list[Token], actor: Actor) -> None:
        """Default mode (roles23): "the Prime Minister's office", "the president's plan": a
        mention owned by a bare title is its owner's, the latest person named before whose role
        holds every word of that title (``by_title``, as a bare title refers back): the office
        or thing is coded with the owner's country, marked ``domestic`` (read from the document,
        no evidence that an event happened). The PLOVER manual codes an actor's office and
        equipment as the actor's."""
        if actor.country is not None or not tokens or not encoded(self.doc):
            return
        inside = {t.i for t in tokens}
        owner = next((t for t in tokens if t.dep_ == "poss" and t.head.i in inside), None)
        if owner is None or tokens[0].lower_ != "the" or owner.i - tokens[0].i > 3:
            return
        owned_by = self.doc[tokens[0].i : owner.i + 1]
        words = [t.lower_ for t in owned_by[1:] if t.is_alpha]
        if not words or words[-1] not in titles() or any(t.ent_type_ for t in owned_by):
            return
        person = by_title(
            self.people,
            words[-1],
            before=tokens[0].idx,
            fits=lambda p: set(words) <= set((p.role or "").lower().split()),
        )
        if person is not None and person.country:
            actor.country = person.country
            actor.sector = actor.sector or person.sector
            actor.domestic = True

    def _antecedent(self, tokens: list[Token], actor: Actor) -> None:
        """"The bloc's foreign policy chief", "the alliance": the nearest organisation named
        before with a code of that kind (EU for a bloc, NATO for an alliance)."""
        words = {t.lower_ for t in tokens if t.is_lower}
        wanted = next((ANAPHORS[w] for w in words if w in ANAPHORS), None)
        if wanted is None or not tokens:
            return
        for ent in reversed([e for e in doc_ents(self.doc) if e.end <= tokens[0].i
                             and e.label_ in ("ORG", "GPE", "NORP")]):
            found, _ = code_tokens(list(ent), self.date, None)
            if found.country in wanted:
                actor.country = found.country
                actor.sector = actor.sector or found.sector or "GOV"
                return

    def refer_to(self, speakers: list[Actor]) -> None:
        """Start the referent memory over from the speakers as finally coded (their names and
        roles merged from the attribution engine): what later mentions (event participants)
        refer back to. The memory of coding the speakers' own mentions holds the bare codes,
        not the merged speakers, so it is not what a participant should become."""
        self.by_word.clear()
        self.people.clear()
        for actor in speakers:  # one actor per referent across speakers and participants
            self.remember(actor)

    def remember(self, actor: Actor) -> None:
        """Make an actor coded elsewhere (an attribution's speaker) the referent of its surname."""
        if actor.kind != "person" or not actor.spans or not (actor.country or actor.kb_id) or actor.domestic:
            return  # (a country read from the document's politics is no referent's own)
        key = self._last_name(actor.spans)
        if key:
            self.by_word.setdefault(key, actor)
        self._note_person(actor)

    def _note_person(self, actor: Actor) -> None:
        if actor.kind == "person" and actor.country and actor.role and actor.spans:
            insort(self.people, (min(s for s, _ in actor.spans), actor), key=lambda item: item[0])

    def _last_name(self, ranges: list[tuple[int, int]]) -> str | None:
        """``_referent_key`` of all the ranges' tokens, range by range from the last: a speaker
        quoted a thousand times has a thousand ranges, each read once per document (reading
        them all again for every quote made long transcripts quadratic)."""
        for span in sorted(ranges, reverse=True):
            if span not in self.names_in:
                self.names_in[span] = _referent_key(self._tokens([span]))
            found = self.names_in[span]
            if found is not None:
                return found
        return None

    def _tokens(self, ranges: list[tuple[int, int]]) -> list[Token]:
        tokens: list[Token] = []
        for start, end in sorted(ranges):
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                tokens.extend(span)
        return tokens

    def code_chars(self, ranges: list[tuple[int, int]], name: str | None = None,
                   person: str | None = None) -> Actor:
        actor = self.code(self._tokens(ranges), name, person=person)
        actor.spans = sorted(ranges)
        return actor


def names_another_country(sentence: Span, country: str, outside: Sequence[tuple[int, int]] = ()) -> bool:
    """Does the sentence name a place, nationality or body of a country other than ``country``
    (where people were harmed aside: "the Benghazi victims")? Then a country the sentence does
    not give an actor itself may not be that one's ("Defence Minister Robert Hill confirmed
    Australian troops arrived in Afghanistan"). ``outside``: character ranges whose names are
    not counted (an actor's own mention, codes23)."""
    for ent in span_ents(sentence):
        if outside and any(s <= ent.start_char and ent.end_char <= e for s, e in outside):
            continue
        if ent.label_ in ("GPE", "NORP", "LOC", "ORG") and not _harmed_there(ent):
            codes = _read_countries(ent)
            if any(c != country for c in codes):
                return True
            if ent.label_ == "GPE" and not codes and _gazetteer_country(ent) not in (None, country) \
                    and _gpe_country(_qualifier(ent)) != country:
                return True
    return False


def _scene_countries(span: Span) -> set[str]:
    """The states the place entities of ``span`` name (``SCENE_LABELS``), where they stand as
    places, not as a word qualifying a noun ("on US choppers", "the 2012 Benghazi attacks" say
    whose or what, not where); nationalities left out ("two Australians" says where nobody is)."""
    found: set[str] = set()
    for ent in span_ents(span):
        if (
            ent.label_ in SCENE_LABELS
            and not _harmed_there(ent)
            and ent.root.dep_ not in QUALIFYING_DEPS
        ):
            found.update(c for c in _entity_countries(ent) if len(c) == 3 and c not in NON_STATES)
    return found


def _sentence_before(sentence: Span) -> Span | None:
    """The sentence before ``sentence`` if it is of the same paragraph (no line break between)."""
    if sentence.start == 0:
        return None
    doc = sentence.doc
    before = doc[sentence.start - 1].sent
    last = max((t for t in before if not t.is_space), key=lambda t: t.i, default=None)
    if last is None or "\n" in doc.text[last.idx + len(last.text) : sentence.start_char]:
        return None
    return before


def _read_countries(span: Span) -> list[str]:
    """The countries a mention's own words give (country names, nationality words, bodies)."""
    return [c for c, _, _ in read(list(span)).countries]


def _gazetteer_country(span: Span) -> str | None:
    """The country of the gazetteer's place of that name, if any."""
    place = lookup_place(span.text)
    return place["country"] if place is not None and place["country"] else None


def _entity_countries(ent: Span) -> list[str]:
    """The countries an entity names: its own words', else for a place name (GPE) the
    gazetteer's city."""
    codes = _read_countries(ent)
    if codes or ent.label_ != "GPE":
        return codes
    country = _gazetteer_country(ent)
    return [country] if country else []


def _gpe_country(span: Span | None) -> str | None:
    """The country a place name reads: its own country word, else the gazetteer's city (``span``
    may be a bare slice of the text, with no entity label)."""
    if span is None:
        return None
    codes = _read_countries(span)
    return codes[0] if codes else _gazetteer_country(span)


def _qualifier(ent: Span) -> Span | None:
    """The place after a comma that says where a place name is ("Palm Beach, Florida": not
    the gazetteer's more populous Palm Beach of another country)."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    after = doc[ent.end + 1]
    if after.ent_type_ != "GPE" or after.ent_iob_ != "B":
        return None
    end = after.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[after.i:end]


def _harmed_there(ent: Span) -> bool:
    """"Benghazi" of "the Benghazi victims": where people were harmed, not another country the
    sentence names (``coding.HARMED_PEOPLE``)."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in HARMED_PEOPLE


def by_title(people: list[tuple[int, Actor]], head: str, before: int | None = None,
             plural: bool = False, fits: Callable[[Actor], bool] | None = None,
             titled: Callable[[Actor], bool] | None = None) -> Actor | None:
    """The title back-reference ("the president", "the Kremlin spokesman"): of ``people``
    ((first character, actor) in document order), the latest named before ``before`` whose role
    has the title word ``head`` (or, ``plural``, its plural), or that ``titled`` says the text
    gives the title otherwise, and that ``fits``. The attribution engine links title speakers to
    earlier speakers with it, the actor coder event participants to earlier people."""
    for start, person in reversed(people):
        if before is not None and start >= before:
            continue
        words = (person.role or "").lower().split()
        if head not in words and not (plural and head + "s" in words) and not (titled and titled(person)):
            continue
        if fits is None or fits(person):
            return person
    return None


@dataclass(slots=True)
class Named:
    """The people a document names in full with one surname (``DocActors.named_people``):
    each given name with the countries its mentions give."""

    given: dict[str, set[str]]

    def countries(self) -> set[str]:
        return {c for found in self.given.values() for c in found}


def _person_mention(ent: Span) -> list[Token]:
    """A PERSON name with what describes it in its own phrase: the words before it in its
    noun phrase ("Vermont Sen."), a bracketed party letter after it ("(R-Texas)") and an
    apposition's own words ("a Vermont Democrat", "Republican of Arizona"), not its clauses."""
    doc, root = ent.doc, ent.root
    start = root.left_edge.i if root.left_edge.i < ent.start else ent.start
    if any(doc[k].dep_ in ("relcl", "acl", "advcl", "ccomp") for k in range(start, ent.start)):
        start = ent.start
    tokens = list(doc[start:ent.end])
    end = ent.end
    if end < len(doc) and doc[end].text == "(":
        close = next((k for k in range(end, min(end + 6, len(doc))) if doc[k].text == ")"), None)
        if close is not None:
            tokens.extend(doc[end:close + 1])
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= ent.end:
            tokens.extend(doc[child.left_edge.i:child.i + 1])
            for prep in child.rights:
                # ("Republican of Arizona"; not "probing of the Benghazi scandal")
                if prep.dep_ == "prep" and prep.lower_ == "of" and all(
                        t.ent_type_ == "GPE" for t in doc[prep.i + 1:prep.right_edge.i + 1] if t.pos_ != "DET"):
                    tokens.extend(doc[prep.i:prep.right_edge.i + 1])
    return tokens


def _referent_key(tokens: list[Token]) -> str | None:
    names = [t for t in tokens if t.pos_ == "PROPN"]
    return names[-1].text.lower() if names else None


@dataclass(slots=True)
class Context:
    """One document as the stages after parsing read it, built once by ``pipeline.analyse``:
    the parse, the article, its reference date (``DocActors.date``), the parse's index and the
    document's one actor coder, which speakers and event participants share (one referent, one
    code, however many times it is mentioned)."""

    doc: Doc
    article: Article
    tree: Tree
    actors: DocActors

    @classmethod
    def of(cls, doc: Doc, article: Article) -> Context:
        return cls(doc, article, tree_of(doc), DocActors(doc, article))

    @property
    def date(self) -> str | None:
        return self.actors.date


def code_speakers(attributions: list[Attribution], context: Context) -> list[Attribution]:
    """Fill country/sector/kb_id of each attribution's speaker (names/roles come from
    the attribution engine). Returns the same list."""
    doc, coder = context.doc, context.actors
    for attribution in attributions:
        if attribution.source is None or not attribution.source.spans:
            continue
        speaker = attribution.speaker
        ranges = _without_setting(doc, _referent_ranges(doc, list(attribution.source.spans), speaker))
        if speaker is None and attribution.source.text.lower() in FIRST_PERSON:
            continue  # an author's "I" outside any quotation: the attribution engine names no one
        if speaker is not None and speaker.members:
            _code_members(doc, speaker, list(attribution.source.spans), coder)
            continue
        person = speaker.name if speaker is not None and speaker.kind == "person" else None
        coded = coder.code_chars(ranges, person=person)
        if not (coded.country or coded.sector) and ranges != list(attribution.source.spans):
            # the mention it refers to codes to nothing: the title itself may ("The governor")
            coded = coder.code_chars(_without_setting(doc, list(attribution.source.spans)), person=person)
        _state_speaker(coder, coded, ranges)
        _people_speaker(coder, coded, ranges)
        if speaker is None:
            attribution.speaker = coded
            continue
        # Our codes win; what the attribution engine already knew stays where we know nothing
        # (not a nationality it read in a surname: "Cuban" for "Mark Cuban").
        surname = coder.holds_surname_read(ranges)
        speaker.country = coded.country if surname else coded.country or speaker.country
        speaker.domestic = coded.domestic and speaker.country == coded.country
        if coded.sector is not None:
            speaker.sector = coded.sector
            speaker.secondary_sectors = coded.secondary_sectors
        # A group is none of the people it is named after ("some of Trump's defenders",
        # "Trump supporters"): it takes no person's knowledge-base id nor kind.
        group_of = speaker.kind == "group" and coded.kind == "person"
        speaker.kb_id = speaker.kb_id or (None if group_of else coded.kb_id)
        speaker.role = speaker.role or coded.role
        if not group_of and (speaker.kind == "unknown" or (coded.kb_id and coded.kind == "person")):
            # A person in the knowledge base is a person, whatever the tagger said of one
            # mention ("Lavrov" alone is often tagged ORG).
            speaker.kind = coded.kind
    # ("the Republican nominee" is the one person of the piece holding that office: reader24)
    name_by_office(attributions, coder.date)
    # One code per person before the memory is built: participants who refer back to a speaker
    # get the code its mentions share, not the one its last-coded mention happened to read.
    one_code_per_speaker(attributions)
    coder.refer_to([a.speaker for a in attributions if a.speaker is not None])
    _titled_owners(attributions, coder)
    return attributions


def _titled_owners(attributions: list[Attribution], coder: DocActors) -> None:
    """Default mode (roles23): a speaker owned by a bare title ("the Prime Minister's office
    said") is its owner's (``DocActors._titled_owner``), read once every speaker's role is
    known (the attribution engine's roles merged: ``refer_to``)."""
    for attribution in attributions:
        speaker = attribution.speaker
        if (
            speaker is not None
            and speaker.country is None
            and speaker.spans
            and not speaker.members
        ):
            coder._titled_owner(coder._tokens(list(speaker.spans)), speaker)


def _state_speaker(coder: DocActors, coded: Actor, ranges: list[tuple[int, int]]) -> None:
    """Default mode: a state body speaking with no country ("The government said", "The
    agency refused") in a document about one country's politics (``DocActors.domestic``) is
    that country's, as the document's offices and people already are, unless its sentence names
    another country; marked ``domestic``."""
    if coded.country or coded.sector not in STATE_SECTORS or not encoded(coder.doc):
        return
    tokens = coder._tokens(ranges)
    if tokens:
        coder._fill_from(tokens, coded, coder.domestic())  # (nothing without a domestic country)


def _people_speaker(coder: DocActors, coded: Actor, ranges: list[tuple[int, int]]) -> None:
    """Default mode (roles22): people or a private body speaking with a sector but no country
    ("Muslim advocates hailed ...", "Parents of the victims say") in a document about one
    country's politics are that country's where the sentence names no other
    (``DocActors.politics_country``), as the events' participants are
    (``events._people_of_the_politics``): one referent, one code; marked ``domestic``."""
    tokens = coder._tokens(ranges)
    country = coder.people_country(coded, tokens[0].sent) if tokens else None
    if country is not None:
        coded.country = country
        coded.domestic = True


def _code_members(doc: Doc, group: Actor, source: list[tuple[int, int]], coder: DocActors) -> None:
    """A coordinated speaker ("Vindman and Williams"): each member is coded from its own words
    (a pronoun member from the mention it refers to), the group takes the country and sector
    its members share, and no knowledge-base id (it is none of them)."""
    for member in group.members:
        own = [r for r in member.spans if any(s <= r[0] and r[1] <= e for s, e in source)][:1]
        if not own:
            continue
        person = member.name if member.kind == "person" else None
        spans = member.spans
        coded = coder.code_chars(_without_setting(doc, _referent_ranges(doc, own, member)), person=person)
        member.spans = spans
        member.country = coded.country or member.country
        if coded.sector is not None:
            member.sector, member.secondary_sectors = coded.sector, coded.secondary_sectors
        member.kb_id = member.kb_id or coded.kb_id
        member.role = member.role or coded.role
        if member.kind == "unknown" or (coded.kb_id and coded.kind == "person"):
            member.kind = coded.kind
    for attribute in ("country", "sector"):
        values = {getattr(m, attribute) for m in group.members}
        setattr(group, attribute, values.pop() if len(values) == 1 else None)
    group.kb_id = None


def _referent_ranges(doc: Doc, source: list[tuple[int, int]], speaker: Actor | None) -> list[tuple[int, int]]:
    """What to code a speaker from: its source mention, or, for a pronoun ("He added...")
    resolved to an earlier mention, that mention, so one referent is coded one way; for a
    pronoun or a bare title ("The president says", linked to Trump) the longest mention that
    names the referent, else the longest."""
    if speaker is None or not speaker.spans:
        return source
    tokens = [t for s, e in source if (span := doc.char_span(s, e, alignment_mode="expand")) is not None for t in span]
    words = [t for t in tokens if not t.is_punct]
    pronoun = bool(words) and all(t.pos_ == "PRON" for t in words)
    title = (speaker.kind == "person" and 2 <= len(words) <= 4 and words[0].lower_ == "the"
             and words[-1].lemma_.lower() in titles() and not any(t.pos_ == "PROPN" or t.ent_type_ for t in words))
    if not pronoun and not title:
        return source
    others = [r for r in speaker.spans if r not in source]
    if not others:
        return source
    named = [r for r in others if _names(doc, r)]
    if title and not named:
        return source
    return [max(named or others, key=lambda r: r[1] - r[0])]


def _names(doc: Doc, where: tuple[int, int]) -> bool:
    span = doc.char_span(*where, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PROPN" for t in span)


def _without_setting(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """"A narrator in the Clinton ad": code the described speaker, not a name in its setting."""
    if len(ranges) != 1:
        return ranges
    span = doc.char_span(*ranges[0], alignment_mode="expand")
    if span is None or span.root.pos_ != "NOUN":
        return ranges
    cuts = [c.left_edge.idx for c in span.root.rights
            if c.dep_ == "prep" and c.lower_ in SETTING_PREPS and c.i < span.end]
    if not cuts or min(cuts) <= ranges[0][0]:
        return ranges
    end = min(cuts)
    text = doc_text(doc)
    while end > ranges[0][0] and text[end - 1].isspace():
        end -= 1
    return [(ranges[0][0], end)]
