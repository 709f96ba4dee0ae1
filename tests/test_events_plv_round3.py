"""PLV round 3 (issue #14, default mode; own sentences): predicates the manual or the CAMEO
dictionary names, the place of a declared restriction or a founding, exercises held together
and a truce broken by two parties."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events, frame_of


@pytest.mark.parametrize(("text", "kind"), [
    ("The Kenyan police have been pressuring the striking nurses to return to work.", "REQUEST"),
    ("Nurses at public hospitals in Kenya went on strike for better pay.", "PROTEST"),
    ("The United States accepted 2,000 Afghan refugees in March.", "AID"),
    ("The government opened direct talks with the rebels last year.", "CONSULT"),
    ("Authorities in Sri Lanka imposed a curfew in Colombo on Sunday.", "COERCE"),
])
def test_predicates_the_manual_names(nlp: Any, text: str, kind: str) -> None:
    found = events(nlp, text)
    assert found and found[0].type == kind


def test_a_refused_asylum_is_a_rejection(nlp: Any) -> None:
    found = events(nlp, "Poland says it will not accept any migrants under the quota.")
    assert found and found[0].type == "REJECT"


def test_a_curfew_extended_is_a_threat(nlp: Any) -> None:
    # (the manual: coercion announced for the future is THREATEN, CAMEO 1323)
    found = events(nlp, "Authorities in Sri Lanka will extend the curfew in Colombo for two more days.")
    assert found and found[0].type == "THREATEN"


def test_the_manual_table_is_for_the_default_mode_only(nlp: Any) -> None:
    from sayso.events.extract import _table_hit, lexicon_hit, manual_verb_table

    chain = frame_of(nlp, "The police have been pressuring the nurses to end the dispute.").chain
    assert lexicon_hit(chain) is None  # (the shared lexicon, --fast's, is unchanged)
    assert _table_hit(chain, manual_verb_table()) == ("REQUEST", None)


def test_a_passive_protest_names_no_protester(nlp: Any) -> None:
    # ("protests were held in Ohio": the active voice only, no place as the doer)
    assert not [e for e in events(nlp, "Other teacher protests were held last year in Ohio and Texas.")
                if e.type == "PROTEST"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Peruvian government declared a state of emergency in Lima on Friday.", "Lima"),
    ("The Indian government agreed to set up a national film institute in Mumbai.", "Mumbai"),
    # an actor the rankers took stays
    ("The army imposed a curfew on protesters in Lima.", None),
    # a place inside a clause of the object is not where the restriction was declared
    ("The president declared a state of siege after reports that rebels had taken a town in Peru.", None),
    # an object that is neither declared nor founded
    ("The army attacked a camp in Kabul.", None),
])
def test_the_place_of_a_declared_restriction_or_a_founding(nlp: Any, text: str, expected: str | None) -> None:
    from sayso.events.extract import _declared_place

    frame = frame_of(nlp, text)
    verb = frame.trigger
    source = next(c for c in frame.chain[0].children if c.dep_ == "nsubj")
    # (the rankers' target: the object, or the actor they took)
    kept = next((t for t in verb.doc if t.text == "protesters"), None) or next(
        c for c in verb.children if c.dep_ == "dobj")
    found = _declared_place(verb, source, kept, "2024-01-01")
    if expected is None:
        assert found is kept
    else:
        assert found is not None and found.text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile and Peru launched joint naval exercises off the Pacific coast.", True),
    ("The armies of Ghana and Togo performed war games in March.", True),
    ("The Chilean navy held drills with the Peruvian navy.", True),
    ("China began military drills near Taiwan on Monday.", False),
    ("Chile and Peru signed a trade deal.", False),
])
def test_exercises_held_together(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _joint_drill

    assert _joint_drill(frame_of(nlp, text).chain) is expected


def test_joint_exercises_are_cooperation_and_agreed_ones_an_intention(nlp: Any) -> None:
    held = events(nlp, "Chile and Peru launched joint naval exercises off the Pacific coast.")
    assert held and held[0].type == "COOPERATE"
    agreed = events(nlp, "Chile and Peru have agreed to undertake joint naval exercises next year.")
    assert agreed and agreed[0].type == "AGREE"


def test_a_truce_broken_by_two_parties_is_between_them(nlp: Any) -> None:
    found = events(nlp, "The Abu Sayyaf group and the Philippine army are guilty of violating the ceasefire in Sulu.")
    assert found and found[0].type == "ASSAULT"
    assert found[0].source is not None and "Abu Sayyaf" in found[0].source.name
    assert found[0].target is not None and "army" in found[0].target.name


@pytest.mark.parametrize(("text", "expected"), [
    ("The Chilean president called his Peruvian counterpart on Monday to congratulate him on his election.", True),
    ("The Turkish president phoned the Sudanese leader to express his support for Sudan.", True),
    ("The Chilean president called his Peruvian counterpart on Monday to discuss the border.", False),
    ("The Chilean president called his Peruvian counterpart to apologize for the remarks.", False),
    ("The minister praised the Peruvian navy.", False),
])
def test_a_call_made_to_commend(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _called_to_commend

    assert _called_to_commend(frame_of(nlp, text).chain) is expected


def test_a_congratulating_call_is_support(nlp: Any) -> None:
    found = events(nlp, "The Chilean president called his Peruvian counterpart on Monday to congratulate him on his election.")
    assert found and found[0].type == "SUPPORT"


def test_a_passive_thing_returned_to_someone(nlp: Any) -> None:
    found = events(nlp, "An ancient statue was returned by British officials to the Greek government.")
    assert found and found[0].source is not None and found[0].source.country == "GBR"
    assert found[0].target is not None and found[0].target.country == "GRC"


def test_a_concession_announced_in_words_of_arms_is_a_promise(nlp: Any) -> None:
    found = events(nlp, "The rebel group announced it will return the weapons depots it has seized from the government.")
    assert found and found[0].type == "AGREE"
    # (force announced stays a threat)
    found = events(nlp, "The rebel group announced it will attack the weapons depots of the government.")
    assert found and found[0].type == "THREATEN"


def test_reneging_on_an_accord_is_a_rejection(nlp: Any) -> None:
    found = events(nlp, "The Chilean president reneged on a fishing accord with Peru on Tuesday.")
    assert found and found[0].type == "REJECT"


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Fighters are holding civilians in the Old City of Mosul.", "Mosul", True),
    ("Fighters are holding civilians in Mosul.", "Mosul", True),
    ("Fighters attacked the army of Iraq.", "Iraq", False),
])
def test_a_name_inside_a_place_phrase(nlp: Any, text: str, word: str, expected: bool) -> None:
    from sayso.events.extract import _in_where

    doc = nlp(text)
    assert _in_where(next(t for t in doc if t.text == word)) is expected


def test_the_object_beats_a_name_inside_a_place_phrase(nlp: Any) -> None:
    found = events(nlp, "Islamic State fighters are holding 2,000 Iraqi civilians as human shields in the Old City of Mosul.")
    assert found and found[0].target is not None and "civilians" in found[0].target.name


def test_the_name_of_what_is_founded_is_no_recipient(nlp: Any) -> None:
    found = events(nlp, "The Indian government agreed to set up the National Institute of Design in Mumbai.")
    assert found and found[0].target is not None and found[0].target.name == "Mumbai"
