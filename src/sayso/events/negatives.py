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

from spacy.tokens import Span

from sayso.knowledge.lexicons import word_classes
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
