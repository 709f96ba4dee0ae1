"""The server ``sayso serve`` runs: the JSON API (``sayso.api``) with the analyst dashboard
(``sayso.web``) mounted on it. Composed here, above both, so that neither imports the other's
assembly (the dashboard reads through the API's queries; the API knows nothing of pages)."""

from __future__ import annotations

from fastapi import FastAPI

from sayso.api import ServerConfig, create_api
from sayso.web import mount

__all__ = ["ServerConfig", "create_app"]


def create_app(config: ServerConfig) -> FastAPI:
    """API and dashboard pages (the middleware stack, built at the first request, wraps both)."""
    app = create_api(config)
    mount(app, config)
    return app
