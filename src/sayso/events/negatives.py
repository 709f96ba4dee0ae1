"""Sentences that report no PLOVER event whatever their verbs say (issue #14's judged set).

On 200 events drawn from real news (tests/data/events_judged.jsonl) more than half were no
event at all; after statements and descriptions the commonest were sport ("defeated Khachanov
6-3", "Australia has beaten South Africa by 246 runs") and text in another language (German
"die" read as the verb). Both are told apart by their words alone, so they are skipped before
any actor is ranked. Kept narrow on purpose: a sentence needs an unambiguous sport word, or two
weaker ones, or a score, and no word of politics (news about sport can be political news).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sayso.knowledge.lexicons import word_classes
from sayso.model import Event
from sayso.nlp import doc_text, name_of, tree_of

EVENT_WORDS = word_classes("events_words.tsv")

# Words (lower-case lemmas) no political report uses outside sport.
SPORT_WORDS = EVENT_WORDS["sport"]
# Words sport shares with politics: two of them together make a sport sentence.
WEAK_SPORT_WORDS = EVENT_WORDS["sport_weak"]
# "6-3, 7-6", "Bruins 5, Devils 1", "by 246 runs", "won 3-1".
SCORE = re.compile(r"\b\d{1,2}-\d{1,2}\b(?:\s*,\s*\d{1,2}-\d{1,2}\b)+|\b[A-Z][a-z]+ \d{1,2}, [A-Z][a-z]+ \d{1,2}\b"
                   r"|\bby \d+ (?:runs|wickets|points|goals|strokes)\b")

# Politics about sport is news of events ("protests against the Winter Olympics", "Zagreb's
# mayor resigned amid a scandal over a soccer tournament"): a sentence with one of these words is
# never taken for sport.
POLITICAL_WORDS = EVENT_WORDS["political"]

# Function words of the languages news pages most often mix in; a sentence with several of them
# and almost no English ones is not English ("Die in einem deutschen Rechenzentrum ...").
FOREIGN_WORDS = frozenset({
    "der", "die", "das", "und", "von", "mit", "für", "ist", "nicht", "ein", "eine", "einem", "den",
    "dem", "des", "zu", "auf", "sich", "wird", "werden", "auch", "les", "est", "une", "dans",
    "pour", "sur", "qui", "avec", "del", "los", "las", "una", "para", "por", "con", "che", "della",
    "il", "di", "het", "een", "niet", "zijn", "och", "att",
})
ENGLISH_WORDS = frozenset({
    "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "by", "as", "at",
    "from", "has", "have", "had", "are", "were", "be", "been", "it", "its", "he", "she", "they",
    "this", "said", "will", "would", "not",
})


def no_event(sent: Span) -> str | None:
    """Why the sentence reports no PLOVER event ("sport", "foreign"), or None."""
    # (from the document's index of string ids: no Token is built; ``is_alpha`` is the text's
    # ``str.isalpha``, as spaCy computes it)
    tree = tree_of(sent.doc)
    doc = tree.doc
    indices = range(sent.start, sent.end)
    words = [name_of(doc, tree.lower[i]) for i in indices if name_of(doc, tree.orth[i]).isalpha()]
    if len(words) >= 4:
        foreign = sum(1 for w in words if w in FOREIGN_WORDS)
        english = sum(1 for w in words if w in ENGLISH_WORDS)
        if foreign >= 2 and foreign > 2 * english:
            return "foreign"
    lemmas = {tree.lemmas(i) for i in indices} | set(words)
    if lemmas & POLITICAL_WORDS:
        return None
    if lemmas & SPORT_WORDS or SCORE.search(doc_text(doc)[sent.start_char:sent.end_char]) or len(lemmas & WEAK_SPORT_WORDS) >= 2:
        return "sport"
    return None


# Readings of one event at its trigger (default mode, ``readings.not_an_act``; twenty-sixth
# session, false26). A plain statement is CAMEO's 01 MAKE PUBLIC STATEMENT, which PLOVER drops.
# An act negated ("did not attack") keeps its event with the ``negated`` flag (issue #14: users
# filter on it); dropping it here was measured and reverted (docs/events.md, false26).

# Heads of a doer who comments on the news rather than acts in it (CAMEO 01's "make optimistic /
# pessimistic comment", dropped by PLOVER): "Foreign policy analysts said ...".
COMMENTATORS = frozenset(
    {
        "analyst",
        "commentator",
        "expert",
        "observer",
        "economist",
        "scholar",
        "pollster",
        "academic",
        "researcher",
        "historian",
    }
)


# Perfect auxiliaries of a record held over time ("has supported", "have supported").
PERFECT_PRESENT = frozenset({"VBZ", "VBP"})


def act_not_done(trigger: Token, event: Event) -> str | None:
    """Why the event at ``trigger`` reports no act ("commentary", "record"), or None."""
    if _commentary(trigger, event):
        return "commentary"
    if event.type == "SUPPORT" and _record_of_support(trigger, event):
        return "record"
    return None


def _commentary(trigger: Token, event: Event) -> bool:
    """A plain statement whose doer is a commentator on the news ("Foreign policy analysts said
    geopolitical factors have contributed ...", "Chinese military commentators have said China
    plans ..."): a comment, no act. The doer's head is the event's source mention's head."""
    if event.source is None or not event.source.spans or not _plain_saying(trigger):
        return False
    start, end = event.source.spans[0]
    span = trigger.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.lemma_.lower() in COMMENTATORS


def _record_of_support(trigger: Token, event: Event) -> bool:
    """"Sanders has supported stem cell research in the Senate", "he has supported legislation with
    and without exceptions": "support" in the present perfect, of a policy or a thing (no entity in
    the object, no country on the target), told by the writer (no verb of saying in the sentence),
    with no date on the verb, is a record held over time, not the manual's SUPPORT, an act of
    expressing or giving support. (The event's target may carry a country from a phrase inside the
    object: "research in the Senate".) "has supported Clinton" (an actor) and a speaker's "has
    supported the plan, she said" keep theirs."""
    from sayso.events.extract import speech_lemmas

    if trigger.lemma_.lower() != "support":
        return False
    kids = list(trigger.children)
    if not any(a.dep_ == "aux" and a.lemma_ == "have" and a.tag_ in PERFECT_PRESENT for a in kids):
        return False
    if any(c.dep_ == "neg" for c in kids) or any(
        t.ent_type_ == "DATE" for c in kids if c.dep_ != "dobj" for t in c.subtree
    ):
        return False  # ("has not supported": a refusal; "has supported it since 2010": dated)
    objects = [c for c in kids if c.dep_ == "dobj"]
    if not objects or any(_names_an_entity(o) for o in objects):
        return False
    speech = speech_lemmas()
    return not any(t.lemma_.lower() in speech and t.pos_ == "VERB" for t in trigger.sent)


def _names_an_entity(noun: Token) -> bool:
    """The noun phrase itself (head and its modifiers, not its prepositional phrases: "research
    in the Senate" is research) names an entity: "Senator Cruz", "Clinton's bid"."""
    if noun.ent_type_:
        return True
    return any(_names_an_entity(c) for c in noun.children if c.dep_ not in ("prep", "relcl", "acl"))


def _plain_saying(trigger: Token) -> bool:
    """A verb of plain saying (extract.PLAIN_CUES: say, report, claim, believe, ...) with a content
    clause, not one of criticism or denial."""
    from sayso.events.extract import PLAIN_CUES
    from sayso.knowledge.cues import cue_class

    if not any(c.dep_ in ("ccomp", "parataxis") for c in trigger.children):
        return False
    return cue_class(trigger.lemma_.lower()) in PLAIN_CUES
