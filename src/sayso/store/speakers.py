"""One speaker key per person or body across the whole store (issue #13 item 5, reader25).

Each article's rows are keyed on their own (``rows.speaker_key``), so the store may hold one
speaker under two keys that only the other articles show to be one: "PolitiFact" in one
article and "Politifact" in another, "The bank" opening a sentence and "the bank" inside
one, "Len Burman" and "Leonard Burman"; and a person coded in one article and left uncoded
in another ("Jason Chaffetz" LEG in one, no sector in the next). ``resolve`` settles both
over the stored rows: it renames the variant keys (``attributions.speaker_name``,
``actors.name``) to one, and gives a named speaker's uncoded rows the one code its coded
rows all agree on. It never touches spans, records or events: each article's own reading
stays as ``sayso extract`` printed it. ``summaries.prepare`` runs it (at the end of an
ingest run and when a server opens the store) before it brings the summaries up to date.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import duckdb

from sayso.store.rows import actor_id

# Small words a body's proper name may hold in lower case ("Committee for a Responsible ...").
NAME_LINKS = frozenset({"of", "for", "and", "on", "the", "a", "an", "in", "at", "to", "&"})
# First words of descriptions, never of a name ("The bank", "Some", "One", "No one").
DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "some",
        "one",
        "no",
        "my",
        "his",
        "her",
        "our",
        "their",
        "its",
        "another",
        "other",
    }
)


@dataclass(frozen=True, slots=True)
class KeyStats:
    """What the store says of one speaker key: its rows, kind, countries and kb ids."""

    name: str
    n: int
    kinds: frozenset[str]
    countries: frozenset[str]
    kb_ids: frozenset[str]


@lru_cache(maxsize=1)
def given_name_variants() -> dict[str, str]:
    """Lower-case short given name -> its formal name, from given_name_variants.tsv."""
    text = (
        resources.files("sayso.data")
        .joinpath("given_name_variants.tsv")
        .read_text(encoding="utf-8")
    )
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1].strip() for row in rows}


def key_renames(keys: list[KeyStats]) -> dict[str, str]:
    """Variant key -> the key it is one speaker with. Spellings that differ only in case are
    one key; so are full person names that differ only in a short given name's formal form
    ("Len Burman" / "Leonard Burman"), unless the store codes them to different countries or
    links them to different knowledge-base people."""
    renames = _case_renames(keys)
    merged: dict[str, KeyStats] = {}
    for stats in keys:
        target = renames.get(stats.name, stats.name)
        merged[target] = _union(merged[target], stats) if target in merged else stats
    for step in (_given_name_renames, _owned_body_renames):
        for variant, target in step(list(merged.values())).items():
            renames[variant] = target
            for old, new in list(renames.items()):
                if new == variant:
                    renames[old] = target
            if variant in merged:
                stats = merged.pop(variant)
                merged[target] = (
                    _union(merged[target], stats)
                    if target in merged
                    else KeyStats(target, stats.n, stats.kinds, stats.countries, stats.kb_ids)
                )
    return {old: new for old, new in renames.items() if old != new}


def _union(a: KeyStats, b: KeyStats) -> KeyStats:
    return KeyStats(
        a.name, a.n + b.n, a.kinds | b.kinds, a.countries | b.countries, a.kb_ids | b.kb_ids
    )


def _case_renames(keys: list[KeyStats]) -> dict[str, str]:
    """ "The bank" / "the bank", "PolitiFact" / "Politifact": one key per spelling up to case.
    A lower-case opening wins (a capital there only says the speaker opened a sentence), then
    a knowledge-base name, then the spelling with most rows, then the one with more capitals
    (a house spelling such as "PolitiFact")."""
    groups: dict[str, list[KeyStats]] = defaultdict(list)
    for stats in keys:
        groups[stats.name.casefold()].append(stats)
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        best = min(
            group,
            key=lambda s: (
                not s.name[:1].islower(),
                not s.kb_ids,
                -s.n,
                -sum(c.isupper() for c in s.name),
                s.name,
            ),
        )
        out.update({s.name: best.name for s in group if s is not best})
    return out


def _given_name_renames(keys: list[KeyStats]) -> dict[str, str]:
    groups: dict[tuple[str, ...], list[KeyStats]] = defaultdict(list)
    for stats in keys:
        words = stats.name.split()
        if "person" in stats.kinds and len(words) >= 2 and _is_name(words):
            formal = given_name_variants().get(words[0].casefold(), words[0].casefold())
            groups[(formal, *(w.casefold() for w in words[1:]))].append(stats)
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2 or _conflict(group):
            continue
        # The knowledge base's name first, then the name most rows use, then the formal one.
        best = min(
            group,
            key=lambda s: (
                not s.kb_ids,
                -s.n,
                s.name.split()[0].casefold() in given_name_variants(),
                s.name,
            ),
        )
        out.update({s.name: best.name for s in group if s is not best})
    return out


# Bodies a person leads that news names after the person either way: "the Clinton campaign",
# "Hillary Clinton's campaign", "Clinton's campaign"; "the Obama administration".
OWNED_BODIES = ("campaign", "administration")
THE_OWNER_BODY = re.compile(
    rf"^(?:[Tt]he )?(?P<surname>[A-Z][\w-]+) (?P<body>{'|'.join(OWNED_BODIES)})$"
)
OWNERS_BODY = re.compile(
    rf"^(?P<owner>(?:[A-Z][\w.-]* )*(?P<surname>[A-Z][\w-]+))['’]s "
    rf"(?P<body>{'|'.join(OWNED_BODIES)})$"
)


def _owned_body_renames(keys: list[KeyStats]) -> dict[str, str]:
    """ "Donald Trump's campaign", "Trump's campaign" and "the Trump campaign" are one key,
    "the Trump campaign", where the store's owners of that surname's campaign named in full are
    one person (not "Jeb Bush's campaign" with "George Bush's campaign")."""
    groups: dict[tuple[str, str], list[tuple[KeyStats, str | None]]] = defaultdict(list)
    for stats in keys:
        if "person" in stats.kinds:
            continue
        if match := THE_OWNER_BODY.match(stats.name):
            groups[(match["surname"], match["body"])].append((stats, None))
        elif match := OWNERS_BODY.match(stats.name):
            owner = match["owner"] if " " in match["owner"] else None
            groups[(match["surname"], match["body"])].append((stats, owner))
    out: dict[str, str] = {}
    for (surname, body), group in groups.items():
        owners = {owner for _, owner in group if owner}
        if len(group) < 2 or len(owners) > 1:
            continue
        out.update(
            {s.name: f"the {surname} {body}" for s, _ in group if s.name != f"the {surname} {body}"}
        )
    return out


def _conflict(group: list[KeyStats]) -> bool:
    """Two coded countries or two knowledge-base people: two people who share a surname."""
    countries = set().union(*(s.countries for s in group))
    kb_ids = set().union(*(s.kb_ids for s in group))
    return len(countries) > 1 or len(kb_ids) > 1


def _is_name(words: list[str]) -> bool:
    """Every word capitalised (or a small linking word inside), the first no determiner: a
    proper name, not a description ("the Clinton campaign", "My father")."""
    if words[0].casefold() in DETERMINERS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in NAME_LINKS for w in words)


def shared_codes(rows: list[tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
    """The country and the sector that every coded row of one named speaker agrees on (None
    where none is coded or the coded rows disagree)."""
    countries = {c for c, _ in rows if c}
    sectors = {s for _, s in rows if s}
    return (
        countries.pop() if len(countries) == 1 else None,
        sectors.pop() if len(sectors) == 1 else None,
    )


KEYS_SQL = """
SELECT speaker_name, count(*), list(DISTINCT speaker_kind), list(DISTINCT speaker_country),
       list(DISTINCT speaker_kb_id)
