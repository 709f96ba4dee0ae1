"""The JSON API under /api: read endpoints (paginated, CSV-exportable) and token-guarded writes."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BeforeValidator

from sayso.api import queries as q
from sayso.api import writes
from sayso.api.db import Database
from sayso.api.export import LIST_RESPONSES, json_response, respond
from sayso.api.security import write_refusal

router = APIRouter(prefix="/api")

MAX_LIMIT = 500
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
Text = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(max_length=64)]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_only(value: Any) -> Any:
    """Dates only as YYYY-MM-DD: pydantic would also read numbers as Unix timestamps."""
    if value is not None and not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


Day = Annotated[date | None, BeforeValidator(_iso_only), Query(description="YYYY-MM-DD")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Not found"}}


def get_db(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


DB = Annotated[Database, Depends(get_db)]


def article_filter(q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
                   source: Text = None, date_from: Day = None,
                   date_to: Day = None, language: Code = None, actor: Text = None,
                   event_type: Code = None) -> q.ArticleFilter:
    return q.ArticleFilter(q=q_, source=source, date_from=date_from, date_to=date_to,
                           language=language, actor=actor, event_type=event_type)


Confidence = Annotated[float | None, Query(ge=0, le=1, description="at least this confidence")]
Uncertain = Annotated[bool, Query(description="also negated and hypothetical events (never "
                                              "counted as conflict or cooperation)")]


def event_filter(type: Code = None, source_country: Code = None, source_sector: Code = None,
                 target_country: Code = None, target_sector: Code = None,
                 date_from: Day = None, date_to: Day = None,
                 negated: bool | None = None, actor: Text = None, article_id: Code = None,
                 quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
                 side: Literal["conflict", "cooperation", "unclassified"] | None = None,
                 min_confidence: Confidence = None, include_uncertain: Uncertain = False,
                 source_name: Text = None, target_name: Text = None) -> q.EventFilter:
    return q.EventFilter(type=type, source_country=source_country, source_sector=source_sector,
                         target_country=target_country, target_sector=target_sector,
                         date_from=date_from, date_to=date_to, negated=negated, actor=actor,
                         article_id=article_id, quad_class=quad_class, side=side,
                         min_confidence=min_confidence, include_uncertain=include_uncertain,
                         source_name=source_name, target_name=target_name)


@router.get("/health", summary="Liveness and database counts")
def health(db: DB) -> Response:
    return json_response({"status": "ok", "articles": db.scalar("SELECT count(*) FROM articles")})


@router.get("/overview", summary="Counts, top speakers and top dyads for a query")
def overview(db: DB, f: Annotated[q.ArticleFilter, Depends(article_filter)]) -> Response:
    return json_response(q.overview(db, f))


@router.get("/articles", responses=LIST_RESPONSES, summary="Search articles")
def articles(db: DB, f: Annotated[q.ArticleFilter, Depends(article_filter)],
             limit: Limit = 50, offset: Offset = 0, format: Format = "json") -> Response:
    return respond(q.articles(db, f, limit, offset), format, "articles")


@router.get("/articles/{article_id}", responses=NOT_FOUND,
            summary="One article with its spans, attributions, actors and events")
def article(db: DB, article_id: str) -> Response:
    found = q.article(db, article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    return json_response(found)


@router.get("/sources", responses=LIST_RESPONSES, summary="Outlets with article counts")
def sources(db: DB, format: Format = "json") -> Response:
    return respond({"items": q.sources(db)}, format, "sources")


@router.get("/statements", responses=LIST_RESPONSES,
            summary="Attributed statements, with the sentence each stands in")
def statements(db: DB, speaker: Text = None, country: Code = None,
               q_: Annotated[str | None, Query(
                   alias="q", max_length=200,
                   description="words, each in the content or the speaker's name")] = None,
               article_id: Code = None, speaker_country: Code = None, speaker_sector: Code = None,
               cue_class: Code = None, kind: Code = None, outlet: Text = None,
               date_from: Day = None, date_to: Day = None,
               actor: Annotated[str | None, Query(
                   max_length=200, description="statements whose content names this actor "
                   "or country ('FRA' or 'France': France or French)")] = None,
               min_confidence: Confidence = None, limit: Limit = 50, offset: Offset = 0,
               format: Format = "json") -> Response:
    f = q.StatementFilter(speaker=speaker, country=speaker_country or country, q=q_,
                          article_id=article_id, sector=speaker_sector, cue_class=cue_class,
                          kind=kind, outlet=outlet, date_from=date_from, date_to=date_to,
                          about=q.about_terms(actor), min_confidence=min_confidence)
    return respond(q.statements(db, f, limit, offset, with_sentences=format == "json"), format,
                   "statements")


@router.get("/statements/{attribution_id}/related", responses=NOT_FOUND,
            summary="Where else this statement's claim is made: the statements of other "
                    "articles most likely to make the same claim, best first")
def related(db: DB, attribution_id: Annotated[str, Path(min_length=1, max_length=300)],
            k: Annotated[int, Query(ge=1, le=100, description="how many (at most 100)")] = 10
            ) -> Response:
    """Each related statement has its ``score`` (cosine of the statements' vectors, higher is
    closer), outlet, speaker, date, its own claim and stance in it, and its sentence.
    ``indexed`` is false when the statement has no stored vector and none can be made
    (run ``sayso claims build``); ``model`` names the vectors used."""
    found = q.related_statements(db, attribution_id, k)
    if found is None:
        raise HTTPException(404, "no such statement")
    return json_response(found)


@router.get("/suggest", summary="Completions for an actor box: country codes and actor names")
def suggest(db: DB, q_: Annotated[str, Query(alias="q", min_length=1, max_length=100)],
            kind: Literal["any", "country", "name"] = "any",
            limit: Annotated[int, Query(ge=1, le=50)] = 12) -> Response:
    kinds = ("country", "name") if kind == "any" else (kind,)
    return json_response({"items": q.suggest(db, q_, limit, kinds)})


@router.get("/events", responses=LIST_RESPONSES,
            summary="PLOVER events with their evidence sentence")
def events(db: DB, f: Annotated[q.EventFilter, Depends(event_filter)], limit: Limit = 50,
           offset: Offset = 0, format: Format = "json") -> Response:
    return respond(q.events(db, f, limit, offset, with_sentences=True), format, "events")


@router.get("/actors", responses=LIST_RESPONSES, summary="Actors by number of articles")
def actors(db: DB, q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
           country: Code = None, limit: Limit = 50, offset: Offset = 0,
           format: Format = "json") -> Response:
    return respond(q.actors(db, q_, country, limit, offset), format, "actors")


@router.get("/actors/{key}", summary="What one actor (by name, or a country code) said and did "
            "over time, and to whom")
def actor(db: DB, key: Annotated[str, Path(min_length=1, max_length=200)],
          by: Literal["name", "country"] = "name") -> Response:
    return json_response(q.actor_profile(db, key if by == "name" else None,
                                         key if by == "country" else None))


@router.get("/dyads", responses=LIST_RESPONSES,
            summary="Events from source to target per week, month or year")
def dyads(db: DB, source: Annotated[str, Query(min_length=1, max_length=64)],
          target: Annotated[str, Query(min_length=1, max_length=64)],
          f: Annotated[q.EventFilter, Depends(event_filter)],
          interval: Literal["week", "month", "year"] = "month",
          format: Format = "json") -> Response:
    return respond(q.dyad_series(db, source, target, interval, f), format, "dyad", "points")


@router.get("/network", responses=LIST_RESPONSES,
            summary="Network of coded actors (countries by default): nodes, edges weighted by"
            " event count per type, and self-loops counted apart")
def network(db: DB, f: Annotated[q.EventFilter, Depends(event_filter)],
            max_edges: Annotated[int, Query(ge=1, le=1000)] = 200,
            min_count: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
            level: Annotated[Literal["country", "sector"], Query(
                description="nodes: countries, or country/sector pairs")] = "country",
            format: Format = "json") -> Response:
    return respond(q.network(db, f, max_edges, min_count, level), format, "network", "edges")


@router.get("/claims", responses=LIST_RESPONSES,
            summary="Claims across sources, by spread; contested ones (asserted and denied)")
def claims(db: DB, q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
           contested: bool = False,
           order: Literal["articles", "outlets", "speakers", "time", "recent"] = "articles",
           limit: Limit = 50, offset: Offset = 0, format: Format = "json") -> Response:
    return respond(q.claims(db, q_, limit, offset, contested, order), format, "claims")


@router.get("/claims/{claim_id}", responses=NOT_FOUND, summary="One claim and its statements")
def claim(db: DB, claim_id: str) -> Response:
    found = q.claim(db, claim_id)
    if found is None:
        raise HTTPException(404, "no such claim")
    return json_response(found)


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Unreadable body, or refused input"},
    401: {"description": "Missing or wrong token"},
    403: {"description": "Writes are disabled (no token configured)"},
    413: {"description": "Request too large"},
}


def require_token(request: Request,
                  authorization: Annotated[str | None, Header(max_length=1000)] = None) -> None:
    # The Guard middleware has refused a bad token already, before reading the body; this
    # is the same rule again, for the OpenAPI schema and for the app used without it.
    refused = write_refusal(request.app.state.config.token, authorization)
    if refused is not None:
        status, reason = refused
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        raise HTTPException(status, reason, headers=headers)


Auth = Depends(require_token)


@router.post("/extract", responses=WRITE_RESPONSES, dependencies=[Auth],
             summary="Analyse a text and return its records; nothing is stored")
def extract(body: writes.ExtractRequest) -> dict[str, Any]:
    return writes.extract(body)


@router.post("/ingest", responses=WRITE_RESPONSES,
             dependencies=[Auth], summary="Analyse and store a text, a URL or a feed")
def ingest(request: Request, db: DB, body: writes.IngestRequest) -> dict[str, Any]:
    return writes.ingest(db, request.app.state.config, body)
