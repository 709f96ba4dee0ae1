"""Actor coding: country + PLOVER sector for speakers and event participants."""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.model import Article, Attribution


def code_speakers(doc: Doc, attributions: list[Attribution], article: Article) -> list[Attribution]:
    """Fill country/sector/kb_id of each attribution's speaker (names/roles come from
    the attribution engine). Returns the same list."""
    return attributions
