"""Read queries over the store, shared by the JSON API and the dashboard.

Every value reaches SQL as a bound parameter; only fixed fragments chosen from
the code (column names, ``date_trunc`` units) are spliced into the text.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sayso.api import search
from sayso.api.db import Database, Row
from sayso.api.storing import as_json
from sayso.claims.text import sentence_bounds
from sayso.knowledge import countries, country_code

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}
INTERVALS = ("week", "month", "year")
# Negated ("did not deploy") and hypothetical ("would strike") events did not happen: they are
# never counted as conflict or cooperation, and views leave them out unless asked.
CERTAIN = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"
SIDES = {"conflict": f"e.quad_class IN (3, 4) AND {CERTAIN}",
         "cooperation": f"e.quad_class IN (1, 2) AND {CERTAIN}",
         "unclassified": "(e.quad_class IS NULL OR e.quad_class NOT IN (1, 2, 3, 4)"
                         f" OR NOT ({CERTAIN}))"}
WINDOW = 400  # characters read either side of a trigger to find its sentence


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
    actor_country: str | None = None  # articles with an actor of this country
    events: EventFilter | None = None  # articles with an event matching this filter
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
        if self.actor_country:
            w.add("a.article_id IN (SELECT article_id FROM actors WHERE country = ?)",
                  self.actor_country.upper())
        if self.events is not None:
            inner = self.events.where()
            w.add(f"a.article_id IN (SELECT e.article_id FROM events e{inner.sql()})", *inner.params)
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
    source_name: str | None = None
    target_name: str | None = None
    min_confidence: float | None = None
    include_uncertain: bool = False   # negated and hypothetical events too
    scope: ArticleFilter | None = None  # only events of these articles (with_words first)

    @property
    def dated(self) -> bool:
        """Whether the filter reads the article's date (so needs the articles join)."""
        return bool(self.date_from or self.date_to)

    def where(self) -> Where:
        w = Where()
        if self.side in SIDES:
            w.add(SIDES[self.side])
        for column in ("type", "source_country", "source_sector", "target_country",
                       "target_sector", "negated", "article_id", "quad_class", "source_name",
                       "target_name"):
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
        if self.min_confidence is not None:
            w.add("e.confidence >= ?", self.min_confidence)
        if not self.include_uncertain and self.negated is None:
            w.add(CERTAIN)
        if self.scope is not None:
            inner = self.scope.where()
            w.add(f"e.article_id IN (SELECT a.article_id FROM articles a{inner.sql()})",
                  *inner.params)
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
def with_words(db: Database, f: ArticleFilter) -> ArticleFilter:
    """``f`` with its words split as the search index splits them (before ``where``)."""
    return _with_words(db, f)


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
    return _sources(db, limit)


def _sources(db: Database, limit: int) -> list[Row]:
    return db.rows(
        "SELECT coalesce(site_name, source) AS source, count(*) AS n FROM articles"
        " GROUP BY 1 ORDER BY n DESC, source LIMIT ?", [limit])


# -- overview -----------------------------------------------------------------
def overview(db: Database, f: ArticleFilter, top: int = 10) -> dict[str, Any]:
    return _overview(db, f, top)


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
    return db.rows(f"{t.totals} ORDER BY {t.order} LIMIT ?", [top])


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
    begin, end = sentence_bounds(window, at, at)
    return window[begin:end].strip()


