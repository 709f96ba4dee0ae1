"""Event types (issue #14, default mode; own sentences, types25).

A text put out that asks is read once (events/wording.py ``text_asks``, called with the manual's
requests in readings.py ``manual_category``): one class of verbs putting out a text
(``issue_text``) and one of asking texts (``asking_text``) in events_readings.tsv, where quad24's
``text_asks`` and asked24's ``_calls_for`` had two overlapping classes each."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events
from sayso.knowledge.lexicons import word_classes


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


def test_one_class_of_issuing_verbs_and_of_asking_texts() -> None:
    classes = word_classes("events_readings.tsv")
    for gone in ("text_verb", "issue_statement", "call_noun"):
        assert gone not in classes
    assert {"issue", "release", "launch", "adopt", "sign", "reiterate"} <= classes["issue_text"]
    assert {"call", "appeal", "plea", "petition"} <= classes["asking_text"]


@pytest.mark.parametrize(
    "text",
    [
        # a statement, a resolution or a petition whose clause asks (either reading before)
        "The agency issued a statement calling on Belgium to free the detained activists.",
        "The council adopted a resolution calling for the release of the detained reporters.",
        "Activists signed a petition calling on the council to close the plant.",
        # a call or an appeal put out with an infinitive
        "Iran issued a call to lift sanctions against Venezuela.",
        "The opposition made an appeal to the governor to resign.",
    ],
)
def test_text_put_out_that_asks_is_request(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        # a telephone call made; a text put out that asks nothing; another's call rejected
        "The mayor made a call to the prime minister on Monday.",
        "Hamas has rejected a call by Palestinian leader Yasser Arafat for an end to all military operations against Israel.",
    ],
)
def test_no_text_that_asks_is_no_request(nlp: Any, text: str) -> None:
    assert "REQUEST" not in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a plain statement that names only armed actors, their arms or a response: a comment
        "The minister confirmed that coalition forces are now on the ground.",
        "Analysts say the port is vital to stopping weapons smuggling along the coast.",
        "The candidate said she will stream her response to the debate online.",
    ],
)
def test_statement_naming_forces_or_a_response_is_no_accusation(nlp: Any, text: str) -> None:
    assert "ACCUSE" not in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a wrong named beside them, or another country's forces: the accusation stands
        "The general said the rebels were responsible for the attack.",
        "Lavrov said French troops are in Ukraine.",
        "The senator said the president's response to the crisis was a disgrace.",
    ],
)
def test_statement_naming_a_wrong_stays_accusation(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        # seizing on another's words: no confiscation (COERCE `seize`), criticism
        "Clinton seized upon the reference, repeating her campaign's line that the plan would jeopardize health care.",
        "Democrats quickly seized on the senator's remarks about the budget.",
    ],
)
def test_seizing_on_words_is_accusation(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        # a thing taken stays COERCE
        "Police seized weapons and cash from the house.",
        "Government troops seized the town on Tuesday.",
    ],
)
def test_seizing_a_thing_stays_coerce(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["COERCE"]
