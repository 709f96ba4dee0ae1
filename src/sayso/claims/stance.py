"""Stance of an attribution toward its claim: assert, repeat, deny, question or report.

The cue says how the speaker relates to the content (claim, insist, deny, ask...); the
content's own negation says whether it affirms the claim as the cluster states it.
``repeat`` is set later, once claims are formed: an affirmation by a speaker who had
already affirmed the same claim earlier.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sayso.claims.text import is_negated, is_question, lexicon, phrase_hits, stem, words

STANCES = ("assert", "repeat", "deny", "question", "report")
AFFIRMING = ("assert", "repeat")


@lru_cache(maxsize=65536)
def cue_stance(cue_text: str, cue_class: str | None) -> str:
    """Stance implied by the cue alone (before comparing polarity with the claim)."""
    lex = lexicon()
    if cue_class and cue_class in lex.stance_by_cue_class:
        return lex.stance_by_cue_class[cue_class]
    stems = [stem(w) for w in words(cue_text)]
    joined = " ".join(words(cue_text))
    for stance in ("deny", "question", "report"):
        for entry in lex.cue_stems.get(stance, ()):
            if " " in entry and entry in joined:
                return stance
            if any(s == entry or s.startswith(entry) for s in stems):
                return stance
    return "assert"


# Long quotes mention "wrong" or "nonsense" in passing; a rejection says it in a few words.
REJECTION_WORDS = 30


def rejects(content: str) -> bool:
    """The content calls something false: "the claim that ... patently false", "those
    statements were wrong", "no evidence"."""
    return (len(words(content)) <= REJECTION_WORDS
            and phrase_hits(content, lexicon().rejections))


# "refused to confirm / comment on / answer" leaves the proposition open (the issue's
# "refuses to confirm": questions); "refused to back X" is an act the claim may state.
OPEN_AFTER_REFUSAL = frozenset(["confirm", "comment", "answer", "disclose", "speculate"])


def refusal(cue_text: str, content: str) -> str | None:
    """Stance of "refused/declined to ..." (cue class ``reject``), which is no denial of
    what follows: ``question`` when it leaves the matter open, else ``assert`` (on the
    tune half of the issue-#15 gold 4 of 6 such members assert, 1 denies)."""
    toks = words(content)
    if len(toks) < 2 or toks[0] != "to" or not phrase_hits(cue_text, lexicon().refusals):
        return None
    return "question" if toks[1] in OPEN_AFTER_REFUSAL else "assert"


def doubts(content: str) -> bool:
    """The content calls the matter open: "skeptical of", "doubts about", "unproven"."""
    return (len(words(content)) <= REJECTION_WORDS
            and phrase_hits(content, lexicon().doubts))


# A negated cue of these classes leaves the matter open: "has not publicly accused Russia
# of the hack", "has not confirmed" (questions); other negated cues deny ("did not
# recommend that she face charges"), and a negated denial ("never disavowed") asserts.
OPEN_WHEN_NEGATED = frozenset(["accuse", "confirm"])
OPEN_STEMS = ("accus", "confirm")


def negated_cue(cue_text: str, cue_class: str | None, base: str) -> str | None:
    if not is_negated(cue_text):
        return None
    if base == "deny":
        return "assert"
    if base != "assert":
        return None
    opens = cue_class in OPEN_WHEN_NEGATED or any(stem(w).startswith(OPEN_STEMS)
                                                   for w in words(cue_text))
    return "question" if opens else "deny"


# Rules beyond the cue lexicon, each chosen by cross-validation on the tune half of the
# issue-#15 gold (docs/claims.md, "Stance"); the harness switches them one by one.
RULES = frozenset(["criticism", "rhetorical"])

# A criticised position is named in the first words ("blasted Trump's call for ..."); a
# criticised person is followed by what they are criticised for or as within a few more.
TARGET_WORDS = 6
REASON_WORDS = 8


def is_criticism(cue_text: str, cue_class: str | None) -> bool:
    return cue_class == "criticize" or any(
        stem(w).startswith(lexicon().criticisms) for w in words(cue_text))


def criticised(content: str) -> str | None:
    """Stance of a criticism toward what its content names: criticising someone's position
    ("blasted Trump's call for a deportation force", "slammed his proposal as too vague")
    opposes it, ``deny``; criticising someone for or as something ("slammed the president
    for not using the term", "denounced Mexicans as rapists") asserts that, ``assert``."""
    toks = words(content)
    if lexicon().proposals.intersection(toks[:TARGET_WORDS]):
        return "deny"
    if {"for", "as"}.intersection(toks[1:REASON_WORDS]):
        return "assert"
    return None


# A direct question that asks "why" or "really", or ends on a tag (", OK?", ", right?"),
# argues rather than asks: "If Hillary Clinton can't give us the truth, why should we give
# her the presidency?" asserts that she should not get it ("Is it OK?" still asks).
TAG_QUESTION = re.compile(r",\s*(?:ok|okay|right)\?$")


def rhetorical(content: str) -> bool:
    stripped = content.strip().strip('"\'“”‘’ ').lower()
    if not stripped.endswith("?"):
        return False
    return (bool(lexicon().rhetorical.intersection(words(content)))
            or bool(TAG_QUESTION.search(stripped)))


def stance(cue_text: str, cue_class: str | None, content: str, claim_negated: bool) -> str:
    """Stance of one attribution toward a claim whose statement is (not) negated."""
    if "rhetorical" in RULES and rhetorical(content):
        return "assert"
    if is_question(content):
        return "question"
    base = cue_stance(cue_text, cue_class)
    cue_negated = negated_cue(cue_text, cue_class, base)
    if cue_negated:
        return cue_negated
    if "criticism" in RULES and is_criticism(cue_text, cue_class):
        base = criticised(content) or base
    if base == "deny":
        base = refusal(cue_text, content) or base
    elif base == "assert" and rejects(content):
        # "called the claim that Mexico will pay patently false": a denial whatever the
        # polarity of its words ("isn't true" is no double negation).
        return "deny"
    elif base == "assert" and doubts(content):
        return "question"
    # "X denied that the wall is paid" vs claim "the wall is paid": deny.
    # "X said the wall is not paid" vs the same claim: deny too (polarity differs).
    flipped = is_negated(content) != claim_negated
    if base == "assert" and flipped:
        return "deny"
    if base == "deny" and flipped:
        return "assert"
    return base