FROM attributions WHERE speaker_name IS NOT NULL GROUP BY 1
"""


def _key_stats(con: duckdb.DuckDBPyConnection) -> list[KeyStats]:
    return [
        KeyStats(
            name,
            int(n),
            frozenset(k for k in kinds if k),
            frozenset(c for c in countries if c),
            frozenset(b for b in kb_ids if b),
        )
        for name, n, kinds, countries, kb_ids in con.execute(KEYS_SQL).fetchall()
    ]


def resolve(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Rename variant speaker keys and fill the codes a named speaker's rows share, in the
    store; returns the ids of the articles whose rows changed."""
    touched: set[str] = set()
    renames = key_renames(_key_stats(con))
    if renames:
        con.execute("CREATE OR REPLACE TEMP TABLE speaker_renames (old VARCHAR, new VARCHAR)")
        con.executemany("INSERT INTO speaker_renames VALUES (?, ?)", list(renames.items()))
        touched |= _articles(
            con,
            "SELECT article_id FROM attributions JOIN speaker_renames"
            " ON speaker_name = old UNION SELECT article_id FROM actors"
            " JOIN speaker_renames ON name = old",
        )
        con.execute(
            "UPDATE attributions SET speaker_name = r.new FROM speaker_renames r"
            " WHERE speaker_name = r.old"
        )
        con.execute("UPDATE actors SET name = r.new FROM speaker_renames r WHERE name = r.old")
        con.execute("DROP TABLE speaker_renames")
    touched |= _fill_codes(con)
    settle_actor_ids(con, touched)
    return touched


