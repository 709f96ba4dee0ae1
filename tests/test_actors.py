"""Actor coding: nationality, capitals, metonyms, titles, organisations, dated KB rows."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.actors import Context, DocActors, article_date, code_speakers
from sayso.actors.coding import code_tokens, country_sector
from sayso.cli import main
from sayso.knowledge import knowledge, resolve
from sayso.model import Actor, Article, Attribution, Span


def code(nlp: Any, text: str, date: str = "2023-06-01") -> Actor:
    doc = nlp(text)
    actor, _ = code_tokens([t for t in doc], date)
    return actor


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("French troops", "FRA", "MIL"),
        ("Russian forces", "RUS", "MIL"),
        ("the Kremlin", "RUS", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Washington", "USA", "GOV"),
        ("Brussels", "EUR", "GOV"),
        ("NATO", "IGO", "MIL"),
        ("the United Nations", "UNO", "GOV"),
        ("Turkish police", "TUR", "COP"),
        ("the Russians", "RUS", "CVL"),
        ("Germany", "DEU", "GOV"),
    ],
)
def test_text_codes(nlp: Any, text: str, country: str, sector: str) -> None:
    actor = code(nlp, text)
    assert (actor.country, actor.sector) == (country, sector)


def test_title_with_possessive_country(nlp: Any) -> None:
    actor = code(nlp, "Ukraine's defence minister")
    assert actor.country == "UKR"
    assert actor.sector == "GOV"
    assert "MIL" in actor.secondary_sectors


def test_named_person_from_kb(nlp: Any) -> None:
    actor = code(nlp, "Sergei Lavrov", "2024-03-01")
    assert (actor.country, actor.sector, actor.kind) == ("RUS", "GOV", "person")
    assert actor.kb_id == "sergey-lavrov"


@pytest.mark.parametrize(
    ("date", "sector"),
    [("2015-06-01", "GOV"), ("2017-03-01", "OPP"), ("2020-06-01", "GOV")],
)
def test_same_person_different_years(nlp: Any, date: str, sector: str) -> None:
    # Macron: economy minister, then a candidate outside government, then president.
    actor = code(nlp, "Emmanuel Macron", date)
    assert (actor.country, actor.sector) == ("FRA", sector)


def test_trump_in_and_out_of_office(nlp: Any) -> None:
    assert code(nlp, "Donald Trump", "2018-05-01").sector == "GOV"
    assert code(nlp, "Donald Trump", "2022-05-01").sector == "OPP"
    assert code(nlp, "Donald Trump", "2025-05-01").sector == "GOV"


def test_former_title_makes_elite(nlp: Any) -> None:
    actor = code(nlp, "former President Barack Obama", "2020-01-01")
    assert (actor.country, actor.sector) == ("USA", "ELI")


def test_resolve_picks_covering_period() -> None:
    hits = knowledge().lookup("Netanyahu")
    named = next(h.named for h in hits if h.named is not None)
    assert resolve(named, "2022-01-01").sector == "OPP"  # type: ignore[union-attr]
    assert resolve(named, "2024-01-01").sector == "GOV"  # type: ignore[union-attr]


def test_one_actor_per_referent(nlp: Any) -> None:
    text = "Russian Foreign Minister Sergei Lavrov spoke first. Later Lavrov left."
    doc = nlp(text)
    coder = DocActors(doc, Article("d", text, date="2024-01-01"))
    first = coder.code([t for t in doc if t.i < 6])
    later = coder.code([t for t in doc if t.text == "Lavrov" and t.idx > 40])
    assert first.kb_id == later.kb_id == "sergey-lavrov"
    assert later.spans[0][0] > 40


def test_code_speakers_fills_codes(nlp: Any) -> None:
    text = "The Kremlin said the talks had failed."
    doc = nlp(text)
    attribution = Attribution(
        id="a1",
        kind="indirect",
        cue=Span.of(text, [(12, 16)]),
        content=Span.of(text, [(17, 37)]),
        source=Span.of(text, [(0, 11)]),
        speaker=Actor(name="The Kremlin", kind="organization", spans=[(0, 11)]),
    )
    code_speakers([attribution], Context.of(doc, Article("d", text, date="2022-01-01")))
    assert attribution.speaker is not None
    assert (attribution.speaker.country, attribution.speaker.sector) == ("RUS", "GOV")
    assert attribution.speaker.name == "The Kremlin"


def test_kb_person_stays_a_person(nlp: Any) -> None:
    text = "Lavrov said the talks had failed."
    doc = nlp(text)
    attribution = Attribution(
        id="a1", kind="indirect", cue=Span.of(text, [(7, 11)]),
        content=Span.of(text, [(12, 32)]), source=Span.of(text, [(0, 6)]),
        speaker=Actor(name="Lavrov", kind="organization", spans=[(0, 6)]),  # as NER may say
    )
    code_speakers([attribution], Context.of(doc, Article("d", text, date="2022-01-01")))
    assert attribution.speaker is not None
    assert attribution.speaker.kind == "person"
    assert attribution.speaker.kb_id == "sergey-lavrov"


def test_media_outlets_are_media_without_a_borrowed_country(nlp: Any) -> None:
    # Phoenix lists outlets under a bare [MED] code; they once inherited the next group's country.
    for name in ("Reuters", "The Associated Press"):
        actor, _ = code_tokens(list(nlp(name)), "2016-10-15", name)
        assert (actor.country, actor.sector, actor.kind) == (None, "JRN", "organization")


def test_article_date_fallbacks() -> None:
    assert article_date(Article("d", "x", date="2019-04-05T10:00:00Z")) == "2019-04-05"
    assert article_date(Article("d", "x", date="2019")) == "2019-07-01"
    assert article_date(Article("d", "x")) is None  # never today: the output must not age


def test_undated_code_says_so(nlp: Any) -> None:
    """Without a reference date a knowledge-base person gets the latest row and is marked;
    with one, the row of that date and no mark (the JSON has no "undated" key)."""
    tokens = list(nlp("Donald Trump"))
    undated, rules = code_tokens(tokens, None, "Donald Trump")
    assert undated.kb_id is not None and undated.undated
    assert undated.to_dict()["undated"] is True
    assert any("without a date" in rule for rule in rules)
    dated, _ = code_tokens(tokens, "2022-03-01", "Donald Trump")
    assert not dated.undated and "undated" not in dated.to_dict()
    assert dated.sector == "OPP"
    assert code_tokens(list(nlp("the farmers")), None)[0].undated is False


def test_cli_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "Donald", "Trump", "--date", "2022-03-01"]) == 0
    out = capsys.readouterr().out
    assert "OPP" in out and "2021-01-20" in out and "*" in out


def test_cli_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "Lavrov", "--date", "soon"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.shared
def test_knowledge_files_rebuild_from_shared(shared_dir: Any) -> None:
    """The shipped PLOVER/CAMEO knowledge is exactly what scripts/build_kb.py makes of ../shared."""
    import importlib.util
    import json
    from importlib import resources
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("build_kb", script)
    assert spec is not None and spec.loader is not None
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    plover = shared_dir / "data" / "plover"
    table = build_kb.build_cameo(plover)
    data = resources.files("sayso.data")
    shipped = json.loads(data.joinpath("cameo_plover.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(table)) == shipped
    categories = json.loads(json.dumps(build_kb.build_categories(plover, table)))
    assert categories == json.loads(data.joinpath("plover_categories.json").read_text(encoding="utf-8"))
    assert shipped["163"][0] == "SANCTION"  # the manual wins over the 2021 table
    dicts = shared_dir / "data" / "dictionaries"
    countries = build_kb.build_countries(dicts, build_kb.build_actors(dicts)[1])
    assert countries == json.loads(data.joinpath("countries.json").read_text(encoding="utf-8"))


def test_speaker_places_are_the_common_country_names_and_the_seats() -> None:
    """One file per concept: countries.json marks the speaker names among its own names (its
    "common" fields), seats.tsv holds the capitals and buildings; places() joins the two."""
    import json
    from importlib import resources

    from sayso.knowledge.lexicons import places

    data = json.loads(resources.files("sayso.data").joinpath("countries.json").read_text(encoding="utf-8"))
    for item in data.values():
        assert set(item.get("common", ())) | set(item.get("common_adj", ())) <= set(item["names"]) | set(item["adj"])
    table = places()
    kinds = [kind for _code, kind in table.values()]
    assert kinds.count("country") + kinds.count("nationality") == 160
    assert kinds.count("capital") == 76 and kinds.count("institution") == 9
    assert table["prc"] == ("CHN", "country") and table["u.s."] == ("USA", "country")
    assert table["soviet"] == ("SUN", "nationality")  # the historical state, as the gazetteer has it
    assert table["the kremlin"] == ("RUS", "institution") and table["moscow"] == ("RUS", "capital")


def test_country_word_inside_a_person_name_is_not_a_country(nlp: Any) -> None:
    doc = nlp("Trade expert Chad Bown said tariffs hurt farmers, and Chad accused Sudan.")
    person = [t for t in doc if t.text in ("Chad", "Bown")][:2]
    assert code_tokens(person, "2020-01-01")[0].country is None
    state = [t for t in doc if t.text == "Chad"][1]
    assert code_tokens([state], "2020-01-01")[0].country == "TCD"


def test_pronoun_speaker_coded_like_its_referent(nlp: Any) -> None:
    """"He" resolved to a described speaker gets that speaker's sector too."""
    text = "The Russian foreign minister said the talks had failed. He added that Moscow would respond."
    doc = nlp(text)
    first = Actor(name="the Russian foreign minister", kind="person", spans=[(0, 28), (56, 58)])
    again = Actor(name="the Russian foreign minister", kind="person", spans=[(0, 28), (56, 58)])
    attributions = [
        Attribution(id="a1", kind="indirect", cue=Span.of(text, [(29, 33)]), content=Span.of(text, [(34, 54)]),
                    source=Span.of(text, [(0, 28)]), speaker=first),
        Attribution(id="a2", kind="indirect", cue=Span.of(text, [(59, 64)]), content=Span.of(text, [(65, 91)]),
                    source=Span.of(text, [(56, 58)]), speaker=again),
    ]
    code_speakers(attributions, Context.of(doc, Article("d", text, date="2024-01-01")))
    assert (first.country, first.sector) == ("RUS", "GOV")
    assert (again.country, again.sector) == ("RUS", "GOV")


