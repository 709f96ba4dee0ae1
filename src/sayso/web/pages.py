"""Dashboard pages.  Article text is hostile: templates autoescape, and highlights are
built from escaped pieces (``highlight.py``); scripts read data from JSON blocks only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sayso.api import queries as q
from sayso.api.db import Database
from sayso.knowledge import country_code
from sayso.web.highlight import highlight, marks_of
from sayso.web.view import QUAD_CLASSES, View, event_types
from sayso.web.view import day as _date
from sayso.web.view import text as _text

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).resolve().parent  # the package folder (templates/)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["quad"] = lambda v: q.QUAD_NAMES.get(v, "unclassified")
templates.env.filters["cls"] = q.event_class
templates.env.filters["label"] = q.node_label
PAGE = 50
RELATED = 10  # statements in an Elsewhere panel


def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value))) if value else default
    except ValueError:
        return default


def render(request: Request, template: str, view: View | None = None,
           **context: Any) -> HTMLResponse:
    view = view or View.of(request.query_params)
    context.setdefault("libraries", request.app.state.libraries)
    context.setdefault("params", dict(request.query_params))
    context["view"] = view
    # Every link keeps the filter bar: link('/dyad', target='FRA') -> /dyad?actor=..&target=FRA
    context["link"] = lambda path, **changes: f"{path}?{urlencode(view.params(**changes))}"
    context["event_types"] = event_types()
    context["quad_classes"] = QUAD_CLASSES
    context["presets"] = _presets(_db(request))
    context["here"] = lambda **changes: _here(request, changes)
    return templates.TemplateResponse(request, template, context)


def _here(request: Request, changes: dict[str, Any]) -> str:
    """This page's URL with some parameters changed (None drops one); back to the first page."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return f"{request.url.path}?{urlencode(params)}"


def _presets(db: Database) -> list[tuple[str, date, date]]:
    """Date ranges relative to the newest article: its month, the 30 days before, its year."""
    newest = db.scalar("SELECT max(published) FROM articles")
    if newest is None:
        return []
    month = date(newest.year, newest.month, 1)
    return [("latest month", month, _month_end(month)),
            ("last 30 days", newest - timedelta(days=29), newest),
            ("latest year", date(newest.year, 1, 1), date(newest.year, 12, 31))]


def _month_end(start: date) -> date:
    nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    p = request.query_params
    view = View.of(p)
    f = view.articles(_text(p.get("q")), _text(p.get("source")))
    offset = _int(p.get("offset"), 0, 0, 1_000_000)
    db = _db(request)
    # The overview counts what its articles hold: its numbers link to the statements and
    # events of those articles (in=overview), not to the bar's view of statements or events.
    scope = {} if f.empty() else {"in": "overview", "aq": f.q, "asource": f.source}
    return render(request, "overview.html", view, filter=f, overview=q.overview(db, f),
                  results=q.articles(db, f, PAGE, offset), sources=q.sources(db, 100),
                  export_query=_query(p, drop=("offset",)), scope=scope)


def _overview_scope(request: Request, view: View) -> q.ArticleFilter | None:
    """The overview's articles, when a link from its numbers asks for them."""
    p = request.query_params
    if p.get("in") != "overview":
        return None
    return q.with_words(_db(request), view.articles(_text(p.get("aq")), _text(p.get("asource"))))


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    found = q.article(_db(request), article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    records = {a["attribution_id"]: _attribution_record(a) for a in found["attributions"]}
    records.update({e["event_id"]: _event_record(e) for e in found["events"]})
    body = highlight(found["text"], marks_of(found["attributions"], found["events"]))
    return render(request, "article.html", article=found, body=body, records=records)


def _attribution_record(a: dict[str, Any]) -> dict[str, Any]:
    return {"kind": f"statement ({a['kind']})", "speaker": a["speaker_name"] or a["source_text"],
            "role": a["speaker_role"], "country": a["speaker_country"],
            "sector": a["speaker_sector"], "cue": a["cue_text"], "cue class": a["cue_class"],
            "content": a["content_text"], "confidence": a["confidence"]}


def _event_record(e: dict[str, Any]) -> dict[str, Any]:
    flags = [name for name in ("negated", "hypothetical") if e.get(name)]
    return {"kind": "event", "event code": e["type"], "mode": e["mode"],
            "source": _actor_label(e["source_name"], e["source_country"], e["source_sector"]),
            "target": _actor_label(e["target_name"], e["target_country"], e["target_sector"]),
            "trigger": e["trigger_text"], "class": q.QUAD_NAMES.get(e["quad_class"]),
            "date": str(e["event_date"]) if e["event_date"] else None,
            "flags": ", ".join(flags) or "none", "confidence": e["confidence"]}


def _actor_label(name: str | None, country: str | None, sector: str | None) -> str | None:
    code = "/".join(x for x in (country, sector) if x)
    if name and code:
        return f"{name} ({code})"
    return name or code or None


@router.get("/actor", response_class=HTMLResponse)
def actor_page(request: Request) -> HTMLResponse:
    """One actor (a person or organisation by name, or a whole country), in the bar's view."""
    p = request.query_params
    view = View.of(p)
    legacy = _text(p.get("name")) or _text(p.get("country"), 64)
    if legacy:  # /actor?name=... and /actor?country=... links keep working
        view = replace(view, actor=legacy)
    if not view.actor:
        raise HTTPException(400, "give an actor or a country")
    country = view.country if not p.get("name") else None
    db = _db(request)
    name = None if country else q.actor_name(db, view.actor)
    events = view.events(actor=None, actor_country=None)
    profile = q.actor_profile(db, name, country, events)
    said = _with_html(q.statements(db, view.statements(about=[], speaker=name, country=country),
                                   PAGE, 0, with_sentences=True))
    did = q.events(db, view.events(actor_name=name, actor=None) if name else view.events(),
                   PAGE, 0, with_sentences=True)
    return render(request, "actor.html", view, profile=profile, said=said, did=did,
                  title=view.actor_label if country else name, country=country, name=name)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request) -> HTMLResponse:
    """Source (the bar's actor, a country) to target, per period; without a target, the
    source's targets."""
    p = request.query_params
    view = View.of(p)
    if not view.actor and p.get("source"):
        view = replace(view, actor=_text(p.get("source"), 64))
    source = view.country or ""
    target = _country(_text(p.get("target"), 64))
    interval = str(p.get("interval")) if p.get("interval") in q.INTERVALS else "month"
    db = _db(request)
    events = view.events(actor=None, actor_country=None)
    series = q.dyad_series(db, source, target, interval, events) if source and target else None
    targets = q.actor_profile(db, None, source, events)["counterparts"] if source else []
    return render(request, "dyad.html", view, source=source, target=target, interval=interval,
                  series=series, targets=targets, top_dyads=q.top_dyads(db, 15),
                  typed_target=_text(p.get("target"), 64) or "")


