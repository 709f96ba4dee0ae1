"""Shared by the event tests: one document's events through the real pipeline, and the frame
the rules read for a sentence's main verb."""

from __future__ import annotations

from typing import Any

from sayso.events.frames import frame_for, main_verb
from sayso.model import Article, Event
from sayso.pipeline import process_one


def events(nlp: Any, text: str, date: str = "2024-02-27") -> list[Event]:
    result = process_one(Article("t", text, date=date), nlp)
    assert result.error is None
    return result.events


def frame_of(nlp: Any, text: str) -> Any:
    from sayso.events.extract import speech_lemmas

    return frame_for(main_verb(next(iter(nlp(text).sents))), speech_lemmas())