@pytest.mark.parametrize("text", ["Three thousand employees", "workers"])
def test_plural_agent_word_alone_gets_its_sector(nlp: Any, text: str) -> None:
    assert code(nlp, text).sector == "LAB"


def test_the_bloc_is_the_union_named_before(nlp: Any) -> None:
    text = "European Union ministers met on Monday. The bloc's foreign policy chief spoke later."
    doc = nlp(text)
    coder = DocActors(doc, Article("d", text, date="2024-03-01"))
    start = text.index("The bloc")
    actor = coder.code_chars([(start, start + len("The bloc's foreign policy chief"))])
    assert actor.country == "EUR"


def test_described_speaker_is_not_coded_as_the_name_in_its_setting(nlp: Any) -> None:
    from sayso.pipeline import analyse

    text = "Hillary Clinton spoke in Ohio. A narrator in the Clinton ad says the economy is failing."
    result = analyse(nlp(text), Article("d", text, date="2016-10-01"))
    speaker = result.attributions[-1].speaker
    assert speaker is not None and speaker.kb_id is None


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("French troops", 0, 2),
        ("the man in the hat", 0, 5),
        ("workers", 0, 1),
        ("Sergei Lavrov", 0, 2),
        ("the United Nations", 0, 3),
        ("Shelling hit Melitopol.", 2, 3),  # nothing read: the gazetteer's country only
    ],
)
def test_country_sector_agrees_with_code_tokens(nlp: Any, text: str, first: int, last: int) -> None:
    tokens = list(nlp(text))[first:last]
    actor, _ = code_tokens(tokens, "2024-03-01")
    assert country_sector(tokens, "2024-03-01") == (actor.country, actor.sector)


# Issue 13: knowledge-base matches the text contradicts (composed sentences).


