"""JSON or CSV for any list the API returns (``?format=csv``)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fastapi.responses import Response

# A spreadsheet runs cells that start with these as formulas; article text is hostile.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return out.getvalue()


def respond(data: Any, fmt: str, name: str, rows_key: str = "items") -> Response:
    if fmt == "csv":
        rows = data.get(rows_key, []) if isinstance(data, dict) else data
        body = to_csv(rows).encode("utf-8", "replace")
        return Response(body, media_type="text/csv; charset=utf-8", headers={
            "content-disposition": f'attachment; filename="sayso-{name}.csv"'})
    return json_response(data)


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def json_response(data: Any, status: int = 200) -> Response:
    """JSON without FastAPI's generic encoder, which is slow on large records."""
    # ASCII escapes keep lone surrogates (legal in Python str, not in UTF-8) encodable.
    body = json.dumps(data, ensure_ascii=True, default=_plain)
    return Response(body, status_code=status, media_type="application/json")


LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
          "description": "JSON, or CSV with ?format=csv"},
    400: {"description": "Bad parameter"},
}
