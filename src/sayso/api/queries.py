"""Read queries over the store, shared by the JSON API and the dashboard.

Every value reaches SQL as a bound parameter; only fixed fragments chosen from
the code (column names, ``date_trunc`` units) are spliced into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sayso.api import search
from sayso.api.db import Database, Row
from sayso.api.storing import as_json

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}
INTERVALS = ("week", "month", "year")
SIDES = {"conflict": "e.quad_class IN (3, 4)", "cooperation": "e.quad_class IN (1, 2)",
         "unclassified": "(e.quad_class IS NULL OR e.quad_class NOT IN (1, 2, 3, 4))"}
WINDOW = 400  # characters read either side of a trigger to find its sentence
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")


@dataclass
class Where:
    """A WHERE clause assembled from optional filters, with its parameters."""

    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *values: Any) -> None:
        self.parts.append(sql)
        self.params.extend(values)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.parts) if self.parts else ""


@dataclass
class ArticleFilter:
    q: str | None = None
    source: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    language: str | None = None
    actor: str | None = None
    event_type: str | None = None
    words: list[str] = field(default_factory=list)  # q split into words (search.terms)

    def empty(self) -> bool:
        return not any(vars(self).values())

    def where(self) -> Where:
        w = Where()
        if self.q and self.words:
            w.add(*search_condition(self.words))
        elif self.q:  # no word characters at all: a literal substring search
            w.add("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')",
                  *[f"%{_like(self.q)}%"] * 2)
        if self.source:
            w.add("coalesce(a.site_name, a.source) = ?", self.source)
        if self.date_from:
            w.add("a.published >= ?", self.date_from)
        if self.date_to:
            w.add("a.published <= ?", self.date_to)
        if self.language:
            w.add("a.language = ?", self.language)
        if self.actor:
            w.add("a.article_id IN (SELECT article_id FROM actors WHERE name ILIKE ? ESCAPE '\\' OR country = ?)",
                  f"%{_like(self.actor)}%", self.actor.upper())
        if self.event_type:
            w.add("a.article_id IN (SELECT article_id FROM events WHERE type = ?)", self.event_type)
        return w


@dataclass
class EventFilter:
    type: str | None = None
    source_country: str | None = None
    source_sector: str | None = None
    target_country: str | None = None
    target_sector: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    negated: bool | None = None
    actor: str | None = None
    article_id: str | None = None
    quad_class: int | None = None
    side: str | None = None  # conflict | cooperation | unclassified
    actor_country: str | None = None  # as source or target
    actor_name: str | None = None     # as source or target, whole name

    @property
    def dated(self) -> bool:
        """Whether the filter reads the article's date (so needs the articles join)."""
        return bool(self.date_from or self.date_to)

    def where(self) -> Where:
        w = Where()
        if self.side in SIDES:
            w.add(SIDES[self.side])
        for column in ("type", "source_country", "source_sector", "target_country",
                       "target_sector", "negated", "article_id", "quad_class"):
            value = getattr(self, column)
            if value is not None and value != "":
                w.add(f"e.{column} = ?", value)
        if self.date_from:
            w.add("coalesce(e.event_date, a.published) >= ?", self.date_from)
        if self.date_to:
            w.add("coalesce(e.event_date, a.published) <= ?", self.date_to)
        if self.actor:
            w.add("(e.source_country = ? OR e.target_country = ? OR e.source_name ILIKE ? ESCAPE '\\'"
                  " OR e.target_name ILIKE ? ESCAPE '\\')", self.actor.upper(), self.actor.upper(),
                  _like(self.actor), _like(self.actor))
        if self.actor_country:
            w.add("(e.source_country = ? OR e.target_country = ?)", *[self.actor_country.upper()] * 2)
        if self.actor_name:
            w.add("(e.source_name = ? OR e.target_name = ?)", self.actor_name, self.actor_name)
        return w


