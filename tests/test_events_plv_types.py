"""PLV type and recipient rules from the PLOVER manual (issue #14, default mode; own sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events, frame_of
from sayso.events.frames import main_verb


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile and Peru reached an agreement on fishing rights last week.", True),
    ("The two governments have signed a defence pact.", True),
    ("Ghana and Togo have agreed on the final text of a border treaty.", True),
    # a promise to sign is AGREE, a failure no finalizing, and the agreement must be the object
    ("Chile and Peru agreed to sign a fishing agreement next year.", False),
    ("Chile and Peru failed to reach an agreement.", False),
    ("The minister reached the capital on Monday.", False),
])
def test_finalizing_an_agreement(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _finalized

    assert _finalized(frame_of(nlp, text)) is expected


def test_finalized_agreement_is_support(nlp: Any) -> None:
    found = events(nlp, "The government of Ghana reached an agreement with Togo on border trade.")
    assert found and found[0].type == "SUPPORT"


@pytest.mark.parametrize(("text", "expected"), [
    ("Kenya has offered to send troops to help the Somali army.", True),
    ("Kenya has sent troops to Somalia.", False),
])
def test_an_offer_to_act(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _offered

    assert _offered(frame_of(nlp, text).chain) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Rebel fighters violated the ceasefire near the border.", True),
    ("The army breached the truce twice on Sunday.", True),
    ("The army declared a ceasefire on Sunday.", False),
])
def test_a_ceasefire_violated(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _ceasefire_violated

    assert _ceasefire_violated(frame_of(nlp, text).chain) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana has deployed peacekeepers to Mali.", True),
    ("The union deployed election observers in Malawi.", True),
    ("Ghana has deployed troops to the border with Togo.", False),
    ("Ghana has refused to send peacekeepers to Mali.", False),
])
def test_sending_peacekeepers_or_observers(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _peacekeeping

    assert _peacekeeping(frame_of(nlp, text).chain) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The court lifted the travel ban on the journalist.", True),
    ("The government reduced tariffs on Chilean wine.", True),
    ("The parliament repealed the boycott law.", True),
    ("The government imposed tariffs on Chilean wine.", False),
    ("The court lifted the lid on the scandal.", False),
])
def test_easing_a_restriction(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _eased

    assert _eased(frame_of(nlp, text).chain) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Ghana has refused to provide military aid to Togo.", True),
    ("The minister declined to resign.", True),
    ("Ghana refused the offer.", False),
])
def test_declining_to_act(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _declined

    assert _declined(frame_of(nlp, text).chain) is expected


def test_refusing_to_give_aid_is_reject(nlp: Any) -> None:
    found = events(nlp, "Ghana has refused to provide military aid to Togo.")
    assert found and found[0].type == "REJECT"


@pytest.mark.parametrize(("text", "kind", "author"), [
    ("The president rejected a request from the prime minister to dissolve parliament.", "REJECT", "minister"),
    ("The rebels dismissed a peace proposal by the government.", "REJECT", "government"),
    ("The government accepted the demands by the striking teachers.", "CONCEDE", "teachers"),
    ("The court refused to accept a request from Russia.", "REJECT", "Russia"),
])
def test_an_answer_to_a_request_and_its_author(nlp: Any, text: str, kind: str, author: str) -> None:
    from sayso.events.extract import _answer_kind, _proposer

    frame = frame_of(nlp, text)
    assert _answer_kind(frame.chain) == kind
    source = next(c for c in frame.chain[0].children if c.dep_ == "nsubj")
    found = _proposer(frame.chain, source, None, "2024-01-01")
    assert found is not None and found.text == author


def test_receiving_a_request_is_no_answer(nlp: Any) -> None:
    from sayso.events.extract import _answer_kind, _proposer

    frame = frame_of(nlp, "The president received a request from the prime minister.")
    source = next(c for c in frame.chain[0].children if c.dep_ == "nsubj")
    assert _answer_kind(frame.chain) is None
    assert _proposer(frame.chain, source, None, "2024-01-01") is None


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The activist died in prison after torture.", "prison", "activist"),
    ("The journalist was tortured and killed in a secret prison.", "prison", "journalist"),
    # dying in prison with no mistreatment named is no one's act
    ("The former president died in prison last year.", "president", None),
    # a doer named stays the doer
    ("The journalist was arrested by the police in the capital.", "journalist", None),
])
def test_held_in_custody(nlp: Any, text: str, source: str, target: str | None) -> None:
    from sayso.events.extract import _held_in

    doc = nlp(text)
    verb = main_verb(next(iter(doc.sents)))
    subject = next(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))
    doer, done_to = _held_in(subject, None, "2024-01-01")
    assert doer.text == source
    assert (done_to.text if done_to is not None else None) == target


@pytest.mark.parametrize(("text", "expected"), [
    ("Israel has established diplomatic ties with Bhutan.", "Bhutan"),
    ("Opposition supporters clashed with police in the capital.", "police"),
])
def test_the_actor_ties_or_a_clash_are_with(nlp: Any, text: str, expected: str) -> None:
    from sayso.events.extract import _with_recipient

    frame = frame_of(nlp, text)
    source = next(c for c in frame.chain[0].children if c.dep_ == "nsubj")
    found = _with_recipient(frame.chain, source, None, "2024-01-01")
    assert found is not None and found.text == expected


def test_a_fellow_doer_inside_the_source_is_no_recipient(nlp: Any) -> None:
    from sayso.events.extract import _prep_recipient

    doc = nlp("The Justice Department and the Attorney's Office launched an investigation into Acme Corporation on Monday.")
    verb = main_verb(next(iter(doc.sents)))
    source = next(c for c in verb.children if c.dep_ == "nsubj")
    fellow = next(t for t in doc if t.text == "Attorney")
    found = _prep_recipient(verb, source, fellow, "2024-01-01")
    assert found is not None and found.text == "Corporation"


def test_the_object_beats_a_phrase_inside_its_own_clause(nlp: Any) -> None:
    from sayso.events.extract import _object_or_place

    doc = nlp("A car bomb killed a soldier who had fought in the Ukrainian army.")
    verb = main_verb(next(iter(doc.sents)))
    source = next(c for c in verb.children if c.dep_ == "nsubj")
    army = next(t for t in doc if t.text == "army")
    assert _object_or_place(verb, source, army, "2024-01-01").text == "soldier"


@pytest.mark.parametrize(("text", "expected"), [
    ("The teachers will not end the strike until the government raises their pay.", "government"),
    ("The teachers will not end the strike until they are paid.", None),
])
def test_a_refusal_until_another_acts_is_addressed_to_it(nlp: Any, text: str, expected: str | None) -> None:
    from sayso.events.extract import _conditioned_on

    frame = frame_of(nlp, text)
    source = next(c for c in frame.chain[0].children if c.dep_ == "nsubj")
    found = _conditioned_on(frame.chain, source, None, "2024-01-01")
    assert (found.text if found is not None else None) == expected
