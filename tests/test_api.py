"""The JSON API over a real DuckDB store (in-process ASGI client and a live server)."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from sayso.api.security import UnsafeURL, check_url, is_public
from sayso.server import ServerConfig, create_app
from web_support import build_store, live_server

TOKEN = "test-token-1234"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("api") / "store.duckdb"
    return path, build_store(path)


@pytest.fixture(scope="module")
def client(store: tuple[Path, dict[str, str]]) -> Iterator[TestClient]:
    app = create_app(ServerConfig(db_path=store[0], token=TOKEN))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def ids(store: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return store[1]


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_health_and_security_headers(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.json()["articles"] >= 5
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_lists_endpoints(client: TestClient) -> None:
    paths = get(client, "/openapi.json")["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/dyads",
                 "/api/network", "/api/claims", "/api/claims/{claim_id}", "/api/extract",
                 "/api/ingest"):
        assert path in paths


def test_article_search_and_filters(client: TestClient) -> None:
    assert get(client, "/api/articles")["total"] >= 5
    assert get(client, "/api/articles", q="Geneva")["total"] == 1
    assert get(client, "/api/articles", q="100%_")["total"] == 0  # wildcards are literal
    assert get(client, "/api/articles", source="Daily Ledger")["total"] == 2
    window = get(client, "/api/articles", date_from="2024-02-01", date_to="2024-02-28")
    assert [a["title"] for a in window["items"]] == ["Kremlin warns France on sanctions"]
    assert get(client, "/api/articles", actor="Lavrov")["total"] == 1
    assert get(client, "/api/articles", event_type="AID")["total"] == 1


def test_pagination_and_caps(client: TestClient) -> None:
    first = get(client, "/api/articles", limit=2, offset=0)
    second = get(client, "/api/articles", limit=2, offset=2)
    assert len(first["items"]) == 2 and len(second["items"]) == 2
    assert {a["article_id"] for a in first["items"]}.isdisjoint(
        a["article_id"] for a in second["items"])
    assert client.get("/api/articles", params={"limit": 100_000}).status_code == 422


def test_csv_export_is_safe_for_spreadsheets(client: TestClient) -> None:
    r = client.get("/api/statements", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {"speaker_name", "content_text"} <= set(rows[0])
    r = client.get("/api/events", params={"format": "csv", "type": "AID"})
    assert list(csv.DictReader(io.StringIO(r.text)))[0]["source_country"] == "USA"


def test_one_article_with_its_records(client: TestClient, ids: dict[str, str]) -> None:
    art = get(client, f"/api/articles/{ids['d1']}")
    assert art["title"] == "Moscow accuses Paris over arms"
    (attribution,) = art["attributions"]
    start, end = attribution["content_spans"][0]
    assert art["text"][start:end] == attribution["content_text"]
    assert art["events"][0]["type"] == "ACCUSE"
    assert {a["country"] for a in art["actors"]} >= {"RUS", "FRA"}
    assert client.get("/api/articles/nope").status_code == 404


def test_events_filters_and_evidence(client: TestClient) -> None:
    rus_fra = get(client, "/api/events", source_country="RUS", target_country="FRA")
    assert rus_fra["total"] >= 4
    assert all(e["sentence"] for e in rus_fra["items"])
    accuse = get(client, "/api/events", type="ACCUSE", source_country="RUS", date_to="2024-01-31")
    assert accuse["items"][0]["sentence"] == "Russia accused France of arming Kyiv on Tuesday."
    negated = get(client, "/api/events", negated=True)
    assert [e["type"] for e in negated["items"]] == ["MOBILIZE"]
    assert get(client, "/api/events", side="cooperation", source_country="RUS")["total"] == 3


def test_negated_and_hypothetical_events_are_never_conflict_or_cooperation(
        client: TestClient) -> None:
    usa = get(client, "/api/events", source_country="USA")
    assert [e["type"] for e in usa["items"]] == ["AID"]  # 'did not deploy' left out
    both = get(client, "/api/events", source_country="USA", include_uncertain=True)
    assert sorted(e["type"] for e in both["items"]) == ["AID", "MOBILIZE"]
    for side, expected in (("conflict", 0), ("unclassified", 1)):
        assert get(client, "/api/events", source_country="USA", side=side,
                   include_uncertain=True)["total"] == expected
    strike = get(client, "/api/events", type="ASSAULT", include_uncertain=True)["items"]
    assert strike[0]["hypothetical"] and get(client, "/api/events", type="ASSAULT")["total"] == 0
    series = get(client, "/api/dyads", source="USA", target="UKR", include_uncertain=True)
    assert series["periods"] == [{"period": "2024-03-01", "conflict": 0, "cooperation": 1,
                                  "unclassified": 1}]
    assert get(client, "/api/events", min_confidence=0.9)["total"] == 0


def test_statements_search_and_filters(client: TestClient) -> None:
    found = get(client, "/api/statements", q="France")
    assert {s["speaker_name"] for s in found["items"]} == {"France", "Emmanuel Macron"}
    macron = next(s for s in found["items"] if s["speaker_name"] == "Emmanuel Macron")
    assert macron["sentence"].startswith("Emmanuel Macron told reporters that France would")
    start, end = macron["content_spans"][0]
    assert macron["sentence"][start - macron["sentence_start"]:end - macron["sentence_start"]] \
        == macron["content_text"]
    assert get(client, "/api/statements", q="lavrov escalating")["total"] == 1  # speaker+content
    assert get(client, "/api/statements", q="escal")["total"] == 0  # whole words
    denied = get(client, "/api/statements", speaker_country="FRA", cue_class="deny")
    assert [s["speaker_name"] for s in denied["items"]] == ["France"]
    about = get(client, "/api/statements", actor="France")  # names France or French
    assert [s["speaker_name"] for s in about["items"]] == ["Emmanuel Macron"]
    assert get(client, "/api/statements", outlet="Daily Ledger")["total"] == 1
    assert get(client, "/api/statements", date_from="2024-03-01")["total"] == 2
    assert get(client, "/api/statements", speaker_sector="GOV", kind="indirect")["total"] == 3
    assert get(client, "/api/statements", min_confidence=0.95)["total"] == 0
    assert get(client, "/api/statements", q="100%_")["total"] == 0


def test_suggest_codes_and_names(client: TestClient) -> None:
    items = get(client, "/api/suggest", q="fra")["items"]
    assert items[0] == {"value": "FRA", "label": "France", "kind": "country"}
    assert get(client, "/api/suggest", q="Lavr")["items"][0]["value"] == "Sergei Lavrov"
    assert get(client, "/api/suggest", q="Lavr", kind="country")["items"] == []
    assert client.get("/api/suggest").status_code == 422


def test_dyad_series(client: TestClient) -> None:
    series = get(client, "/api/dyads", source="RUS", target="FRA", interval="month")
    periods = {p["period"]: p for p in series["periods"]}
    assert periods["2024-01-01"]["conflict"] == 1
    assert periods["2024-03-01"]["cooperation"] == 2
    assert {t["type"] for t in series["by_type"]} >= {"ACCUSE", "THREATEN", "AGREE"}
    weekly = get(client, "/api/dyads", source="rus", target="fra", interval="week")
    assert len(weekly["periods"]) >= 3
    assert client.get("/api/dyads", params={"source": "RUS", "target": "FRA",
                                            "interval": "day"}).status_code == 422


def test_network(client: TestClient) -> None:
    graph = get(client, "/api/network")
    assert {"RUS", "FRA", "USA", "UKR"} <= {n["id"] for n in graph["nodes"]}
    assert any(e["source"] == "RUS" and e["target"] == "FRA" and e["type"] == "ACCUSE"
               for e in graph["edges"])
    assert get(client, "/api/network", min_count=1000)["edges"] == []
    # Coded actors only ('the hospital' has no country); RUS praising its army is a
    # self-loop, counted apart.
    assert {n["label"] for n in graph["nodes"]} == {"Russia", "France", "United States",
                                                    "Ukraine"}
    assert all(e["source"] != e["target"] for e in graph["edges"])
    assert graph["self_loop_count"] == 1 and graph["self_loops"][0]["type"] == "SUPPORT"
    sectors = get(client, "/api/network", level="sector")
    assert sectors["self_loops"] == [] and any(
        e["source"] == "RUS/GOV" and e["target"] == "RUS/MIL" for e in sectors["edges"])
    assert client.get("/api/network", params={"level": "name"}).status_code == 422


def test_actor_profile_and_list(client: TestClient) -> None:
    profile = get(client, "/api/actors/RUS", by="country")
    assert sum(p["did"] for p in profile["timeline"]) >= 4
    assert any(c["counterpart"] == "FRA" for c in profile["counterparts"])
    assert get(client, "/api/actors", q="Macron")["items"][0]["country"] == "FRA"
    said = get(client, "/api/actors/Sergei Lavrov")["timeline"]
    assert [p["said"] for p in said] == [1]


def test_claims(client: TestClient) -> None:
    listed = get(client, "/api/claims")
    assert listed["total"] == 2
    contested = get(client, "/api/claims", contested=True)["items"]
    assert [(c["claim_id"], c["n_assert"], c["n_deny"]) for c in contested] == [("c1", 1, 1)]
    assert contested[0]["sentence"] == "Sergei Lavrov said Paris was escalating the war."
    assert contested[0]["n_outlets"] == 2 and contested[0]["days"] == 37
    assert [c["claim_id"] for c in get(client, "/api/claims", order="outlets")["items"]] == [
        "c1", "c2"]
    claim = get(client, "/api/claims/c1")
    assert claim["members"][0]["speaker_name"] == "Sergei Lavrov"
    assert client.get("/api/claims/none").status_code == 404


def test_writes_need_the_token(client: TestClient) -> None:
    body = {"text": "Russia accused France of lying, the ministry said."}
    assert client.post("/api/extract", json=body).status_code == 401
    assert client.post("/api/extract", json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_writes_are_off_without_a_configured_token(store: tuple[Path, dict[str, str]],
                                                   tmp_path: Path) -> None:
    app = create_app(ServerConfig(db_path=tmp_path / "other.duckdb", token=None))
    with TestClient(app) as c:
        r = c.post("/api/extract", json={"text": "x"}, headers={"Authorization": "Bearer "})
        assert r.status_code == 403


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_extract_returns_records_and_stores_nothing(client: TestClient) -> None:
    before = get(client, "/api/health")["articles"]
    r = client.post("/api/extract", headers=auth(), json={
        "text": '"We will respond," Sergei Lavrov said on Monday.', "date": "2024-04-01"})
    assert r.status_code == 200, r.text
    assert {"attributions", "events", "text_sha256"} <= set(r.json())
    assert get(client, "/api/health")["articles"] == before


def test_ingest_text_stores_once(client: TestClient) -> None:
    text = "Ukraine thanked the United States for the aid, the foreign ministry said."
    body = {"text": text, "title": "Kyiv thanks Washington", "source": "Harbour Times",
            "date": "2024-04-02"}
    before = get(client, "/api/overview")["counts"]["articles"]
    r = client.post("/api/ingest", headers=auth(), json=body)
    assert r.status_code == 200, r.text
    assert get(client, "/api/overview")["counts"]["articles"] == before + 1  # cache dropped
    assert get(client, "/api/articles", q="thanked")["total"] == 1  # and indexed for search
    (stored,) = r.json()["stored"]
    art = get(client, f"/api/articles/{stored['article_id']}")
    assert art["title"] == "Kyiv thanks Washington" and str(art["published"]) == "2024-04-02"
    total = get(client, "/api/articles")["total"]
    assert client.post("/api/ingest", headers=auth(), json=body).status_code == 200
    assert get(client, "/api/articles")["total"] == total


def test_blank_text_is_a_failure_like_the_cli(client: TestClient) -> None:
    before = get(client, "/api/overview")["counts"]["articles"]
    r = client.post("/api/ingest", headers=auth(), json={"text": " \n\t ", "source": "Blank Post"})
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == []
    assert r.json()["failures"] == [{"source": "Blank Post", "reason": "no_text"}]
    assert get(client, "/api/overview")["counts"]["articles"] == before


def test_lone_surrogates_are_refused(client: TestClient) -> None:
    for url in ("/api/extract", "/api/ingest"):
        r = client.post(url, headers={**auth(), "content-type": "application/json"},
                        content=b'{"text": "Bad \\ud800 text"}')
        assert r.status_code == 422, url


def test_ingest_refuses_internal_urls(client: TestClient) -> None:
    for url in ("http://127.0.0.1:9/feed", "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.1/", "file:///etc/passwd", "http://[::1]/"):
        r = client.post("/api/ingest", headers=auth(), json={"url": url})
        assert r.status_code == 400, url


def test_address_checks() -> None:
    assert not is_public("127.0.0.1") and not is_public("::ffff:10.1.2.3")
    assert not is_public("fe80::1") and not is_public("192.168.1.1")
    assert is_public("93.184.216.34")
    assert check_url("http://127.0.0.1/x", allow_private=True) == ["127.0.0.1"]
    with pytest.raises(UnsafeURL):
        check_url("http://localhost/")


def test_request_size_limit(client: TestClient) -> None:
    big = {"text": "x" * 3_000_000}
    r = client.post("/api/extract", headers=auth(), json=big)
    assert r.status_code == 413


def test_ingest_while_reading(store: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The server's single writer lets ingestion and reads run at once without errors."""
    app = create_app(ServerConfig(db_path=tmp_path / "busy.duckdb", token=TOKEN))
    statuses: list[int] = []
    with live_server(app) as base:
        def ingest(worker: int) -> None:
            with httpx.Client(base_url=base, timeout=60) as c:
                for i in range(4):
                    r = c.post("/api/ingest", headers=auth(), json={
                        "text": f"France said on day {worker}.{i} that Russia attacked a convoy.",
                        "date": "2024-05-01"})
                    statuses.append(r.status_code)

        writers = [threading.Thread(target=ingest, args=(n,)) for n in range(2)]
        for w in writers:
            w.start()
        with httpx.Client(base_url=base, timeout=60) as c:
            while any(w.is_alive() for w in writers):
                for url in ("/api/overview", "/api/articles", "/api/network", "/"):
                    statuses.append(c.get(url).status_code)
        for w in writers:
            w.join()
        with httpx.Client(base_url=base) as c:
            assert c.get("/api/articles").json()["total"] == 8
    assert set(statuses) == {200}


def test_ingest_triages_like_the_cli(tmp_path: Path) -> None:
    """POST /api/ingest finds exact and near duplicates and other languages as `sayso ingest`
    does, and stores the MinHash bands that let a later run (CLI or API) match them."""
    import duckdb

    from test_ingest_run import GERMAN, STORY

    app = create_app(ServerConfig(db_path=tmp_path / "triage.duckdb", token=TOKEN))
    statuses = []
    with TestClient(app) as c:
        for text in (STORY, STORY, "PARIS (Wire) - " + STORY + " More follows.", GERMAN):
            r = c.post("/api/ingest", headers=auth(), json={"text": text, "source": "Wire"})
            assert r.status_code == 200, r.text
            statuses.append(r.json()["stored"][0]["status"])
    assert statuses == ["new", "exact", "near", "unsupported_language"]
    con = duckdb.connect(str(tmp_path / "triage.duckdb"), read_only=True)
    assert con.execute("SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall() == [
        ("near_duplicate", 1), ("processed", 1), ("unsupported_language", 1)]
    assert con.execute("SELECT count(DISTINCT article_id) FROM minhash_bands").fetchone() == (2,)
    con.close()
