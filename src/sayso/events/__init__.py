"""PLOVER event extraction (filled by the events issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.model import Article, Attribution, Event


def extract_events(doc: Doc, attributions: list[Attribution], article: Article) -> list[Event]:
    """Events found in ``doc``; verbal events may reuse ``attributions``."""
    return []
