"""A decoder candidate whose source is another sentence's speaker gives way to another of its
cue (``fusion.foreign_source``, ``decoder.demote``; docs/attributions.md, fusion19)."""

from __future__ import annotations

import numpy as np

from sayso.attributions.decoder import Option, demote, select
from sayso.attributions.direct import Found, Page
from sayso.attributions.fusion import foreign_source

# Two reports in two sentences, each with its own speaker as its verb's subject.
TWO = ("The governor said on Monday that the dam would hold through the winter. "
       "The engineers now say the spillway needs repairs.")


def span(text: str, words: str, start: int = 0) -> tuple[int, int]:
    at = text.index(words, start)
    return at, at + len(words)


def crossed(text: str, cue: str, source: str, content: str, kind: str = "indirect") -> Found:
    return Found(cue=[span(text, cue)], source=[span(text, source)], content=[span(text, content)],
                 kind=kind, cls=None, score=0.5)


def test_the_next_sentences_speaker_is_foreign_for_every_kind(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TWO), TWO)
    # "said" paired with the next sentence's subject and clause: indirect and mixed alike
    for kind in ("indirect", "mixed"):
        f = crossed(TWO, "said", "The engineers", "the spillway needs repairs", kind)
        assert foreign_source(page, f)


def test_the_previous_sentences_speaker_is_foreign_where_the_cue_has_a_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TWO), TWO)
    f = crossed(TWO, "say", "The governor", "the dam would hold through the winter")
    assert foreign_source(page, f)


def test_the_cues_own_subject_is_not_foreign(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TWO), TWO)
    assert not foreign_source(page, crossed(TWO, "said", "The governor", "the dam would hold"))
    assert not foreign_source(page, crossed(TWO, "say", "The engineers", "the spillway needs repairs"))


def test_a_pronoun_subject_may_stand_for_the_earlier_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The governor spoke to farmers on Monday about the dam. "
            "She said the spillway needs repairs.")
    page = Page(nlp(text), text)
    assert not foreign_source(page, crossed(text, "said", "The governor", "the spillway needs repairs"))


def test_a_cue_inside_a_quotation_keeps_the_quotations_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('"We fear the spillway will fail. Nobody listens," '
            "the engineers told reporters on Monday.")
    page = Page(nlp(text), text)
    f = crossed(text, "fear", "the engineers", "the spillway will fail")
    assert not foreign_source(page, f)


def found(cue: tuple[int, int], content: tuple[int, int], source: tuple[int, int]) -> Found:
    return Found(cue=[cue], source=[source], content=[content], kind="indirect", cls=None,
                 score=0.5)


def test_demote_takes_the_cues_next_candidate_that_is_not_foreign() -> None:
    crossed_one = Option(found((10, 14), (60, 90), (50, 58)), 0, "tagger")
    own = Option(found((10, 14), (15, 40), (0, 8)), 0, "tagger")
    scores = np.asarray([0.8, 0.5])
    is_foreign = lambda f: f.source == [(50, 58)]  # noqa: E731
    demoted = demote([crossed_one, own], scores, 0.35, is_foreign)
    [chosen] = select([crossed_one, own], demoted, 0.35)
    assert chosen.content == [(15, 40)]
    assert scores.tolist() == [0.8, 0.5]  # the input is left alone


def test_demote_keeps_a_foreign_candidate_with_no_alternative() -> None:
    crossed_one = Option(found((10, 14), (60, 90), (50, 58)), 0, "tagger")
    below = Option(found((10, 14), (15, 40), (0, 8)), 0, "tagger")
    scores = np.asarray([0.8, 0.2])  # the cue's own pairing does not pass the threshold
    out = demote([crossed_one, below], scores, 0.35, lambda f: f.source == [(50, 58)])
    assert out.tolist() == [0.8, 0.2]


def test_a_clause_in_the_cues_own_sentence_is_left_to_the_strip_rules(nlp) -> None:  # type: ignore[no-untyped-def]
    # The earlier speaker is not the cue's, but nobody is named for the passive "is alleged":
    # the candidate stays and loses its source afterwards (``_source_behind``).
    text = ("The ministry says the report is forged. "
            "The report is alleged to show secret payments to officials.")
    page = Page(nlp(text), text)
    f = crossed(text, "is alleged", "The ministry", "to show secret payments to officials")
    assert not foreign_source(page, f)
