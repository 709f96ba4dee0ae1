"""Actors for events (issue #14.3): sectors of occupational and social groups, one coding path
for events and ``sayso actors``, passive agents, self-targets, weapons and infrastructure."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.cli.actors import explain
from sayso.model import Article, Event
from sayso.pipeline import process_one

DATE = "2024-03-01"


def events(nlp: Any, text: str, date: str = DATE) -> list[Event]:
    result = process_one(Article("t", text, date=date), nlp)
    assert result.error is None
    return result.events


def codes(actor: Any) -> tuple[str | None, str | None]:
    return (actor.country, actor.sector) if actor is not None else (None, None)


@pytest.mark.parametrize(("name", "country", "sector"), [
    ("farmers", None, "AGR"),
    ("doctors", None, "MED"),  # the manual's MED is health (CAMEO's MED was media)
    ("striking nurses", None, "MED"),
    ("students", None, "EDU"),
    ("Kenyan doctors", "KEN", "MED"),
    ("Chilean teachers", "CHL", "EDU"),
    ("pensioners", None, "CVL"),
    ("Canadian truckers", "CAN", "LAB"),
    ("coal miners", None, "LAB"),
    ("Rohingya refugees", None, "REF"),
    ("journalists", None, "JRN"),
])
def test_group_sectors(name: str, country: str | None, sector: str) -> None:
    actor = explain(name, DATE)["actor"]
    assert (actor["country"], actor["sector"]) == (country, sector)


def test_groups_file_is_built_from_the_agents_list() -> None:
    from importlib import resources

    text = resources.files("sayso.data").joinpath("actors_groups.tsv").read_text(encoding="utf-8")
    rows = {line.split("\t")[0]: line.split("\t") for line in text.splitlines() if line and not line.startswith("#")}
    assert rows["FARMER"][1:] == ["AGR", "", "PLOVER_agents.txt"]
    assert rows["DOCTOR"][1] == "MED"
    assert rows["PENSIONER"][3] == "sayso"


NAMES = [
    "the People's Liberation Army", "China's People's Liberation Army", "the PLA",
    "the People’s Liberation Army", "Chinese People’s Liberation Army",
    "Israeli settlers", "Palestinian militants", "the Pentagon", "the Kremlin", "French troops",
    "Russian Foreign Minister Sergei Lavrov", "the Taliban", "Hamas", "NATO", "the European Union",
    "the Syrian government", "Kenyan doctors", "Hong Kong students", "Chinese fishermen",
    "the Red Cross", "the Indian army", "the Free Syrian Army", "Iranian Revolutionary Guards",
    "Ukrainian drones", "Russian warplanes", "the Houthis", "farmers", "Polish truckers",
]
FRAMES = [
    "{Name} attacked the convoy near the border.",
    "On Sunday, {name} fired missiles at the convoy near the border.",
    "The convoy near the border was attacked by {name}.",
    "The Turkish government accused {name} of attacking the convoy.",
]


@pytest.mark.parametrize("date", ["2016-06-01", DATE])
def test_events_and_sayso_actors_code_a_name_alike(nlp: Any, date: str) -> None:
    """One coding path: whatever ``sayso actors NAME`` says is what an event with NAME as its
    doer or recipient says, however the sentence puts it."""
    differ = []
    for name in NAMES:
        alone = explain(name, date)["actor"]
        expected = (alone["country"], alone["sector"])
        seen = 0
        for frame in FRAMES:
            text = frame.format(name=name, Name=name[0].upper() + name[1:])
            start = text.lower().index(name.lower())
            found = [a for e in events(nlp, text, date) for a in (e.source, e.target)
                     if a is not None and any(s <= start < e2 for s, e2 in a.spans)]
            seen += bool(found)
            if found and codes(found[0]) != expected:
                differ.append((name, text, codes(found[0]), expected))
        assert seen >= 2, f"{name!r} is a participant of fewer than two of the frames' events"
    assert not differ


def test_passive_subject_without_a_doer_is_not_the_source(nlp: Any) -> None:
    text = "Russia and the Syrian government have been accused of bombing hospitals in Idlib."
    assert not [e for e in events(nlp, text) if e.source is not None and e.source.country == "RUS"]


def test_passive_agent_is_the_source(nlp: Any) -> None:
    found = events(nlp, "The Syrian government was accused by Turkey of shelling border villages.")
    assert [(e.type, codes(e.source)[0], codes(e.target)[0]) for e in found] == [("ACCUSE", "TUR", "SYR")]


def test_a_government_is_not_its_own_target(nlp: Any) -> None:
    for text in ("French President Emmanuel Macron condemned the strikes in Kyiv.",
                 "Germany's foreign minister condemned the attack on the embassy in Kabul."):
        for event in events(nlp, text):
            assert event.source is not None
            assert event.target is None or codes(event.target) != codes(event.source), text


def test_the_speaker_is_not_the_target_of_its_own_report(nlp: Any) -> None:
    text = "Poland did not plan to send troops to the region, the Polish defence minister said."
    for event in events(nlp, text):
        assert event.target is None or "minister" not in (event.target.name or "")


def test_own_country_news_takes_the_recipient(nlp: Any) -> None:
    found = events(nlp, "Macron said France would send more military aid to Ukraine.")
    assert [codes(e.target)[0] for e in found] == ["UKR"]


def test_weapons_are_not_the_target_infrastructure_is_its_owner(nlp: Any) -> None:
    text = "Russian forces launched dozens of missiles and drones at Ukraine's energy infrastructure."
    found = events(nlp, text)
    assert [(e.type, codes(e.source)[0], codes(e.target)[0]) for e in found] == [("ASSAULT", "RUS", "UKR")]
    assert found[0].target is not None and "drones" not in (found[0].target.name or "")


def test_weapons_stand_for_their_owners_military_or_stay_uncoded(nlp: Any) -> None:
    assert explain("Ukrainian drones", DATE)["actor"]["country"] == "UKR"
    assert explain("Ukrainian drones", DATE)["actor"]["sector"] == "MIL"
    bare = explain("drones", DATE)["actor"]
    assert (bare["country"], bare["sector"]) == (None, None)
    found = events(nlp, "Ukrainian drones hit an oil refinery in Russia's Krasnodar region.")
    assert [(codes(e.source), codes(e.target)[0]) for e in found] == [(("UKR", "MIL"), "RUS")]


def test_groups_file_rebuilds_from_shared(shared_dir: Any) -> None:
    """actors_groups.tsv is exactly what scripts/build_kb.py makes of ../shared."""
    import importlib.util
    from importlib import resources
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("build_kb", script)
    assert spec is not None and spec.loader is not None
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    rows = build_kb.build_groups(build_kb.build_agents(shared_dir / "data" / "dictionaries"))
    text = resources.files("sayso.data").joinpath("actors_groups.tsv").read_text(encoding="utf-8")
    shipped = [tuple(line.split("\t")) for line in text.splitlines()[5:] if line]
    assert shipped == rows
