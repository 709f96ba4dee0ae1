"""Actor coding, nineteenth session: shadow ministers (issue #14)."""

from __future__ import annotations

from typing import Any

from sayso.actors.coding import read


def test_a_shadow_minister_is_the_opposition_not_the_government(nlp: Any) -> None:
    # "shadow" before a government title: the opposition's spokesperson for the portfolio
    assert read(list(nlp("Shadow Foreign Minister Ana Ruiz"))).sectors[:2] == ["OPP", "LEG"]
    assert read(list(nlp("the shadow health minister"))).sectors[:1] == ["OPP"]
    assert read(list(nlp("Foreign Minister Ana Ruiz"))).sectors[:1] == ["GOV"]
    # (no shadow of a word that only sits near the title: "a minister in the shadow of the war")
    assert read(list(nlp("a minister in the shadow of the war"))).sectors[:1] != ["OPP"]


def test_a_shadow_title_outranks_the_knowledge_base_office(nlp: Any) -> None:
    # a knowledge-base row that knows the person in office (or as a former official) yields to
    # the text's shadow title: in opposition at the time told
    from sayso.actors import Context, code_speakers
    from sayso.attributions import extract_attributions
    from sayso.model import Article

    text = "The shadow foreign minister, Kevin Rudd, says the plan has failed."
    doc = nlp(text)
    coded = code_speakers(extract_attributions(doc, fast=True), Context.of(doc, Article("t", text, date="2002-01-01")))
    assert [a.speaker.sector for a in coded if a.speaker is not None] == ["OPP"]


def test_a_body_made_of_one_kind_of_people_takes_their_sector_first(nlp: Any) -> None:
    # "a UN panel of judges": the members' noun says what the body is; the organisation's own
    # row (GOV) follows, and its code stays the country
    from sayso.actors.coding import code_tokens

    panel, _ = code_tokens(list(nlp("A United Nations panel of judges in Geneva")), "2010-01-01", None)
    assert (panel.country, panel.sector) == ("UNO", "JUD")
    team, _ = code_tokens(list(nlp("a European Union team of doctors")), "2010-01-01", None)
    assert (team.country, team.sector) == ("EUR", "MED")
    body, _ = code_tokens(list(nlp("the United Nations")), "2010-01-01", None)
    assert body.sector == "GOV"
