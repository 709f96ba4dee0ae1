"""Speakers: who the source span refers to (stub replaced below)."""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.model import Attribution


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    return None
