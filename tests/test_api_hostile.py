"""The API against bad parameters and hostile requests: 4xx with a reason, never a 5xx,
the security headers on every answer, the token before the body."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from sayso.server import ServerConfig, create_app
from web_support import build_store, live_server

TOKEN = "hostile-token-5678"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECURITY_HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options",
                    "referrer-policy")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "store.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    app = create_app(ServerConfig(db_path=store, token=TOKEN))

    @app.get("/api/crash", include_in_schema=False)
    def crash() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def secured(response: httpx.Response) -> bool:
    return all(name in response.headers for name in SECURITY_HEADERS)


@pytest.mark.parametrize("url", ["http://[::1", "http://example.com:99999/",
                                 "http://example.com:-1/", "http://[2002:7f00:1::]/",
                                 "http://[64:ff9b::7f00:1]/", "http://[::ffff:7f00:1]/"])
def test_malformed_and_inside_urls_are_400_with_a_reason(client: TestClient, url: str) -> None:
    r = client.post("/api/ingest", headers=AUTH, json={"url": url})
    assert r.status_code == 400, r.text
    assert r.json()["detail"] and secured(r)


@pytest.mark.parametrize("query", [
    "period=9999-12-15", "period=9999-12-31&interval=week", "period=9999-12-31&interval=year",
    "period=0001-01-01&interval=week", "period=99999-01-01", "period=2024-02-30",
    "period=nonsense&interval=month"])
def test_evidence_periods_at_the_calendar_edges(client: TestClient, query: str) -> None:
    r = client.get(f"/evidence?{query}")
    assert r.status_code in (200, 400), r.text
    assert secured(r)
    if r.status_code == 400:
        assert "YYYY-MM-DD" in r.text


@pytest.mark.parametrize("path", [
    "/api/dyads?source=RUS&target=FRA&interval=week&date_from=0001-01-01&date_to=9999-12-31",
    "/api/dyads?source=RUS&target=FRA&interval=year&date_to=99999-01-01",
    "/api/events?date_from=9999-12-31&date_to=0001-01-01", "/api/events?date_from=1e309",
    "/api/network?min_count=99999999999999999999", "/api/articles?offset=99999999999999999999",
    "/api/articles?date_from=2024-13-01", "/api/overview?date_to=-1",
    "/network?date_from=9999-99-99", "/?date_from=0000-00-00", "/dyad?source=RUS&target=FRA"
    "&interval=decade"])
def test_bad_dates_and_huge_numbers_are_never_5xx(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code < 500, r.text
    assert secured(r)


def test_every_error_carries_the_security_headers(client: TestClient) -> None:
    answers = {
        404: client.get("/api/articles/none"),
        405: client.put("/api/health", headers=AUTH),
        422: client.get("/api/articles?limit=0"),
        401: client.post("/api/extract", json={"text": "x"}),
        413: client.post("/api/extract", headers=AUTH, content=b"x" * 3_000_000),
        500: client.get("/api/crash"),
    }
    for status, r in answers.items():
        assert r.status_code == status, (status, r.text)
        assert secured(r), status
    assert answers[500].json() == {"detail": "internal error"}


def test_token_is_checked_before_the_body(client: TestClient) -> None:
    for body in (b"{not json", b"x" * 3_000_000, b'{"text": 1}'):
        r = client.post("/api/ingest", content=body, headers={"content-type": "application/json"})
        assert r.status_code == 401, r.text
        assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/ingest", content=b"{not json", headers={
        "content-type": "application/json", "Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = client.post("/api/ingest", content=b"{not json", headers={
        "content-type": "application/json", **AUTH})
    assert r.status_code == 422  # with the token, the body is read and found wanting


def test_writes_off_refuse_before_the_body(tmp_path: Path) -> None:
    app = create_app(ServerConfig(db_path=tmp_path / "off.duckdb", token=None))
    with TestClient(app) as c:
        r = c.post("/api/extract", content=b"{not json", headers={**AUTH,
                                                                  "content-type": "x/y"})
        assert r.status_code == 403 and secured(r)


def test_oversized_chunked_body_is_413(store: Path) -> None:
    app = create_app(ServerConfig(db_path=store.parent / "chunked.duckdb", token=TOKEN))

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(40):  # 2.6 MB, no Content-Length
            yield b"x" * 65536
        yield b'"}'

    with live_server(app) as base, httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/api/extract", content=chunks(),
                   headers={**AUTH, "content-type": "application/json"})
        assert r.status_code == 413 and secured(r)
        assert r.json()["detail"] == "request body too large"
        small = c.post("/api/ingest", content=iter([b'{"text": ', b"1}"]),
                       headers={**AUTH, "content-type": "application/json"})
        assert small.status_code == 422  # a small chunked body still reaches the route


def test_read_cache_keeps_answers_until_the_next_write() -> None:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    from sayso.api.readcache import ReadCache

    calls: list[str] = []
    version = [1]

    def answer(request: Any) -> Response:
        calls.append(request.url.path)
        if request.url.path == "/missing":
            return Response(b'{"detail": "no"}', 404, media_type="application/json")
        if request.url.path == "/text":
            return PlainTextResponse("not kept")
        size = int(request.query_params.get("size", "10"))
        fragment = request.headers.get("hx-request", "")
        return Response(f'"{fragment}{len(calls)}"'.encode() + b" " * size,
                        media_type="application/json")

    inner = Starlette(routes=[Route(p, answer) for p in ("/a", "/missing", "/text")])
    app = ReadCache(inner, version=lambda: version[0], max_bytes=1000, max_entry=600)
    with TestClient(app) as c:
        first = c.get("/a").content
        assert c.get("/a").content == first and len(calls) == 1
        assert c.get("/a", headers={"hx-request": "true"}).content != first  # a fragment
        version[0] += 1  # a write
        assert c.get("/a").content != first and len(calls) == 3
        for path in ("/missing", "/missing", "/text", "/text", "/a?size=700", "/a?size=700"):
            c.get(path)
        assert len(calls) == 9  # errors, plain text and oversized answers are not kept
        c.get("/a?size=500")
        c.get("/a?size=501")  # over the byte bound: the least recently used goes
        assert app.size <= 1000 and len(app.entries) <= 2


def test_identical_reads_in_flight_are_computed_once(store: Path) -> None:
    """Eight clients ask for the same uncached page at once: one computation answers all."""
    import threading

    from sayso.api import queries

    app = create_app(ServerConfig(db_path=store.parent / "crowd.duckdb", token=TOKEN))
    calls: list[int] = []
    real = queries.overview

    def slow_overview(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        threading.Event().wait(0.3)  # long enough for the others to arrive
        return real(*args, **kwargs)

    answers: list[bytes] = []
    with live_server(app) as base:
        def read() -> None:
            with httpx.Client(base_url=base, timeout=30) as c:
                answers.append(c.get("/api/overview?q=crowd").content)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(queries, "overview", slow_overview)
            crowd = [threading.Thread(target=read) for _ in range(8)]
            for t in crowd:
                t.start()
            for t in crowd:
                t.join(timeout=60)
    assert len(answers) == 8 and len(set(answers)) == 1
    assert len(calls) == 1  # shared while in flight, then kept
