"""Roles of the twenty-sixth session (issue #14, roles26): an event actor named by a bare common
noun takes the country of the earlier mentions of the same noun ("Israeli helicopter gunships
... Later, gunships destroyed ..."), where they agree on one (``events.referents``). Own
sentences."""

from __future__ import annotations

from typing import Any

from sayso.events.referents import _bare_noun as _bare
from sayso.events.referents import earlier_country
from sayso.model import Actor, Article, DocumentResult
from sayso.pipeline import process_one


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)


def _actors(result: DocumentResult, kind: str) -> list[tuple[Actor | None, Actor | None]]:
    return [(e.source, e.target) for e in result.events if e.type == kind]


def _country(actor: Actor | None) -> str | None:
    return actor.country if actor is not None else None


GUNSHIPS = (
    "Israeli helicopter gunships fired on two cars in the West Bank on Monday. "
    "Later, gunships destroyed three helicopters belonging to the Palestinian leader in Gaza City."
)


def test_a_bare_noun_takes_the_earlier_mentions_country(nlp: Any) -> None:
    result = _run(nlp, GUNSHIPS)
    later = GUNSHIPS.index("gunships destroyed")
    doers = [s for s, _ in _actors(result, "ASSAULT") if s is not None and s.spans[0][0] == later]
    # (read from the document, not the mention: marked so, as a country of the document's politics is)
    assert doers and doers[0].domestic
    assert doers and _country(doers[0]) == "ISR", [
        (e.type, e.source, e.target) for e in result.events
    ]


def test_the_earlier_country_is_read_on_the_parse(nlp: Any) -> None:
    doc = nlp(GUNSHIPS)
    later = next(t for t in doc if t.idx == GUNSHIPS.index("gunships destroyed"))
    assert earlier_country(later, "2016-06-01") == "ISR"


def test_earlier_mentions_of_two_countries_give_none(nlp: Any) -> None:
    text = (
        "Israeli soldiers and Jordanian soldiers met at the crossing on Sunday. "
        "Later, soldiers attacked a farm."
    )
    doc = nlp(text)
    later = next(t for t in doc if t.idx == text.index("soldiers attacked"))
    assert earlier_country(later, "2016-06-01") is None


def test_no_earlier_mention_gives_none(nlp: Any) -> None:
    text = "Gunships destroyed three helicopters in the city on Monday."
    doc = nlp(text)
    assert earlier_country(doc[0], "2016-06-01") is None


def test_fast_mode_is_left_as_it_was(nlp: Any) -> None:
    later = GUNSHIPS.index("gunships destroyed")
    doers = [
        s
        for s, _ in _actors(_run(nlp, GUNSHIPS, fast=True), "ASSAULT")
        if s is not None and s.spans[0][0] == later
    ]
    assert all(_country(s) is None for s in doers)


def test_a_mention_set_apart_takes_no_earlier_country(nlp: Any) -> None:
    text = (
        "A Chinese official met the delegation on Monday. "
        "The minister said foreign officials should curb their complaints."
    )
    doc = nlp(text)
    later = next(t for t in doc if t.idx == text.index("officials should"))
    assert not _bare(later)


def test_an_earlier_mention_far_back_is_not_read(nlp: Any) -> None:
    filler = "The weather was mild on the day. " * 6
    text = (
        "Israeli helicopter gunships fired on two cars. " + filler + "Gunships destroyed a house."
    )
    doc = nlp(text)
    later = next(t for t in doc if t.idx == text.index("Gunships destroyed"))
    assert earlier_country(later, "2016-06-01") is None


def test_a_thing_named_before_gives_no_country(nlp: Any) -> None:
    text = "The Orlando attack shocked the country. Leaders condemned the attack on Monday."
    result = _run(nlp, text)
    at = text.index("the attack on Monday")
    targets = [
        e.target for e in result.events if e.target is not None and e.target.spans[0][0] == at
    ]
    assert all(t.country != "USA" or t.domestic for t in targets)