# -- dyads and network --------------------------------------------------------
def dyad_series(db: Database, source: str, target: str, interval: str = "month",
                f: EventFilter | None = None) -> dict[str, Any]:
    """Events from ``source`` to ``target`` per period, split by type and quad class."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    f = f or EventFilter()
    return _dyad_series(db, source, target, interval, f)


def _dyad_series(db: Database, source: str, target: str, interval: str, f: EventFilter
                 ) -> dict[str, Any]:
    f.source_country, f.target_country = source.upper(), target.upper()
    w = f.where()
    rows = db.rows(
        f"SELECT CAST(date_trunc('{interval}', coalesce(e.event_date, a.published)) AS DATE)"
        " AS period, e.type, e.quad_class,"
        " coalesce(e.negated, false) OR coalesce(e.hypothetical, false) AS uncertain,"
        " count(*) AS n"
        f" FROM events e JOIN articles a USING (article_id){w.sql()}"
        " GROUP BY ALL ORDER BY period NULLS LAST, e.type", w.params)
    by_period: dict[str, dict[str, int]] = {}
    for r in rows:
        key = r["period"].isoformat() if r["period"] else "undated"
        cls = conflict_class(r["quad_class"], r.pop("uncertain"))
        bucket = by_period.setdefault(key, {"conflict": 0, "cooperation": 0, "unclassified": 0})
        bucket[cls] += r["n"]
        r["period"] = r["period"].isoformat() if r["period"] else None
        r["class"] = cls
    return {"source": f.source_country, "target": f.target_country, "interval": interval,
            "points": rows,
            "periods": [{"period": k, **v} for k, v in by_period.items()],
            "by_type": _by_type(rows)}


def conflict_class(quad_class: int | None, uncertain: bool | None = False) -> str:
    """conflict, cooperation or unclassified; an event that did not happen is neither."""
    if uncertain:
        return "unclassified"
    if quad_class in (1, 2):
        return "cooperation"
    if quad_class in (3, 4):
        return "conflict"
    return "unclassified"


def event_class(e: Row) -> str:
    return conflict_class(e.get("quad_class"), bool(e.get("negated") or e.get("hypothetical")))


def _by_type(rows: list[Row]) -> list[Row]:
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["type"]] = totals.get(r["type"], 0) + r["n"]
    return [{"type": t, "n": n} for t, n in sorted(totals.items(), key=lambda kv: -kv[1])]


# A network node: a country, or a country and sector (coded actors only).
LEVELS = {"country": ("e.source_country", "e.target_country"),
          "sector": ("concat_ws('/', e.source_country, e.source_sector)",
                     "concat_ws('/', e.target_country, e.target_sector)")}


def network(db: Database, f: EventFilter, max_edges: int = 200, min_count: int = 1,
            level: str = "country") -> dict[str, Any]:
    """Coded actors rolled up to countries (or country/sector) as nodes, edges per event type;
    an actor acting on itself (RUS -> RUS) is counted apart, not drawn."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    return _network(db, f, max_edges, min_count, level)


def _network(db: Database, f: EventFilter, max_edges: int, min_count: int, level: str
             ) -> dict[str, Any]:
    if level == "country" and _type_only(f):  # the summarised edges answer it
        edges = _summary_edges(db, f, max_edges, min_count, loops=False)
        loops = _summary_edges(db, f, 1000, 1, loops=True)
    else:
        edges = _network_edges(db, f, max_edges, min_count, level)
        loops = _network_edges(db, f, 1000, 1, level, loops=True)
    weight: dict[str, int] = {}
    for e in edges:
        for end in (e["source"], e["target"]):
            weight[end] = weight.get(end, 0) + e["count"]
    nodes = [{"id": k, "label": node_label(k), "count": v}
             for k, v in sorted(weight.items(), key=lambda kv: -kv[1])]
    for r in loops:
        r["label"] = node_label(r["source"])
    return {"level": level, "nodes": nodes, "edges": edges, "self_loops": loops,
            "self_loop_count": sum(r["count"] for r in loops)}


def node_label(node: str) -> str:
    """'FRA' -> 'France', 'FRA/GOV' -> 'France GOV'."""
    code, _, sector = node.partition("/")
    name = countries().get(code, (code, ()))[0]
    return f"{name} {sector}".strip()


def _type_only(f: EventFilter) -> bool:
    return f == EventFilter(type=f.type)


def _summary_edges(db: Database, f: EventFilter, max_edges: int, min_count: int,
                   loops: bool) -> list[Row]:
    w = Where()
    w.add("source = target" if loops else "source <> target")
    if f.type:
        w.add("type = ?", f.type)
    return db.rows(
        "SELECT source, target, type, sum(n) AS count, sum(conflict) AS conflict"
        f" FROM summary_edges{w.sql()} GROUP BY 1, 2, 3 HAVING sum(n) >= ?"
        " ORDER BY count DESC, 1, 2, 3 LIMIT ?", [*w.params, min_count, max_edges])


