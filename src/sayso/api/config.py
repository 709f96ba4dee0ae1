"""Server settings: from the command line, with the token from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Requests above this are refused before they are read (413).
MAX_BODY = 2_000_000


def default_node_modules() -> Path | None:
    """A node_modules folder to serve the browser libraries from instead of the copies the
    build put in the package (sayso/web/static/vendor, see setup.py); None: the package's."""
    override = os.environ.get("SAYSO_NODE_MODULES")
    return Path(override) if override else None


@dataclass
class ServerConfig:
    db_path: Path
    token: str | None = field(default_factory=lambda: os.environ.get("SAYSO_TOKEN") or None)
    max_body: int = MAX_BODY
    allow_private_urls: bool = False
    node_modules: Path | None = field(default_factory=default_node_modules)
    model: str | None = None
    cache_size: int = 256  # 0 turns the read cache (api/readcache.py) off (benchmarks)
