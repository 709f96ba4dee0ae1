"""Sentences that report no PLOVER event: sport and text in another language (issue #14's
judged set), while politics about sport stays news."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.events.negatives import no_event
from sayso.model import Article
from sayso.pipeline import process_one


def first_sentence(nlp: Any, text: str) -> Any:
    return next(iter(nlp(text).sents))


@pytest.mark.parametrize("text", [
    "The top-seeded Alvarez defeated Okoro 6-4, 3-6, 7-5 to reach the semifinal in Lyon.",
    "Brazil has beaten Argentina by 3 goals in the opening fixture of the qualifying round.",
    "Kestrels 4, Otters 2: Marta Lind scored twice as the visitors lost their unbeaten run.",
    "The veteran striker was forced to withdraw from the squad with a knee injury before the tour.",
    "The quarterback threw for 300 yards as Denver beat Kansas City on Sunday.",
])
def test_sport_reports_no_event(nlp: Any, text: str) -> None:
    assert no_event(first_sentence(nlp, text)) == "sport"
    assert process_one(Article("t", text, date="2024-03-01"), nlp).events == []


@pytest.mark.parametrize("text", [
    "Die Regierung hat die neuen Regeln für die Krankenkassen am Montag beschlossen.",
    "Le gouvernement a annoncé une réforme des retraites pour les fonctionnaires.",
])
def test_another_language_reports_no_event(nlp: Any, text: str) -> None:
    assert no_event(first_sentence(nlp, text)) == "foreign"


@pytest.mark.parametrize("text", [
    "Police arrested dozens of fans who protested against the government at the stadium in Cairo.",
    "The mayor of Zagreb resigned over bribes linked to a football tournament.",
    "Russia was banned from the Olympics after the doping scandal, the court ruled.",
    "Trump's victory in the race for the White House was a defeat for the Democrats.",
    "The die was cast when the army moved into the capital.",
])
def test_politics_about_sport_and_plain_english_stay(nlp: Any, text: str) -> None:
    assert no_event(first_sentence(nlp, text)) is None
