"""Reads sent by the CLI while this server holds the store (sayso.store.access).

Only a caller holding the key from the note beside the store (readable by the store's owner)
gets in; the SQL runs inside a transaction that is always rolled back.
"""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import Body, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response

from sayso.api.security import token_ok
from sayso.store.access import KEY_HEADER, LOCAL_SQL, run_read


def mount(app: FastAPI) -> None:
    app.state.local_key = None  # set by `sayso serve` when it writes the note

    @app.post(LOCAL_SQL, include_in_schema=False)
    def local_sql(request: Request, payload: Annotated[dict[str, Any], Body()]) -> Response:
        key = request.app.state.local_key
        if not key or not token_ok(key, request.headers.get(KEY_HEADER)):
            return PlainTextResponse("forbidden", status_code=403)
        sql, params = payload.get("sql"), payload.get("params")
        if not isinstance(sql, str) or not isinstance(params, list | dict | None):
            return PlainTextResponse("expected {sql: string, params: list|object|null}", 400)
        try:
            data = run_read(request.app.state.db.open(), sql, params)
        except (duckdb.Error, ValueError) as exc:
            return PlainTextResponse(str(exc), status_code=400)
        return Response(data, media_type="application/vnd.apache.arrow.stream")
