"""Type session 24 (issue #14, default mode; own sentences): wordings found on ConfliBERT's CAMEO
class sentences (events/wording.py: text_asks, weighs_a_possibility, surrenders; the attitude
words of events_readings.tsv), and the measure of scripts/events_cameo_class.py."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from event_support import events

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import events_cameo_class  # noqa: E402


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        # a text put out that asks someone to act: the manual's REQUEST
        "Amnesty International issued a statement calling on the authorities to release the detained reporter.",
        "The Senate committee has issued a report that calls on the Mexican government to protect the border villages.",
        "The United Nations launched an appeal for $40 million to help families displaced by the floods.",
    ],
)
def test_a_text_that_asks_is_request(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        # an attitude expressed (CAMEO's pessimistic comment, dropped by PLOVER): no event
        "The foreign minister of Peru expressed deep concern about the fighting near the Chilean border.",
        "The Kenyan president expressed pessimism over holding talks with the Somali rebels.",
        # a possibility only weighed: no act yet
        "The Indian army is exploring the possibility of sending more troops to the Chinese border.",
        "The Japanese government is considering the option of imposing tariffs on Korean steel.",
    ],
)
def test_attitudes_and_possibilities_are_no_event(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == []


def test_a_reported_concern_with_a_conjoined_act_keeps_the_event(nlp: Any) -> None:
    # a speech event reporting the attitude and a joined act may stand for the act: kept
    text = (
        "The Russian ambassador said members of the Security Council expressed deep concern "
        "and called for the Yemeni port to remain open."
    )
    assert _types(nlp, text) == ["REQUEST"]


def test_a_surrender_is_retreat(nlp: Any) -> None:
    assert _types(nlp, "A rebel commander has surrendered to Colombian government forces.") == [
        "RETREAT"
    ]


def test_first_ranked_is_surest_then_earliest() -> None:
    events_ = [
        {"type": "ACCUSE", "confidence": 0.5, "trigger": [10, 15]},
        {"type": "ASSAULT", "confidence": 0.8, "trigger": [30, 35]},
        {"type": "REQUEST", "confidence": 0.8, "trigger": [20, 25]},
    ]
    assert events_cameo_class.first_ranked(events_)["type"] == "REQUEST"
    assert events_cameo_class.first_ranked([]) is None


def test_score_per_class_and_confusion() -> None:
    rows = [
        {"id": "a", "penta": 4},
        {"id": "b", "penta": 4},
        {"id": "c", "penta": 1},
        {"id": "d", "penta": 0},
        {"id": "e", "penta": 3},
    ]
    pred = {
        "a": [{"type": "ASSAULT", "confidence": 0.9, "trigger": [0, 1]}],
        "b": [],
        "c": [
            {"type": "ACCUSE", "confidence": 0.9, "trigger": [0, 1]},
            {"type": "SUPPORT", "confidence": 0.4, "trigger": [5, 6]},
        ],
        "d": [{"type": "REQUEST", "confidence": 0.6, "trigger": [0, 1]}],
        "e": [{"type": "SANCTION", "confidence": 0.6, "trigger": [0, 1]}],
    }
    result = events_cameo_class.score(rows, pred)
    four = result["per_class"]["4"]
    assert (four["event"], four["quad"]) == (0.5, 1.0)
    one = result["per_class"]["1"]
    assert (one["quad"], one["quad_any"]) == (
        0.0,
        1.0,
    )  # the surest event is ACCUSE; SUPPORT is second
    assert result["confusion"]["3"] == {"4": 1}
    assert result["statement_types"] == {"REQUEST": 1}
    assert result["events_1_4"] == {"event": 0.75, "quad": 0.333}
