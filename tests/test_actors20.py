"""Actor coding, twentieth session (issues #13/#14): titles, collectives, the place's and the
document's country. Composed sentences only."""

from __future__ import annotations

from typing import Any

from found_actors import speaker_named as _speaker
from sayso.actors.coding import code_tokens, read
from sayso.model import Article


def sectors(nlp: Any, text: str) -> list[str]:
    return read(list(nlp(text))).sectors


def test_treasurer_is_a_government_title_and_its_shadow_the_opposition(nlp: Any) -> None:
    # the Westminster finance minister ("Treasurer"), its opposition spokesperson ("Shadow
    # Treasurer"), and a private body's treasurer (the body's sector, not GOV)
    assert sectors(nlp, "Treasurer Ana Ruiz")[:1] == ["GOV"]
    assert sectors(nlp, "Shadow Treasurer Ana Ruiz")[:2] == ["OPP", "LEG"]
    assert sectors(nlp, "the shadow treasurer")[:1] == ["OPP"]
    union, _ = code_tokens(list(nlp("the union's treasurer")), "2010-01-01", None)
    assert union.sector == "LAB"


def test_deputy_before_a_title_ranks_it_and_is_no_police_deputy(nlp: Any) -> None:
    assert sectors(nlp, "Deputy Opposition Leader Ana Ruiz")[:1] == ["OPP"]
    assert "COP" not in sectors(nlp, "the Deputy Leader")
    assert "COP" not in sectors(nlp, "Deputy Premier Tom Reyes")
    # (a deputy before a name is one: a sheriff's deputy)
    assert sectors(nlp, "Sheriff's Deputy Tom Reyes")[:1] == ["COP"]


def test_a_collective_is_made_of_people_in_the_plural(nlp: Any) -> None:
    assert read(list(nlp("a panel of judges"))).members
    assert read(list(nlp("a team of doctors"))).members
    # "body", "unit" of one person are no collective: a corpse, one soldier
    assert not read(list(nlp("the body of soldier Tom Reyes"))).members


def _analysed(nlp: Any, text: str) -> Any:
    from sayso.pipeline import analyse

    return analyse(nlp(text), Article("t", text, date="2002-01-01"), fast=True)


def test_the_place_of_an_act_codes_a_speaker_only_where_no_other_country_is_named(nlp: Any) -> None:
    # the speaker of a statement set in one country, that the sentence alone names, is of it
    # (in the attribution and the event alike: one referent, one code) ...
    told = _analysed(nlp, "Local commanders said they had captured 40 fighters at Jalalabad.")
    assert _speaker(told, "commanders").country == "AFG"
    # ... but where the sentence names another country the place says nothing of the speaker
    other = _analysed(
        nlp, "Defence Minister Ana Ruiz said Australian troops had arrived in Kandahar."
    )
    assert _speaker(other, "Ruiz").country != "AFG"


def test_a_qualified_place_is_where_its_qualifier_says(nlp: Any) -> None:
    # "Palm Beach, Florida": not the gazetteer's more populous Palm Beach of another country
    from sayso.actors import names_another_country

    sent = next(nlp("Police said he lived in Palm Beach, Florida, for a decade.").sents)
    assert not names_another_country(sent, "USA")
    sent = next(nlp("Police said he lived in Palm Beach and in Paris.").sents)
    assert names_another_country(sent, "USA")


def test_a_document_of_one_country_codes_its_state_bodies(nlp: Any) -> None:
    # no party words: the places and nationalities the text names give its country, which
    # its state's bodies without a country of their own are of (marked domestic: read from
    # the document, no evidence of an event)
    text = (
        "Fires are burning across Sydney this morning. Residents west of Sydney were told to "
        "leave. Authorities say 60 homes were destroyed near Sydney. A spokesman for the "
        "Sydney Water company said supplies were safe."
    )
    result = _analysed(nlp, text)
    authorities = _speaker(result, "Authorities")
    assert (authorities.country, authorities.domestic) == ("AUS", True)


def test_a_document_of_several_countries_has_no_home(nlp: Any) -> None:
    from sayso.actors import Context

    text = (
        "Talks in Paris ended. Officials in Berlin and Madrid said the plan failed. "
        "Authorities say the talks will resume in Rome."
    )
    doc = nlp(text)
    assert Context.of(doc, Article("t", text)).actors.home() is None
