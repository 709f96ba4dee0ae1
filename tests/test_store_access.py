"""The CLI on a store that a real ``sayso serve`` process holds open (docs/store.md)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from sayso.store.access import KEY_HEADER, LOCAL_SQL, note_path, running_server
from web_support import build_store, free_port


def sayso(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sayso", *args], capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    path = tmp_path_factory.mktemp("served") / "store.duckdb"
    build_store(path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sayso", "serve", "--db", str(path),
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while running_server(path) is None or not _up(base):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"server did not start: {server.communicate()[1][-2000:]}")
        time.sleep(0.2)
    try:
        yield path, base
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert not note_path(path).exists(), "the server removes its note when it stops"


def _up(base: str) -> bool:
    try:
        return httpx.get(base + "/api/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_reads_go_through_the_server(served: tuple[Path, str], tmp_path: Path) -> None:
    path, _base = served
    with pytest.raises(duckdb.IOException, match="lock"):
        duckdb.connect(str(path), read_only=True)  # what the CLI meets: the server holds it
    done = sayso("query", "--db", str(path), "--format", "json",
                 "SELECT count(*) AS n, max(published) AS last FROM articles")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"n": 6, "last": "2024-03-28"}
    done = sayso("query", "--db", str(path), "--named", "top-speakers", "--limit", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("speaker") and "RUS" in done.stdout
    done = sayso("claims", "list", "--db", str(path), "--min-size", "1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[0])["claim_id"] == "c1"
    done = sayso("claims", "show", "c1", "--db", str(path))
    assert done.returncode == 0 and "Paris was escalating the war" in done.stdout, done.stderr
    out = tmp_path / "articles.jsonl"
    done = sayso("export", "--db", str(path), "--format", "jsonl", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 6


def test_writes_wait_and_say_who_holds_the_store(served: tuple[Path, str],
                                                 tmp_path: Path) -> None:
    path, base = served
    log = tmp_path / "stderr.txt"
    with open(log, "w", encoding="utf-8") as err:
        writer = subprocess.Popen([sys.executable, "-m", "sayso", "claims", "build", "--db",
                                   str(path)], stdout=subprocess.DEVNULL, stderr=err,
                                  stdin=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while "Waiting" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.5)
            assert writer.poll() is None, "a write waits for the lock instead of failing"
        finally:
            writer.send_signal(signal.SIGINT)
            writer.wait(timeout=30)
    message = log.read_text()
    assert f"{path} is open in `sayso serve`" in message
    assert base in message and "Waiting for it to close" in message


def test_the_read_door_is_locked_and_read_only(served: tuple[Path, str]) -> None:
    path, base = served
    key = json.loads(note_path(path).read_text(encoding="utf-8"))["key"]
    assert oct(note_path(path).stat().st_mode & 0o777) == "0o600"
    body = {"sql": "SELECT count(*) FROM articles", "params": None}
    assert httpx.post(base + LOCAL_SQL, json=body).status_code == 403
    assert httpx.post(base + LOCAL_SQL, json=body, headers={KEY_HEADER: "guess"}
                      ).status_code == 403
    for sql in ("DELETE FROM articles", "DROP TABLE events", "ATTACH ':memory:' AS x",
                "SELECT 1; DELETE FROM articles"):
        answer = httpx.post(base + LOCAL_SQL, json={"sql": sql, "params": None},
                            headers={KEY_HEADER: key})
        assert answer.status_code == 400, sql
    assert httpx.get(base + "/api/health").json()["articles"] == 6
    assert LOCAL_SQL not in httpx.get(base + "/openapi.json").text


def test_serve_refuses_a_missing_store_unless_asked(tmp_path: Path) -> None:
    done = sayso("serve", "--db", str(tmp_path / "typo.duckdb"), timeout=60)
    assert done.returncode == 2
    assert "no store at" in done.stderr and "--create" in done.stderr
    assert not (tmp_path / "typo.duckdb").exists()
