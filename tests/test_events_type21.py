"""Type session 21 (issue #14, default mode; own sentences): a text put out is a verbal act, not
the manual's RETREAT (a release of persons, property or territory); a verb of asking with its
addressee and an infinitive is the REQUEST, not the act asked for."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events, frame_of


@pytest.mark.parametrize(
    ("text", "released"),
    [
        ("The senator's office released a statement in opposition to the new tariff.", True),
        ("A group close to the mayor is releasing a robocall about the council's budget.", True),
        ("The party sent out a press release on Monday.", True),
        ("The rebels released three aid workers on Monday.", False),
        ("The court ordered the release of the prisoners.", False),
        ("The governor issued the release of the detainees.", False),
    ],
)
def testtext_released(nlp: Any, text: str, released: bool) -> None:
    from sayso.events.extract import text_released

    assert text_released(frame_of(nlp, text).chain) == released


def test_text_act_from_participle(nlp: Any) -> None:
    from sayso.events.extract import _text_act

    chain = frame_of(
        nlp, "The ministry released a statement condemning the raid on the village."
    ).chain
    assert _text_act(chain) == "ACCUSE"


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("The minister called on the governor to apologize for his remarks.", True),
        ("The envoy told the rebels to free the hostages at once.", True),
        ("The council urged the company to withdraw the product.", True),
        # a telephone call made to congratulate is no request (``_called_to_commend``)
        ("The president called the new prime minister to congratulate him.", False),
        # an "on" phrase of time is no addressee
        (
            "On Monday, the foreign minister called his Chinese counterpart to discuss the dispute.",
            False,
        ),
        # no addressee: the subject's own act
        ("The mayor agreed to resign in March.", False),
    ],
)
def test_asked_to(nlp: Any, text: str, asked: bool) -> None:
    from sayso.events.extract import _asked_to

    assert _asked_to(frame_of(nlp, text).chain) == asked


def test_released_text_is_no_retreat(nlp: Any) -> None:
    found = events(
        nlp,
        "The Fijian opposition party released a statement condemning the Australian government.",
    )
    assert found and all(e.type != "RETREAT" for e in found)


def test_call_on_to_act_is_a_request(nlp: Any) -> None:
    found = events(
        nlp, "The Kenyan foreign minister called on Uganda to withdraw its troops from the border."
    )
    assert [e.type for e in found] == ["REQUEST"]


def test_release_of_people_stays_retreat(nlp: Any) -> None:
    found = events(nlp, "Colombian rebels released two Venezuelan soldiers on Sunday.")
    assert [e.type for e in found] == ["RETREAT"]


def test_text_act_from_relative_clause(nlp: Any) -> None:
    from sayso.events.extract import _text_act

    chain = frame_of(
        nlp, "The senator is releasing a new ad that urges voters in Ohio to reject the tax plan."
    ).chain
    assert _text_act(chain) == "REQUEST"


def test_lobbying_to_act_stays_a_request(nlp: Any) -> None:
    # the fine-tuned classifier reads the act asked for; the manual's REQUEST is the asking
    found = events(
        nlp, "The Polish president has been lobbying Germany to accept more of the refugees."
    )
    assert [e.type for e in found] == ["REQUEST"]
