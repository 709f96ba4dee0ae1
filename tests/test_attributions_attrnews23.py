"""Precision of attributions on real news (issue #13, twenty-third session, attrnews23): a thing
threatening or revealing a thing is no attribution, and two coordinated cues each report their
own complement (default mode; ``fusion._thing_acting``, ``fusion._own_complements``;
docs/attributions.md). Own sentences."""

from __future__ import annotations

import pytest

from found_spans import found, span
from sayso.attributions import extract_attributions
from sayso.attributions.direct import Page
from sayso.attributions.fusion import _own_complements
from sayso.model import Attribution


def run(nlp, text: str) -> list[Attribution]:  # type: ignore[no-untyped-def]
    return extract_attributions(nlp(text), fast=False)


THINGS = [
    ("The falling river revealed the damage done to the bridge by the floods.", "revealed"),
    ("The receding water revealed a road covered in mud and broken branches.", "revealed"),
    ("The storm threatened to cut power to thousands of homes.", "threatened"),
]


@pytest.mark.parametrize(("text", "verb"), THINGS)
def test_a_thing_threatening_or_revealing_is_no_attribution(nlp, text: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    assert not [a for a in run(nlp, text) if verb in a.cue.text]


# Speech verbs keep a noun phrase as content; people and documents keep "reveal".
SPEECH = [
    (
        'The opposition leader attacked the minister, calling him a "coward" in front of reporters.',
        "calling",
    ),
    ("The analyst was predicting the fall of the government within a month.", "predicting"),
    ("The mining company said that it would take legal action against the council.", "said"),
    ("The minister revealed the details of the new budget on Tuesday.", "revealed"),
    ("The report revealed the extent of the damage to the bridge.", "revealed"),
    ("The union threatened to strike over the pay offer.", "threatened"),
]


@pytest.mark.parametrize(("text", "verb"), SPEECH)
def test_a_speech_verb_keeps_its_noun_phrase(nlp, text: str, verb: str) -> None:  # type: ignore[no-untyped-def]
    assert [a for a in run(nlp, text) if verb in a.cue.text]


def test_two_coordinated_cues_take_their_own_complements(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The former general called the rule "a dictatorship" and said that elections must be held soon.'
    epithet, clause = 'the rule "a dictatorship"', "that elections must be held soon"
    swapped = [
        found(text, "called", "The former general", clause),
        found(text, "said", "The former general", epithet),
    ]
    called, said = _own_complements(Page(nlp(text), text), swapped)
    assert called.content == [span(text, epithet)]
    assert said.content == [span(text, clause)]
    right = [
        found(text, "called", "The former general", epithet),
        found(text, "said", "The former general", clause),
    ]
    assert _own_complements(Page(nlp(text), text), right) == right


def test_a_pope_is_the_holy_sees_whatever_place_he_speaks_of(nlp) -> None:  # type: ignore[no-untyped-def]
    from sayso.model import Article
    from sayso.pipeline import analyse

    text = (
        "Pope John Paul II has called for peace in the Middle East. "
        "The Pope said the violence in Bethlehem must end."
    )
    result = analyse(nlp(text), Article("d", text, date="2002-01-01"))
    codes = {(a.speaker.country, a.speaker.sector) for a in result.attributions if a.speaker}
    assert codes == {("VAT", "REL")}


@pytest.mark.parametrize(
    ("text", "sector", "secondary"),
    [
        ("Small Business Minister Joe Hockey", "GOV", ["BUS"]),
        ("the Small Business Minister", "GOV", ["BUS"]),
        ("Health Minister Kay Patterson", "GOV", []),
    ],
)
def test_a_ministers_portfolio_word_is_not_his_sector(
    nlp, text: str, sector: str, secondary: list[str]
) -> None:  # type: ignore[no-untyped-def]
    from sayso.actors.coding import code_tokens

    actor, _ = code_tokens(list(nlp(text)), "2002-01-01")
    assert (actor.sector, actor.secondary_sectors) == (sector, secondary)
