"""Cutting spans: token sets to trimmed character ranges, and the shared candidate record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

# Punctuation that never begins or ends a source or content (quotation marks do: the
# annotation guidelines put them in the content).
EDGE_PUNCT = frozenset(",.;:!?-–—()[]…/")

Range = tuple[int, int]


@dataclass(slots=True)
class Candidate:
    """One attribution found in a sentence, before overlaps are settled."""

    head: int
    cue: tuple[int, int]
    source: list[int]
    content: list[int]
    kind: str
    cls: str | None
    score: float
    depth: int = 0
    key: str = ""
    quote_content: list[Range] = field(default_factory=list)

    def cue_tokens(self) -> range:
        return range(self.cue[0], self.cue[1])


def depth(token: Token) -> int:
    steps = 0
    while token.head.i != token.i and steps < 200:
        token = token.head
        steps += 1
    return steps


def subtree(token: Token, skip: Iterable[int] = ()) -> list[int]:
    """Token indices of ``token``'s subtree, minus the subtrees rooted at ``skip``."""
    banned = set(skip)
    if not banned:
        return list(range(token.left_edge.i, token.right_edge.i + 1))
    out: list[int] = []
    stack = [token]
    while stack:
        t = stack.pop()
        if t.i in banned:
            continue
        out.append(t.i)
        stack.extend(t.children)
    return sorted(out)


def _trimmable(token: Token) -> bool:
    return token.is_space or token.text in EDGE_PUNCT or (token.is_punct and not token.is_quote)


def char_runs(doc: Doc, indices: Iterable[int]) -> list[Range]:
    """Contiguous runs of the given tokens as character ranges, edge punctuation trimmed."""
    ordered = sorted(set(indices))
    runs: list[list[int]] = []
    for i in ordered:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    out: list[Range] = []
    for run in runs:
        a, b = 0, len(run) - 1
        while a <= b and _trimmable(doc[run[a]]):
            a += 1
        while b >= a and _trimmable(doc[run[b]]):
            b -= 1
        if a <= b:
            first, last = doc[run[a]], doc[run[b]]
            out.append((first.idx, last.idx + len(last.text)))
    return out


def overlaps(a: Range, b: Range) -> bool:
    """Do the two character ranges share a character?"""
    return a[0] < b[1] and b[0] < a[1]


def within(r: Range, ranges: Iterable[Range]) -> bool:
    """Does one of ``ranges`` hold all of ``r`` (a cue inside a quotation)?"""
    # (a loop, not ``any`` over a generator: the decoder asks it for every candidate and quote)
    start, end = r
    for lo, hi in ranges:  # noqa: SIM110
        if lo <= start and end <= hi:
            return True
    return False


def merge(ranges: Iterable[Range], text: str = "") -> list[Range]:
    """Sorted union; neighbours separated only by spaces/punctuation are joined when text given."""
    out: list[Range] = []
    for s, e in sorted(r for r in ranges if r[1] > r[0]):
        if out and (s <= out[-1][1] or (text and _only_glue(text[out[-1][1]:s]))):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _only_glue(gap: str) -> bool:
    return len(gap) <= 3 and all(c.isspace() or c in ",;" for c in gap)


def subtract(ranges: list[Range], cut: list[Range]) -> list[Range]:
    """Character ranges minus the cut ranges."""
    out: list[Range] = []
    for s, e in ranges:
        pieces = [(s, e)]
        for cs, ce in cut:
            nxt: list[Range] = []
            for ps, pe in pieces:
                if ce <= ps or cs >= pe:
                    nxt.append((ps, pe))
                    continue
                if cs > ps:
                    nxt.append((ps, cs))
                if ce < pe:
                    nxt.append((ce, pe))
            pieces = nxt
        out.extend(pieces)
    return out


def strip_range(text: str, r: Range) -> Range:
    """Trim whitespace and edge punctuation (not quotation marks) from a character range."""
    s, e = r
    while s < e and (text[s].isspace() or text[s] in EDGE_PUNCT):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in EDGE_PUNCT):
        e -= 1
    return s, e
