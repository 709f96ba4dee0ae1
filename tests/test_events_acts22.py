"""Acts session 22 (issue #14, default mode; own sentences): an answer withheld from the press is
no comment, not REJECT (CAMEO 011 "decline comment", a statement PLOVER does not code); a demand
refused stays REJECT (events/readings.py ``_withholds_answer``, ``_unanswered``)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "The governor's office did not respond to requests for comment from reporters.",
        "The senator did not return calls seeking comment.",
        "The embassy did not immediately respond to an email seeking comment.",
        "Officials declined to weigh in on the dispute with Canada.",
        "The minister declined to directly respond to a question about the sanctions.",
        "Brennan refused to answer questions from reporters about the deal.",
        "The company declined to respond to the accusations by the union.",
        "The mayor declined a question about whether she would run for governor.",
    ],
)
def test_answer_withheld_is_no_event(nlp: Any, text: str) -> None:
    assert "REJECT" not in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a demand for a thing refused (PLV codes these REJECT)
        "The bank refused to respond to a request from the authorities for banking information.",
        "Alvarez refused to hand over the documents to the committee.",
        "The union refused to return the land to the government.",
        # a named party's request refused (PLV codes "declined a request from X to comment" REJECT)
        "The ministry declined a request from the newspaper to comment on the report.",
    ],
)
def test_demand_refused_stays_reject(nlp: Any, text: str) -> None:
    assert "REJECT" in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a plan, a wish, a proposal or a forecast over the act: not the act
        "Okafor plans to release his own tax returns next week.",
        "Senator Alvarez proposed imposing new sanctions on Iran.",
        "The governor is expected to endorse Alvarez on Tuesday.",
        "Brennan wants to cut aid to Honduras.",
        "The senator intends to sue the administration over the rule.",
    ],
)
def test_plan_is_no_event(nlp: Any, text: str) -> None:
    assert events(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # promises and threats are the manual's verbal acts; a conditional veto is a threat
        ("Alvarez threatened to sue the newspaper.", "THREATEN"),
        ("Okafor has vowed to block the nomination.", "THREATEN"),
        ("Trump pledged to build a wall on the border with Mexico.", "AGREE"),
        ("Brennan intends to meet the Chinese ambassador next week.", "CONSULT"),
    ],
)
def test_announced_acts_stay(nlp: Any, text: str, kind: str) -> None:
    assert kind in _types(nlp, text)
