"""PLV session 21 (issue #14, default mode; own sentences): categories the PLOVER manual gives
on the right pair where the reading said another: material support is AID, sharing information
COOPERATE, a protest announced a threat, violence ordered or intensified ASSAULT, a proposal
agreed and accepted SUPPORT."""

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
        "The Canadian government has long supported economic assistance to the refugees.",
        "Norwegian aid also supported thousands of schools in Malawi.",
        "The rebels have received military and financial support from Iran.",
        "The ministry provided logistical support to the relief agencies.",
    ],
)
def test_material_support(nlp: Any, text: str) -> None:
    from sayso.events.extract import _material_support

    assert _material_support(_chain(nlp, text))


@pytest.mark.parametrize(
    "text",
    [
        # political support: the manual's SUPPORT
        "The senator supported the peace plan.",
        "Iran received support from Russia for its position.",
        # an aid noun given is the lexicon's AID already ("provide assistance")
        "Japan provided assistance to the flood victims.",
    ],
)
def test_not_material_support(nlp: Any, text: str) -> None:
    from sayso.events.extract import _material_support

    assert not _material_support(_chain(nlp, text))


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("The Swiss banks gave account information to the French tax office.", True),
        ("The two agencies shared intelligence with the Kenyan police.", True),
        ("The minister gave a long speech to parliament.", False),
        ("The ministry shared the costs with the provinces.", False),
    ],
)
def test_information_shared(nlp: Any, text: str, shared: bool) -> None:
    from sayso.events.extract import _information_shared

    assert _information_shared(_chain(nlp, text)) is shared


def test_agreed_and_accepted_a_proposal(nlp: Any) -> None:
    from sayso.events.extract import _plan_approved

    text = "The Kenyan cabinet formally agreed and accepted the proposal submitted by the port company."
    assert _plan_approved(_chain(nlp, text))


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("The teachers' union will hold a protest outside the ministry on Friday.", True),
        ("The farmers said they would boycott the talks if prices fall.", True),
        ("The teachers' union held a protest outside the ministry on Friday.", False),
        ("The farmers will not boycott the talks.", False),
    ],
)
def test_announced(nlp: Any, text: str, announced: bool) -> None:
    from sayso.events.extract import _announced

    assert _announced(frame_of(nlp, text)) is announced


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Chilean general ordered massive attacks on the rebel town on Sunday.", "ASSAULT"),
        (
            "The Peruvian army intensified its bombardment of the rebel camps near the border.",
            "ASSAULT",
        ),
    ],
)
def test_violence_ordered_or_intensified(nlp: Any, text: str, kind: str) -> None:
    found = events(nlp, text)
    assert found and found[0].type == kind


def test_material_support_event(nlp: Any) -> None:
    found = events(
        nlp,
        "The Canadian government has long supported economic assistance to the Haitian refugees.",
    )
    assert found and found[0].type == "AID"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "The Danish minister sent a letter to the head of the agency threatening to cut its funding.",
            "THREATEN",
        ),
        (
            "The senators wrote a letter to the president urging him to release the report.",
            "REQUEST",
        ),
    ],
)
def test_written_act(nlp: Any, text: str, kind: str) -> None:
    from sayso.events.extract import _written_act

    assert _written_act(_chain(nlp, text)) == kind


def test_a_letter_with_no_verbal_act(nlp: Any) -> None:
    from sayso.events.extract import _written_act

    assert (
        _written_act(_chain(nlp, "The Danish minister sent a letter to the head of the agency."))
        is None
    )


@pytest.mark.parametrize(
    ("text", "committed"),
    [
        (
            "The agency's director reiterated the commitment of the agency to collaborate with local charities.",
            True,
        ),
        ("The Chilean minister renewed his pledge to work with the Peruvian government.", True),
        # a commitment to support is that support (SUPPORT), not a promise to cooperate
        (
            "The Chilean minister reiterated the commitment of his country to support the peace process.",
            False,
        ),
        ("The Chilean minister reiterated his commitment to the peace process.", False),
    ],
)
def test_committed_to_cooperate(nlp: Any, text: str, committed: bool) -> None:
    from sayso.events.extract import _committed_to_cooperate

    assert _committed_to_cooperate(_chain(nlp, text)) is committed


def test_a_warning_is_not_what_it_warns_of(nlp: Any) -> None:
    found = events(
        nlp,
        "The Dutch ambassador warned the Belgian government in a letter that the Netherlands "
        "would scale back its cooperation should the company be given a contract.",
    )
    assert found and found[0].type == "THREATEN"


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        (
            "The Peruvian authorities extended the curfew order in the northern district.",
            ("COERCE", "curfew"),
        ),
        ("The Chilean army beefed up its troop presence along the border.", ("MOBILIZE", "troops")),
        ("The Chilean army extended the border fence.", None),
    ],
)
def test_compound_hit(nlp: Any, text: str, hit: tuple[str, str | None] | None) -> None:
    from sayso.events.extract import _compound_hit

    assert _compound_hit(frame_of(nlp, text).chain) == hit


def test_a_resolution_demanding(nlp: Any) -> None:
    from sayso.events.extract import _written_act

    text = "The Chilean senate is considering a resolution demanding the government cut off all military aid to the rebels."
    assert _written_act(_chain(nlp, text)) == "REQUEST"


def test_permission_withheld(nlp: Any) -> None:
    found = events(
        nlp, "The Peruvian government did not give permission for the opposition rally in Lima."
    )
    assert found and found[0].type == "REJECT"
