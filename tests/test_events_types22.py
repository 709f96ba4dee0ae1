"""Type session 22 (issue #14, default mode; own sentences): a verb of force used of words is the
manual's verbal conflict (ACCUSE), not ASSAULT (events/wording.py)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        # an object only words can reach
        "In speech to union, Warren attacks rival's foreign policy inexperience.",
        # "fired at" named people by a named person, no weapon in the sentence
        "Jeb Bush fired at Hillary Clinton and Bernie Sanders on Sunday.",
        "Senator Alvarez fired at Governor Brennan and Senator Okafor during the debate.",
        "The governor fired back at his critics on Twitter.",
    ],
)
def test_force_in_words_is_accuse(nlp: Any, text: str) -> None:
    found = _types(nlp, text)
    assert found and "ASSAULT" not in found and "ACCUSE" in found


@pytest.mark.parametrize(
    "text",
    [
        "Rebels fired at a police convoy near Mosul, killing two officers.",
        "A gunman fired at Senator Smith outside a grocery store, wounding him.",
        "Troops fired rockets at the rebel positions near Aleppo.",
        "Police fired at the protesters in the square.",
        "Gunmen attacked a police station in the north of the country.",
    ],
)
def test_force_stays_assault(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["ASSAULT"]


@pytest.mark.parametrize(
    "text",
    [
        "Alvarez supports Governor Brennan in the Senate race.",
        "Most of the state's mayors support the governor.",
        "The senator supports cutting the payroll tax for small firms.",
    ],
)
def test_held_stance_is_no_event(nlp: Any, text: str) -> None:
    # the writer's simple present of "support": a stance held, not an act of support
    assert "SUPPORT" not in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The German government supports the talks on the budget, a spokesman said.",
        "The senator is supporting Governor Brennan.",
        "The union supported the governor on Friday.",
    ],
)
def test_support_expressed_stays(nlp: Any, text: str) -> None:
    assert "SUPPORT" in _types(nlp, text)