def _network_edges(db: Database, f: EventFilter, max_edges: int, min_count: int,
                   level: str = "country", loops: bool = False) -> list[Row]:
    source, target = LEVELS[level]
    w = f.where()
    w.add("e.source_country IS NOT NULL AND e.target_country IS NOT NULL")
    w.add(f"{source} {'=' if loops else '<>'} {target}")
    return db.rows(
        f"SELECT {source} AS source, {target} AS target, e.type, count(*) AS count,"
        f" count(*) FILTER (WHERE e.quad_class >= 3 AND {CERTAIN}) AS conflict"
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
    speaker: str | None = None        # whole name
    country: str | None = None        # the speaker's
    q: str | None = None              # words, each in the content or the speaker's name
    article_id: str | None = None
    sector: str | None = None         # the speaker's
    cue_class: str | None = None
    kind: str | None = None
    outlet: str | None = None
    date_from: date | None = None     # the article's date
    date_to: date | None = None
    about: list[str] = field(default_factory=list)  # the content names one of these
    min_confidence: float | None = None
    scope: ArticleFilter | None = None  # only statements of these articles (with_words first)

    def where(self) -> Where:
        """Conditions on the statement (alias t)."""
        w = Where()
        for column, value in (("speaker_name", self.speaker), ("speaker_country", self.country),
                              ("speaker_sector", self.sector), ("cue_class", self.cue_class),
                              ("kind", self.kind), ("article_id", self.article_id)):
            if value:
                w.add(f"t.{column} = ?", value.upper() if column == "speaker_country" else value)
        words = words_of(self.q or "")[:search.MAX_QUERY_TERMS]
        if words:
            # The articles' term index first (every word is in the article), and the whole
            # words tested only on their statements: CASE keeps the regex off the others.
            indexed, terms = search.condition(words, "t.article_id")
            searched = "lower(concat_ws(' ', t.content_text, t.speaker_name, t.source_text))"
            tests = " AND ".join([f"regexp_matches({searched}, ?)"] * len(words))
            w.add(f"CASE WHEN {indexed} THEN {tests} ELSE false END", *terms,
                  *(whole_word(word) for word in words))
        about = [(term, words_of(term)[:search.MAX_QUERY_TERMS]) for term in self.about]
        if about and all(words for _term, words in about):
            # As for q: the articles naming any of the terms, then the statement's content.
            parts = [search.matching(words) for _term, words in about]
            indexed = " UNION ".join(f"({sql})" for sql, _p in parts)
            tests = " OR ".join(["regexp_matches(lower(t.content_text), ?)"] * len(about))
            w.add(f"CASE WHEN t.article_id IN ({indexed}) THEN {tests} ELSE false END",
                  *(x for _sql, params in parts for x in params),
                  *(whole_word(term.lower()) for term, _words in about))
        elif about:  # a term with no letters or digits names nothing
            w.add("false")
        if self.min_confidence is not None:
            w.add("t.confidence >= ?", self.min_confidence)
        return w

    def article_where(self) -> Where:
        """Conditions on the statement's article (alias a)."""
        w = Where()
        if self.outlet:
            w.add("coalesce(a.site_name, a.source) = ?", self.outlet)
        if self.date_from:
            w.add("a.published >= ?", self.date_from)
        if self.date_to:
            w.add("a.published <= ?", self.date_to)
        if self.scope is not None:
            inner = self.scope.where()
            w.add(f"a.article_id IN (SELECT a.article_id FROM articles a{inner.sql()})",
                  *inner.params)
        return w


WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """Lower-cased words (runs of letters and digits), as the article search splits them."""
    return list(dict.fromkeys(WORD.findall(text.lower())))


def whole_word(term: str) -> str:
    """A regular expression matching ``term`` as whole words (letters/digits around it stop it)."""
    return r"(^|[^\p{L}\p{N}])" + re.escape(term).replace("\\ ", " ") + r"([^\p{L}\p{N}]|$)"


STATEMENT_COLUMNS = (
    "t.attribution_id, t.article_id, t.kind, t.cue_class, t.speaker_name, t.speaker_country,"
    " t.speaker_sector, t.speaker_role, t.source_text, t.cue_text, t.content_text, t.confidence"
)


def statements(db: Database, f: StatementFilter, limit: int, offset: int,
               with_sentences: bool = False) -> dict[str, Any]:
    w, aw = f.where(), f.article_where()
    total = _statement_total(db, f)
    if total is None:
        joined = " JOIN articles a USING (article_id)" if aw.parts else ""
        both = Where(w.parts + aw.parts, w.params + aw.params)
        total = db.scalar(f"SELECT count(*) FROM attributions t{joined}{both.sql()}", both.params)
    # Statements sort by (article date, attribution_id), and attribution ids start with
    # the article id, so the first N statements lie in the first N articles having one:
    # only those articles are joined, not every match.
    arts = Where()
    arts.add(f"a.article_id IN (SELECT t.article_id FROM attributions t{w.sql()})", *w.params)
    arts.parts += aw.parts
    arts.params += aw.params
    sentence = (", t.start_char, t.end_char, t.source_spans, t.cue_spans, t.content_spans,"
                " substr(x.text, greatest(1, t.start_char + 1 - ?),"
                " t.end_char - greatest(0, t.start_char - ?) + ?) AS _window,"
                " greatest(0, t.start_char - ?) AS _window_start") if with_sentences else ""
    text_join = " JOIN articles x ON x.article_id = t.article_id" if with_sentences else ""
    items = db.rows(
        "WITH arts AS (SELECT a.article_id, a.published, a.title,"
        f" coalesce(a.site_name, a.source) AS outlet FROM articles a{arts.sql()}"
        " ORDER BY a.published DESC NULLS LAST, a.article_id LIMIT ?)"
        f" SELECT {STATEMENT_COLUMNS}, arts.published AS date, arts.title, arts.outlet{sentence}"
        f" FROM attributions t JOIN arts USING (article_id){text_join}{w.sql()}"
        " ORDER BY arts.published DESC NULLS LAST, t.attribution_id LIMIT ? OFFSET ?",
        [*arts.params, offset + limit, *([WINDOW] * 4 if with_sentences else []), *w.params,
         limit, offset])
    if with_sentences:
        items = [_statement_sentence(r) for r in _decoded(items)]
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def _statement_sentence(row: Row) -> Row:
    """The sentence(s) holding the statement: ``sentence`` and its first character
    ``sentence_start`` in the article; the spans stay article offsets."""
    window = row.pop("_window", None) or ""
    start = row.pop("_window_start", 0) or 0
    lo, hi = (row.get("start_char") or 0) - start, (row.get("end_char") or 0) - start
    begin, end = sentence_bounds(window, lo, hi)
    row["sentence"], row["sentence_start"] = window[begin:end], start + begin
    return row


def _statement_total(db: Database, f: StatementFilter) -> int | None:
    """The count from the summaries, when the filter is a speaker name or a country only."""
    if bool(f.speaker) == bool(f.country) or StatementFilter(
            speaker=f.speaker, country=f.country) != f:
        return None
    kind, key = ("name", f.speaker) if f.speaker else ("country", (f.country or "").upper())
    return int(db.scalar("SELECT coalesce(sum(said), 0) FROM summary_actor_months"
                         " WHERE kind = ? AND actor = ?", [kind, key]) or 0)


def actor_profile(db: Database, name: str | None, country: str | None,
                  f: EventFilter | None = None) -> dict[str, Any]:
    """What an actor (by name, or a whole country) said and did, to whom, over time; ``f``
    narrows the events (dates, types, ...) behind the counterparts and the timeline."""
    f = f or EventFilter()
    return _actor_profile(db, name, country, f)


def _actor_profile(db: Database, name: str | None, country: str | None, f: EventFilter
                   ) -> dict[str, Any]:
    # From the summaries (sayso.store.summaries): per actor and month, and per counterpart.
    kind, key = ("name", name) if name else ("country", (country or "").upper())
    timeline = db.rows(
        "SELECT period, sum(said) AS said, sum(did) AS did, sum(received) AS received"
        " FROM summary_actor_months WHERE kind = ? AND actor = ?"
        " GROUP BY period ORDER BY period NULLS LAST", [kind, key])
    first = date(f.date_from.year, f.date_from.month, 1) if f.date_from else None
    timeline = [r for r in timeline if r["period"] is None or (
        (first is None or r["period"] >= first) and (f.date_to is None or r["period"] <= f.date_to))]
    for r in timeline:
        r["period"] = r["period"].isoformat() if r["period"] else None
        for k in ("said", "did", "received"):
            r[k] = int(r[k] or 0)
    if f == EventFilter():
        counterparts = db.rows(
            "SELECT counterpart, type, sum(n) AS n, sum(conflict) AS conflict"
            " FROM summary_counterparts WHERE kind = ? AND actor = ?"
            " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 25", [kind, key])
    else:
        counterparts = _counterparts(db, f, kind, key)
    return {"key": key, "by_name": bool(name), "timeline": timeline,
            "counterparts": counterparts}


def _counterparts(db: Database, f: EventFilter, kind: str, key: str) -> list[Row]:
    """Whom the actor acted on, straight from the events (a filter the summaries lack)."""
    w = f.where()
    w.add(f"e.source_{kind} = ?", key)
    w.add("coalesce(e.target_country, e.target_name) IS NOT NULL")
    return db.rows(
        "SELECT coalesce(e.target_country, e.target_name) AS counterpart, e.type,"
        f" count(*) AS n, count(*) FILTER (WHERE e.quad_class >= 3 AND {CERTAIN}) AS conflict"
        f" FROM {event_table(f)}{w.sql()} GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 25",
        w.params)


# -- claims -------------------------------------------------------------------
CLAIM_ORDERS = {"articles": "c.n_articles", "outlets": "s.n_outlets", "speakers": "c.n_speakers",
                "time": "days", "recent": "c.last_seen"}
AFFIRMING = ("assert", "repeat")


def claims(db: Database, q: str | None, limit: int, offset: int, contested: bool = False,
           order: str = "articles") -> dict[str, Any]:
    """Claims by spread: articles, outlets, speakers, or days between first and last seen.
    Contested: some member asserts it and another denies it."""
    if order not in CLAIM_ORDERS:
        raise ValueError(f"order must be one of {', '.join(CLAIM_ORDERS)}")
    w = Where()
    if q:
        w.add("c.text ILIKE ? ESCAPE '\\'", f"%{_like(q)}%")
    if contested:
        w.add("s.n_assert > 0 AND s.n_deny > 0")
    spread = ("WITH s AS (SELECT m.claim_id,"
              " count(*) FILTER (WHERE m.stance IN ('assert', 'repeat')) AS n_assert,"
              " count(*) FILTER (WHERE m.stance = 'deny') AS n_deny,"
              " count(DISTINCT coalesce(a.site_name, a.source)) AS n_outlets,"
              " min(m.attribution_id) AS first_member"
              " FROM claim_members m LEFT JOIN articles a ON a.article_id = m.article_id"
              " GROUP BY 1)")
    base = f" FROM claims c LEFT JOIN s USING (claim_id){w.sql()}"
    total = db.scalar(f"{spread} SELECT count(*){base}", w.params)
    items = db.rows(
        f"{spread} SELECT c.claim_id, c.text, c.first_seen, c.last_seen, c.n_attributions,"
        " c.n_articles, c.n_speakers, coalesce(s.n_outlets, 0) AS n_outlets,"
        " coalesce(s.n_assert, 0) AS n_assert, coalesce(s.n_deny, 0) AS n_deny,"
        " date_diff('day', c.first_seen, c.last_seen) + 1 AS days,"
        " coalesce(json_extract_string(c.record, '$.representative_attribution_id'),"
        f" s.first_member) AS representative{base}"
        f" ORDER BY {CLAIM_ORDERS[order]} DESC NULLS LAST, c.n_articles DESC NULLS LAST,"
        " c.claim_id LIMIT ? OFFSET ?", [*w.params, limit, offset])
    found = sentences(db, [r["representative"] for r in items if r["representative"]])
    for r in items:
        r["contested"] = bool(r["n_assert"] and r["n_deny"])
        r["sentence"] = found.get(r["representative"]) or r["text"]
    return {"total": int(total or 0), "limit": limit, "offset": offset, "items": items}


def sentences(db: Database, attribution_ids: list[str]) -> dict[str, str]:
    """The full sentence of each statement (the claim's label)."""
    if not attribution_ids:
        return {}
    rows = db.rows(
        "SELECT t.attribution_id, t.start_char, t.end_char,"
        " substr(a.text, greatest(1, t.start_char + 1 - ?),"
        " t.end_char - greatest(0, t.start_char - ?) + ?) AS _window,"
        " greatest(0, t.start_char - ?) AS _window_start"
        " FROM attributions t JOIN articles a USING (article_id)"
        " WHERE t.attribution_id IN (SELECT unnest(?))", [*[WINDOW] * 4, attribution_ids])
    return {r["attribution_id"]: _statement_sentence(r)["sentence"].strip() for r in rows}


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
    record = row["record"] if isinstance(row["record"], dict) else {}
    first = row["members"][0]["attribution_id"] if row["members"] else None
    representative = record.get("representative_attribution_id") or first
    row["representative_attribution_id"] = representative
    row["sentence"] = sentences(db, [representative]).get(representative) if representative \
        else None
    return row


def actor_name(db: Database, typed: str | None) -> str | None:
    """The store's spelling of a typed actor name ('sergei lavrov' -> 'Sergei Lavrov')."""
    if not typed:
        return None
    found = db.scalar("SELECT name FROM actors WHERE lower(name) = lower(?)"
                      " GROUP BY name ORDER BY count(*) DESC, name LIMIT 1", [typed])
    return str(found) if found else typed


def about_terms(actor: str | None) -> list[str]:
    """What a statement's content must name to be about ``actor``: a country's name and
    adjective ('France', 'French'), else the name itself."""
    if not actor:
        return []
    code = country_code(actor)
    if code:
        name, adjectives = countries()[code]
        return [name, *adjectives[:1]]
    return [actor]


def suggest(db: Database, text: str, limit: int = 12, kinds: tuple[str, ...] = ("country", "name")
            ) -> list[Row]:
    """Completions for the actor box: country codes and names, then actor names in the store
    (most articles first)."""
    wanted = text.strip().casefold()
    out: list[Row] = []
    if wanted and "country" in kinds:
        for code, (name, _adj) in countries().items():
            if code.casefold().startswith(wanted) or name.casefold().startswith(wanted):
                out.append({"value": code, "label": name, "kind": "country"})
    if wanted and "name" in kinds:
        named = {r["label"] for r in out}  # 'France' the speaker is France the country
        out += [{"value": r["name"], "label": " ".join(x for x in (r["country"], r["role"]) if x),
                 "kind": "name"} for r in db.rows(
            "SELECT name, any_value(country) AS country, any_value(role) AS role FROM actors"
            " WHERE name ILIKE ? ESCAPE '\\' GROUP BY name"
            " ORDER BY count(DISTINCT article_id) DESC, name LIMIT ?",
            [f"%{_like(text.strip())}%", limit]) if r["name"] not in named]
    return out[:limit]


# -- related statements (the same claim elsewhere) ------------------------------------
def statement(db: Database, attribution_id: str) -> Row | None:
    """One statement with its article and the sentence it stands in (spans decoded)."""
    found = db.rows(
        f"SELECT {STATEMENT_COLUMNS}, a.published AS date, a.title,"
        " coalesce(a.site_name, a.source) AS outlet, a.source, a.url, t.start_char, t.end_char,"
        " t.source_spans, t.cue_spans, t.content_spans, m.claim_id, m.stance,"
        " substr(a.text, greatest(1, t.start_char + 1 - ?),"
        " t.end_char - greatest(0, t.start_char - ?) + ?) AS _window,"
        " greatest(0, t.start_char - ?) AS _window_start"
        " FROM attributions t JOIN articles a USING (article_id)"
        " LEFT JOIN claim_members m USING (attribution_id)"
        " WHERE t.attribution_id = ?", [*[WINDOW] * 4, attribution_id])
    return _statement_sentence(_decoded(found)[0]) if found else None


# The related-statements index of each open store, with the store version it was read at:
# every statement's vector in memory, rebuilt only after a write (the read cache keeps whole
# answers; this keeps the one costly object many different answers share).
_RELATED: weakref.WeakKeyDictionary[Database, tuple[int, Any]] = weakref.WeakKeyDictionary()
_RELATED_LOCK = threading.Lock()


def _related_index(db: Database) -> Any:
    from sayso.claims.related import reading_index

    with _RELATED_LOCK:  # (one build at a time: concurrent first requests share it)
        version = db.version
        hit = _RELATED.get(db)
        if hit is None or hit[0] != version:
            hit = _RELATED[db] = (version, reading_index(db.cursor()))
        return hit[1]


def related_statements(db: Database, attribution_id: str, k: int = 10) -> Row | None:
    """The statement and the ``k`` statements of other articles most likely to make the same
    claim, best first, each with outlet, speaker, date, stance and sentence; None when the
    statement does not exist."""
    from sayso.claims.related import related_to

    own = statement(db, attribution_id)
    if own is None:
        return None
    index = _related_index(db)
    found = related_to(index.index, attribution_id, k, index.embedder,
                       index.row_of(db.cursor(), attribution_id))
    ids = [r.attribution_id for r, _s in found or []]
    details = {r["attribution_id"]: r for r in db.rows(
        f"SELECT {STATEMENT_COLUMNS}, a.published AS date, a.title, a.url, a.source,"
        " coalesce(a.site_name, a.source) AS outlet, m.claim_id, m.stance"
        " FROM attributions t JOIN articles a USING (article_id)"
        " LEFT JOIN claim_members m USING (attribution_id)"
        " WHERE t.attribution_id IN (SELECT unnest(?))", [ids])} if ids else {}
    said = sentences(db, ids)
    items = []
    for row, score in found or []:
        item = dict(details.get(row.attribution_id) or {"attribution_id": row.attribution_id})
        item["score"] = round(score, 4)
        item["sentence"] = said.get(row.attribution_id) or row.content
        items.append(item)
    return {"statement": own, "model": index.index.model, "k": k,
            "indexed": found is not None, "related": items}
