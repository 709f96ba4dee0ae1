"""Words of a proposition: tokens, light stems, negation and hedges.

The lexicon (stopwords, negations, hedges, stance cue stems) lives in
``sayso/data/claims_lexicon.json``; this module only applies it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Curly quotes and dashes are folded so that "don’t" and "don't" are one word.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": " ", "–": " ", "…": " "})
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")


@dataclass(frozen=True, slots=True)
class Lexicon:
    stopwords: frozenset[str]
    negations: frozenset[str]
    hedges: frozenset[str]
    question_openers: frozenset[str]
    stance_by_cue_class: dict[str, str]
    cue_stems: dict[str, tuple[str, ...]]
    # Phrases for the learned stance model (sayso.claims.stance_model), in ``words`` form.
    rejections: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    refusals: tuple[str, ...] = ()
    # Cue stems of a criticism, nouns of someone's position, words of a rhetorical question.
    criticisms: tuple[str, ...] = ()
    proposals: frozenset[str] = frozenset()
    rhetorical: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw: dict[str, Any] = json.loads(
        resources.files("sayso.data").joinpath("claims_lexicon.json").read_text(encoding="utf-8"))
    return Lexicon(
        stopwords=frozenset(raw["stopwords"]),
        negations=frozenset(raw["negations"]),
        hedges=frozenset(raw["hedges"]),
        question_openers=frozenset(raw["question_openers"]),
        stance_by_cue_class=dict(raw["stance_by_cue_class"]),
        cue_stems={k: tuple(v) for k, v in raw["cue_stems"].items()},
        rejections=_phrases(raw, "rejections"),
        doubts=_phrases(raw, "doubts"),
        reports=_phrases(raw, "reports"),
        refusals=_phrases(raw, "refusals"),
        criticisms=tuple(raw.get("criticisms", ())),
        proposals=frozenset(raw.get("proposals", ())),
        rhetorical=frozenset(raw.get("rhetorical", ())),
    )


def _phrases(raw: dict[str, Any], name: str) -> tuple[str, ...]:
    """A phrase list tokenised as ``words`` does, so that "isn't true" meets "is n't true"."""
    return tuple(" ".join(words(p)) for p in raw.get(name, ()))


def words(text: str) -> list[str]:
    """Lower-cased word tokens; "n't" is split off so that negation counts it."""
    text = text.lower().translate(_FOLD).replace("n't", " n't")
    out = []
    for tok in _TOKEN.findall(text):
        out.append("n't" if tok == "n't" else tok.strip("'"))
    return [w for w in out if w]


def stem(word: str) -> str:
    """Crude suffix stripping: enough to match "denied"/"denies"/"deny", "paid"/"pays"."""
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def content_terms(text: str) -> list[str]:
    """Stems of the meaningful words, negations and hedges dropped.

    Negation is dropped on purpose: "X is true" and "X is not true" are the same claim
    with opposite stances, so they must land in the same cluster.
    """
    lex = lexicon()
    drop = lex.stopwords | lex.negations | lex.hedges
    return [stem(w) for w in words(text) if w not in drop and not w.startswith("n't")]


# Contents with fewer content words than this ("it", "the plan") are not propositions.
MIN_TERMS = 2


def is_proposition(text: str) -> bool:
    return len(content_terms(text)) >= MIN_TERMS


# Words that make a clause: auxiliaries, modals, copulas, negation.
_AUXILIARIES = frozenset([
    "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "can", "could",
    "should", "shall", "may", "might", "must", "has", "have", "had", "do", "does", "did",
    "n't", "not", "never", "cannot", "it's", "he's", "she's", "that's", "there's", "won't"])
_CLAUSE_OPENERS = frozenset(["that", "whether", "if", "how", "why", "what", "when", "where",
                             "who", "to"])


@lru_cache(maxsize=1 << 18)
def is_clausal(text: str) -> bool:
    """Whether a content reads as a proposition rather than a bare noun phrase ("Republican
    presidential candidate Donald Trump", "the claims"): it opens a clause ("that...",
    "whether...", "to..."), has an auxiliary, a past form, a quotation, or eight words
    or more. Noun phrases may join a claim but never found or label one."""
    toks = words(text)
    if not toks:
        return False
    if toks[0] in _CLAUSE_OPENERS or len(toks) >= 8:
        return True
    if any(w in _AUXILIARIES for w in toks):
        return True
    if any(w.endswith("ed") and len(w) >= 4 for w in toks):
        return True
    return len(toks) >= 4 and any(q in text for q in '"“”')


NEGATION_WINDOW = 12


@lru_cache(maxsize=1 << 18)
def is_negated(text: str) -> bool:
    """A negation among the first words, where the main clause of a content usually is.

    Counting parity over a whole quote goes wrong on multi-sentence quotes ("I did not
    email any classified material. There is no classified material." is one denial).
    """
    neg = lexicon().negations
    return any(w in neg or w == "n't" for w in words(text)[:NEGATION_WINDOW])


def phrase_hits(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether one of the lexicon's words or phrases (``words`` form) occurs in text."""
    joined = " " + " ".join(words(text)) + " "
    return any(f" {p} " in joined for p in phrases)


def is_hedged(text: str) -> bool:
    return any(w in lexicon().hedges for w in words(text))


@lru_cache(maxsize=1 << 18)
def is_question(text: str) -> bool:
    """Opens with "whether", or is a short question (long quotes end on rhetorical ones)."""
    toks = words(text)
    stripped = text.strip().strip('"\'“”‘’ ')
    short_question = stripped.endswith("?") and len(toks) <= 25
    return short_question or bool(toks and toks[0] in lexicon().question_openers)


# A sentence ends after . ! or ? (and closing quotes or brackets) before white space, or at a
# blank line: enough to show a statement in its sentence (the store keeps no parse).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")


def sentence_bounds(window: str, lo: int, hi: int) -> tuple[int, int]:
    """Where the sentences of ``window`` holding characters ``lo`` to ``hi`` begin and end."""
    lo, hi = max(0, min(lo, len(window))), max(0, min(hi, len(window)))
    begin, end = 0, len(window)
    for m in SENTENCE_END.finditer(window):
        if m.end() <= lo:
            begin = m.end()
        elif m.start() >= hi:
            end = m.start() + 1
            break
    return begin, end
