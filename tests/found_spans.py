"""Shared test helpers: a span by its words, and a rule candidate (``Found``) built from words."""

from __future__ import annotations

from sayso.attributions.direct import Found


def span(text: str, words: str) -> tuple[int, int]:
    """The character range of the first occurrence of ``words`` in ``text``."""
    at = text.index(words)
    return at, at + len(words)


def found(text: str, cue: str, source: str, content: str) -> Found:
    """An indirect candidate with the given cue, source and content words."""
    return Found(
        cue=[span(text, cue)],
        source=[span(text, source)],
        content=[span(text, content)],
        kind="indirect",
        cls=None,
        score=0.5,
    )
