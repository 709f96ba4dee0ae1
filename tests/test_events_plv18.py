"""PLV session 18 (issue #14, default mode; own sentences): a statement whose content's
subject is the speaker itself reports the speaker's own act, and predicates the manual names
(cancelling a deal or a visit, ceasing operations, an arrest announced)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events, frame_of


def _own(nlp: Any, text: str) -> tuple[str, str | None] | None:
    from sayso.events.extract import _own_act

    frame = frame_of(nlp, text)
    assert frame.speech is not None and frame.source is not None
    return _own_act(frame, frame.source)


@pytest.mark.parametrize(("text", "kind"), [
    ("The Chilean army said on Monday that it carried out airstrikes on rebel camps.", "ASSAULT"),
    ("The Dutch prime minister said he cancelled the trade deal with Morocco.", "REJECT"),
    ("The Bolivian navy says it has ceased its operations near the border.", "RETREAT"),
    ("Peruvian police said they arrested two smugglers near the border.", "COERCE"),
])
def test_the_speakers_own_act(nlp: Any, text: str, kind: str) -> None:
    own = _own(nlp, text)
    assert own is not None and own[0] == kind


@pytest.mark.parametrize("text", [
    # the pronoun is not the speaker (plural speaker, singular "he"; a person and "it")
    "Critics of the Chilean president say he has arrested journalists.",
    "The Dutch prime minister said it arrested two smugglers.",
    # another actor's act, named: read by the rules for reported acts, not here
    "The Chilean army said the rebels attacked a police station.",
    # a promise, a threat or a denial are read elsewhere
    "The Chilean army said it will carry out airstrikes on rebel camps.",
    "The Chilean army said it did not carry out airstrikes on rebel camps.",
    # nothing the lexicon names
    "The Chilean army said it was ready for anything.",
])
def test_not_the_speakers_own_act(nlp: Any, text: str) -> None:
    assert _own(nlp, text) is None


def test_an_own_act_is_no_accusation(nlp: Any) -> None:
    found = events(nlp, "The Dutch prime minister said he had cancelled the trade deal with Morocco "
                        "after the attack on the embassy.")
    assert found and found[0].type == "REJECT"


@pytest.mark.parametrize(("text", "kind", "mode"), [
    ("Peru cancelled the trade agreement with Chile.", "REJECT", None),
    ("The president cancelled his visit to Chile.", "REJECT", None),
    ("The Bolivian navy ceased its operations near the border.", "RETREAT", "ceasefire"),
    ("The Mexican police announced the arrest of three traffickers.", "COERCE", "arrest"),
    ("A judge ordered the arrest of the former minister.", "COERCE", "arrest"),
])
def test_predicates_the_manual_names(nlp: Any, text: str, kind: str, mode: str | None) -> None:
    from sayso.events.extract import DOBJ_IDS, _table_hit, lexicon_hit, manual_verb_table

    chain = frame_of(nlp, text).chain
    assert lexicon_hit(chain) is None  # (the shared lexicon, --fast's, is unchanged)
    assert _table_hit(chain, manual_verb_table(), DOBJ_IDS) == (kind, mode)


@pytest.mark.parametrize(("text", "expected"), [
    ("The US ambassador promised Washington's support for efforts to rebuild the Afghan economy.", True),
    ("The Iranian government declared its support for the Turkish-Russian deal.", True),
    ("Hungary's prime minister voiced his full support for the Polish initiative.", True),
    # support of a material kind is aid (or its promise), not the manual's verbal SUPPORT
    ("The Chilean president pledged military support for the Peruvian army.", False),
    ("The Chilean president pledged 20 million dollars for the Peruvian army.", False),
])
def test_support_expressed(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _expressed_support

    assert _expressed_support(frame_of(nlp, text).chain) is expected


def test_pledged_support_is_support(nlp: Any) -> None:
    found = events(nlp, "The US ambassador promised Washington's support for efforts to rebuild the Afghan economy.")
    assert found and found[0].type == "SUPPORT"


def test_an_act_agreed_to_inside_a_statement_is_an_intention(nlp: Any) -> None:
    # (the manual's AGREE, as for "the prime minister has agreed to resign" said by no one)
    found = events(nlp, "The minister says the Peruvian prime minister has agreed to resign.")
    assert found and found[0].type == "AGREE"
    done = events(nlp, "The minister said Peru released the Chilean prisoners.")
    assert done and done[0].type == "RETREAT"


@pytest.mark.parametrize(("text", "kind"), [
    ("The Chilean delegation offered sharp criticism of the Peruvian government.", "ACCUSE"),
    ("Chile lodged a formal protest with the Peruvian ambassador.", "ACCUSE"),
    ("The Peruvian army issued a warning to Bolivian smugglers.", "THREATEN"),
    ("The Chilean government issued an appeal to the United Nations.", "REQUEST"),
    # the object names no verbal act: the verb's own reading stands
    ("The Chilean government offered humanitarian aid to Peru.", None),
])
def test_a_light_verb_and_the_act_its_object_names(nlp: Any, text: str, kind: str | None) -> None:
    from sayso.events.extract import _named_speech_act

    assert _named_speech_act(frame_of(nlp, text).chain) == kind


def test_criticism_offered_is_an_accusation(nlp: Any) -> None:
    found = events(nlp, "The Chilean delegation offered sharp criticism of the Peruvian government.")
    assert found and found[0].type == "ACCUSE"


@pytest.mark.parametrize(("text", "expected"), [
    ("After the attacks on Tuesday, the Chilean government said Bolivian rebels were responsible.", True),
    ("The Peruvian minister said the Bolivian army was behind the bombing.", True),
    ("The Peruvian minister said Bolivia was to blame for the crisis.", True),
    # the speaker's own claim, and a content that lays no blame
    ("The rebels said they were responsible for the attack.", False),
    ("The Peruvian minister said Bolivia was ready for talks.", False),
])
def test_blame_laid_in_a_statement(nlp: Any, text: str, expected: bool) -> None:
    from sayso.events.extract import _blame_laid

    frame = frame_of(nlp, text)
    assert frame.source is not None and _blame_laid(frame, frame.source) is expected


def test_blame_laid_is_an_accusation(nlp: Any) -> None:
    found = events(nlp, "After the attacks on Tuesday, the Chilean government said Bolivian rebels were responsible.")
    assert found and found[0].type == "ACCUSE" and found[0].target is not None


@pytest.mark.parametrize(("text", "kind"), [
    ("The United States is ready to contribute air support to an African Union force, an official said.", "AGREE"),
    ("Chile is willing to withdraw its troops from the border.", "AGREE"),
    ("Chile is not willing to withdraw its troops from the border.", "REJECT"),
])
def test_a_stated_willingness(nlp: Any, text: str, kind: str) -> None:
    found = events(nlp, text)
    assert found and found[0].type == kind


def test_a_duty_to_be_ready_is_no_willingness(nlp: Any) -> None:
    from sayso.events.extract import _willing

    assert _willing(frame_of(nlp, "Chile is ready to send troops to the border.").trigger)
    assert not _willing(frame_of(nlp, "The European Union must be ready to mediate talks.").trigger)


@pytest.mark.parametrize(("text", "told_by_none"), [
    ("Pakistan has refused to send troops to Yemen, the foreign ministry said.", True),
    ("Pakistan has refused to send troops to Yemen.", True),
    ("The foreign ministry said Pakistan has refused to send troops to Yemen.", False),
])
def test_an_act_reported_before_its_speaker_is_read_as_untold(nlp: Any, text: str, told_by_none: bool) -> None:
    from sayso.events.extract import _declined, _untold

    untold, chain = _untold(frame_of(nlp, text))
    assert untold is told_by_none
    if untold:  # (the manual's rules read the content's own verbs: "refused to send" is REJECT)
        assert _declined(chain)


@pytest.mark.parametrize("text", [
    "The Chilean army has reinforced its troops along the border with Peru.",
    "Peshmerga forces have intensified their patrols in several areas of Mosul.",
])
def test_forces_reinforced_are_a_mobilisation(nlp: Any, text: str) -> None:
    from sayso.events.extract import DOBJ_IDS, _table_hit, manual_verb_table

    assert _table_hit(frame_of(nlp, text).chain, manual_verb_table(), DOBJ_IDS) == ("MOBILIZE", "troops")


@pytest.mark.parametrize(("text", "kind"), [
    ("The Peruvian government formally accepted the comprehensive proposal submitted by the Chinese company.",
     "SUPPORT"),
    # a promise to approve is an intention; demands acceded to a concession; agreeing to act AGREE
    ("The Peruvian government will accept the proposal submitted by the Chinese company.", "AGREE"),
    ("The Peruvian government accepted the demands of the striking miners.", "CONCEDE"),
    ("The Peruvian government agreed to withdraw its troops from the border.", "AGREE"),
])
def test_a_plan_approved_is_support(nlp: Any, text: str, kind: str) -> None:
    found = events(nlp, text)
    assert found and found[0].type == kind


def test_agreeing_to_a_plan_is_approving_it(nlp: Any) -> None:
    from sayso.events.extract import _plan_approved

    assert _plan_approved(frame_of(nlp, "The Chilean and Peruvian ministers agreed to the approach of the mediators.").chain)
    assert not _plan_approved(frame_of(nlp, "The Chilean and Peruvian ministers agreed to meet the mediators.").chain)


def test_a_verb_and_object_named_together(nlp: Any) -> None:
    from sayso.events.extract import _named_pair, lexicon_hit

    chain = frame_of(nlp, "Ecuador has granted political asylum to the Swedish activist.").chain
    hit = lexicon_hit(chain)
    assert hit == ("AID", None) and _named_pair(chain, hit)
    # a row of the verb alone ("grant *") is no named pair: the classifier's reading may stand
    chain = frame_of(nlp, "Ecuador has granted the Swedish activist a new passport.").chain
    hit = lexicon_hit(chain)
    assert hit is not None and not _named_pair(chain, hit)


def test_a_negated_named_pair_keeps_its_refusal(nlp: Any) -> None:
    found = events(nlp, "The Chilean president has said he will not lift the embargo until Peru pays its debts.")
    assert found and found[0].type == "REJECT"


@pytest.mark.parametrize(("text", "kind"), [
    ("The Chilean foreign minister paid a visit to Lima on Monday.", "CONSULT"),
    # future cooperation is an intention (the manual's AGREE)
    ("The Chilean president will join forces with the Peruvian opposition.", "AGREE"),
])
def test_visits_paid_and_forces_joined(nlp: Any, text: str, kind: str) -> None:
    found = events(nlp, text)
    assert found and found[0].type == kind


def test_an_agreement_reached_before_its_speaker_is_finalized(nlp: Any) -> None:
    from sayso.events.extract import _finalized

    assert _finalized(frame_of(nlp, "Peru and the IMF have reached a staff level agreement, the minister said."))
    assert not _finalized(frame_of(nlp, "The minister said Peru and the IMF have reached a staff level agreement."))


def test_a_willingness_denied_on_the_adjective(nlp: Any) -> None:
    from sayso.events.extract import _willingness_denied

    assert _willingness_denied(frame_of(nlp, "The senator said he was 'not ready' to support the governor.").trigger)
    assert not _willingness_denied(frame_of(nlp, "Chile is ready to send troops to the border.").trigger)


def test_an_own_act_is_the_contents_own_verb(nlp: Any) -> None:
    # ("meet" under "on track to" is no meeting the speaker held)
    assert _own(nlp, "The White House contends that it is still on track to meet those targets.") is None