def coded_speakers(nlp: Any, text: str, date: str = "2016-10-01") -> dict[str, Actor]:
    from sayso.attributions import extract_attributions

    doc = nlp(text)
    attributions = code_speakers(extract_attributions(doc), Context.of(doc, Article("d", text, date=date)))
    return {a.source.text: a.speaker for a in attributions if a.source is not None and a.speaker is not None}


def test_a_surname_match_needs_the_first_name(nlp: Any) -> None:
    found = coded_speakers(nlp, "Hunter Biden said he had done nothing wrong. "
                                "Chelsea Clinton said her mother would win the debate.")
    assert found["Hunter Biden"].kb_id is None
    assert found["Chelsea Clinton"].kb_id is None and found["Chelsea Clinton"].country is None
    assert found["Hunter Biden"].sector is None  # nor is he a "hunter"
    # The right first name, or a lone surname nothing contradicts, still links.
    found = coded_speakers(nlp, "Joe Biden said the vote mattered. Biden added that it was close.")
    assert found["Joe Biden"].kb_id == found["Biden"].kb_id == "joe-biden"


def test_a_later_surname_follows_the_full_name_of_the_text(nlp: Any) -> None:
    text = ("Libertarian candidate Gary Johnson said taxes were too high. "
            "Johnson added that the debates excluded him.")
    found = coded_speakers(nlp, text)
    # (Gary Johnson, the 2016 Libertarian candidate, is in kb_leaders.tsv now: the surname is
    # his, never Boris Johnson's)
    assert found["Johnson"].kb_id in (None, "gary-johnson") and found["Johnson"].country != "GBR"


def test_a_bulk_kb_row_needs_its_dates_and_support_in_the_text(nlp: Any) -> None:
    text = ("John Williams, the president of the Federal Reserve Bank of New York, said rates "
            "would rise. AT&T chief executive Randall Stephenson said the merger would help "
            "consumers. Stephenson added that prices would fall.")
    found = coded_speakers(nlp, text)
    williams = found["John Williams, the president of the Federal Reserve Bank of New York"]
    assert williams.country != "BRB" and williams.kb_id is None
    assert found["Stephenson"].country != "LCA" and found["Stephenson"].sector != "GOV"
    assert found["AT&T chief executive Randall Stephenson"].kb_id is None


def test_misfits_are_explained(nlp: Any) -> None:
    doc = nlp("John Williams")
    actor, rules = code_tokens(list(doc), "2016-10-01")
    assert actor.kb_id is None and actor.country is None
    assert any(rule.startswith("not phoenix:JOHN WILLIAMS: no row of it covers") for rule in rules)
    actor, _ = code_tokens(list(doc), "2004-06-01")  # inside the row's dates it applies
    assert actor.country == "BRB"


def test_a_name_beside_the_speaker_lends_codes_not_identity(nlp: Any) -> None:
    text = ("Kenneth Moore, a former Obama administration official, said in Washington that the "
            "rules would survive.")
    (actor,) = coded_speakers(nlp, text).values()
    assert actor.name == "Kenneth Moore" and actor.kb_id is None
    assert actor.country == "USA"


def test_a_name_qualifying_a_described_speaker_is_not_its_identity(nlp: Any) -> None:
    text = ("Donald Trump said on Friday that he would win Ohio. The Trump campaign said the polls were wrong. "
            "Clinton supporters said the debate had gone well.")
    found = coded_speakers(nlp, text)
    assert found["Donald Trump"].kb_id == "donald-trump"
    campaign = found["The Trump campaign"]
    assert campaign.kb_id is None and campaign.country == "USA"  # the codes still serve
    assert found["Clinton supporters"].kb_id is None


def test_a_part_of_a_group_named_after_a_person_is_not_that_person(nlp: Any) -> None:
    # "some of Trump's defenders" is a group: Trump's codes serve, his identity does not.
    text = "Donald Trump spoke in Ohio. Some of Trump's defenders said the ambassador was rich."
    found = coded_speakers(nlp, text)
    group = found["Some of Trump's defenders"]
    assert group.kind == "group" and group.kb_id is None and group.country == "USA"


def test_a_name_of_someone_else_lends_nothing(nlp: Any) -> None:
    # "Johnson" here is Gary Johnson's, not Boris Johnson's: no British codes for his doctor.
    text = "Libertarian presidential candidate Gary Johnson's doctor said he was in good health."
    (actor,) = coded_speakers(nlp, text).values()
    assert actor.country != "GBR" and actor.kb_id is None


def test_a_person_from_a_place_is_not_the_government(nlp: Any) -> None:
    # A state acts through its government; a person named with only a place of origin or
    # residence has the country and no sector. An office in the text still gives one.
    resident = code(nlp, "Martin Tallis of Aberdeen, Scotland")
    assert (resident.country, resident.sector, resident.kind) == ("GBR", None, "person")
    assert (code(nlp, "Scotland").country, code(nlp, "Scotland").sector) == ("GBR", "GOV")
    governor = code(nlp, "New Jersey Gov. Chris Christie")
    assert (governor.country, governor.sector) == ("USA", "GOV")


def test_a_country_after_the_office_is_its_subject_not_a_nationality(nlp: Any) -> None:
    # "White House" lends its country to the adviser; "Russia" is what she advises on.
    actor = code(nlp, "White House Russia adviser", "2019-11-20")
    assert actor.country == "USA"


def test_a_nationality_before_the_name_keeps_the_state(nlp: Any) -> None:
    leader = code(nlp, "the Palestinian leader Yasir Arafat", "2030-01-01")
    assert (leader.country, leader.sector) == ("PSE", "GOV")


