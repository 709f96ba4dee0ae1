"""Requests (issue #14, default mode; own sentences, asked24): an act only called for, asked
for or demanded is the manual's REQUEST ("ask, call for, urge, demand"), the act its content,
not an event of its own (events/readings.py ``_calls_for``)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        # verbs of asking with an infinitive (already REQUEST before this session: guards)
        "China calls on the US to lift sanctions against Iran.",
        "France urged Germany to withdraw its troops from Mali.",
        "Russia demanded that Ukraine withdraw its forces from the border.",
        "The UN asked Israel to release the prisoners.",
        # "call for" a thing: the act called for is the request's content
        "Amnesty International called for the release of the journalists held by Egypt.",
        "Pakistan called for the resignation of the Indian defence minister.",
        "The Palestinian leadership appealed for intervention from the Security Council.",
        # a call noun with an infinitive or "for"
        "Iran issued a call to lift sanctions against Venezuela.",
        # a statement whose clause asks
        "The agency issued a statement calling on Belgium to free the detained activists.",
    ],
)
def test_requested_act_is_request(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        # not a call for an act: a telephone call, a call negated
        "The president called Putin on Monday.",
        "The minister did not call for the release of the prisoners.",
        # another's call rejected or criticised; a vote called for a date
        "Hamas has rejected a call by Palestinian leader Yasser Arafat for an end to all military operations against Israel.",
        "Clinton blasted Trump's call for a deportation force on Wednesday.",
        "The party has called a referendum for June 5 against the government's refugee proposals.",
    ],
)
def test_no_call_for_an_act_is_no_request(nlp: Any, text: str) -> None:
    assert "REQUEST" not in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a measure against a third party called for: PLV train codes it ACCUSE or THREATEN
        "Germany called for sanctions against the Burmese generals.",
        "The UN expert is calling for a full investigation into the death of the migrant.",
    ],
)
def test_call_for_a_measure_keeps_its_category(nlp: Any, text: str) -> None:
    assert _types(nlp, text) and "REQUEST" not in _types(nlp, text)
