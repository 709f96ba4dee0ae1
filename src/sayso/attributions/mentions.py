"""Mentions of an attribution role: spans stripped of punctuation and whitespace, merged, and
compared by token Jaccard.

The scorer (``sayso.eval.attributions``, the rules of ``shared/eval/README.md``) judges with
these, and the default mode's content switch (``sayso.attributions.switch``) measures how far two
candidate contents are apart with the same Jaccard, so both read one definition from here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

Spans = tuple[tuple[int, int], ...]
_PUNCT = {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"}
_RUN = re.compile("[^ ]+")


def is_strip(char: str) -> bool:
    return char.isspace() or char == "`" or unicodedata.category(char) in _PUNCT


class Document:
    """A text with its token index, for keys and Jaccard similarity."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Tokens are the maximal runs of characters that are not ``is_strip``. Asked once per
        # distinct character (not per character: the default mode builds one per document):
        # every strip character becomes a space (one code point for one, so offsets stay), and
        # a space is itself a strip character, so the runs of non-spaces are the tokens.
        blank = {ord(c): " " for c in set(text) if is_strip(c)}
        runs = [m.span() for m in _RUN.finditer(text.translate(blank))]
        self.token_starts: list[int] = [start for start, _ in runs]
        self.token_ends: list[int] = [end for _, end in runs]

    def only_strip(self, start: int, end: int) -> bool:
        return all(is_strip(c) for c in self.text[start:end])

    def tokens(self, spans: Spans) -> frozenset[int]:
        """Indexes of tokens with at least one character inside one of the spans."""
        found: set[int] = set()
        for start, end in spans:
            first = bisect_right(self.token_ends, start)  # first token ending after start
            last = bisect_left(self.token_starts, end)  # tokens starting before end
            found.update(range(first, last))
        return frozenset(found)


@dataclass(slots=True)
class Mention:
    key: Spans
    tokens: frozenset[int]

    def chars(self) -> set[int]:
        return {i for s, e in self.key for i in range(s, e)}


def merge(doc: Document, spans: list[tuple[int, int]]) -> Spans:
    """Sort, then join spans that overlap or are separated by strip characters only."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or doc.only_strip(merged[-1][1], start)):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def strip_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    while start < end and is_strip(doc.text[start]):
        start += 1
    while end > start and is_strip(doc.text[end - 1]):
        end -= 1
    return start, end


def make_mention(doc: Document, spans: Iterable[tuple[int, int]]) -> Mention | None:
    """The mention of these spans, or None when no span is left inside the text."""
    size = len(doc.text)
    clipped = [(max(0, s), min(size, e)) for s, e in spans]
    clipped = [(s, e) for s, e in clipped if e > s]
    if not clipped:
        return None
    stripped = [strip_span(doc, s, e) for s, e in clipped]
    kept = [(s, e) for s, e in stripped if e > s]
    key = merge(doc, kept) if kept else merge(doc, clipped)
    return Mention(key=key, tokens=doc.tokens(key))


def similarity(a: Mention | None, b: Mention | None) -> float:
    if a is None and b is None:
        return 1.0
    if a is None or b is None:
        return 0.0
    if a.tokens and b.tokens:
        return len(a.tokens & b.tokens) / len(a.tokens | b.tokens)
    ca, cb = a.chars(), b.chars()
    union = ca | cb
    return len(ca & cb) / len(union) if union else 1.0
