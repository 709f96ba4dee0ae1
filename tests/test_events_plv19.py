"""PLV session 19 (issue #14, default mode; own sentences): role-picking rules for the PLV
coverage misses. A thing handed over whose recipient only its purpose clause names; forces or
people sent to a place; a name in apposition to a detainee; a statement reporting another
actor's act that is no verbal act of the speaker."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Token

from event_support import frame_of


def _word(doc: Any, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def _root(doc: Any) -> Token:
    return next(t for t in doc if t.dep_ == "ROOT")


def _prep_recipient(nlp: Any, text: str) -> str | None:
    from sayso.events.extract import _prep_recipient

    doc = nlp(text)
    verb = _root(doc)
    source = next(c for c in verb.children if c.dep_ == "nsubj")
    obj = next(c for c in verb.children if c.dep_ == "dobj")
    found = _prep_recipient(verb, source, obj, "2024-02-27")
    return None if found is None or found.i == obj.i else found.text


@pytest.mark.parametrize(("text", "recipient"), [
    ("Norway donated 300 tents to assist Chad with the floods.", "Chad"),
    ("The Dutch government gave 20 million euros to promote rural development in Mali.", "Mali"),
    ("Canada handed over 40 trucks to support clinics for refugees in Jordan.", "refugees"),
])
def test_a_purpose_clause_names_the_recipient(nlp: Any, text: str, recipient: str) -> None:
    assert _prep_recipient(nlp, text) == recipient


@pytest.mark.parametrize("text", [
    # the clause serves no actor: a thing, a region (no country)
    "The ministry bought 40 trucks to replace the old ones.",
    "The Dutch government gave 20 million euros to promote rural development in the Sahel region.",
    # a recipient the predicate names itself comes first
    "Norway donated 300 tents to Chad to help the flood victims.",
])
def test_no_purpose_recipient(nlp: Any, text: str) -> None:
    found = _prep_recipient(nlp, text)
    assert found is None or found == "Chad"


def _sent_to(nlp: Any, text: str, source: str, target: str | None) -> str | None:
    from sayso.events.extract import _sent_to

    doc = nlp(text)
    found = _sent_to(_root(doc), _word(doc, source), _word(doc, target) if target else None)
    return None if found is None else found.text


@pytest.mark.parametrize(("text", "source", "target", "place"), [
    # those sent, or a word of their phrase, ranked as the target
    ("The Dutch government sent a team of engineers into Chad.", "government", "engineers", "Chad"),
    ("Ghana deployed 300 soldiers to Mali last week.", "Ghana", "soldiers", "Mali"),
    # a word of the doer's own phrase
    ("Peacekeepers from Ghana arrived in Mali on Monday.", "Peacekeepers", "Ghana", "Mali"),
    # none ranked
    ("Ghana deployed 300 soldiers to Mali last week.", "Ghana", None, "Mali"),
])
def test_sent_to_a_place(nlp: Any, text: str, source: str, target: str | None, place: str) -> None:
    assert _sent_to(nlp, text, source, target) == place


@pytest.mark.parametrize(("text", "source", "target"), [
    # another actor ranked, not those sent
    ("Ghana sent troops to Mali to fight the rebels.", "Ghana", "rebels"),
    # no verb of sending
    ("The Dutch government trained a team of engineers in Chad.", "government", "engineers"),
    # sent to a person, not a place
    ("The Dutch government sent a letter to the president.", "government", "letter"),
])
def test_not_sent_to_a_place(nlp: Any, text: str, source: str, target: str) -> None:
    assert _sent_to(nlp, text, source, target) == target


def test_a_name_in_apposition_to_a_detainee(nlp: Any) -> None:
    from sayso.events.extract import _held_in

    doc = nlp("The activist Ana Ruiz was arrested on Sunday in Peru.")
    name = _word(doc, "Ruiz")
    assert name.dep_ == "appos"
    source, target = _held_in(name, None, "2024-02-27")
    assert source.text == "Peru" and target is not None and target.i == name.i


def _told(nlp: Any, text: str, kind: str, cue: str = "say") -> str | None:
    from sayso.events.extract import _told_act

    frame = frame_of(nlp, text)
    assert frame.speech is not None and frame.source is not None
    act = _told_act(frame, frame.source, kind, cue, [], "2024-02-27")
    return None if act is None else act[0].text


@pytest.mark.parametrize(("text", "kind", "doer"), [
    ("A spokesman said Norway is training Malian soldiers.", "COOPERATE", "Norway"),
    ("The minister says that Chile has refused to extradite the banker.", "REJECT", "Chile"),
    ("The envoy said the Dutch government had provided food to the refugees.", "AID", "government"),
])
def test_a_told_act_is_its_subjects(nlp: Any, text: str, kind: str, doer: str) -> None:
    assert _told(nlp, text, kind) == doer


@pytest.mark.parametrize(("text", "kind"), [
    # blame, a threat or a demand is the speaker's own verbal act
    ("A spokesman said Norway is training the rebels.", "ACCUSE"),
    # future, negated: a forecast or a denial is the speaker's
    ("A spokesman said Norway will train Malian soldiers.", "COOPERATE"),
    ("A spokesman said Norway is not training Malian soldiers.", "COOPERATE"),
    # a pronoun (read by the own-act rule), and a country only after the subject's word
    ("A spokesman said it is training Malian soldiers.", "COOPERATE"),
    ("The minister said a state of emergency in Chile had begun.", "COERCE"),
])
def test_not_a_told_act(nlp: Any, text: str, kind: str) -> None:
    assert _told(nlp, text, kind) is None


@pytest.mark.parametrize(("text", "charged"), [
    ("The families have filed a lawsuit accusing the mining company of negligence.", "company"),
    ("A Chilean teacher has started a hunger strike, protesting the pension reform.", "reform"),
    ("The union issued a statement condemning the police.", "police"),
])
def test_a_participle_of_charge_names_the_target(nlp: Any, text: str, charged: str) -> None:
    assert _prep_recipient(nlp, text) == charged


@pytest.mark.parametrize("text", [
    # a participle of no charge
    "The families have filed a lawsuit seeking damages from the company.",
    # the act's own recipient comes first
    "The families have filed a lawsuit against the company, accusing the mayor of negligence.",
])
def test_no_participle_of_charge(nlp: Any, text: str) -> None:
    assert _prep_recipient(nlp, text) in (None, "company")


def test_force_told_is_no_told_act(nlp: Any) -> None:
    # (force or coercion in a plain statement is mostly blame in other words)
    assert _told(nlp, "A spokesman said Norway is destroying the fishing industry.", "ASSAULT") is None


def test_a_clause_of_the_doer_is_not_demoted(nlp: Any) -> None:
    from sayso.events.extract import _in_doers_phrase
    from sayso.nlp import tree_of

    doc = nlp("Chilean troops trying to arrest a wanted smuggler shot him near the border.")
    troops, smuggler = _word(doc, "troops"), _word(doc, "smuggler")
    assert not _in_doers_phrase(tree_of(doc), smuggler.i, troops.i)
    doc = nlp("Fighters loyal to the governor arrested his rival in the capital.")
    fighters, governor = _word(doc, "Fighters"), _word(doc, "governor")
    assert _in_doers_phrase(tree_of(doc), governor.i, fighters.i)
