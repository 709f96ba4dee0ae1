"""Events that report no act (issue #14, default mode; own sentences, false26).

``negatives.act_not_done`` (called at the end of ``readings.not_an_act``): a plain statement
by a commentator on the news ("analysts said") is a comment (PLOVER drops CAMEO's 01 MAKE
PUBLIC STATEMENT), and "has supported" a policy, told by the writer, a record. An act negated
at its trigger ("did not attack") keeps its event with the ``negated`` flag (issue #14), and a
refusal ("cannot support", REJECT) or a call not to act keeps its type."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        # an act negated at its trigger: kept, flagged (users filter on the flag)
        "The senator did not attack the governor during Tuesday's debate.",
        "Russia did not attack Ukraine on Sunday.",
    ],
)
def test_act_not_done_keeps_its_event_flagged(nlp: Any, text: str) -> None:
    found = events(nlp, text)
    assert found and all(e.negated for e in found)


@pytest.mark.parametrize(
    "text",
    [
        # a commentator's plain statement
        "Foreign policy analysts said regional factors have contributed to Jordan's appeal in Congress.",
        "Military commentators have said Turkey plans to turn the island into a fortress.",
    ],
)
def test_commentators_statement_is_no_event(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a refusal, a call not to act, an act that did happen
        ("The speaker declared that he cannot support Senator Cruz.", "REJECT"),
        ("The government called on the opposition not to delay the security bill.", "REQUEST"),
        ("The senator attacked the governor during Tuesday's debate.", "ACCUSE"),
        ("Critics accused the ministry of hiding the report.", "ACCUSE"),
    ],
)
def test_acts_that_happened_keep_their_event(nlp: Any, text: str, kind: str) -> None:
    assert kind in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # a record of support for a policy, told by the writer
        "Martin, a Vermont senator, has supported gene research in the Senate.",
        "But she has supported legislation with and without the tax exemptions.",
    ],
)
def test_record_of_support_is_no_event(nlp: Any, text: str) -> None:
    assert "SUPPORT" not in _types(nlp, text)


def test_support_of_an_actor_keeps_its_event(nlp: Any) -> None:
    assert "SUPPORT" in _types(nlp, "The governor has endorsed Senator Cruz for president.")
