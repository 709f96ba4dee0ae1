"""A run killed with SIGKILL and run again ends with exactly the rows of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sayso.store import Store

CITIES = ["Lyon", "Porto", "Gdansk", "Bergen", "Split", "Tartu", "Ghent", "Aarhus", "Turku",
          "Brno", "Cork", "Graz", "Malmo", "Pecs", "Varna", "Kaunas", "Linz", "Bari", "Nantes",
          "Basel", "Leeds", "Bilbao", "Trier", "Ulm"]
VOLATILE = {"run_id", "ingested_at", "seen_at", "failed_at"}
TABLES = ("articles", "sightings", "attributions", "actors", "events", "failures",
          "minhash_bands")


def article(n: int, city: str) -> str:
    return (f"The mayor of {city} said on Monday that the city would open {n + 3} new "
            f"libraries before the end of the year. \"Reading rooms are part of our plan "
            f"number {n},\" she told reporters at the town hall in {city}. Opposition "
            f"councillors in {city} criticised the cost, saying that {n * 7 + 11} buses "
            f"were needed more urgently.")


def write_corpus(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for n, city in enumerate(CITIES):
            out.write(json.dumps({"id": f"doc{n}", "text": article(n, city),
                                  "date": "2024-05-14"}) + "\n")
        out.write("{not json\n")
        out.write(json.dumps({"id": "dup", "text": article(0, CITIES[0])}) + "\n")


def command(corpus: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "sayso", "ingest", str(corpus), "--db", str(db),
            "--commit-every", "2", "--no-progress", "--verbose", "--workers", str(workers)]


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    data = {}
    for table in TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in VOLATILE]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        data[table] = sorted(rows, key=repr)
    con.close()
    return data


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_then_rerun_equals_uninterrupted_run(tmp_path: Path, workers: int) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    # exit code 1: the corpus holds a bad line, named on stderr
    done = subprocess.run(command(corpus, clean, workers), capture_output=True, timeout=300)
    assert done.returncode == 1 and b"bad_jsonl" in done.stderr, done.stderr

    proc = subprocess.Popen(command(corpus, killed, workers), stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    committed = 0
    for line in proc.stderr:
        if "committed" in line:
            committed = int(line.split("committed")[1].split()[0])
            if committed >= 6:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    partial = snapshot(killed)
    assert 0 < len(partial["articles"]) < len(CITIES), "kill landed mid-run"

    done = subprocess.run(command(corpus, killed, workers), capture_output=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert snapshot(killed) == snapshot(clean)
    with Store(killed, read_only=True) as store:
        statuses = [r[0] for r in store.con.execute("SELECT status FROM runs ORDER BY started_at")
                    .fetchall()]
    assert statuses == ["interrupted", "finished"]
    assert len(snapshot(clean)["articles"]) == len(CITIES)
