"""POST /api/extract and /api/ingest: analyse text with the real pipeline, store through the
server's single writer."""

from __future__ import annotations

import functools
import threading
import uuid
from typing import Any

from fastapi import HTTPException
from pydantic import BaseModel, Field, field_validator, model_validator

from sayso.api import storing
from sayso.api.config import ServerConfig
from sayso.api.db import Database
from sayso.api.security import UnsafeURL, token_ok
from sayso.ingest.articles import blank_as_failure
from sayso.ingest.triage import Triage
from sayso.model import Article, DocumentResult
from sayso.store.rows import article_id_of, result_rows

__all__ = ["ExtractRequest", "IngestRequest", "extract", "ingest", "token_ok"]

MAX_TEXT = 500_000
# One spaCy pipeline per process; calls are serialised rather than risk shared state.
_NLP_LOCK = threading.Lock()


def _encodable(value: str | None) -> str | None:
    """Lone surrogates are legal in JSON escapes but not in UTF-8 text or the store."""
    if value is not None:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError("text is not valid Unicode (lone surrogate)") from exc
    return value


class Checked(BaseModel):
    @field_validator("*", mode="after")
    @classmethod
    def utf8(cls, value: Any) -> Any:
        return _encodable(value) if isinstance(value, str) else value


class ExtractRequest(Checked):
    text: str = Field(max_length=MAX_TEXT)
    date: str | None = Field(default=None, max_length=32, description="YYYY-MM-DD")
    doc_id: str | None = Field(default=None, max_length=200)


class IngestRequest(Checked):
    text: str | None = Field(default=None, max_length=MAX_TEXT)
    url: str | None = Field(default=None, max_length=2000,
                            description="a page or feed to fetch; with text, where it came from")
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=500, description="outlet name")
    date: str | None = Field(default=None, max_length=32, description="YYYY-MM-DD")

    @model_validator(mode="after")
    def one_input(self) -> IngestRequest:
        if not (self.text or self.url):
            raise ValueError("give text, or a url to fetch")
        return self


def analyse(article: Article, model: str | None = None) -> DocumentResult:
    from sayso import nlp as nlp_loader
    from sayso.pipeline import process_one

    with _NLP_LOCK:
        return process_one(article, nlp_loader.load(model or nlp_loader.DEFAULT_MODEL))


def extract(body: ExtractRequest) -> dict[str, Any]:
    article = Article(doc_id=body.doc_id or "request", text=body.text, date=body.date)
    return analyse(article).to_dict()


def ingest(db: Database, config: ServerConfig, body: IngestRequest) -> dict[str, Any]:
    """Read, triage (exact and near duplicates, language), analyse what is new, store: the
    same steps as ``sayso ingest``, each article committed by the server's writer."""
    run_id = uuid.uuid4().hex
    triage = Triage(db.cursor(), run_id)
    stored: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    for item in map(blank_as_failure, _items(config, body)):
        if isinstance(item, Article):
            stored.append(_store_article(db, config, triage, item, run_id))
        else:
            failures.append({"source": item.source, "reason": item.reason})
            db.write(functools.partial(storing.store_failure, failure=item, run_id=run_id))
    return {"run_id": run_id, "stored": stored, "failures": failures}


def _store_article(db: Database, config: ServerConfig, triage: Triage, article: Article,
                   run_id: str) -> dict[str, Any]:
    article_id = article_id_of(article.text)
    verdict = triage.judge(article)
    answer: dict[str, Any] = {"article_id": article_id, "title": article.title, "error": None,
                              "attributions": 0, "events": 0, "status": verdict.kind}
    if verdict.analyse:
        result = analyse(article, config.model)
        rows = result_rows(article, result, run_id, triage.bands_of(article_id))
        answer.update(error=result.error.detail if result.error else None,
                      attributions=len(result.attributions), events=len(result.events))
    else:
        rows = verdict.rows
    db.write(functools.partial(storing.store_rows, rows=rows))
    triage.committed([article_id])
    return answer


def _items(config: ServerConfig, body: IngestRequest) -> list[Any]:
    if body.text:
        source = body.url or body.source or "api"
        return [Article(doc_id=run_doc_id(body.text), text=body.text, source=source,
                        url=body.url, title=body.title, site_name=body.source, date=body.date)]
    from sayso.api.fetch import url_items

    assert body.url is not None
    try:
        return list(url_items(body.url, config.allow_private_urls))
    except UnsafeURL as exc:
        raise HTTPException(400, str(exc)) from exc


def run_doc_id(text: str) -> str:
    return article_id_of(text)[:16]
