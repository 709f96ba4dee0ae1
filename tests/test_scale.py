"""The same pipeline under Dask (LocalCluster) and Spark (local mode): parts load into the store
with the same rows as a local run.  Skipped when the extra is not installed."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from sayso.cli import main

TEXTS = [
    "The defence minister of Japan said on Monday that talks with China would resume next "
    "month. \"We want a stable relationship,\" he told parliament in Tokyo.",
    "Kenyan police arrested twelve protesters in Nairobi on Sunday, officials said. The "
    "opposition accused the government of silencing critics before the election.",
    "The European Union agreed to send emergency aid to flood victims in Pakistan, a "
    "spokesman for the commission said in Brussels.",
    "Brazil's president criticised Argentina for raising import tariffs, saying the move "
    "broke the spirit of the regional trade agreement.",
]
COMPARED = {"articles": "article_id, status, language",
            "attributions": "attribution_id, cue_text, content_text, speaker_name",
            "events": "event_id, type, source_country, target_country"}


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}) for i, t in enumerate(TEXTS))
                    + "\n", encoding="utf-8")
    return path


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    data = {t: sorted(con.execute(f"SELECT {c} FROM {t}").fetchall(), key=repr)
            for t, c in COMPARED.items()}
    con.close()
    return data


def run_engine(tmp_path: Path, engine: str) -> None:
    source = corpus(tmp_path)
    local, scaled = tmp_path / "local.duckdb", tmp_path / f"{engine}.duckdb"
    parts = tmp_path / "parts"
    assert main(["ingest", str(source), "--db", str(local), "--no-progress"]) == 0
    assert main(["ingest", str(source), "--db", str(scaled), "--no-progress", "--engine", engine,
                 "--workers", "2", "--parts", str(parts), "--chunk-size", "3"]) == 0
    assert rows(scaled) == rows(local)
    assert len(rows(scaled)["articles"]) == len(TEXTS)
    assert len(list(parts.rglob("chunk-*"))) == 2  # two chunks: one overlapped the reading
    # The parts can be queried in place, without the store.
    assert main(["query", "--parts", str(parts), "--format", "json",
                 "SELECT count(*) AS n FROM articles"]) == 0


@pytest.mark.slow
def test_dask_local_cluster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    run_engine(tmp_path, "dask")
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {"n": len(TEXTS)}


@pytest.mark.slow
def test_spark_local_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyspark")
    run_engine(tmp_path, "spark")
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {"n": len(TEXTS)}
