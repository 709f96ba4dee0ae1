"""Sources that are no speaker: the subject of a verb of receiving criticism or questions is
dropped (default mode; ``fusion._received``; docs/attributions.md, attr25). Own sentences."""

from __future__ import annotations

from found_spans import found
from sayso.attributions.direct import Page
from sayso.attributions.fusion import _received


def words(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in ranges]


def test_who_faces_criticism_is_not_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour board has faced criticism over the delays at the old pier."
    f = found(text, "criticism over", "The harbour board", "the delays at the old pier")
    out = _received(Page(nlp(text), text), f)
    assert out.source == [] and out.content == f.content and out.cue == f.cue


def test_fielded_questions_lose_their_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The mayor fielded questions about the cost of the new pier."
    f = found(text, "fielded questions about", "The mayor", "the cost of the new pier")
    assert _received(Page(nlp(text), text), f).source == []


def test_who_voices_criticism_keeps_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The fishermen voiced criticism of the delays at the old pier."
    f = found(text, "voiced criticism of", "The fishermen", "the delays at the old pier")
    assert _received(Page(nlp(text), text), f) == f


def test_a_speech_verb_inside_the_cue_keeps_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The mayor is facing anger after saying that the pier would close."
    f = found(text, "is facing anger after saying", "The mayor", "that the pier would close")
    assert _received(Page(nlp(text), text), f) == f
