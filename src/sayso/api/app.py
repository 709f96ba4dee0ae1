"""The JSON API as an ASGI application; ``sayso.server`` adds the dashboard to it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response

from sayso import __version__
from sayso.api.config import ServerConfig
from sayso.api.db import open_database
from sayso.api.export import json_response
from sayso.api.readcache import MAX_BYTES as READ_CACHE_BYTES
from sayso.api.readcache import ReadCache
from sayso.api.routes import router
from sayso.api.security import HEADERS, SAFE_METHODS, Guard

DESCRIPTION = (
    "Attributions (who said what), PLOVER events (who did what to whom) and claims from news, "
    "every record tied to the characters of its article. Lists take `limit`/`offset` and "
    "`format=csv`. Writes need `Authorization: Bearer $SAYSO_TOKEN`."
)


async def _invalid(request: Request, exc: Exception) -> Response:
    """FastAPI's 422, encoded with ASCII escapes: the echoed input may hold lone surrogates."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return json_response({"detail": jsonable_encoder(errors)}, 422)


async def _crashed(request: Request, exc: Exception) -> Response:
    """The 500 page. Starlette sends it from outside every middleware, so it carries the
    security headers itself; the exception still reaches the server's log."""
    headers = {name.decode(): value.decode() for name, value in HEADERS}
    return Response(b'{"detail": "internal error"}', status_code=500,
                    media_type="application/json", headers=headers)


def write_operations(app: FastAPI) -> set[tuple[str, str]]:
    """(METHOD, path) of the endpoints that change or analyse: every API operation other
    than a read needs the token. From the OpenAPI schema, which FastAPI builds once."""
    safe = {m.lower() for m in SAFE_METHODS} | {"parameters"}
    return {(method.upper(), path)
            for path, operations in app.openapi().get("paths", {}).items()
            for method in operations if method not in safe}


def create_api(config: ServerConfig) -> FastAPI:
    """The API alone (routes, docs, CLI reads), with its read cache and guard."""
    from sayso.api.docs import mount as mount_docs
    from sayso.api.local import mount as mount_local

    db = open_database(config.db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="sayso", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _crashed)
    app.state.db = db
    app.state.config = config
    app.include_router(router)
    mount_docs(app)
    mount_local(app)
    # Innermost first: the cache keeps answers without the security headers Guard adds. It is
    # the server's one cache: whole answers, kept until the next committed write.
    app.add_middleware(ReadCache, version=lambda: db.version,
                       max_bytes=READ_CACHE_BYTES if config.cache_size > 0 else 0)
    app.add_middleware(Guard, max_body=config.max_body, token=lambda: config.token,
                       writes=lambda: write_operations(app))
    return app