def _country(value: str | None) -> str:
    return (country_code(value) or "") if value else ""


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    p = request.query_params
    view = View.of(p)
    level = "sector" if p.get("level") == "sector" else "country"
    min_count = _int(p.get("min_count"), 1, 1, 1_000_000)
    graph = q.network(_db(request), view.events(), max_edges=150, min_count=min_count,
                      level=level)
    return render(request, "network.html", view, graph=graph, min_count=min_count, level=level)


STATEMENT_FIELDS = ("q", "speaker", "speaker_country", "speaker_sector", "cue_class", "kind",
                    "outlet")


@router.get("/statements", response_class=HTMLResponse)
def statements_page(request: Request) -> HTMLResponse:
    """Who said what: words in the content or speaker, narrowed by speaker, cue and outlet."""
    p = request.query_params
    view = View.of(p)
    own = {k: _text(p.get(k)) for k in STATEMENT_FIELDS}
    scope = _overview_scope(request, view)
    f = view.statements(q=own["q"], speaker=own["speaker"], scope=scope,
                        country=_country(own["speaker_country"]) or own["speaker_country"],
                        sector=(own["speaker_sector"] or "").upper() or None,
                        cue_class=own["cue_class"], kind=own["kind"], outlet=own["outlet"])
    if scope is not None:  # the bar's actor and dates already chose the articles
        f.about, f.date_from, f.date_to, f.min_confidence = [], None, None, None
    offset = _int(p.get("offset"), 0, 0, 1_000_000)
    db = _db(request)
    found = _with_html(q.statements(db, f, PAGE, offset, with_sentences=True))
    return render(request, "statements.html", view, found=found, own=own, scope=scope,
                  choices=_statement_choices(db), sources=q.sources(db, 100),
                  words=q.words_of(own["q"] or ""))


@router.get("/statements/{attribution_id}", response_class=HTMLResponse)
def statement_page(request: Request, attribution_id: str) -> HTMLResponse:
    """One statement in its sentence, and where else its claim is made."""
    found = q.related_statements(_db(request), attribution_id[:300], RELATED)
    if found is None:
        raise HTTPException(404, "no such statement")
    s = found["statement"]
    s["sentence_html"] = _statement_html(s)
    return render(request, "statement.html", s=s, related=found)


def _with_html(found: dict[str, Any]) -> dict[str, Any]:
    for s in found["items"]:
        s["sentence_html"] = _statement_html(s)
    return found


def _statement_html(s: dict[str, Any]) -> Any:
    """The statement's sentence with speaker, cue and content highlighted (escaped pieces)."""
    shift = s["sentence_start"]
    marks = [replace(m, start=m.start - shift, end=m.end - shift)
             for m in marks_of([s], [])]
    return highlight(s["sentence"], marks)


def _statement_choices(db: Database) -> dict[str, list[str]]:
    return {column: [r["v"] for r in db.rows(
        f"SELECT DISTINCT {column} AS v FROM attributions WHERE {column} IS NOT NULL"
        " ORDER BY 1 LIMIT 100")] for column in ("cue_class", "kind", "speaker_sector")}


