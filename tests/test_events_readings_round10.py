"""Round 10 of the judged set (seventeenth session): readings of its error classes
(events/readings.py). Own sentences, not the judged set's."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.events.readings import manual_category, not_an_act
from test_events_readings import _event  # (the shared event-building helper)


@pytest.mark.parametrize("text, trigger, kind, why", [
    # agreeing with a view
    ("A panel of columnists agreed on Sunday that the governor's budget plan is unrealistic.",
     "agreed", "AGREE", "opinion"),
    # a material act in the present passive: a habit or a standing arrangement
    ("Many migrant workers are beaten and robbed while travelling to the coast.", "beaten", "ASSAULT", "habitual"),
    ("Some seats are automatically given to party leaders.", "given", "AID", "habitual"),
    # dated by its occasion, or retold as well known
    ("The senator voiced support for the war in a 2003 interview with a radio host.", "voiced", "SUPPORT",
     "history"),
    ("The governor famously clashed with the union leader at a budget hearing.", "clashed", "ASSAULT", "history"),
    # a score in percent, running a poll, a fraction of a group
    ("Smith would beat him 51 percent to 40 percent.", "beat", "THREATEN", "poll"),
    ("Two professors jointly conduct the university's poll.", "conduct", "COERCE", "poll"),
    ("Three-in-five party insiders said the frontrunner cannot be beaten next week.", "said", "ASSAULT", "poll"),
    # declining an interview, releasing documents, naming the dead, asking for opinions
    ("The central bank governor declined to be interviewed for this story.", "interviewed", "REJECT",
     "no-comment"),
    ("The ministry released more than 2,000 pages of emails on Friday night.", "released", "RETREAT", "media"),
    ("The county coroner identified the man killed as a local teacher.", "identified", "ASSAULT", "attributed"),
    ("We asked our readers their thoughts on the summit.", "asked", "REQUEST", "question"),
])
def test_no_act(nlp: Any, text: str, trigger: str, kind: str, why: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2016) == why


@pytest.mark.parametrize("text, trigger, kind", [
    ("The two governments agreed that their troops would withdraw by June.", "agreed", "AGREE"),
    ("The rebels agreed to a ceasefire on Monday.", "agreed", "AGREE"),
    ("Three protesters are being held at the central police station.", "held", "COERCE"),
    ("Two soldiers were killed in an ambush on Tuesday.", "killed", "ASSAULT"),
    ("The village is attacked by militia fighters almost every week.", "attacked", "ASSAULT"),
    ("The army launched an attack on the rebel base in a 2015 offensive.", "launched", "ASSAULT"),
    ("The court sentenced him for a 2003 bombing.", "sentenced", "COERCE"),
    ("The army released 40 prisoners of war.", "released", "RETREAT"),
    ("The rebels will lead the talks next week.", "lead", "CONSULT"),
    ("Police identified the gunman and arrested him.", "arrested", "COERCE"),
    ("The miners will not end the strike until their managers are sacked.", "sacked", "COERCE"),
    ("The finance minister is reported to have resigned over the unrest.", "reported", "RETREAT"),
    ("The government has firmly denied any role in the 2001 bombings.", "denied", "REJECT"),
])
def test_acts_stay(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2016) is None


@pytest.mark.parametrize("text, trigger, kind, manual", [
    # dismissing a claim: REJECT
    ('A spokesman for the governor called a newspaper report about his travel expenses "ridiculous."',
     "called", "ACCUSE", "REJECT"),
    ('"The opposition\'s main allegation has once again been thoroughly debunked," the minister\'s spokeswoman '
     "said.", "said", "ACCUSE", "REJECT"),
    ('The mayor\'s lawyer wrote in a filing that the council\'s demand was "pointless."', "wrote", "ACCUSE",
     "REJECT"),
    ('"The vote is done, and the opposition\'s claim has been debunked," the spokesman said.', "said", "ACCUSE",
     "REJECT"),
    ("The senator disputed both critiques but said he would have acted differently.", "disputed", "ACCUSE",
     "REJECT"),
    ("The campaign manager dismissed criticism from two former donors.", "dismissed", "ACCUSE", "REJECT"),
    # filing a request: REQUEST; throwing one's support behind an actor: SUPPORT
    ("The watchdog group filed a records request with the Interior Department.", "filed", "ACCUSE", "REQUEST"),
    ("The vice president has thrown his support behind the speaker.", "thrown", "ACCUSE", "SUPPORT"),
    # agreeing with the last speaker by a verbal act: the act's category
    ("The former governor agreed, praising his old rival as a gifted speaker.", "agreed", "AGREE", "SUPPORT"),
])
def test_manual_category(nlp: Any, text: str, trigger: str, kind: str, manual: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert manual_category(token, kind) == manual


@pytest.mark.parametrize("text, trigger, kind", [
    ("The minister called the proposal a good start.", "called", "SUPPORT"),
    ("The prosecutor called the allegations serious and opened an inquiry.", "called", "ACCUSE"),
    ("The judge dismissed the charges against the reporter.", "dismissed", "CONCEDE"),
    ("The opposition filed a lawsuit against the election board.", "filed", "ACCUSE"),
    ("Washington has lent military support to the coalition.", "lent", "AID"),
    ("The two parties agreed, ending weeks of talks.", "agreed", "AGREE"),
])
def test_categories_stay(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert manual_category(token, kind) in (None, kind)