def event_table(f: EventFilter) -> str:
    return "events e JOIN articles a USING (article_id)" if f.dated else "events e"


def search_condition(words: list[str]) -> tuple[str, ...]:
    sql, params = search.condition(words)
    return (sql, *params)


def _like(text: str) -> str:
    """A user string as a literal LIKE pattern (no wildcards of its own)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- articles -----------------------------------------------------------------
def _with_words(db: Database, f: ArticleFilter) -> ArticleFilter:
    if not (f.q and f.words):  # the page's overview and list share one filter: split once
        f.words = search.terms(db.cursor(), f.q) if f.q else []
    return f


def articles(db: Database, f: ArticleFilter, limit: int, offset: int) -> dict[str, Any]:
    w = _with_words(db, f).where()
    if f.words and _words_only(f):  # counted from the postings alone
        sql, params = search.matching(f.words)
        total = db.scalar(f"SELECT count(*) FROM ({sql})", params)
    else:
        total = db.scalar(f"SELECT count(*) FROM articles a{w.sql()}", w.params)
    # The page's ids first: computing snippets before the top-N would read every match's text.
    items = db.rows(
        f"WITH page AS (SELECT a.article_id FROM articles a{w.sql()}"
        " ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?)"
        " SELECT a.article_id, a.title, coalesce(a.site_name, a.source) AS source, a.url,"
        " a.published, a.language, a.status, a.n_chars, left(a.text, 240) AS snippet"
        " FROM articles a SEMI JOIN page USING (article_id)"
        " ORDER BY a.published DESC NULLS LAST, a.article_id", [*w.params, limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def article(db: Database, article_id: str) -> dict[str, Any] | None:
    row = db.one("SELECT * FROM articles WHERE article_id = ?", [article_id])
    if row is None:
        return None
    row["sightings"] = db.rows(
        "SELECT source, url, site_name, title, published, seen_at FROM sightings"
        " WHERE article_id = ? ORDER BY seen_at", [article_id])
    row["attributions"] = _decoded(db.rows(
        "SELECT * FROM attributions WHERE article_id = ? ORDER BY start_char", [article_id]))
    row["actors"] = _decoded(db.rows(
        "SELECT * FROM actors WHERE article_id = ? ORDER BY name", [article_id]))
    row["events"] = _decoded(db.rows(
        "SELECT * FROM events WHERE article_id = ? ORDER BY event_id", [article_id]))
    return row


def _decoded(rows: list[Row]) -> list[Row]:
    json_columns = {"source_spans", "cue_spans", "content_spans", "spans", "trigger_spans",
                    "context", "location", "record", "secondary_sectors"}
    return [{k: as_json(v) if k in json_columns else v for k, v in r.items()} for r in rows]


def sources(db: Database, limit: int = 200) -> list[Row]:
    return db.cached(("sources", limit), lambda: _sources(db, limit))


def _sources(db: Database, limit: int) -> list[Row]:
    return db.rows(
        "SELECT coalesce(site_name, source) AS source, count(*) AS n FROM articles"
        " GROUP BY 1 ORDER BY n DESC, source LIMIT ?", [limit])


# -- overview -----------------------------------------------------------------
def overview(db: Database, f: ArticleFilter, top: int = 10) -> dict[str, Any]:
    return db.cached(("overview", repr(f), top), lambda: _overview(db, f, top))


def _overview(db: Database, f: ArticleFilter, top: int) -> dict[str, Any]:
    if f.empty():
        counts = {
            "articles": db.scalar("SELECT count(*) FROM articles"),
            "statements": db.scalar("SELECT count(*) FROM attributions"),
            "events": db.scalar("SELECT count(*) FROM events"),
        }
        lists = {name: db.rows(f"{t.totals} ORDER BY {t.order} LIMIT ?", [top])
                 for name, t in TOP_LISTS.items()}
    else:
        counts, lists = _scoped_overview(db, f, top)
    return {"counts": {k: int(v or 0) for k, v in counts.items()}, **lists}


@dataclass(frozen=True)
class TopList:
    """A top list of the overview, read from the summaries (sayso.store.summaries)."""

    column: str                 # list column of article_summary (names as summary_names ids)
    keys: tuple[str, ...]
    extras: tuple[str, ...]     # any value per key, from the totals
    counts: tuple[str, ...]     # summed; the first orders the list
    totals: str                 # the same list over every article, from a totals table

    @property
    def order(self) -> str:
        return f"{self.counts[0]} DESC, " + ", ".join(self.keys)

    def parts(self) -> str:
        """Per-key sums over the summaries in overview_rows, with ids turned into names."""
        sums = ", ".join(f"sum({c}) AS {c}" for c in self.counts)
        names = ", ".join([*(f"k{i}.name AS {k}" for i, k in enumerate(self.keys)),
                           *(f"p.{c}" for c in self.counts)])
        lookups = "".join(f" LEFT JOIN summary_names k{i} ON k{i}.id = p.{k}"
                          for i, k in enumerate(self.keys))
        return (f"SELECT {names} FROM (SELECT {', '.join(self.keys)}, {sums}"
                f" FROM (SELECT unnest({self.column}, recursive := true) FROM overview_rows)"
                f" GROUP BY ALL) p{lookups}")


TOP_LISTS = {
    "top_speakers": TopList(
        "speakers", ("name",), ("country", "role"), ("n",),
        "SELECT speaker_name AS name, any_value(speaker_country) AS country,"
        " any_value(speaker_role) AS role, sum(n) AS n FROM summary_speakers GROUP BY 1"),
    "top_dyads": TopList(
        "dyads", ("source", "target"), (), ("n", "conflict", "cooperation"),
        "SELECT source_country AS source, target_country AS target, sum(n) AS n,"
        " sum(conflict) AS conflict, sum(cooperation) AS cooperation FROM summary_dyads"
        " GROUP BY 1, 2"),
    "top_event_types": TopList(
        "event_types", ("type",), (), ("n",),
        "SELECT type, sum(n) AS n FROM summary_event_types GROUP BY 1"),
}


def _scoped_overview(db: Database, f: ArticleFilter, top: int
                     ) -> tuple[dict[str, Any], dict[str, list[Row]]]:
    w = _with_words(db, f).where()
    cur = db.cursor()  # temp tables: this thread's own connection
    if f.words and _words_only(f):  # the postings alone: no pass over the articles
        scope_sql, scope_params = search.matching(f.words)
    else:
        scope_sql, scope_params = f"SELECT a.article_id FROM articles a{w.sql()}", w.params
    cur.execute(f"CREATE OR REPLACE TEMP TABLE overview_scope AS {scope_sql}", scope_params)
    n = int(db.scalar("SELECT count(*) FROM overview_scope") or 0)
    # Read the smaller side: the summaries of the articles in scope, or of those out of
    # it, to subtract from the totals.  Both give exact counts.
    inside = 2 * n <= int(db.scalar("SELECT count(*) FROM article_summary") or 0)
    cur.execute("CREATE OR REPLACE TEMP TABLE overview_rows AS SELECT n_attributions, n_events,"
                f" speakers, dyads, event_types FROM article_summary"
                f" {'SEMI' if inside else 'ANTI'} JOIN overview_scope USING (article_id)")
    found = db.one("SELECT coalesce(sum(n_attributions), 0) AS statements,"
                   " coalesce(sum(n_events), 0) AS events FROM overview_rows") or {}
    counts = {"articles": n, "statements": found.get("statements"), "events": found.get("events")}
    if not inside:
        counts["statements"] = db.scalar("SELECT count(*) FROM attributions") - counts["statements"]
        counts["events"] = db.scalar("SELECT count(*) FROM events") - counts["events"]
    lists = {name: db.rows(_scoped_list(t, inside), [top]) for name, t in TOP_LISTS.items()}
    return counts, lists


def _words_only(f: ArticleFilter) -> bool:
    return not any(v for k, v in vars(f).items() if k not in ("q", "words"))


def _scoped_list(t: TopList, inside: bool) -> str:
    """The list for the articles in scope: summed over them when they are few, else the
    totals less the sums over the articles out of scope."""
    same = " AND ".join(f"t.{k} IS NOT DISTINCT FROM o.{k}" for k in t.keys)
    if inside:
        picked = ", ".join([*(f"o.{k}" for k in t.keys), *(f"t.{c}" for c in t.extras),
                            *(f"o.{c}" for c in t.counts)])
        return (f"WITH t AS ({t.totals}), o AS ({t.parts()})"
                f" SELECT {picked} FROM o LEFT JOIN t ON {same} ORDER BY {t.order} LIMIT ?")
    picked = ", ".join([*(f"t.{k}" for k in t.keys), *(f"t.{c}" for c in t.extras),
                        *(f"t.{c} - coalesce(o.{c}, 0) AS {c}" for c in t.counts)])
    first = t.counts[0]
    return (f"WITH t AS ({t.totals}), o AS ({t.parts()})"
            f" SELECT {picked} FROM t LEFT JOIN o ON {same}"
            f" WHERE t.{first} - coalesce(o.{first}, 0) > 0 ORDER BY {t.order} LIMIT ?")


def top_dyads(db: Database, top: int = 15) -> list[Row]:
    t = TOP_LISTS["top_dyads"]
    return db.cached(("top_dyads", top),
                     lambda: db.rows(f"{t.totals} ORDER BY {t.order} LIMIT ?", [top]))


# -- events, evidence ---------------------------------------------------------
EVENT_COLUMNS = (
    "e.event_id, e.article_id, e.type, e.mode, e.source_name, e.source_country,"
    " e.source_sector, e.target_name, e.target_country, e.target_sector, e.trigger_text,"
    " e.negated, e.hypothetical, coalesce(e.event_date, a.published) AS date, e.quad_class,"
    " e.cameo_root, e.confidence, a.title, coalesce(a.site_name, a.source) AS outlet"
)


def events(db: Database, f: EventFilter, limit: int, offset: int,
           with_sentences: bool = False) -> dict[str, Any]:
    w = f.where()
    total = db.scalar(f"SELECT count(*) FROM {event_table(f)}{w.sql()}", w.params)
    # The page's ids first; columns, and the text around each trigger, only for those.
    page, page_params = _event_page(f, limit, offset)
    window = (", substr(a.text, greatest(1, coalesce(_t, 0) + 1 - ?), 2 * ?) AS _window,"
              " greatest(0, coalesce(_t, 0) - ?) AS _window_start") if with_sentences else ""
    items = db.rows(
        f"WITH page AS ({page}), picked AS (SELECT {EVENT_COLUMNS},"
        " CAST(json_extract(e.trigger_spans, '$[0][0]') AS INTEGER) AS _t"
        " FROM page JOIN events e USING (event_id) JOIN articles a USING (article_id))"
        f" SELECT picked.*{window} FROM picked JOIN articles a USING (article_id)"
        " ORDER BY picked.date DESC NULLS LAST, picked.event_id",
        [*page_params, *([WINDOW] * 3 if with_sentences else [])])
    items = [_with_sentence(r) if with_sentences else _drop_t(r) for r in items]
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def _event_page(f: EventFilter, limit: int, offset: int) -> tuple[str, list[Any]]:
    """The ids and dates of one page of events, newest first.

    An event's date is its own, else its article's: the events that have one are
    ranked without joining the articles, then merged with the (few) that have none."""
    dated, undated = f.where(), f.where()
    dated.add("e.event_date IS NOT NULL")
    undated.add("e.event_date IS NULL")
    first = offset + limit
    sql = (f"SELECT * FROM ((SELECT e.event_id, e.event_date AS date FROM {event_table(f)}"
           f"{dated.sql()} ORDER BY date DESC, e.event_id LIMIT ?) UNION ALL"
           " (SELECT e.event_id, a.published AS date FROM events e JOIN articles a"
           f" USING (article_id){undated.sql()} ORDER BY date DESC NULLS LAST, e.event_id"
           " LIMIT ?)) ORDER BY date DESC NULLS LAST, event_id LIMIT ? OFFSET ?")
    return sql, [*dated.params, first, *undated.params, first, limit, offset]


def _drop_t(row: Row) -> Row:
    row.pop("_t", None)
    return row


def _with_sentence(row: Row) -> Row:
    window = row.pop("_window", None) or ""
    start = row.pop("_window_start", 0) or 0
    trigger = row.pop("_t", None)
    row["sentence"] = sentence_around(window, (trigger - start) if trigger is not None else 0)
    return row


def sentence_around(window: str, at: int) -> str:
    """The sentence of ``window`` that contains character ``at`` (plain text, unescaped)."""
    at = max(0, min(at, len(window)))
    begin, end = 0, len(window)
    for m in SENTENCE_END.finditer(window):
        if m.end() <= at:
            begin = m.end()
        elif m.start() >= at:
            end = m.start() + 1
            break
    return window[begin:end].strip()


# -- dyads and network --------------------------------------------------------
def dyad_series(db: Database, source: str, target: str, interval: str = "month",
                f: EventFilter | None = None) -> dict[str, Any]:
    """Events from ``source`` to ``target`` per period, split by type and quad class."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    f = f or EventFilter()
    key = ("dyad", source.upper(), target.upper(), interval, repr(f))
    return db.cached(key, lambda: _dyad_series(db, source, target, interval, f))