@pytest.mark.parametrize(
    ("text", "source", "country", "sector"),
    [
        # a spokesperson's body decides the sector: a company is no government
        ("A Boeing spokeswoman said the company was cooperating.", "A Boeing spokeswoman", "MNC", "BUS"),
        ("A spokesman for Exxon said the company would not comment.", "A spokesman for Exxon", "MNC", "BUS"),
        ("A spokeswoman for Acme Widgets Inc. said the plant would close.",
         "A spokeswoman for Acme Widgets Inc.", None, "BUS"),
        ("A spokesman for Zentrolix said the plant would close.", "A spokesman for Zentrolix", None, None),
        ("A spokesman for the State Department said the talks would continue.",
         "A spokesman for the State Department", "USA", "GOV"),
        ("A Pentagon spokesman said the drills would go on.", "A Pentagon spokesman", "USA", "MIL"),
        ("A Russian spokesman said the drills would go on.", "A Russian spokesman", "RUS", "GOV"),
    ],
)
def test_a_spokesperson_is_coded_by_the_body_it_speaks_for(
        nlp: Any, text: str, source: str, country: str | None, sector: str | None) -> None:
    from sayso.pipeline import process_one

    result = process_one(Article("d", text, date="2020-01-01"), nlp)
    (speaker,) = [a.speaker for a in result.attributions if a.source is not None and a.source.text == source]
    assert speaker is not None and speaker.kind == "person"
    assert (speaker.country, speaker.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # a place in a firm's or a paper's own name says where it is from, not that the state acts
        ("The New York Post reported that the deal was off.", "USA", None),
        ("The American Legion said the bill was overdue.", "USA", None),
        # a body's word or an office's title in the name keeps the state
        ("The US Justice Department said the case was closed.", "USA", "GOV"),
        ("The Swedish Prosecution Authority said the case was closed.", "SWE", "GOV"),
    ],
)
def test_a_place_in_a_company_name_is_not_the_state(nlp: Any, text: str, country: str, sector: str | None) -> None:
    from sayso.pipeline import process_one

    result = process_one(Article("d", text, date="2020-01-01"), nlp)
    (speaker,) = [a.speaker for a in result.attributions if a.speaker is not None]
    assert (speaker.country, speaker.sector) == (country, sector)


def test_the_agency_is_a_public_body(nlp: Any) -> None:
    from sayso.pipeline import process_one

    result = process_one(Article("d", "NASA launched the probe. The agency said the probe was healthy.",
                                 date="2020-01-01"), nlp)
    (speaker,) = [a.speaker for a in result.attributions if a.source is not None and a.source.text == "The agency"]
    assert speaker is not None and (speaker.kind, speaker.sector) == ("organization", "GOV")


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # a title shared by state and private offices is of the body named with it
        ("Halvard Moen, chief executive of Nordvik Shipping Ltd", "BUS"),
        ("Petra Lind, vice president of Korvel Inc.", "BUS"),
        ("Ohio State Teachers Federation President Ann Dorsey", "LAB"),
        ("Dana Reyes, local president of the bus drivers' union", "LAB"),
        ("Mina Cole, president of the Westfield Teachers Association", "LAB"),
        ("Lakeview College President Omar Hale", "EDU"),
        ("Korvel's deputy chief executive Arne Dahl", "BUS"),  # no sheriff's deputy
        # a body named only by its own name, no word of a public body in it (round 6)
        ("Jane Roe, vice president of marketing at Zentrix", "BUS"),
        ("Ohio ABC-DEF President Mary Ames", "GOV"),  # an acronym's body: nothing says a firm
        # a public body's president, and one of a body nothing describes, stay GOV
        ("Ruth Adler, president of the Federal Reserve Bank of Dallas", "GOV"),
        ("Lena Varga, president of Zanovia", "GOV"),
    ],
)
def test_shared_title_takes_the_sector_of_its_body(nlp: Any, text: str, sector: str) -> None:
    assert code(nlp, text, "2020-01-01").sector == sector


def test_a_group_takes_its_members_sector(nlp: Any) -> None:
    # "group" alone is UNK; the members named with it say more
    assert code(nlp, "A group of nurses").sector == "MED"
    assert code(nlp, "a group of farmers").sector == "AGR"


def coded_in(nlp: Any, text: str, mention: str, nth: int = 0) -> Actor:
    """The actor of the ``nth`` occurrence of ``mention``, coded with its document around it."""
    doc = nlp(text)
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    coder = DocActors(doc, Article("d", text, date="2016-06-01"))
    return coder.code(list(doc.char_span(start, start + len(mention), alignment_mode="expand")))


@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        ("In Washington, Senate leader Jane Doyle (D-Ore.) attacked the plan.", "Jane Doyle (D-Ore.", "USA", "PTY"),
        ("In Ohio, Gov. Tom Briggs (R) vetoed the bill.", "Gov. Tom Briggs (R", "USA", "GOV"),
        ("In Chicago, angry Republicans criticized the president.", "angry Republicans", "USA", "PTY"),
        ("In Chicago, the Democratic presidential candidate spoke.", "the Democratic presidential candidate", "USA", "PTY"),
        ("In Leeds, three Labour MPs criticized the budget.", "three Labour MPs", "GBR", "LEG"),
    ],
)
def test_party_words_give_the_country(nlp: Any, text: str, mention: str, country: str, sector: str) -> None:
    actor = coded_in(nlp, text, mention)
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # another country's party of the same name, or a party word inside another name
        ("In Ankara, Republican lawmakers from Turkey's opposition spoke.", "Republican lawmakers"),
        ("Officials of the Democratic Republic of Congo spoke.", "Officials of the Democratic Republic"),
        ("Guards of the Iraqi Republican Guard fired.", "Guards"),
    ],
)
def test_party_words_yield_to_other_countries(nlp: Any, text: str, mention: str) -> None:
    actor = coded_in(nlp, text, mention)
    assert actor.country != "USA"


def test_a_trade_word_after_an_honorific_is_a_surname(nlp: Any) -> None:
    # "Mr Farmer" is no farmer, "Dr Cook" no cook: the honorific makes the word a surname.
    assert code(nlp, "Mr Farmer").sector is None
    assert code(nlp, "Dr Cook").sector is None
    # The trade word itself, and a title after an honorific, keep their codes.
    assert code(nlp, "the farmer").sector == "AGR"
    assert code(nlp, "Mr President").sector == "GOV"
    found = coded_speakers(nlp, "The council's Frank Farmer says it is a wake-up call. "
                                '"We need to be reminded," Mr Farmer said.')
    assert found["Mr Farmer"].sector != "AGR"


