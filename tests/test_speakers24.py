"""Speakers as an analyst reads them in a store (issue #13, deliverable 5; reader24): composed
sentences, never article text."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, Article
from sayso.pipeline import process_one


def speakers(nlp: Any, text: str, fast: bool = False) -> dict[str, Actor]:
    """Source text -> coded speaker (the last one wins for a repeated source)."""
    result = process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)
    return {a.source.text: a.speaker for a in result.attributions if a.source and a.speaker}


NICKNAME = (
    "Rival candidate Crooked Hillary Clinton, the businessman wrote, would raise taxes.\n\n"
    '"We will win Ohio," Hillary Clinton told supporters in Toledo on Monday.\n\n'
    '"Our plan creates jobs," Clinton said.'
)


def test_an_epithet_before_a_full_name_is_no_other_person(nlp: Any) -> None:
    for fast in (False, True):
        found = speakers(nlp, NICKNAME, fast)
        assert found["Clinton"].name == "Hillary Clinton"
        assert found["Hillary Clinton"].name == "Hillary Clinton"


def test_a_second_given_name_is_no_epithet(nlp: Any) -> None:
    text = (
        '"The mill will close," Mary Ann Weller said on Tuesday.\n\n'
        '"We tried everything," Ann Weller, her cousin, said.'
    )
    found = speakers(nlp, text)
    assert found["Mary Ann Weller"].name == "Mary Ann Weller"


KING = (
    '"I have never been edited," Larry King, the talk show host, said on Friday.\n\n'
    '"It is a fine show," Mr. King said.'
)


def test_a_title_word_as_a_surname_is_no_office(nlp: Any) -> None:
    for actor in speakers(nlp, KING).values():
        assert actor.name == "Larry King" and actor.sector != "GOV"


def test_a_title_before_a_name_stays_a_title(nlp: Any) -> None:
    found = speakers(nlp, '"We will rebuild the port," King Harald Dahl said on Monday.')
    assert next(iter(found.values())).sector == "GOV"


def test_a_place_a_speaker_is_based_in_gives_no_government(nlp: Any) -> None:
    text = '"Investors want clear rules," said Dana Whitlow, a Washington-based developer.'
    actor = next(iter(speakers(nlp, text).values()))
    assert actor.country == "USA" and actor.sector != "GOV"


def test_a_title_before_a_name_in_one_tagged_name_stays_a_title(nlp: Any) -> None:
    # (the small tagger reads "Charlotte Mayor" as one name, "Jennifer Roberts" as another)
    text = (
        "Charlotte Mayor Jennifer Roberts said the curfew would end on Friday.\n\n"
        '"We are safe," Roberts said.'
    )
    for actor in speakers(nlp, text).values():
        assert actor.sector == "GOV"


def test_a_body_is_one_store_key_with_or_without_its_article() -> None:
    from sayso.store.rows import speaker_key

    def key(name: str) -> str | None:
        return speaker_key(Actor(name=name, kind="organization"))

    assert key("The Tax Foundation") == key("the Tax Foundation") == key("Tax Foundation")
    assert (
        key("The Committee for a Responsible Federal Budget")
        == "Committee for a Responsible Federal Budget"
    )
    assert key("the Clinton campaign") == "the Clinton campaign"  # a description
    assert key("The Times") == "The Times"
    assert speaker_key(Actor(name="The Tax Foundation", kind="person")) == "The Tax Foundation"


CAMPAIGN = (
    '"We will build it," Donald Trump told supporters in Ohio on Monday.\n\n'
    '"Our plan works," Hillary Clinton said in Denver.\n\n'
    "The Republican nominee said his opponent had no plan.\n\n"
    "The GOP candidate also said taxes would fall."
)


def test_a_description_of_the_one_office_holder_is_that_person(nlp: Any) -> None:
    for fast in (False, True):
        found = speakers(nlp, CAMPAIGN, fast)
        for source in ("The Republican nominee", "The GOP candidate"):
            actor = found[source]
            assert (actor.name, actor.kb_id) == ("Donald Trump", "donald-trump")
            assert actor.role  # its own words stay its role


def test_an_office_outside_its_dates_names_no_one(nlp: Any) -> None:
    result = process_one(Article("t", CAMPAIGN, date="2019-06-01"), nlp)
    found = {a.source.text: a.speaker for a in result.attributions if a.source and a.speaker}
    assert found["The Republican nominee"].kb_id is None


def test_a_description_no_office_fits_stays_a_description(nlp: Any) -> None:
    text = CAMPAIGN.replace("The GOP candidate also said", "The Republican businessman also said")
    assert speakers(nlp, text)["The Republican businessman"].kb_id is None


def test_a_state_named_after_a_country_is_the_state(nlp: Any) -> None:
    from sayso.actors.coding import place_country

    doc = nlp("the former New Mexico governor")
    # (the described speaker's place words, as the attribution engine reads them)
    assert place_country(doc[:], "", "governor", range(4, 5)) == "USA"
    assert place_country(nlp("the Mexican governor")[:], "", "governor", range(2, 3)) == "MEX"


def test_a_persons_family_is_no_person(nlp: Any) -> None:
    text = (
        "Police shot Keith Lamont Scott, a 43-year-old man, on Tuesday. "
        "Scott's family said he was reading a book."
    )
    actor = speakers(nlp, text)["Scott's family"]
    assert actor.name == "Scott's family" and actor.kind == "group"
