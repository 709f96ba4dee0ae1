"""Bad input never crashes a batch: every document gets a record, failures carry a reason."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sayso import nlp as nlp_loader
from sayso.model import Article, InputError
from sayso.pipeline import MAX_CHARS, process

GOOD = "The mayor said on Monday that the bridge would reopen next week.\n"
FRENCH = ("Le maire a déclaré lundi que le pont rouvrirait la semaine prochaine, après des "
          "travaux qui ont duré tout l'hiver.\n")


def write_inputs(folder: Path) -> list[tuple[str, Path, bool]]:
    """(doc id, path, must fail) for a zoo of awkward files, in command-line order."""
    files: list[tuple[str, bytes, bool]] = [
        ("empty", b"", True),
        ("good", GOOD.encode(), False),
        ("binary", bytes(range(256)) * 20, True),
        ("latin1", "Der Bürgermeister sagte, die Brücke sei offen.".encode("latin-1"), True),
        ("blank", b"  \n\n\t \r\n", True),
        ("nosentence", b"!!! ... ??? ;;; --- ***\n", False),
        ("quotes", b'"' * 1000 + b"\n", False),
        ("curly", ("\u201c" * 500 + "\u201d" * 500).encode(), False),
        ("huge", (GOOD * (5 * 1024 * 1024 // len(GOOD) + 1)).encode(), True),
        ("good2", GOOD.upper().encode(), False),
        ("french", FRENCH.encode(), True),
        ("short", b"China sent warships near Taiwan.\n", False),  # short English, not Polish
    ]
    out = []
    for doc_id, data, bad in files:
        path = folder / f"{doc_id}.txt"
        path.write_bytes(data)
        out.append((doc_id, path, bad))
    out.insert(5, ("missing", folder / "missing.txt", True))
    return out


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sayso", "extract", *args], input=stdin,
                          capture_output=True, text=True, timeout=600)


def records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_awkward_files_each_get_a_record(tmp_path: Path, workers: str) -> None:
    inputs = write_inputs(tmp_path)
    done = run_cli("--jsonl", "--workers", workers, *(str(p) for _, p, _ in inputs))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "failed" in done.stderr
    out = records(done.stdout)
    assert [r["doc_id"] for r in out] == [doc_id for doc_id, _, _ in inputs]
    for (doc_id, _, bad), record in zip(inputs, out, strict=True):
        assert ("error" in record) == bad, (doc_id, record.get("error"))
        if bad:
            assert record["error"] and record["attributions"] == [] and record["events"] == []
    by_id = {r["doc_id"]: r for r in out}
    assert "NUL" in by_id["binary"]["error"]
    assert "UTF-8" in by_id["latin1"]["error"]
    assert "too large" in by_id["huge"]["error"]
    assert by_id["empty"]["reason"] == by_id["blank"]["reason"] == "no_text"
    assert by_id["french"]["reason"] == "unsupported_language"
    assert "'fr'" in by_id["french"]["error"]
    assert by_id["french"]["text_sha256"] == hashlib.sha256(FRENCH.encode()).hexdigest()
    assert by_id["short"]["attributions"] == [] and "error" not in by_id["short"]
    assert by_id["short"]["events"], "a short English text is analysed, not refused"
    assert by_id["good"]["text_sha256"] == hashlib.sha256(GOOD.encode()).hexdigest()
    assert by_id["good"]["attributions"], "the good document is still analysed"


def test_malformed_jsonl_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": GOOD, "date": "2024-05-01"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": GOOD, "date": 20240501}),
        json.dumps({"id": "e", "text": "He said \ud800 it."}),
        json.dumps({"id": "f", "text": "nul\u0000byte"}),
        "",
        json.dumps({"id": "g", "text": GOOD}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe garbage\n")
    done = run_cli("--jsonl", "--input-jsonl", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    out = records(done.stdout)
    assert [r["doc_id"] for r in out] == ["a", "line-2", "b", "line-4", "c", "d", "e", "f", "g",
                                          "line-11"]
    errors = {r["doc_id"]: r.get("error") for r in out}
    assert errors["a"] is None and errors["g"] is None
    assert all(errors[k] for k in ("line-2", "b", "line-4", "c", "d", "e", "f", "line-11"))
    assert "surrogate" in str(errors["e"])


def test_all_good_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x", "text": GOOD}) + "\n"
                    + json.dumps({"id": "y", "text": GOOD.upper()}) + "\n", encoding="utf-8")
    done = run_cli("--jsonl", "--workers", "2", "--input-jsonl", str(path))
    assert done.returncode == 0, done.stderr
    assert [r["doc_id"] for r in records(done.stdout)] == ["x", "y"]
    assert done.stderr == ""


def test_empty_text_is_a_failure_with_its_reason(tmp_path: Path) -> None:
    """Nothing to analyse is recorded as ``no_text`` and the exit code says so (the brief:
    empty input is recorded with a reason); the other lines are still analysed."""
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "x", "text": GOOD}) + "\n" + json.dumps({"id": "y", "text": ""})
                    + "\n", encoding="utf-8")
    done = run_cli("--jsonl", "--input-jsonl", str(path))
    assert done.returncode == 1
    out = records(done.stdout)
    assert [r["doc_id"] for r in out] == ["x", "y"]
    assert out[0]["attributions"] and "error" not in out[0]
    assert out[1]["reason"] == "no_text"
    assert "in.jsonl:2: no_text" in done.stderr


def test_pipeline_keeps_going_in_process() -> None:
    nlp = nlp_loader.load()
    articles = [Article("ok", GOOD), Article("surrogate", "bad \udc80 text"),
                Article("big", "a " * (MAX_CHARS // 2 + 1)), Article("empty", ""),
                Article("unread", "", error=InputError("unreadable", "cannot read it")), Article("ok2", GOOD)]
    results = list(process(articles, nlp, batch_size=4))
    assert [r.doc_id for r in results] == [a.doc_id for a in articles]
    assert [r.error is not None for r in results] == [False, True, True, True, True, False]
    assert results[3].error == InputError("no_text", "no text (empty or blank)")
    assert results[4].error == InputError("unreadable", "cannot read it")


@pytest.mark.parametrize("text", [
    "\n\n".join([GOOD * 40] * 12),  # paragraphs
    GOOD.strip() * 800,  # one line, sentence ends only
    "x" * 45_000,  # nowhere to cut
])
def test_long_texts_are_parsed_in_pieces_with_exact_offsets(text: str) -> None:
    from sayso.pipeline import CHUNK_CHARS, parse_long, split_text

    pieces = split_text(text, CHUNK_CHARS)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(p) <= CHUNK_CHARS for p in pieces)
    doc = parse_long(text, nlp_loader.load())
    assert doc.text == text
    assert doc.has_annotation("DEP")
