"""Attribution extraction: who said what (source, cue, content spans)."""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.model import Attribution


def extract_attributions(doc: Doc) -> list[Attribution]:
    return []