def _dyad_series(db: Database, source: str, target: str, interval: str, f: EventFilter
                 ) -> dict[str, Any]:
    f.source_country, f.target_country = source.upper(), target.upper()
    w = f.where()
    rows = db.rows(
        f"SELECT CAST(date_trunc('{interval}', coalesce(e.event_date, a.published)) AS DATE)"
        " AS period,"
        " e.type, e.quad_class, count(*) AS n"
        f" FROM events e JOIN articles a USING (article_id){w.sql()}"
        " GROUP BY ALL ORDER BY period NULLS LAST, e.type", w.params)
    by_period: dict[str, dict[str, int]] = {}
    for r in rows:
        key = r["period"].isoformat() if r["period"] else "undated"
        cls = conflict_class(r["quad_class"])
        bucket = by_period.setdefault(key, {"conflict": 0, "cooperation": 0, "unclassified": 0})
        bucket[cls] += r["n"]
    for r in rows:
        r["period"] = r["period"].isoformat() if r["period"] else None
        r["class"] = conflict_class(r["quad_class"])
    return {"source": f.source_country, "target": f.target_country, "interval": interval,
            "points": rows,
            "periods": [{"period": k, **v} for k, v in by_period.items()],
            "by_type": _by_type(rows)}


def conflict_class(quad_class: int | None) -> str:
    if quad_class in (1, 2):
        return "cooperation"
    if quad_class in (3, 4):
        return "conflict"
    return "unclassified"


