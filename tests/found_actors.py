"""Shared test helpers: the actor of an event of one type, and the speaker whose name holds a word."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, DocumentResult


def event_source(result: DocumentResult, kind: str) -> Actor | None:
    """The source of the last event of type ``kind`` (there must be one)."""
    found = [e for e in result.events if e.type == kind]
    assert found
    return found[-1].source


def speaker_named(result: Any, word: str) -> Actor:
    """The speaker of the first attribution whose speaker's name holds ``word``."""
    return next(
        a.speaker
        for a in result.attributions
        if a.speaker is not None and word in (a.speaker.name or "")
    )