@router.get("/evidence", response_class=HTMLResponse)
def evidence(request: Request) -> HTMLResponse:
    """Events behind one number: a dyad point, a network edge, a table cell."""
    p = request.query_params
    view = View.of(p)
    f = view.events(type=_text(p.get("type"), 64) or view.type, side=_text(p.get("class"), 16))
    scope = _overview_scope(request, view)
    if scope is not None:  # the overview's articles, all their events
        f = q.EventFilter(type=_text(p.get("type"), 64), side=f.side, scope=scope,
                          include_uncertain=view.uncertain)
    for end in ("source", "target"):  # 'FRA' or, from the sector network, 'FRA/GOV'
        code, _, sector = (_text(p.get(end), 64) or "").partition("/")
        setattr(f, f"{end}_country", code.upper() or None)
        setattr(f, f"{end}_sector", sector.upper() or None)
    f.source_name, f.target_name = _text(p.get("source_name")), _text(p.get("target_name"))
    if f.source_country or f.target_country or f.source_name or f.target_name:
        f.actor, f.actor_country = None, None  # the ends replace the bar's actor
    period = _date(p.get("period"))
    if p.get("period") and period is None:
        raise HTTPException(400, "period must be a date as YYYY-MM-DD")
    _period(f, period, p.get("interval") or "month")
    offset = _int(p.get("offset"), 0, 0, 1_000_000)
    found = q.events(_db(request), f, PAGE, offset, with_sentences=True)
    name = "_evidence.html" if request.headers.get("hx-request") else "evidence.html"
    return render(request, name, view, found=found, offset=offset, about=_described(f),
                  export=_api_params(f))


def _described(f: q.EventFilter) -> list[str]:
    """What an evidence list holds, in words: 'Russia → France', 'ACCUSE', 'conflict', ..."""
    ends = [" ".join(x for x in (q.node_label(getattr(f, f"{end}_country") or "")
                                 if getattr(f, f"{end}_country") else None,
                                 getattr(f, f"{end}_sector"), getattr(f, f"{end}_name")) if x)
            or "anyone" for end in ("source", "target")]
    parts = [" → ".join(ends)] if ends != ["anyone", "anyone"] else []
    actor = f.actor_country and q.node_label(f.actor_country) or f.actor or f.actor_name
    if actor:
        parts.append(f"{actor} as source or target")
    if f.date_from or f.date_to:
        parts.append(f"{f.date_from or '…'} to {f.date_to or '…'}")
    parts += [x for x in (f.type, f.side, q.QUAD_NAMES.get(f.quad_class or 0)) if x]
    if f.min_confidence is not None:
        parts.append(f"confidence ≥ {f.min_confidence}")
    if f.scope is not None:
        parts.append("in the overview's articles")
    parts.append("negated and hypothetical included" if f.include_uncertain
                 else "negated and hypothetical left out")
    return parts


def _api_params(f: q.EventFilter) -> dict[str, str] | None:
    """The same events as /api/events parameters (None when the API cannot express them)."""
    if f.scope is not None:
        return None
    names = ("type", "source_country", "source_sector", "target_country", "target_sector",
             "source_name", "target_name", "date_from", "date_to", "quad_class", "side",
             "min_confidence")
    out = {k: str(getattr(f, k)) for k in names if getattr(f, k) not in (None, "")}
    actor = f.actor_country or f.actor or f.actor_name
    if actor:
        out["actor"] = actor
    if f.include_uncertain:
        out["include_uncertain"] = "true"
    return out


def _period(f: q.EventFilter, start: date | None, interval: str) -> None:
    if start is not None:
        f.date_from, f.date_to = start, _period_end(start, interval)


def _period_end(start: date, interval: str) -> date:
    """The last day of the period that starts at ``start``; periods running past the
    calendar's end (9999-12-31) end there."""
    try:
        if interval == "week":
            return start + timedelta(days=6)
        if interval == "year":
            return date(start.year, 12, 31)
        return date(start.year + start.month // 12, start.month % 12 + 1, 1) - timedelta(days=1)
    except (ValueError, OverflowError):
        return date.max


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request) -> HTMLResponse:
    p = request.query_params
    offset = _int(p.get("offset"), 0, 0, 1_000_000)
    order = str(p.get("order")) if p.get("order") in q.CLAIM_ORDERS else "articles"
    contested = p.get("contested") in ("1", "on", "true")
    found = q.claims(_db(request), _text(p.get("q")), PAGE, offset, contested, order)
    return render(request, "claims.html", found=found, offset=offset, order=order,
                  contested=contested)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    db = _db(request)
    found = q.claim(db, claim_id)
    if found is None:
        raise HTTPException(404, "no such claim")
    representative = found["representative_attribution_id"]
    related = q.related_statements(db, representative, RELATED) if representative else None
    return render(request, "claim.html", claim=found, related=related)


def _query(params: Any, drop: tuple[str, ...] = ()) -> dict[str, str]:
    return {k: v for k, v in params.items() if k not in drop and v}
