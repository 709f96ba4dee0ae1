"""HTTP API and dashboard server: ``create_app(ServerConfig(db_path=...))``."""

from __future__ import annotations

from sayso.api.app import create_app
from sayso.api.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