def test_officials_of_a_private_body_take_its_sector(nlp: Any) -> None:
    # "officials" is the state's by default; beside a hospital, a firm or a university it is
    # that body's people, the GOV kept as a secondary code.
    hospital = code(nlp, "Palestinian hospital officials")
    assert (hospital.country, hospital.sector) == ("PSE", "MED") and "GOV" in hospital.secondary_sectors
    assert code(nlp, "company officials").sector == "BUS"
    assert code(nlp, "university authorities").sector == "EDU"
    # Alone, or with a country only, the default stands.
    assert code(nlp, "Israeli officials").sector == "GOV"
    assert code(nlp, "officials").sector == "GOV"
    # A public body's name keeps the state's code ("Health Department": the county's).
    assert code(nlp, "Berrien County Health Department officials").sector == "GOV"


def test_a_sports_coach_is_a_civilian_not_the_city(nlp: Any) -> None:
    coach = code(nlp, "Oklahoma City coach Billy Donovan")
    assert (coach.country, coach.sector) == ("USA", "CVL")
    assert code(nlp, "Oklahoma City Mayor David Holt").sector == "GOV"


def test_a_teams_captain_is_a_player_not_an_officer(nlp: Any) -> None:
    # "captain" alone is a military rank (CAMEO); a sport's or a team's captain is a civilian.
    skipper = code(nlp, "New Zealand rugby captain Tom Hale")
    assert (skipper.country, skipper.sector) == ("NZL", "CVL")
    assert code(nlp, "the team captain").sector == "CVL"
    assert code(nlp, "army captain Paul Reed").sector == "MIL"
    assert code(nlp, "police captain Ann Lee").sector == "COP"
    # a country's or a club's captain, in lower case after the name, leads a side (round 6)
    assert (code(nlp, "Pakistani captain Imran Ali").country, code(nlp, "Pakistani captain Imran Ali").sector) == ("PAK", "CVL")
    assert code(nlp, "Mets captain David Wright").sector == "CVL"
    assert code(nlp, "Marine captain Joe Blow").sector == "MIL"
    assert code(nlp, "Army captain Joe Blow").sector == "MIL"
    assert code(nlp, "Captain John Smith").sector == "MIL"


def test_an_office_in_the_text_beats_an_undated_elite_row(nlp: Any) -> None:
    # Phoenix's rows with no dates only know some people as the elite (ELI); a title the text
    # gives them names the office they hold then. "former" keeps ELI.
    peres = code(nlp, "Foreign Minister Shimon Peres", "2001-12-31")
    assert (peres.country, peres.sector) == ("ISR", "GOV")
    assert code(nlp, "former Foreign Minister Shimon Peres", "2001-12-31").sector == "ELI"
    assert code(nlp, "Shimon Peres", "2001-12-31").sector == "ELI"
    # a post told after the name is often a past one: left to the knowledge base
    assert code(nlp, "Shimon Peres, the foreign minister", "2001-12-31").sector == "ELI"


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # someone in or from a place that a prepositional phrase names is not its state
        ("Many in Scotland", "GBR", None),
        ("the owner of a cafe in New South Wales", "AUS", None),
        ("a ceasefire in eastern Ukraine", "UKR", "GOV"),  # a thing there: left as read
        ("people familiar with French policy", "FRA", None),
        # the place itself, a title or a body with it still acts for the state
        ("Scotland", "GBR", "GOV"),
        ("officials in Kabul", "AFG", "GOV"),
        ("the Palestinian leader", "PSE", "GOV"),
    ],
)
def test_someone_in_a_place_is_not_its_state(nlp: Any, text: str, country: str, sector: str | None) -> None:
    actor = code(nlp, text, "2001-12-31")
    assert (actor.country, actor.sector) == (country, sector)


def test_field_words_and_modifying_people_words(nlp: Any) -> None:
    # "military" before an analyst is the field studied; "family" before "medicine" no family
    assert code(nlp, "a veteran military analyst").sector != "MIL"
    assert code(nlp, "Ann Hill, a Denver family medicine doctor").sector == "MED"
    assert code(nlp, "family members").sector == "CVL"
    assert code(nlp, "a military spokesman").sector == "MIL"


@pytest.mark.parametrize(
    ("text", "mention", "nth", "country"),
    [
        # a person named in full elsewhere in the document with a country, before or after
        ("Vermont Sen. Bernie Sanders spoke in Iowa. Hillary Clinton accused Sanders of lying.", "Sanders", 1, "USA"),
        ("Hillary Clinton accused Bernie Sanders of lying. Sanders is Vermont's Sen. Bernie Sanders.",
         "Bernie Sanders", 0, "USA"),
        ("Rep. Peter Welch, a Vermont Democrat, spoke on Monday. Welch criticized the plan.", "Welch", 1, "USA"),
        # another given name is another person; a person named nowhere with a country gets none
        ("Vermont Sen. Bernie Sanders spoke in Iowa. Later Larry Sanders criticized the plan.", "Larry Sanders", 0, None),
        ("Jonas Brandt spoke in Iowa. Later Brandt criticized the plan.", "Brandt", 1, None),
    ],
)
def test_a_person_takes_the_country_of_its_other_mentions(nlp: Any, text: str, mention: str, nth: int,
                                                          country: str | None) -> None:
    assert coded_in(nlp, text, mention, nth).country == country


def test_a_surname_that_is_a_nationality_word_is_the_person(nlp: Any) -> None:
    text = "Billionaire Mark Cuban praised the plan. Cuban also criticized the senator."
    assert coded_in(nlp, text, "Cuban", 1).country is None
    # without the person named in full it stays the nationality
    assert coded_in(nlp, "Cuban officials criticized the plan in Havana.", "Cuban officials").country == "CUB"


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Sen. Ted Cruz criticized the U.S. trade policy.", "Sen. Ted Cruz", "USA"),
        ("Georgia Gov. Nathan Deal criticized the U.S. trade policy.", "Georgia Gov. Nathan Deal", "USA"),
        # the Philippines' press writes the same titles; a document naming no USA says nothing
        ("Sen. Leila Cortes criticized the U.S. and the Philippines.", "Sen. Leila Cortes", None),
        ("Sen. Amos Tall criticized the plan.", "Sen. Amos Tall", None),
        # the country Georgia is not the state
        ("Georgian President Anna Kova met U.S. envoys in Tbilisi.", "Georgian President Anna Kova", "GEO"),
    ],
)
def test_us_titles_give_the_usa(nlp: Any, text: str, mention: str, country: str | None) -> None:
    assert coded_in(nlp, text, mention).country == country


