"""Type session 23 (issue #14, default mode; own sentences): the manual's own rules on regret,
self-defence and deliberation (events/wording.py)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        # one's own self or words defended against what others said: a rejection of criticism
        "The senator defended himself against accusations of corruption.",
        "The mayor defended his comments about the police as a joke.",
        "The ministry defended its record against criticism from the United Nations.",
    ],
)
def test_own_defence_is_reject(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["REJECT"]


@pytest.mark.parametrize(
    "text",
    [
        # a named thing or others defended: the manual's SUPPORT, as PLV codes it
        "Chancellor Merkel defended Germany's decision to take more refugees.",
        "The chief justice is defending state judges against criticisms from prosecutors.",
    ],
)
def test_defending_others_stays_support(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["SUPPORT"]


@pytest.mark.parametrize(
    "text",
    [
        "The French government regrets and deplores the Israeli raid on the refugee camp.",
        "Pakistan regrets the Indian decision to suspend the talks.",
        "Germany regretted the attack by the rebels on the embassy.",
    ],
)
def test_anothers_act_regretted_is_accuse(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["ACCUSE"]


@pytest.mark.parametrize(
    "text",
    [
        # remorse for one's own act or for a situation: the manual's CONCEDE
        "The minister regretted his remarks about the judges.",
        "The army apologised for the killing of three farmers.",
    ],
)
def test_own_regret_is_concede(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["CONCEDE"]


def test_an_act_considered_is_no_event(nlp: Any) -> None:
    assert _types(nlp, "The government is weighing imposing sanctions on Syria.") == []


def test_a_conditional_consideration_stays_a_threat(nlp: Any) -> None:
    text = "Washington would consider scaling back intelligence co-operation should Huawei be given a role."
    assert _types(nlp, text) == ["THREATEN"]


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("Several MPs are considering splitting from the party.", 4, True),  # the gerund
        ("Several MPs are considering splitting from the party.", 3, True),  # the deliberation
        ("Rebels are weighing abandoning the ceasefire.", 2, True),
        ("Washington would consider scaling back its cooperation.", 2, False),  # a modal: a threat
        ("The government considered the proposal on Monday.", 2, False),  # no gerund
    ],
)
def test_deliberated(nlp: Any, text: str, index: int, expected: bool) -> None:
    from sayso.events.wording import deliberated

    assert deliberated(nlp(text)[index]) is expected
