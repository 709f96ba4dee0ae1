"""Roles of the eighteenth session (issue #14): a possessor ranked as the target gives way to the
people it possesses (a possessed thing stays with its owner). Own sentences, not the judged set's."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.model import Article, Event
from sayso.pipeline import process_one


def _events(nlp: Any, text: str) -> list[Event]:
    return process_one(Article("t", text, date="2016-06-01"), nlp).events


@pytest.mark.parametrize("text, target", [
    ("Senator Jane Holt has criticized her surrogates for attacking young voters.", "her surrogates"),
    ("Senator Jane Holt praised his loyal donors.", "his loyal donors"),
    ("Republicans in Congress criticized Clinton's aides for the leak.", "Clinton's aides"),
])
def test_possessed_people_are_the_target(nlp: Any, text: str, target: str) -> None:
    found = _events(nlp, text)
    assert found and found[0].target is not None
    start, end = found[0].target.spans[0]
    assert text[start:end] == target


def test_a_possessed_thing_stays_with_its_owner(nlp: Any) -> None:
    from sayso.events.extract import _possessed_people

    doc = nlp("Khan rejected Trump's offer and criticized Trump's aides.")
    owners = [t for t in doc if t.dep_ == "poss"]
    assert [_possessed_people(t).text for t in owners] == ["Trump", "aides"]