def test_a_us_state_is_in_the_usa_before_another_countrys_town() -> None:
    from sayso.knowledge.gazetteer import lookup_place

    for state in ("Florida", "Colorado", "Texas"):
        place = lookup_place(state)
        assert place is not None and place["country"] == "USA"
    assert lookup_place("Georgia") is None or lookup_place("Georgia")["country"] != "USA"
    place = lookup_place("Miami")
    assert place is not None and place["country"] == "USA"
    # a US city of a state's name stays the city
    place = lookup_place("New York")
    assert place is not None and place["lat"] is not None


def test_pres_is_a_title_not_a_given_name(nlp: Any) -> None:
    assert code(nlp, "Pres. Obama", "2016-06-01").country == "USA"


def test_new_england_is_a_us_region(nlp: Any) -> None:
    assert code(nlp, "the campaign's New England director", "2016-06-01").country == "USA"
    assert code(nlp, "English officials", "2016-06-01").country == "GBR"


def test_an_apposition_gives_a_state_not_a_subject(nlp: Any) -> None:
    # "Republican of Arizona" says where the person is from; a topic in the apposition does not
    text = "Rep. Trey Gowdy, chairman of the Benghazi panel, spoke. Gowdy criticized the report."
    assert coded_in(nlp, text, "Gowdy", 1).country != "LBY"
    text = "Senator Jeff Moran, Republican of Arizona, spoke. Moran criticized the report."
    assert coded_in(nlp, text, "Moran", 1).country == "USA"


def test_a_super_pac_is_american(nlp: Any) -> None:
    assert coded_in(nlp, "The super PAC has spent $2 million in the U.S. race.", "The super PAC").country == "USA"
    # in another country's report it says nothing
    assert coded_in(nlp, "The PAC rally in Lagos drew Nigerian voters.", "The PAC rally").country != "USA"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # An attorney general is the government's chief law officer (GOV), however spelled: the
        # agents list's hyphenated JUD entry takes the spaced entry's GOV.
        ("Attorney-General Christian Porter", "GOV"),
        ("the attorney general", "GOV"),
        ("defense attorney John Doe", "JUD"),
        # A telecom or software multinational is a business, not the news media.
        ("Google", "BUS"),
        ("Verizon", "BUS"),
        ("The New York Times", "JRN"),
    ],
)
def test_law_officers_and_tech_firms(nlp: Any, text: str, sector: str) -> None:
    assert code(nlp, text).sector == sector


@pytest.mark.parametrize(
    ("text", "sector", "kind"),
    [
        # "representatives of X" speak for X; the title and the chamber stay legislative.
        ("representatives of Epstein's family", "CVL", "group"),
        ("representatives from Google", "BUS", "group"),
        ("Representative Ilhan Omar", "LEG", "person"),
        ("Rep. Adam Schiff", "LEG", "person"),
        ("the House of Representatives", "LEG", "group"),
    ],
)
def test_representatives_of_a_body(nlp: Any, text: str, sector: str, kind: str) -> None:
    actor = code(nlp, text)
    assert (actor.sector, actor.kind) == (sector, kind)


@pytest.mark.shared
def test_agents_and_firms_rebuild_rules(shared_dir: Any) -> None:
    """build_kb: hyphenated agent words take their spaced twin's codes; MNC media codes of
    telecom and computer firms become BUS, newspapers keep JRN."""
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_kb.py"
    spec = importlib.util.spec_from_file_location("build_kb", script)
    assert spec is not None and spec.loader is not None
    build_kb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_kb)
    agents = build_kb.build_agents(shared_dir / "data" / "dictionaries")
    assert agents["ATTORNEY-GENERAL"] == agents["ATTORNEY GENERAL"] == ["GOV"]
    assert agents["ATTORNEY"] == ["JUD"]
    assert build_kb.parse_codes(build_kb._as_business("GOOGLE_ [MNCUSAMED]")) == [{"c": "MNC", "s": "BUS"}]
    actors, _ = build_kb.build_actors(shared_dir / "data" / "dictionaries")
    assert actors["GOOGLE"]["codes"][0]["s"] == "BUS"
    assert actors["A.H. BELO CORPORATION"]["codes"][0]["s"] == "JRN"  # newspapers stay media


def test_a_multinational_of_the_knowledge_base_is_an_organisation(nlp: Any) -> None:
    # Phoenix's MNC rows (Google, Wells Fargo) give no kind; a firm is never a person.
    google = code(nlp, "Google")
    assert (google.kind, google.sector) == ("organization", "BUS")
    assert code(nlp, "Vladimir Putin").kind == "person"


@pytest.mark.parametrize("name", ["The European Union", "the Revolutionary United Front",
                                  "the Sudan People's Liberation Movement"])
def test_a_body_of_the_knowledge_base_is_an_organisation(nlp: Any, name: str) -> None:
    # Phoenix rows of unions, fronts and movements give no kind: their last word says it.
    assert code(nlp, name).kind == "organization"
    assert code(nlp, "Bashar al-Assad").kind == "person"


@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        ("Trump said CNN had treated him unfairly.", "CNN", "USA", "JRN"),
        ("The senator criticized Fox News for the report.", "Fox News", "USA", "JRN"),
        ("The Washington Post accused the mayor of lying.", "The Washington Post", "USA", "JRN"),
        ("The campaign sued the DNC on Friday.", "the DNC", "USA", "PTY"),
    ],
)
def test_us_national_outlets_and_party_committees(nlp: Any, text: str, mention: str, country: str,
                                                  sector: str) -> None:
    actor = coded_in(nlp, text, mention)
    assert (actor.country, actor.sector) == (country, sector)


US_POLITICS = ("Republicans and Democrats clashed again on Tuesday. The Republican front-runner spoke in "
               "Iowa, and Democratic leaders were worried. His campaign sued the state party on Friday. "
               "Art Halvorson blasted Bill Shuster for his lobbying. Party leaders criticized Halvorson. "
               "In Syria, rebels attacked government forces.")


