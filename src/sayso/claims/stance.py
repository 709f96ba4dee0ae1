"""Stance of an attribution toward its claim: assert, repeat, deny, question or report.

The cue says how the speaker relates to the content (claim, insist, deny, ask...); the
content's own negation says whether it affirms the claim as the cluster states it.
``repeat`` is set later, once claims are formed: an affirmation by a speaker who had
already affirmed the same claim earlier.
"""

from __future__ import annotations

from functools import lru_cache

from sayso.claims.text import is_negated, is_question, lexicon, stem, words

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


def stance(cue_text: str, cue_class: str | None, content: str, claim_negated: bool) -> str:
    """Stance of one attribution toward a claim whose statement is (not) negated."""
    if is_question(content):
        return "question"
    base = cue_stance(cue_text, cue_class)
    # "X denied that the wall is paid" vs claim "the wall is paid": deny.
    # "X said the wall is not paid" vs the same claim: deny too (polarity differs).
    flipped = is_negated(content) != claim_negated
    if base == "assert" and flipped:
        return "deny"
    if base == "deny" and flipped:
        return "assert"
    return base