def _by_type(rows: list[Row]) -> list[Row]:
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["type"]] = totals.get(r["type"], 0) + r["n"]
    return [{"type": t, "n": n} for t, n in sorted(totals.items(), key=lambda kv: -kv[1])]


def network(db: Database, f: EventFilter, max_edges: int = 200, min_count: int = 1
            ) -> dict[str, Any]:
    """Actors (countries, or names when uncoded) as nodes; edges per event type."""
    key = ("network", repr(f), max_edges, min_count)
    return db.cached(key, lambda: _network(db, f, max_edges, min_count))


def _network(db: Database, f: EventFilter, max_edges: int, min_count: int) -> dict[str, Any]:
    if _type_only(f):  # the summarised edges (sayso.store.summaries) answer it
        w = Where()
        if f.type:
            w.add("type = ?", f.type)
        edges = db.rows(
            "SELECT source, target, type, sum(n) AS count, sum(conflict) AS conflict"
            f" FROM summary_edges{w.sql()} GROUP BY 1, 2, 3 HAVING sum(n) >= ?"
            " ORDER BY count DESC, 1, 2, 3 LIMIT ?", [*w.params, min_count, max_edges])
    else:
        edges = _network_edges(db, f, max_edges, min_count)
    weight: dict[str, int] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["count"]
    nodes = [{"id": k, "label": k, "count": v}
             for k, v in sorted(weight.items(), key=lambda kv: -kv[1])]
    return {"nodes": nodes, "edges": edges}