@pytest.mark.parametrize(
    ("mention", "nth", "country"),
    [
        ("His campaign", 0, "USA"),
        ("Party leaders", 0, "USA"),
        ("Art Halvorson", 0, "USA"),
        ("Halvorson", 1, "USA"),
        # a sentence that names another country keeps its own actors uncoded by the document
        ("rebels", 0, None),
        ("government forces", 0, None),
    ],
)
def test_a_document_about_one_countrys_politics_gives_its_bodies_that_country(
        nlp: Any, mention: str, nth: int, country: str | None) -> None:
    actor = coded_in(nlp, US_POLITICS, mention, nth)
    assert actor.country == country
    assert actor.domestic == (country == "USA")


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        # another country's politics: its own party words, never the USA
        ("The Labour government in Leeds faced a vote. Labour MPs and the Tory whips argued. "
         "Party leaders criticized the Conservatives.", "Party leaders", "GBR"),
        # too few party words: no document country
        ("Australian Prime Minister Jan Moss met unions in Sydney. Party leaders criticized the "
         "decision. Republicans in Washington said nothing.", "Party leaders", None),
        ("Workers protested outside the factory on Monday. The company said nothing.", "Workers", None),
    ],
)
def test_no_document_country_outside_one_countrys_politics(nlp: Any, text: str, mention: str,
                                                           country: str | None) -> None:
    assert coded_in(nlp, text, mention).country == country


def test_a_country_from_the_document_is_no_event_evidence() -> None:
    from sayso.model import own_country

    filled = Actor(name="His campaign", country="USA", domestic=True)
    assert own_country(filled) is None
    assert own_country(Actor(name="Sen. Ted Cruz", country="USA")) == "USA"
    assert "domestic" not in filled.to_dict()


def test_lone_surname_tagged_org_is_the_person_named_in_full(nlp: Any) -> None:
    # A surname alone that the tagger calls an organisation ("Pembrook has refused ...") is the
    # person the document names in full, with that person's country (issue #14, roles).
    from spacy.tokens import Span as SpacySpan

    text = "Sen. Walter Pembrook (R-Iowa) spoke on Monday. Later Pembrook refused to hold hearings."
    doc = nlp(text)
    lone = next(t for t in doc if t.text == "Pembrook" and t.idx > 40)
    doc.ents = [e for e in doc.ents if not (e.start <= lone.i < e.end)]
    doc.ents = [*doc.ents, SpacySpan(doc, lone.i, lone.i + 1, label="ORG")]
    coder = DocActors(doc, Article("d", text, date="2016-06-01"))
    actor = coder.code([lone])
    assert actor.kind == "person"
    assert actor.country == "USA"


@pytest.mark.parametrize(
    ("name", "date", "country", "sector"),
    [
        ("Bernie Sanders", "2016-03-01", "USA", "LEG"),
        ("Ted Cruz", "2016-03-01", "USA", "LEG"),
        ("Marco Rubio", "2016-03-01", "USA", "LEG"),
        ("Marco Rubio", "2025-06-01", "USA", "GOV"),
        ("John Kasich", "2016-03-01", "USA", "GOV"),
        ("Debbie Wasserman Schultz", "2016-03-01", "USA", "PTY"),
        ("Sadiq Khan", "2017-03-01", "GBR", "GOV"),
    ],
)
def test_dated_us_politicians_of_2016(nlp: Any, name: str, date: str, country: str, sector: str) -> None:
    actor = code(nlp, name, date)
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "country"),
    [("Islamic Jihad", "PSE"), ("Palestinian Islamic Jihad", "PSE"), ("Egyptian Islamic Jihad", "EGY")],
)
def test_islamic_jihad_is_palestinian_unless_named_otherwise(nlp: Any, text: str, country: str) -> None:
    assert code(nlp, text, "2002-01-01").country == country


def test_phoenix_horizon_is_no_start_of_office(nlp: Any) -> None:
    # Phoenix dates many offices from 2003-01-01, its own horizon: a 2002 text naming the
    # office holder still gets the code.
    text = "Foreign Minister Alexander Downer said Australia would act."
    doc = nlp(text)
    coder = DocActors(doc, Article("d", text, date="2002-01-01"))
    actor = coder.code([t for t in doc if t.i < 4])
    assert (actor.country, actor.kb_id) == ("AUS", "phoenix:ALEXANDER DOWNER")


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("the Justice Department", "USA", "GOV"),
        ("the Department of Homeland Security", "USA", "GOV"),
        ("Facebook", "USA", "BUS"),
        ("Twitter", "USA", "BUS"),
        ("Qantas", "AUS", "BUS"),
    ],
)
def test_us_departments_and_companies_named_alone(nlp: Any, text: str, country: str, sector: str) -> None:
    # Bodies named with no country word: the US federal departments' own short names, and
    # companies whose country is their seat (issue #14, roles).
    actor = code(nlp, text, "2016-06-01")
    assert (actor.country, actor.sector) == (country, sector)


def test_a_unions_people_are_labour(nlp: Any) -> None:
    # round 7: a union word heading the mention, or the name the speaker is of, makes the
    # speaker the union's (LAB), whatever an occupation or "officials" says
    assert code(nlp, "Union leaders").sector == "LAB"
    assert code(nlp, "nurses unions").sector == "LAB"
    assert code(nlp, "Unions representing Boeing factory workers").sector == "LAB"
    assert code(nlp, "The Canadian Postal Union's Mary Dunn").sector == "LAB"
    # names the knowledge base or the gazetteer knows, a credit union and "Union of ..." stay
    assert code(nlp, "The European Union").sector == "GOV"
    assert code(nlp, "The Africa Union").sector != "LAB"  # (misspelt: a union of states)
    assert code(nlp, "A credit union spokesman").sector == "BUS"
    assert code(nlp, "The Union of Concerned Scientists").sector != "LAB"
    assert code(nlp, "A lawyer for the union").sector == "JUD"


def test_a_leaders_administration_is_the_government(nlp: Any) -> None:
    # "the Clinton administration" is the state acting, though the person's row says ELI then
    actor = code(nlp, "the Clinton administration", date="2016-05-01")
    assert (actor.country, actor.sector, actor.kind) == ("USA", "GOV", "organization")
    assert code(nlp, "Bill Clinton", date="2016-05-01").sector != "GOV"


