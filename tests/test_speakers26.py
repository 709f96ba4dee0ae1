"""Speakers and their codes as an analyst reads a store (issue #13 item 5; speak26): composed
sentences and made-up store rows, never article text."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from sayso.actors.coding import code_tokens
from sayso.attributions.speakers import bare_name
from sayso.model import Actor, Article
from sayso.pipeline import process_one
from sayso.store.db import schema_sql
from sayso.store.rows import digest
from sayso.store.speakers import resolve, settle_actor_ids


def speakers(nlp: Any, text: str, date: str = "2016-06-01", fast: bool = False) -> list[Actor]:
    result = process_one(Article("t", text, date=date), nlp, fast=fast)
    return [a.speaker for a in result.attributions if a.source and a.speaker]


def coded(nlp: Any, mention: str, date: str) -> Actor:
    return code_tokens(list(nlp(mention)), date)[0]


# -- (1) a title and a surname name whoever held the office on the article's date -------------


def test_a_title_and_surname_is_the_holder_on_the_date(nlp: Any) -> None:
    # The bulk lists key "PRESIDENT BUSH" to the father; in 2002 the son held the office.
    assert coded(nlp, "President Bush", "2002-05-01").kb_id == "phoenix:GEORGE W. BUSH"
    assert coded(nlp, "President Bush", "2002-05-01").sector == "GOV"
    assert coded(nlp, "President Bush", "1990-05-01").kb_id == "phoenix:GEORGE BUSH"
    for fast in (False, True):
        found = speakers(
            nlp,
            "President Bush said on Monday that the talks would go on.",
            date="2002-05-01",
            fast=fast,
        )
        assert [s.kb_id for s in found] == ["phoenix:GEORGE W. BUSH"]


def test_an_in_text_role_wins_over_the_date(nlp: Any) -> None:
    # "former": a past office, not the serving holder's row.
    assert coded(nlp, "former President Bush", "2002-05-01").kb_id != "phoenix:GEORGE W. BUSH"
    # No other person of the surname titled so and serving then: the row stands.
    assert coded(nlp, "President Clinton", "2010-05-01").kb_id == "phoenix:BILL CLINTON"
    assert coded(nlp, "Secretary Clinton", "2016-06-01").kb_id == "phoenix:HILLARY CLINTON"
    # A curated row's dates are the office's own: out of office in 2020, not the bulk's stale GOV.
    obama = coded(nlp, "President Obama", "2020-07-01")
    assert (obama.kb_id, obama.sector) == ("barack-obama", "ELI")


# -- (2) a transcript's speaker labels ---------------------------------------------------------

TRANSCRIPT = (
    "Maria Garza, the governor of Nevada, spoke to the show on Sunday.\n\n"
    '"HOLT: Good evening, and thank you for joining us tonight.\n\n'
    '"GARZA: Thank you for having me, it is good to be here.\n\n'
    '"HOLT: Let us begin with taxes and the budget.\n\n'
    '"GARZA: The budget will be balanced next year.'
)


def test_a_transcript_label_is_a_person_of_the_article(nlp: Any) -> None:
    names = [(s.name, s.kind) for s in speakers(nlp, TRANSCRIPT)]
    assert ("Maria Garza", "person") in names  # (the named person the label matches)
    # A host the article never names in full is a person all the same, written as a name.
    assert ("Holt", "person") in names and not any(n == "HOLT" for n, _ in names)


# -- (3) markup, nicknames, typos and "which" --------------------------------------------------


def test_markup_glued_to_a_name_is_no_part_of_it(nlp: Any) -> None:
    text = 'The claim is rated Mostly True.">Ramirez said that the jobless rate is 30 percent.'
    for fast in (False, True):
        assert [s.name for s in speakers(nlp, text, fast=fast)] == ["Ramirez"]
    text = "Luis Ramirez spoke in Ohio on Monday. " + text  # (the person named before)
    assert [(s.name, s.kind) for s in speakers(nlp, text)][-1] == ("Luis Ramirez", "person")
    assert bare_name('Marcia "') == "Marcia"
    assert bare_name('the "Keepin It Real" show') == 'the "Keepin It Real" show'
    assert bare_name("@plish516") == "@plish516"


def test_a_nickname_in_quotation_marks_keeps_the_surname(nlp: Any) -> None:
    text = 'Her niece, state Del. Marcia "Cia" Price (D-Newport News), said the race was close.'
    assert [s.name for s in speakers(nlp, text)] == ["Marcia Price"]


def test_a_typo_of_a_name_in_the_article_is_that_person(nlp: Any) -> None:
    text = (
        "Hillary Clinton said on Monday that taxes would rise for the rich.\n\n"
        "Later, Hillary Clintn said that the plan would be paid for."
    )
    assert [s.name for s in speakers(nlp, text)] == ["Hillary Clinton"] * 2
    text = (
        "Donald Trump said on Monday that taxes would fall for every family.\n\n"
        "Later, Donand Trump said that the wall would be built within a year."
    )
    assert [s.name for s in speakers(nlp, text, fast=True)] == ["Donald Trump"] * 2
    # (a typo the tagger reads as no name at all is the person too)
    text = (
        "Several weeks ago, Donald Trump stated that the wall would rise.\n\n@casawhitby.\n\n"
        "No. Donand Trump has money and seems to think he is exempt from the rules."
    )
    assert [s.name for s in speakers(nlp, text)] == ["Donald Trump"] * 2


def test_two_given_names_one_letter_apart_are_two_people(nlp: Any) -> None:
    text = (
        "Maria Lopez said on Monday that the school would reopen.\n\n"
        "Mario Lopez said that the school board had not voted."
    )
    assert [s.name for s in speakers(nlp, text)] == ["Maria Lopez", "Mario Lopez"]


def test_which_speaks_for_a_work_not_its_author(nlp: Any) -> None:
    text = (
        'Anna Reyes recalled the senator talking about "Rivers of Dust," Paul Kemper\'s 2009 '
        "best seller, which argued that long droughts would topple governments."
    )
    found = {s.name: s.kind for s in speakers(nlp, text)}
    assert found.get("Paul Kemper's 2009 best seller") == "unknown" and "Paul Kemper" not in found
    text = "Senator Ann Kowalski, who chairs the panel, said the vote would be close."
    assert [s.name for s in speakers(nlp, text)] == ["Ann Kowalski"]


# -- (4) store: an actor's id follows its settled key -----------------------------------------


def actor(
    article: str, name: str, country: str | None, sector: str | None, spans: list[list[int]]
) -> list[object]:
    return [
        f"{article}:{digest(name, country, sector, size=16)}",
        article,
        name,
        "organization",
        country,
        sector,
        "[]",
        None,
        None,
        json.dumps(spans),
    ]


def test_a_renamed_actor_row_takes_the_settled_keys_id() -> None:
    con = duckdb.connect(":memory:")
    con.execute(schema_sql())
    for article, name, at in (("a1", "The bank", 0), ("a1", "the bank", 40), ("a2", "the bank", 5)):
        con.execute(
            "INSERT OR IGNORE INTO articles (article_id, text_sha256, text) VALUES (?, ?, 'x')",
            [article, article],
        )
        con.execute(
            "INSERT INTO attributions (attribution_id, article_id, speaker_name,"
            " speaker_kind) VALUES (?, ?, ?, 'organization')",
            [f"{article}:a{at}", article, name],
        )
        con.execute(
            "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            actor(article, name, "USA", "BUS", [[at, at + 8]]),
        )
    touched = resolve(con)
    assert touched == {"a1"}
    rows = con.execute("SELECT actor_id, article_id, name, spans FROM actors ORDER BY 1").fetchall()
    # One row per article and key, under the id a fresh ingest of that key would give it.
    assert [(r[1], r[2]) for r in rows] == sorted(
        [("a1", "the bank"), ("a2", "the bank")],
        key=lambda r: actor(r[0], r[1], "USA", "BUS", [])[0],
    )
    for actor_id, article, name, _spans in rows:
        assert actor_id == actor(article, name, "USA", "BUS", [])[0]
    merged = next(json.loads(r[3]) for r in rows if r[1] == "a1")
    assert merged == [[0, 8], [40, 48]]
    settle_actor_ids(con, {"a1", "a2"})  # (settled rows stay as they are)
    assert (
        con.execute("SELECT actor_id, article_id, name, spans FROM actors ORDER BY 1").fetchall()
        == rows
    )
