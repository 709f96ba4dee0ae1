"""PLV session 22 (issue #14, default mode; own sentences): categories the PLOVER manual and the
CAMEO tables give where the reading said another: a call made to discuss is CONSULT `phone', a
force sent or an operation launched for an act of force is that act, a conviction that imprisons
is COERCE `arrest', a warrant issued is COERCE `arrest' (THREATEN in absentia)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events, frame_of


def _chain(nlp: Any, text: str) -> list[Any]:
    from sayso.events.extract import _untold

    return _untold(frame_of(nlp, text))[1]


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president called the Peruvian prime minister on Monday to discuss the border dispute.",
        "The foreign minister phoned his Dutch counterpart to explain the new visa rules.",
    ],
)
def test_called_to_discuss(nlp: Any, text: str) -> None:
    from sayso.events.extract import _called_to_discuss

    assert _called_to_discuss(_chain(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        # a call made to commend is the manual's SUPPORT (``_called_to_commend``)
        "The Chilean president called the Peruvian prime minister to congratulate him.",
        # a call *on* someone to act is a request, not a telephone call
        "The opposition called on the Peruvian prime minister to discuss the budget in parliament.",
        # a call for something has no callee
        "The Chilean president called for talks to discuss the border dispute.",
    ],
)
def test_not_called_to_discuss(nlp: Any, text: str) -> None:
    from sayso.events.extract import _called_to_discuss

    assert not _called_to_discuss(_chain(nlp, text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Chadian general sent attack helicopters to destroy the rebel depot.", "ASSAULT"),
        ("The Kenyan police launched an operation to arrest 40 smugglers.", "COERCE"),
        (
            "The tribunal issued an order to the regional court to implement an arrest warrant for the mayor.",
            "COERCE",
        ),
    ],
)
def test_purpose_force(nlp: Any, text: str, kind: str) -> None:
    from sayso.events.extract import _purpose_force

    assert _purpose_force(_chain(nlp, text)) == kind


@pytest.mark.parametrize(
    "text",
    [
        # the purpose is help, not force
        "The Chadian government sent doctors to help the flood victims.",
        # a purpose clause on a verb that sends nobody
        "The Chadian general waited two days to attack the rebel depot.",
    ],
)
def test_no_purpose_force(nlp: Any, text: str) -> None:
    from sayso.events.extract import _purpose_force

    assert _purpose_force(_chain(nlp, text)) is None


@pytest.mark.parametrize(
    ("text", "imprisoned"),
    [
        (
            "A Danish court convicted the smuggler of fraud and sentenced him to four years in prison.",
            True,
        ),
        ("The court sentenced the former mayor to six years in jail.", True),
        (
            "A Danish court convicted the smuggler of fraud and sentenced him to a heavy fine.",
            False,
        ),
        ("A Danish court convicted the smuggler of fraud.", False),
    ],
)
def test_imprisoned(nlp: Any, text: str, imprisoned: bool) -> None:
    from sayso.events.extract import _imprisoned

    assert _imprisoned(_chain(nlp, text)) is imprisoned


def test_conviction_with_prison_read_as_accusation_is_coerce(nlp: Any) -> None:
    from sayso.events.extract import _manual_kind

    frame = frame_of(
        nlp,
        "A Danish court convicted the Swedish smuggler and sentenced him to four years in prison.",
    )
    # an accusation, which the manual never gives a court's conviction, becomes COERCE `arrest';
    # the manual's SANCTION `convict' stays
    assert _manual_kind(frame, "ACCUSE") == "COERCE"
    assert _manual_kind(frame, "SANCTION") != "COERCE"


def test_warrant_issued(nlp: Any) -> None:
    found = events(
        nlp, "A Danish court on Monday issued an arrest warrant for the Swedish smuggler."
    )
    assert found and found[0].type == "COERCE"


def test_in_absentia(nlp: Any) -> None:
    from sayso.events.extract import _in_absentia

    doc = nlp("The court issued an arrest warrant in absentia for the former minister.")
    assert _in_absentia(doc[1])
    assert not _in_absentia(nlp("The court issued an arrest warrant for the former minister.")[1])


def test_a_meeting_called_is_no_phone_call(nlp: Any) -> None:
    from sayso.events.extract import _called_to_discuss

    text = "The Security Council called an emergency meeting to discuss the missile test."
    assert not _called_to_discuss(_chain(nlp, text))


def test_probation_is_no_imprisonment(nlp: Any) -> None:
    from sayso.events.extract import _imprisoned

    text = "A judge sentenced the young man to five months' probation and a small fine."
    assert not _imprisoned(_chain(nlp, text))


@pytest.mark.parametrize(
    ("text", "withdrawn"),
    [
        ("The Dutch government withdrew its observers from the disputed region.", True),
        ("The Danish army withdrew the batch of 40 peacekeepers from the border town.", True),
        ("The Danish army withdrew its troops from the border town.", False),
    ],
)
def test_resources_withdrawn(nlp: Any, text: str, withdrawn: bool) -> None:
    from sayso.events.extract import _resources_withdrawn

    assert _resources_withdrawn(_chain(nlp, text)) is withdrawn


def test_honour_awarded(nlp: Any) -> None:
    from sayso.events.extract import _table_hit, manual_verb_table

    chain = _chain(nlp, "Estonia awarded its highest medal to the Finnish president.")
    assert _table_hit(chain, manual_verb_table()) == ("SUPPORT", None)
