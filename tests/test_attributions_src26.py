"""src26: the source switch weighs two sources of one cue with the same content (own sentences)."""

from __future__ import annotations

import numpy as np

from sayso.attributions import source_switch
from sayso.attributions.decoder import FEATURES, Option
from sayso.attributions.direct import Found, Page

TEXT = "According to the mayor, the bridge will reopen in May. The engineer, who built it, said it was safe."


def _span(words: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(words, after)
    return (start, start + len(words))


def _found(cue: str, source: str | None, content: str, after: int = 0) -> Found:
    return Found(
        cue=[_span(cue, after)],
        source=[_span(source, after)] if source else [],
        content=[_span(content, after)],
        kind="indirect",
        cls="say",
        score=0.9,
    )


def _options(*found: Found) -> list[Option]:
    options = [Option(f, 0, "rule" if k == 0 else "rule_source") for k, f in enumerate(found)]
    for o in options:
        o.features = [0.0] * len(FEATURES)
    return options


def test_pairs_are_other_sources_of_the_same_content_once_each() -> None:
    kept = _found("said", "who", "it was safe", 40)
    options = _options(
        kept,
        _found("said", "The engineer", "it was safe", 40),
        _found("said", "The engineer", "it was safe", 40),
        _found("said", None, "it was safe", 40),
        _found("said", "The engineer", "was safe", 40),
    )
    assert source_switch.pairs(options, [kept]) == [(0, 1), (0, 3)]


def test_marks_read_according_to_a_relative_pronoun_and_the_cue_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TEXT), TEXT)
    names = source_switch.SOURCE_MARKS
    according = dict(
        zip(
            names,
            source_switch._marks(
                page, _found("According to", "the mayor", "the bridge will reopen in May"), {}, None
            ),
            strict=True,
        )
    )
    assert according["according_object"] == 1.0 and according["none"] == 0.0
    relative = dict(
        zip(
            names,
            source_switch._marks(page, _found("said", "who", "it was safe", 40), {}, None),
            strict=True,
        )
    )
    assert relative["relative"] == 1.0 and relative["cue_subject"] == 0.0
    subject = dict(
        zip(
            names,
            source_switch._marks(
                page, _found("said", "The engineer", "it was safe", 40), {"engineer": 2}, None
            ),
            strict=True,
        )
    )
    assert subject["cue_subject"] == 1.0 and subject["speaker_elsewhere"] == 1.0
    none = dict(
        zip(
            names,
            source_switch._marks(page, _found("said", None, "it was safe", 40), {}, None),
            strict=True,
        )
    )
    assert none["none"] == 1.0 and none["words"] == 0.0


def test_rows_and_choice(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TEXT), TEXT)
    kept = _found("said", "who", "it was safe", 40)
    alt = _found("said", "The engineer", "it was safe", 40)
    options = _options(kept, alt)
    found = source_switch.pairs(options, [kept])
    x = source_switch.rows(page, options, np.asarray([0.6, 0.4]), found, [kept])
    assert x.shape == (1, len(source_switch.FEATURES))
    assert source_switch.choose(options, [kept], found, np.asarray([0.9]), 0.5) == [alt]
    assert source_switch.choose(options, [kept], found, np.asarray([0.2]), 0.5) == [kept]


def test_nesting() -> None:
    assert source_switch._nesting([(0, 5)], [(0, 20)]) == [1.0, 0.0]
    assert source_switch._nesting([], [(0, 20)]) == [0.0, 0.0]
