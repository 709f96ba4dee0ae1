"""Actor codes from the right word (twenty-third session, codes23; issues #13/#14): a place
word that is a person's given name, a hyphenated pair of nationalities, the Pope, a minister's
portfolio, a firm's chief executive, diplomats posted to a city, and the place of a verbal act.
Composed sentences only."""

from __future__ import annotations

from typing import Any

from found_actors import speaker_named as _speaker
from sayso.actors.coding import code_tokens
from sayso.model import Actor, Article


def _coded(nlp: Any, text: str, mention: str) -> Actor:
    doc = nlp(text)
    start = text.index(mention)
    span = doc.char_span(start, start + len(mention), alignment_mode="expand")
    actor, _ = code_tokens(list(span), "2002-01-01", None)
    return actor


def _analysed(nlp: Any, text: str) -> Any:
    from sayso.pipeline import analyse

    return analyse(nlp(text), Article("t", text, date="2002-01-01"))


def test_a_place_word_before_a_persons_name_is_a_given_name(nlp: Any) -> None:
    # "Aden" is a Yemeni city, and here the first name of a person the text names again
    text = "The council rejected Aden Morley's bid to reopen the case. Morley said he would appeal."
    assert _coded(nlp, text, "Aden Morley's bid").country is None
    # a nationality adjective before a name stays the person's country
    assert _coded(nlp, "Australian Ana Ruiz said so.", "Australian Ana Ruiz").country == "AUS"


def test_a_hyphenated_pair_of_nationalities_is_coded_by_its_first_member(nlp: Any) -> None:
    # the raid is the premodifier's, not the country of the place it struck
    text = "A U.S.-British air raid in southern Iraq killed two shepherds."
    assert _coded(nlp, text, "A U.S.-British air raid in southern Iraq").country == "USA"
    assert (
        _coded(
            nlp, "The Israeli-Palestinian talks failed.", "The Israeli-Palestinian talks"
        ).country
        == "ISR"
    )


def test_the_pope_is_the_holy_see_whatever_city_he_is_in(nlp: Any) -> None:
    pope = _coded(nlp, "Pope Pius XIV arrived in Rome on Sunday.", "Pope Pius XIV")
    assert (pope.country, pope.sector) == ("VAT", "REL")
    assert _coded(nlp, "The Vatican said the war was wrong.", "The Vatican").country == "VAT"
    # a country named in the mention itself stays ("the Polish pontiff" is still read as Polish)
    assert _coded(nlp, "The Polish pontiff said so.", "The Polish pontiff").country == "POL"


def test_a_ministers_portfolio_word_is_no_sector(nlp: Any) -> None:
    minister = _coded(
        nlp, "Small Business Minister Ana Ruiz said so.", "Small Business Minister Ana Ruiz"
    )
    # GOV first; the portfolio's field stays a secondary code, as the agent dictionary codes the
    # titles it lists (one rule: actors.coding._minister_first)
    assert (minister.sector, minister.secondary_sectors) == ("GOV", ["BUS"])
    # a business word that is no portfolio keeps its sector
    assert _coded(nlp, "A business leader said so.", "A business leader").sector == "BUS"


def test_a_firms_chief_executive_is_of_the_firm(nlp: Any) -> None:
    assert (
        _coded(nlp, "The bank's chief executive said so.", "The bank's chief executive").sector
        == "BUS"
    )
    assert (
        _coded(nlp, "The state's chief executive said so.", "The state's chief executive").sector
        == "GOV"
    )


def test_diplomats_posted_to_a_city_are_not_of_its_country(nlp: Any) -> None:
    told = _analysed(nlp, "Western diplomats in Baghdad said the talks had stalled.")
    assert _speaker(told, "diplomats").country != "IRQ"
    envoy = _analysed(nlp, "The British ambassador in Moscow said the talks had stalled.")
    assert _speaker(envoy, "ambassador").country == "GBR"


def test_state_only_completes_a_title(nlp: Any) -> None:
    from sayso.actors.coding import title_of

    doc = nlp("The assistant secretary of state for African affairs arrived.")
    state = next(t for t in doc if t.lower_ == "state")
    assert title_of(state).lower_ == "secretary"
    # a state that is no title's completes nothing: "the head of the state" keeps its own noun
    doc = nlp("The leaders of the state arrived.")
    state = next(t for t in doc if t.lower_ == "state")
    assert title_of(state).lower_ == "state"


def test_a_us_office_names_the_usa_where_the_text_does(nlp: Any) -> None:
    text = (
        "The assistant secretary of state for African affairs, Tom Reyes, told the US Senate "
        "that the vote was flawed."
    )
    assert _speaker(_analysed(nlp, text), "Reyes").country == "USA"


def test_the_victims_of_a_foreign_doers_act_are_of_the_place(nlp: Any) -> None:
    # the doer's own nationality is the only other country the sentence names
    raid = _analysed(nlp, "A U.S.-British air raid in southern Iraq killed two civilians.")
    event = raid.events[0]
    assert event.source is not None and event.source.country == "USA"
    assert event.target is not None and event.target.country == "IRQ"