def _articles(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    return {row[0] for row in con.execute(sql).fetchall()}


CODES_SQL = """
SELECT speaker_name, list(DISTINCT speaker_country), list(DISTINCT speaker_sector)
FROM attributions WHERE speaker_name IS NOT NULL AND speaker_kind IN ('person', 'organization')
GROUP BY 1 HAVING count(*) FILTER (WHERE speaker_country IS NULL OR speaker_sector IS NULL) > 0
"""


def _fill_codes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """A named person's or body's rows with no country (or no sector) take the one its other
    rows all give: "Jason Chaffetz" coded LEG where the article said "Rep.", uncoded where
    it did not, is LEG in both. Only names of two words or more: descriptions ("the bank", "a
    source") are no one speaker across articles, and a one-word name ("Times", "Holt") may be
    another paper or person in each. UNK (a sector read as unknown) is nothing to share."""
    fills = []
    for name, countries, sectors in con.execute(CODES_SQL).fetchall():
        if len(name.split()) < 2 or not _is_name(name.split()):
            continue  # (one word, "Times", "Holt", "RT": which paper, which Holt, is the article's)
        country, sector = shared_codes(
            [(c, None) for c in countries] + [(None, s) for s in sectors if s != "UNK"]
        )
        if country or sector:
            fills.append((name, country, sector))
    if not fills:
        return set()
    con.execute(
        "CREATE OR REPLACE TEMP TABLE speaker_fills (name VARCHAR, country VARCHAR, sector VARCHAR)"
    )
    con.executemany("INSERT INTO speaker_fills VALUES (?, ?, ?)", fills)
    touched = _articles(
        con,
        "SELECT article_id FROM attributions JOIN speaker_fills f"
        " ON speaker_name = f.name WHERE (speaker_country IS NULL AND"
        " f.country IS NOT NULL) OR (speaker_sector IS NULL AND"
        " f.sector IS NOT NULL)",
    )
    con.execute(
        "UPDATE attributions SET speaker_country = coalesce(speaker_country, f.country),"
        " speaker_sector = coalesce(speaker_sector, f.sector) FROM speaker_fills f"
        " WHERE speaker_name = f.name"
    )
    # An actor row of the name, where its article holds only one (the rows are one per code).
    con.execute(
        "UPDATE actors SET country = coalesce(actors.country, f.country),"
        " sector = coalesce(actors.sector, f.sector) FROM speaker_fills f"
        " WHERE actors.name = f.name"
        " AND (SELECT count(*) FROM actors b WHERE b.article_id = actors.article_id"
        " AND b.name = actors.name) = 1"
    )
    con.execute("DROP TABLE speaker_fills")
    return touched


ACTOR_COLUMNS = (
    "actor_id",
    "article_id",
    "name",
    "kind",
    "country",
    "sector",
    "secondary_sectors",
    "role",
    "kb_id",
    "spans",
)


def settle_actor_ids(con: duckdb.DuckDBPyConnection, articles: set[str]) -> None:
    """An actor row's id follows its settled key (speak26): ``rows.actor_rows`` ids a row by
    its article and (name, country, sector), so a row renamed or given codes here takes the id
    a fresh ingest of the settled name would give it, and two rows of one article that now
    share a key ("The bank" and "the bank") become one, their spans merged. Nothing links to
    an actor id (events and attributions carry names; the API and the pages look actors up by
    name), so no link breaks. Re-loading an already loaded Parquet part re-adds its rows
    under their old ids; the next settling renames and merges them again. Only the articles
    whose rows changed are read."""
    if not articles:
        return
    cols = ", ".join(ACTOR_COLUMNS)
    rows = con.execute(
        f"SELECT {cols} FROM actors WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(articles)],
    ).fetchall()
    by_article: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        record = dict(zip(ACTOR_COLUMNS, row, strict=True))
        by_article[str(record["article_id"])].append(record)
    for article, records in by_article.items():
        settled = _settled(records)
        old_ids = sorted(str(r["actor_id"]) for r in records)
        if sorted(str(r["actor_id"]) for r in settled) == old_ids:
            continue
        con.execute("DELETE FROM actors WHERE article_id = ?", [article])
        con.executemany(
            f"INSERT INTO actors ({cols}) VALUES ({', '.join('?' for _ in ACTOR_COLUMNS)})",
            [[r[c] for c in ACTOR_COLUMNS] for r in settled],
        )


def _settled(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """One row per settled id: the first row's fields, the spans of all, a kb id or role any has."""
    out: dict[str, dict[str, object]] = {}
    for record in records:
        new = actor_id(
            str(record["article_id"]),
            _text(record["name"]),
            _text(record["country"]),
            _text(record["sector"]),
        )
        first = out.get(new)
        if first is None:
            out[new] = {**record, "actor_id": new}
            continue
        spans = {tuple(s) for r in (first, record) for s in json.loads(str(r["spans"] or "[]"))}
        first["spans"] = json.dumps(sorted(list(s) for s in spans))
        first["kb_id"] = first["kb_id"] or record["kb_id"]
        first["role"] = first["role"] or record["role"]
    return list(out.values())


def _text(value: object) -> str | None:
    return None if value is None else str(value)
