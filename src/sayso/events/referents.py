"""Default mode: an event actor named by a bare common noun takes the country of the earlier
mention of the same noun (roles26, issue #14).

"Israeli helicopter gunships fired on two cars. ... Gunships destroyed three helicopters": the
second "Gunships" is the first one's referent, and the PLOVER manual codes an actor by the
country it belongs to (its MIL sector: "all state-military personnel/equipment"). The coder reads
a mention alone, so the bare noun has no country; the document already said whose it is. One
referent, one code: the noun takes a country only where every earlier mention of it that the
coder gives a country agrees on one ("the soldiers" after both "Israeli soldiers" and
"Palestinian soldiers" stays uncoded).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from sayso.actors import NON_STATES
from sayso.actors.coding import WEAPONS
from sayso.events.extract import core_code
from sayso.events.frames import mention_tokens
from sayso.model import Actor
from sayso.nlp import encoded, tree_of


def earlier_referent(actor: Actor | None, head: Token | None, date: str | None) -> Actor | None:
    """``actor`` (headed by ``head``) with the country of the earlier mentions of its head noun
    (``earlier_country``) where it has none of its own and is people, a group or a weapon (the
    coder reads it as one, or a weapon word: "gunships"); else ``actor`` itself."""
    if actor is None or head is None or actor.country or not _bare_noun(head):
        return actor
    if actor.kind == "unknown" and head.lemma_.lower() not in WEAPONS:
        return actor  # (a thing, "the attack": whose it is is not whose a mention before was)
    country = earlier_country(head, date)
    # (read from the document, not the mention: like a country from the document's politics it
    # codes the actor but is no evidence that an event happened, ``model.own_country``)
    return actor if country is None else replace(actor, country=country, domestic=True)


# Words that set a mention apart from what was named before ("foreign officials" after "a
# Chinese official"): it is not that referent.
OTHER_WORDS = frozenset(
    {"foreign", "other", "another", "overseas", "international", "rival", "opposing", "enemy"}
)
# How far back an earlier mention is read (sentences before the actor's own): a bare noun refers
# to what the reader still holds, not to a mention a long article made pages before ("insurgents"
# in Mali, eleven sentences after Yemen's "Houthi insurgents").
WINDOW = 5


def _bare_noun(head: Token) -> bool:
    """Default mode: is ``head`` a common noun outside any entity, not owned ("gunships",
    "the separatists"; not "their trial", "Assange's attempt": an owner says whose it is) and
    not set apart from earlier referents ("foreign officials")?"""
    if not encoded(head.doc) or head.pos_ != "NOUN" or head.ent_type_:
        return False
    return not any(c.dep_ == "poss" or c.lower_ in OTHER_WORDS for c in head.children)


def earlier_country(head: Token, date: str | None) -> str | None:
    """The one state the earlier mentions of ``head``'s noun (same lemma, a common noun, before
    its mention, in its sentence or the ``WINDOW`` before it) are coded with by their core, where
    the coder also reads them as actors with a sector ("Israeli helicopter gunships": ISR MIL;
    not things, "the Orlando attack"); None where none is, or where they disagree."""
    tree = tree_of(head.doc)
    lemma, pos, doc = tree.lemma, tree.pos, tree.doc
    want_lemma, want_pos = lemma[head.i], pos[head.i]
    start = mention_tokens(head)[0].i
    found: set[str] = set()
    for j in range(_window_start(head), start):
        if lemma[j] != want_lemma or pos[j] != want_pos or tree.ent[j]:
            continue
        country, sector = core_code(doc[j], date)
        if country and sector:
            found.add(country)
            if len(found) > 1:
                return None
    country = next(iter(found), None)
    return None if country is None or len(country) != 3 or country in NON_STATES else country


def _window_start(head: Token) -> int:
    """The first token of the ``WINDOW``-th sentence before ``head``'s (or of the document)."""
    sent = head.sent
    for _ in range(WINDOW):
        if sent.start == 0:
            break
        sent = head.doc[sent.start - 1].sent
    return sent.start
