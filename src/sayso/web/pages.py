"""Dashboard pages.  Article text is hostile: templates autoescape, and highlights are
built from escaped pieces (``highlight.py``); scripts read data from JSON blocks only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sayso.api import queries as q
from sayso.api.db import Database
from sayso.web import HERE
from sayso.web.highlight import highlight, marks_of

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["quad"] = lambda v: q.QUAD_NAMES.get(v, "unclassified")
templates.env.filters["cls"] = q.conflict_class
PAGE = 50


def _db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(value))) if value else default
    except ValueError:
        return default


def _text(value: str | None, limit: int = 200) -> str | None:
    return value.strip()[:limit] or None if value else None


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    context.setdefault("libraries", request.app.state.libraries)
    context.setdefault("params", dict(request.query_params))
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def overview_page(request: Request) -> HTMLResponse:
    p = request.query_params
    f = q.ArticleFilter(q=_text(p.get("q")), source=_text(p.get("source")),
                        date_from=_date(p.get("date_from")), date_to=_date(p.get("date_to")))
    offset = _int(p.get("offset"), 0, 0, 1_000_000)
    db = _db(request)
    return render(request, "overview.html", filter=f, overview=q.overview(db, f),
                  results=q.articles(db, f, PAGE, offset), sources=q.sources(db, 100),
                  export_query=_query(p, drop=("offset",)))


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
    p = request.query_params
    name, country = _text(p.get("name")), _text(p.get("country"), 64)
    if not name and not country:
        raise HTTPException(400, "give name or country")
    db = _db(request)
    profile = q.actor_profile(db, name, country)
    said = q.statements(db, q.StatementFilter(speaker=name, country=None if name else country),
                        PAGE, 0)
    did = q.events(db, q.EventFilter(actor_name=name, actor_country=None if name else country),
                   PAGE, 0, with_sentences=True)
    return render(request, "actor.html", profile=profile, said=said, did=did,
                  title=name or country)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request) -> HTMLResponse:
    p = request.query_params
    source = (_text(p.get("source"), 64) or "").upper()
    target = (_text(p.get("target"), 64) or "").upper()
    interval = str(p.get("interval")) if p.get("interval") in q.INTERVALS else "month"
    db = _db(request)
    series = q.dyad_series(db, source, target, interval) if source and target else None
    top = q.top_dyads(db, 15)
    return render(request, "dyad.html", source=source, target=target, interval=interval,
                  series=series, top_dyads=top)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    p = request.query_params
    f = q.EventFilter(type=_text(p.get("type"), 64), date_from=_date(p.get("date_from")),
                      date_to=_date(p.get("date_to")))
    min_count = _int(p.get("min_count"), 1, 1, 1_000_000)
    graph = q.network(_db(request), f, max_edges=150, min_count=min_count)
    return render(request, "network.html", graph=graph, min_count=min_count)


@router.get("/evidence", response_class=HTMLResponse)
def evidence(request: Request) -> HTMLResponse:
    """Events behind one number: a dyad point, a network edge, a table cell."""
    p = request.query_params
    f = q.EventFilter(source_country=_text(p.get("source"), 64),
                      target_country=_text(p.get("target"), 64), type=_text(p.get("type"), 64),
                      actor_name=_text(p.get("actor")), side=_text(p.get("class"), 16))
    period = _date(p.get("period"))
    if p.get("period") and period is None:
        raise HTTPException(400, "period must be a date as YYYY-MM-DD")
    _period(f, period, p.get("interval") or "month")
    offset = _int(p.get("offset"), 0, 0, 1_000_000)
    found = q.events(_db(request), f, PAGE, offset, with_sentences=True)
    name = "_evidence.html" if request.headers.get("hx-request") else "evidence.html"
    return render(request, name, found=found, offset=offset)


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
    found = q.claims(_db(request), _text(p.get("q")), PAGE, offset)
    return render(request, "claims.html", found=found, offset=offset)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim_page(request: Request, claim_id: str) -> HTMLResponse:
    found = q.claim(_db(request), claim_id)
    if found is None:
        raise HTTPException(404, "no such claim")
    return render(request, "claim.html", claim=found)


def _query(params: Any, drop: tuple[str, ...] = ()) -> dict[str, str]:
    return {k: v for k, v in params.items() if k not in drop and v}
