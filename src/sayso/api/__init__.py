"""HTTP API: ``create_api(ServerConfig(db_path=...))``; the server with the dashboard is
``sayso.server.create_app``."""

from __future__ import annotations

from sayso.api.app import create_api
from sayso.api.config import ServerConfig

__all__ = ["ServerConfig", "create_api"]
