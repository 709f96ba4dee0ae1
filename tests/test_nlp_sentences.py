"""Sentence splitting: abbreviations of months, titles and initials never end a sentence
(issue #14.4); a real sentence end after them still does."""

from __future__ import annotations

import pytest


def sentences(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize("text", [
    # months before a day
    "The truce held until Oct. 25, the Russian and Syrian defence ministries announced in Moscow.",
    "Oct. 25, the day the corridor was to open, passed without a single convoy crossing the line.",
    "Negotiators from both sides will meet in Vienna on Sept. 3 to discuss the prisoner exchange.",
    "Ballots cast before Nov. 8 were counted separately by the election commission in Harare.",
    # titles before a name
    "The plan was presented by Gen. Hassan Farouk, who commands the northern garrison.",
    "A letter signed by Sen. Maria Keller and Rep. Tom Okafor asked the agency for its files.",
    "Gov. Ellen Brandt vetoed the measure after a long night of talks with the legislature.",
    "The inquiry heard from Lt. Col. Pavel Orlov and Maj. Gen. Ruth Adebayo on Tuesday morning.",
    "Journalists waited while Dr. Amina Sesay and Mr. Karl Weiss briefed the health ministers.",
    "The report reached Brig. Gen. Omar Haddad only after Capt. Lena Fischer had filed it.",
    "Sgt. First Class Dana Morrow told the court that the convoy had been ambushed twice.",
    # initials
    "Donald J. Trump signed the order in the Oval Office on a rainy afternoon in March.",
    "U.S. officials said the strike had destroyed a depot used by the militia near the border.",
    "The trilogy by J.R.R. Tolkien was translated into Welsh by a team in Aberystwyth.",
    "The senior U.S. diplomat met his counterpart, Ana K. Moreira, in the Brazilian capital.",
])
def test_abbreviation_does_not_end_the_sentence(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert sentences(nlp, text) == [text]


@pytest.mark.parametrize("text, first", [
    ("The delegates landed in the U.S. The talks begin on Monday.", "The delegates landed in the U.S."),
    ("The ceasefire collapsed on Oct. 25. Both armies blamed each other.", "The ceasefire collapsed on Oct. 25."),
    ("He was promoted to general in Feb. Then the war began.", "He was promoted to general in Feb."),
])
def test_a_real_sentence_end_after_an_abbreviation_stays(nlp, text: str, first: str) -> None:  # type: ignore[no-untyped-def]
    assert sentences(nlp, text)[0] == first


def test_military_titles_are_one_token(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Lt. Col. Pavel Orlov and Sgt. Dana Morrow testified.")
    assert [t.text for t in doc][:3] == ["Lt.", "Col.", "Pavel"]
    assert "Sgt." in [t.text for t in doc]


def test_line_breaks_still_end_sentences_after_a_title(nlp) -> None:  # type: ignore[no-untyped-def]
    assert sentences(nlp, "Statement by Gen.\nMilitary Council Dissolved") == ["Statement by Gen.", "Military Council Dissolved"]


def test_the_default_model_loads_once_whatever_the_spelling() -> None:
    from sayso import nlp as nlp_loader

    assert nlp_loader.load() is nlp_loader.load(nlp_loader.DEFAULT_MODEL)
