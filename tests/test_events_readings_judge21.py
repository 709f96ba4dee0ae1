"""Round 11 of the judged set (twenty-first session, judge21): a year inside a date phrase that
is itself a date phrase ("By the fall of 2010", "In the first week of March 2009") or hangs from
"earlier"/"later" dates the verb as the plain "In 2010" does (events/readings.py,
``_dated_word``). Own sentences, not the judged set's."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.events.readings import not_an_act
from test_events_readings import _event


@pytest.mark.parametrize(
    "text, trigger, kind",
    [
        (
            "By the fall of 2010, the activists had seized on the tax as a weapon against the party.",
            "seized",
            "COERCE",
        ),
        (
            "In the summer of 2012, the minister wrote to the ambassador about the visit.",
            "wrote",
            "CONSULT",
        ),
        (
            "In the first week of March 2009, the army attacked the rebel base.",
            "attacked",
            "ASSAULT",
        ),
        ("By the end of 2010, the rebels had seized three towns.", "seized", "COERCE"),
        (
            "Earlier in 2012, the ambassador wrote to the minister about the visit.",
            "wrote",
            "CONSULT",
        ),
    ],
)
def test_nested_date_is_history(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2016) == "history"


@pytest.mark.parametrize(
    "text, trigger, kind",
    [
        # recent: the year is not two years before the article's
        ("In the spring of 2016, the rebels seized three towns.", "seized", "COERCE"),
        ("By the end of 2015, the rebels had seized three towns.", "seized", "COERCE"),
        # the old date is of another word: what the act is about
        (
            "The court sentenced him in the spring for a bombing in the summer of 2003.",
            "sentenced",
            "COERCE",
        ),
        (
            "The minister condemned the killings of the summer of 2009 on Monday.",
            "condemned",
            "ACCUSE",
        ),
    ],
)
def test_recent_or_other_dates_stay(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2016) is None
