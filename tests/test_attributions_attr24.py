"""attr24: the content switch sees where each of two contents starts and stops (own sentences)."""

from __future__ import annotations

import numpy as np
import pytest

from sayso.attributions import switch
from sayso.attributions.decoder import Option
from sayso.attributions.direct import Found

TEXT = 'The coach said "We will win. We will fight," and left.\nThe fans cheered.'


def _marks(content: list[tuple[int, int]]) -> dict[str, float]:
    names = ("odd_quotes", "starts_paragraph", "ends_paragraph", "ends_sentence", "sentences")
    return dict(zip(names, switch._marks(TEXT, content), strict=True))


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return (start, start + len(words))


def test_a_content_cut_inside_a_quotation_has_an_odd_quotation_mark() -> None:
    cut = _marks([_span('"We will win.')])
    assert cut["odd_quotes"] == 1.0 and cut["ends_sentence"] == 1.0
    assert cut["sentences"] == 0.0 and cut["ends_paragraph"] == 0.0
    whole = _marks([_span('"We will win. We will fight,"')])
    assert whole["odd_quotes"] == 0.0 and whole["sentences"] == 1.0
    assert whole["ends_sentence"] == 0.0  # ", and left." goes on


def test_a_content_to_the_paragraph_end() -> None:
    marks = _marks([_span('"We will win. We will fight," and left')])
    assert marks["ends_paragraph"] == 1.0 and marks["ends_sentence"] == 1.0
    assert marks["starts_paragraph"] == 0.0
    assert _marks([_span("The fans cheered")])["starts_paragraph"] == 1.0


def test_the_pair_rows_hold_both_contents_marks_last() -> None:
    kept = Found(
        cue=[_span("said")],
        source=[_span("The coach")],
        content=[_span('"We will win.')],
        kind="direct",
        cls="say",
        score=0.9,
    )
    alt = Found(
        cue=[_span("said")],
        source=[_span("The coach")],
        content=[_span('"We will win. We will fight,"')],
        kind="direct",
        cls="say",
        score=0.9,
    )
    options = [Option(kept, 0, "rule"), Option(alt, 0, "rule_content")]
    for o in options:
        o.features = [0.0] * len(switch.decoder.FEATURES)
    pairs = switch.pairs(TEXT, options, [kept])
    assert pairs == [(0, 1)]
    row = switch.rows(TEXT, options, np.asarray([0.5, 0.4]), pairs)[0]
    assert row.shape == (len(switch.FEATURES),)
    values = dict(zip(switch.FEATURES, row.tolist(), strict=True))
    assert values["kept_odd_quotes"] == 1.0 and values["alt_odd_quotes"] == 0.0
    assert values["alt_sentences"] == 1.0 and values["kept_sentences"] == 0.0


def test_the_shipped_switch_reads_the_marks() -> None:
    trees = switch.SWITCH.get()
    if trees is None:
        pytest.skip("no switch model shipped")
    assert trees.names == switch.FEATURES
    assert "alt_odd_quotes" in trees.names and "kept_sentences" in trees.names
