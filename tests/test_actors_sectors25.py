"""Sector codes of speakers and event actors (issues #13/#14, twenty-fifth session, sectors25):
health specialists and sports teams from the groups file, and a common-noun chief executive.
Every sentence here is our own."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.cli.actors import explain
from sayso.model import Article
from sayso.pipeline import process_one

DATE = "2002-03-01"


def coded(name: str, date: str = DATE) -> tuple[str | None, str | None]:
    actor = explain(name, date)["actor"]
    return actor["country"], actor["sector"]


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        # health specialists: the manual's MED, not the state of the city before them
        ("a Perth virologist", "AUS", "MED"),
        ("A leading Brisbane epidemiologist", "AUS", "MED"),
        ("the hospital's microbiologist", None, "MED"),
        ("Canadian pathologists", "CAN", "MED"),
        # sports teams and players are civilians
        ("the Indian cricket team", "IND", "CVL"),
        ("the French rugby team", "FRA", "CVL"),
        ("Pakistani batsman Imran Qadir", "PAK", "CVL"),
        ("the Brazilian national team", "BRA", "CVL"),
    ],
)
def test_group_words_give_the_sector(name: str, country: str | None, sector: str) -> None:
    assert coded(name) == (country, sector)


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("the Australian negotiating team", "AUS", "GOV"),  # a team of the state stays the state's
        ("Indian doctors", "IND", "MED"),
        ("the Indian government", "IND", "GOV"),
    ],
)
def test_other_teams_and_groups_keep_their_codes(
    name: str, country: str | None, sector: str
) -> None:
    assert coded(name) == (country, sector)


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        ("Chief executive Mary Holloway", "BUS"),  # a common noun: a firm's
        ("the chief executive", "BUS"),
        ("deputy chief executive Tom Reilly", "BUS"),
        ("Chief Executive Tung Chee-hwa", "GOV"),  # the capitalised office of a government
        ("the Hong Kong chief executive", "GOV"),  # a place names whose office it is
        ("the hospital's chief executive", "MED"),  # the body's own sector, as before
    ],
)
def test_common_noun_chief_executive(name: str, sector: str) -> None:
    assert coded(name)[1] == sector


def test_groups_file_holds_the_new_rows() -> None:
    from importlib import resources

    text = resources.files("sayso.data").joinpath("actors_groups.tsv").read_text(encoding="utf-8")
    rows = {
        line.split("\t")[0]: line.split("\t")
        for line in text.splitlines()
        if line and not line.startswith("#")
    }
    assert rows["VIROLOGIST"][1:] == ["MED", "", "sayso"]
    assert rows["CRICKET TEAM"][1:] == ["CVL", "", "sayso"]
    assert rows["CARDIOLOGIST"][3] == "PLOVER_agents.txt"  # the list's own rows stay its own


def test_speaker_and_sayso_actors_agree(nlp: Any) -> None:
    """One coding path: the speaker of an attribution is coded as ``sayso actors`` codes it."""
    text = (
        '"Resistance will keep rising," a leading Perth virologist said on Monday. '
        "Chief executive Mary Holloway said the firm would hire staff."
    )
    result = process_one(Article("t", text, date=DATE), nlp)
    assert result.error is None
    got = {
        a.source.text: (a.speaker.country, a.speaker.sector)
        for a in result.attributions
        if a.source is not None and a.speaker is not None
    }
    assert (
        got["a leading Perth virologist"] == coded("a leading Perth virologist") == ("AUS", "MED")
    )
    assert (
        got["Chief executive Mary Holloway"][1]
        == coded("Chief executive Mary Holloway")[1]
        == "BUS"
    )


@pytest.mark.parametrize(
    "name", ["the service's chief executive officer, Ann Lowe", "its chief executive"]
)
def test_an_owned_chief_executive_keeps_the_default(name: str) -> None:
    """An owner points back at a body named elsewhere, of whatever kind (a public health
    service's chief executive is the state's): the list's default stands."""
    assert coded(name)[1] == "GOV"


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("three Palestinians", "PSE", "CVL"),  # people, as "five Russians" and "Iraqis" are
        ("two Israelis", "ISR", "CVL"),
        ("five Russians", "RUS", "CVL"),
        ("Israel", "ISR", "GOV"),  # the country itself stays its state
        ("the Palestinian leadership", "PSE", "GOV"),
        ("the Philippines", "PHL", "GOV"),  # a plural country name is no nationality
    ],
)
def test_plural_nationality_words_are_people(name: str, country: str, sector: str) -> None:
    assert coded(name) == (country, sector)


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("the Japanese e-commerce giant", "JPN", "BUS"),
        ("a Taiwanese chipmaker", "TWN", "BUS"),
        ("German drugmakers", "DEU", "BUS"),
        ("UN-brokered talks", "UNO", "GOV"),  # the verb is no broker: no BUS (BROKER left out)
        ("the oil giant", None, "BUS"),
    ],
)
def test_firms_named_by_their_trade(name: str, country: str | None, sector: str) -> None:
    assert coded(name) == (country, sector)


def test_event_actors_and_sayso_actors_agree(nlp: Any) -> None:
    """One coding path: an event's recipient is coded as ``sayso actors`` codes the name."""
    text = "Israeli soldiers shot three Palestinians near the checkpoint on Friday."
    result = process_one(Article("t", text, date=DATE), nlp)
    assert result.error is None
    targets = [e.target for e in result.events if e.target is not None]
    assert targets, "the sentence should yield an event with a recipient"
    assert (targets[0].country, targets[0].sector) == coded("three Palestinians") == ("PSE", "CVL")


@pytest.mark.parametrize(
    ("name", "sector", "secondary"),
    [
        ("Ruth Amsel, an immunologist at Monash University", "EDU", ["MED"]),
        ("a nurse at the school", "EDU", ["MED"]),
        ("a teacher at the hospital", "MED", ["EDU"]),
        ("a researcher at the University of Sydney", "EDU", []),  # one sector, as before
        ("protesters at the embassy", "CVL", ["GOV"]),  # where they are, not whom they work for
    ],
)
def test_the_employer_after_at_leads(name: str, sector: str, secondary: list[str]) -> None:
    actor = explain(name, DATE)["actor"]
    assert (actor["sector"], actor["secondary_sectors"]) == (sector, secondary)


@pytest.mark.parametrize(
    ("name", "sector"), [("The Palestinians", "GOV"), ("dozens of Palestinians", "CVL")]
)
def test_only_counted_nationals_are_people(name: str, sector: str) -> None:
    """Uncounted, "The Palestinians called the meeting a failure" speaks for their side."""
    assert coded(name)[1] == sector


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("a suicide bomber", None, "REB"),  # the agents list's SUICIDE_BOMBER, not an aircraft
        ("two Palestinian suicide bombers", "PSE", "REB"),
        ("Israeli bombers", "ISR", "MIL"),  # aircraft stay the state's military
        ("Russian fighter bombers", "RUS", "MIL"),
    ],
)
def test_suicide_bombers_are_people(name: str, country: str | None, sector: str) -> None:
    assert coded(name) == (country, sector)