def test_a_country_before_an_expert_is_the_field(nlp: Any) -> None:
    # "a Russia expert" studies Russia; "a Russian expert" is Russian
    assert code(nlp, "Ann Hill, a Russia scholar at the Brookings Institution in Washington").country == "USA"
    assert code(nlp, "A Russian scholar").country == "RUS"


def test_opposition_people_lead_with_opp(nlp: Any) -> None:
    # the agent list's CVL+OPP: OPP is what the text says of them, CVL only that they hold no office
    assert code(nlp, "Opposition Leader Maria Kerr").sector == "OPP"
    assert code(nlp, "two opposition activists").sector == "OPP"
    assert code(nlp, "an opposition journalist").sector == "JRN"  # (another sector stays first)


def test_then_title_dates_the_office(nlp: Any) -> None:
    # "then-president X": the office at the time told wins over a dated ELI row of the article's date
    assert code(nlp, "then-president Suharto", "2003-05-01").sector == "GOV"
    assert code(nlp, "the then president Suharto", "2003-05-01").sector == "GOV"
    assert code(nlp, "former president Suharto", "2003-05-01").sector == "ELI"
    assert code(nlp, "Suharto", "2003-05-01").sector == "ELI"


def test_refugee_advocacy_bodies_are_civil_society(nlp: Any) -> None:
    # a body named for helping refugees is SOC; the refugees themselves stay REF
    assert code(nlp, "Refugee support groups in Perth").sector == "SOC"
    assert code(nlp, "a refugee rights network").sector == "SOC"
    assert code(nlp, "refugees from the north").sector == "REF"
    assert code(nlp, "refugee families").sector == "REF"


def test_a_relative_is_not_coded_as_the_person_named_after(nlp: Any) -> None:
    # "the wife of one employee" is no worker; an office holder's relative is ELI (the manual)
    assert code(nlp, "the husband of a bank clerk").sector is None
    assert code(nlp, "relatives of the miners").sector is None
    assert code(nlp, "the son of a cabinet minister").sector == "ELI"
    assert code(nlp, "the father of a soldier").sector != "MIL"
    assert code(nlp, "a mine worker").sector == "LAB"


def test_who_cites_the_speaker_gives_no_codes(nlp: Any) -> None:
    # "sources cited by a Taiwanese paper": the paper's country and sector are not the sources'
    assert code(nlp, "factory sources cited by the Taiwanese newspaper Daily Ledger").country is None
    assert code(nlp, "supply chain sources quoted by a newspaper in Taipei").country is None
    assert code(nlp, "Taiwanese factory sources").country == "TWN"


def test_a_bank_is_a_business(nlp: Any) -> None:
    # "Western banks" are firms (BUS), not the state; a central bank is; a capitalised "Bank" is
    # part of a name and codes nothing by itself
    assert code(nlp, "Brazilian banks").sector == "BUS"
    assert code(nlp, "the country's central bank").sector == "GOV"
    assert code(nlp, "the local food bank").sector == "SOC"
    assert code(nlp, "the Bank of Freedonia").sector is None


def test_plain_campaigners_are_no_opposition(nlp: Any) -> None:
    # only a phrase that says "opposition" leads with OPP; a bank's longer name keeps its phrase
    assert code(nlp, "Animal welfare campaigners").sector == "CVL"
    assert code(nlp, "The Reserve Bank").sector == "GOV"
    assert code(nlp, "the bank").sector is None  # (points back at a named bank of any kind)


# A short campaign story: one party word, but several people it names in full are American.
SHORT_CAMPAIGN = ("Sen. Ted Cruz criticized the tax plan on Monday, and Hillary Clinton defended it. "
                  "A Republican aide said Mark Ellery had disputed the figures. Members of the press asked "
                  "Ellery about it. Her lawyer, Dana Whitcombe, rejected the claim. The Halvorsen Institute "
                  "filed a complaint.")


@pytest.mark.parametrize(
    ("mention", "country"),
    [
        ("Mark Ellery", "USA"),
        ("Members of the press", "USA"),  # ("member": a person in a body of its politics)
        ("Her lawyer, Dana Whitcombe", "USA"),  # (a person named in an apposition)
        ("The Halvorsen Institute", "USA"),  # (a body's own name the knowledge base lacks)
    ],
)
def test_one_party_word_and_the_people_named_make_a_document_country(nlp: Any, mention: str,
                                                                     country: str) -> None:
    actor = coded_in(nlp, SHORT_CAMPAIGN, mention)
    assert (actor.country, actor.domestic) == (country, True)


def test_a_stray_party_word_of_another_country_leaves_the_document_country(nlp: Any) -> None:
    text = ("Republicans and Democrats clashed on Tuesday. The GOP nominee spoke in Iowa, and Democratic "
            "leaders were worried; a Labour MP in London was asked about it. His campaign sued the "
            "state party.")
    assert coded_in(nlp, text, "His campaign").country == "USA"
    # one party word and no one named in full: no document country
    assert coded_in(nlp, "Republicans were quiet. His campaign sued the state party.", "His campaign").country is None


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("a French ferry", "FRA"),
        ("the Ukrainian border", "UKR"),
        ("Lviv region", "UKR"),
        ("Chinese fishing vessels", "CHN"),
        ("Russian airspace", "RUS"),
    ],
)
def test_a_place_or_a_craft_keeps_its_country_and_takes_no_sector(nlp: Any, text: str, country: str) -> None:
    # whose or where it is, not who acts: the country stays, the state's GOV does not come
    actor = code(nlp, text)
    assert (actor.country, actor.sector) == (country, None)


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("the Ukrainian border guards", "UKR", None),  # (the head is the guards: an actor)
        ("Chinese coast guard ships", "CHN", "MIL"),  # (the owner the mention names gives its sector)
        ("Russian missiles", "RUS", "MIL"),  # (weapons stand for the military)
        ("the Russian delegation", "RUS", "GOV"),
        ("his Turkish counterpart", "TUR", "GOV"),
    ],
)
def test_actors_beside_place_words_keep_their_sector(nlp: Any, text: str, country: str, sector: str | None) -> None:
    actor = code(nlp, text)
    assert actor.country == country
    if sector is not None:
        assert actor.sector == sector
    else:
        assert actor.sector is not None