def _type_only(f: EventFilter) -> bool:
    return not any(v not in (None, "") for k, v in vars(f).items() if k != "type")


def _network_edges(db: Database, f: EventFilter, max_edges: int, min_count: int) -> list[Row]:
    w = f.where()
    w.add("coalesce(e.source_country, e.source_name) IS NOT NULL")
    w.add("coalesce(e.target_country, e.target_name) IS NOT NULL")
    return db.rows(
        "SELECT coalesce(e.source_country, e.source_name) AS source,"
        " coalesce(e.target_country, e.target_name) AS target, e.type,"
        " count(*) AS count, count(*) FILTER (WHERE e.quad_class >= 3) AS conflict"
        f" FROM {event_table(f)}{w.sql()}"
        " GROUP BY 1, 2, 3 HAVING count(*) >= ? ORDER BY count DESC, 1, 2, 3 LIMIT ?",
        [*w.params, min_count, max_edges])


# -- actors and statements ----------------------------------------------------
def actors(db: Database, q: str | None, country: str | None, limit: int, offset: int
           ) -> dict[str, Any]:
    w = Where()
    if q:
        w.add("name ILIKE ? ESCAPE '\\'", f"%{_like(q)}%")
    if country:
        w.add("country = ?", country.upper())
    w.add("name IS NOT NULL")
    total = db.scalar(f"SELECT count(DISTINCT name) FROM actors{w.sql()}", w.params)
    items = db.rows(
        "SELECT name, any_value(country) AS country, any_value(sector) AS sector,"
        " any_value(role) AS role, any_value(kind) AS kind, count(DISTINCT article_id) AS articles"
        f" FROM actors{w.sql()} GROUP BY name ORDER BY articles DESC, name LIMIT ? OFFSET ?",
        [*w.params, limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


@dataclass
class StatementFilter:
    speaker: str | None = None
    country: str | None = None
    q: str | None = None
    article_id: str | None = None

    def where(self) -> Where:
        w = Where()
        if self.speaker:
            w.add("t.speaker_name = ?", self.speaker)
        if self.country:
            w.add("t.speaker_country = ?", self.country.upper())
        if self.q:
            w.add("t.content_text ILIKE ? ESCAPE '\\'", f"%{_like(self.q)}%")
        if self.article_id:
            w.add("t.article_id = ?", self.article_id)
        return w


STATEMENT_COLUMNS = (
    "t.attribution_id, t.article_id, t.kind, t.cue_class, t.speaker_name, t.speaker_country,"
    " t.speaker_sector, t.speaker_role, t.source_text, t.cue_text, t.content_text, t.confidence"
)


def statements(db: Database, f: StatementFilter, limit: int, offset: int) -> dict[str, Any]:
    w = f.where()
    total = _statement_total(db, f)
    if total is None:
        total = db.scalar(f"SELECT count(*) FROM attributions t{w.sql()}", w.params)
    # Statements sort by (article date, attribution_id), and attribution ids start with
    # the article id, so the first N statements lie in the first N articles having one:
    # only those articles are joined, not every match.
    items = db.rows(
        "WITH arts AS (SELECT a.article_id, a.published, a.title,"
        " coalesce(a.site_name, a.source) AS outlet FROM articles a WHERE a.article_id IN"
        f" (SELECT t.article_id FROM attributions t{w.sql()})"
        " ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ?)"
        f" SELECT {STATEMENT_COLUMNS}, arts.published AS date, arts.title, arts.outlet"
        f" FROM attributions t JOIN arts USING (article_id){w.sql()}"
        " ORDER BY arts.published DESC NULLS LAST, t.attribution_id LIMIT ? OFFSET ?",
        [*w.params, offset + limit, *w.params, limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def _statement_total(db: Database, f: StatementFilter) -> int | None:
    """The count from the summaries, when the filter is a speaker name or a country only."""
    if f.q or f.article_id or bool(f.speaker) == bool(f.country):
        return None
    kind, key = ("name", f.speaker) if f.speaker else ("country", (f.country or "").upper())
    return int(db.scalar("SELECT coalesce(sum(said), 0) FROM summary_actor_months"
                         " WHERE kind = ? AND actor = ?", [kind, key]) or 0)


def actor_profile(db: Database, name: str | None, country: str | None) -> dict[str, Any]:
    """What an actor (by name, or a whole country) said and did, to whom, over time."""
    return db.cached(("actor", name, country), lambda: _actor_profile(db, name, country))


def _actor_profile(db: Database, name: str | None, country: str | None) -> dict[str, Any]:
    # From the summaries (sayso.store.summaries): per actor and month, and per counterpart.
    kind, key = ("name", name) if name else ("country", (country or "").upper())
    timeline = db.rows(
        "SELECT period, sum(said) AS said, sum(did) AS did, sum(received) AS received"
        " FROM summary_actor_months WHERE kind = ? AND actor = ?"
        " GROUP BY period ORDER BY period NULLS LAST", [kind, key])
    for r in timeline:
        r["period"] = r["period"].isoformat() if r["period"] else None
        for k in ("said", "did", "received"):
            r[k] = int(r[k] or 0)
    counterparts = db.rows(
        "SELECT counterpart, type, sum(n) AS n, sum(conflict) AS conflict"
        " FROM summary_counterparts WHERE kind = ? AND actor = ?"
        " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 25", [kind, key])
    return {"key": key, "by_name": bool(name), "timeline": timeline,
            "counterparts": counterparts}


# -- claims -------------------------------------------------------------------
def claims(db: Database, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    w = Where()
    if q:
        w.add("text ILIKE ? ESCAPE '\\'", f"%{_like(q)}%")
    total = db.scalar(f"SELECT count(*) FROM claims{w.sql()}", w.params)
    items = db.rows(
        "SELECT claim_id, text, first_seen, last_seen, n_attributions, n_articles, n_speakers"
        f" FROM claims{w.sql()} ORDER BY n_articles DESC NULLS LAST, claim_id LIMIT ? OFFSET ?",
        [*w.params, limit, offset])
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def claim(db: Database, claim_id: str) -> dict[str, Any] | None:
    row = db.one("SELECT * FROM claims WHERE claim_id = ?", [claim_id])
    if row is None:
        return None
    row["record"] = as_json(row.get("record"))
    row["members"] = db.rows(
        "SELECT m.attribution_id, m.article_id, m.stance, m.similarity, t.speaker_name,"
        " t.speaker_country, t.cue_text, t.content_text, a.title, a.published AS date,"
        " coalesce(a.site_name, a.source) AS outlet FROM claim_members m"
        " LEFT JOIN attributions t USING (attribution_id)"
        " LEFT JOIN articles a ON a.article_id = m.article_id"
        " WHERE m.claim_id = ? ORDER BY a.published NULLS LAST, m.attribution_id", [claim_id])
    return row
