"""Roles of the seventeenth session (issue #14): an office's word after a title's "of" is no
referent, an object predicate describes the object, a verb of undergoing reverses its pair, and
dotted acronyms are read as their plain forms (actor coding: events and `sayso actors` alike).
Own sentences, not the judged set's."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.actors.coding import code_tokens
from sayso.model import Article, Event
from sayso.pipeline import process_one


def _events(nlp: Any, text: str) -> list[Event]:
    return process_one(Article("t", text, date="2016-06-01"), nlp).events


@pytest.mark.parametrize("text, target", [
    ("Trump attacked the former secretary of state on Tuesday.", "the former secretary of state"),
    ("The senator praised Secretary of State John Kerry.", "Secretary of State John Kerry"),
])
def test_an_office_word_after_a_title_is_no_referent(nlp: Any, text: str, target: str) -> None:
    """"state" of "the secretary of state" names the office, not a body: the title's holder is
    the recipient."""
    found = _events(nlp, text)
    assert found and found[0].target is not None and found[0].target.name == target


def test_a_name_after_a_title_stays_the_referent(nlp: Any) -> None:
    """"the leader of Hamas": the name after "of" is left as the rankers chose it."""
    found = _events(nlp, "Putin criticized the leader of Hamas.")
    assert found and found[0].target is not None and found[0].target.country == "PSE"


def test_an_object_predicate_describes_the_object(nlp: Any) -> None:
    """"called the judge a hater ...": the one called so is the recipient, not the description."""
    found = _events(nlp, 'Trump called the judge a "hater of Donald Trump" who had "railroaded" him in the case.')
    assert found and found[0].target is not None and found[0].target.name == "the judge"


@pytest.mark.parametrize("text, doer, done_to", [
    ("Clinton faced sharp criticism from Republicans on Monday.", "Republicans", "Clinton"),
])
def test_the_one_who_faces_criticism_is_its_recipient(nlp: Any, text: str, doer: str, done_to: str) -> None:
    """"X faced criticism from Y": Y criticised X."""
    found = _events(nlp, text)
    assert [(e.source and e.source.name, e.target and e.target.name) for e in found] == [(doer, done_to)]


@pytest.mark.parametrize("text, country, sector", [
    ("the F.B.I.", "USA", "COP"),
    ("the C.I.A.", "USA", "SPY"),
    ("U.S. troops", "USA", "MIL"),  # (held as written)
])
def test_a_dotted_acronym_reads_as_its_plain_form(nlp: Any, text: str, country: str, sector: str) -> None:
    actor, _ = code_tokens(list(nlp(text)), "2016-06-01")
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize("text, doer, done_to", [
    ("The Iranians released by the United States returned home on Sunday.", "the United States", "The Iranians"),
    ("Prisoners freed by Israel arrived in Ramallah.", "Israel", "Prisoners"),
    ("The Saudi-born Islamist accused by Washington of ordering the attacks appeared isolated.",
     "Washington", "The Saudi - born Islamist"),
    # (the participle names another act than the event's: the noun stays its doer)
    ("US forces backed by their Afghan allies are pursuing hundreds of Al Qaeda militants.",
     "US forces", "Al Qaeda militants"),
])
def test_a_noun_with_a_passive_participle_is_done_to(nlp: Any, text: str, doer: str, done_to: str) -> None:
    """"the Iranians released by the United States": the agent did it, to the noun, where the
    participle names the event's act."""
    found = _events(nlp, text)
    assert [(e.source and e.source.name, e.target and e.target.name) for e in found] == [(doer, done_to)]


def test_offices_of_a_documents_own_politics_take_its_country(nlp: Any) -> None:
    """In a document about one country's politics, "Police" and "the former secretary of state"
    with no country of their own are that country's (as "His campaign" already was)."""
    text = ("Republicans and Democrats fought over the bill. The Republican senator said Democrats lied. "
            "The Democratic governor blamed Republicans. Police charged the campaign manager last month.")
    found = _events(nlp, text)
    police = [e for e in found if e.source is not None and e.source.name == "Police"]
    assert police and police[0].source is not None and police[0].source.country == "USA"


@pytest.mark.parametrize("text, country", [
    ("Parents of two Benghazi victims", None),  # where they were harmed, not their country
    ("the mother of Orlando shooting survivor Ann Lee", "USA"),  # (no harmed word right after the place)
    ("Syrian victims", "SYR"),  # a nationality stays
])
def test_a_place_before_a_victim_word_is_no_country(nlp: Any, text: str, country: str | None) -> None:
    actor, _ = code_tokens(list(nlp(text)), "2016-06-01")
    assert actor.country == country


def test_a_place_of_harm_is_no_other_country_of_the_sentence(nlp: Any) -> None:
    """In US political news, "the mother of a Benghazi victim" is the document's country's: the
    place she lost her son is neither her country nor another country the sentence names."""
    text = ("Republicans and Democrats fought over the U.S. budget. The Republican senator said Democrats "
            "lied. The Democratic governor blamed Republicans. Patricia Lee, the mother of a Benghazi "
            "victim, sued Hillary Clinton on Monday.")
    found = [e for e in _events(nlp, text) if e.source is not None and e.source.name == "Patricia Lee"]
    assert found and found[0].source is not None and found[0].source.country == "USA"
