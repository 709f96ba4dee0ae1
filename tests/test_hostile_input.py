"""Hostile input: real articles next to an undecodable name, a gzip bomb, a 6 MB text of distinct
words, a truncated WARC, a FIFO, loops and bad links. No traceback, no hang, every real article
stored, one failure row per hostile item, exit code 1. Files are built here, at test time."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sayso.ingest.files import capped_lines, path_of, read_capped, source_name
from sayso.ingest.sources import iter_sources
from sayso.model import Article, Failure, InputError
from sayso.store import Store

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and links")


def corpus_module() -> ModuleType:
    """The corpus builder of benchmarks/hostile_ingest.py (one builder for both)."""
    spec = importlib.util.spec_from_file_location("hostile_ingest",
                                                  ROOT / "benchmarks" / "hostile_ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hostile() -> ModuleType:
    return corpus_module()


def sayso(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sayso", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def test_hostile_corpus_is_stored_or_recorded(hostile: ModuleType, tmp_path: Path) -> None:
    articles = hostile.COMPOSED * 2  # 8 real articles: 4 files, an odd name, UTF-16, 2 in a WARC
    articles = [f"{text} Report {n}." for n, text in enumerate(articles)]
    folder = tmp_path / "corpus"
    expected = hostile.build(folder, articles, bomb_mib=1024)  # ~1 MB compressed
    db = tmp_path / "s.duckdb"
    done = sayso("ingest", str(folder), "--db", str(db), "--no-progress")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    with Store(db, read_only=True) as store:
        stored = {r[0] for r in store.con.execute("SELECT text FROM articles").fetchall()}
        failures = store.con.execute("SELECT source, reason, detail FROM failures").fetchall()
        sources = {r[0] for r in store.con.execute("SELECT source FROM articles").fetchall()}
    for n, text in enumerate(articles):  # WARC pages come back through the HTML extractor
        assert any(f"Report {n}." in s for s in stored), f"real article not stored: {text[:60]}"
    assert len(stored) == len(articles)
    # the WARC's cut record is named by its URL, the archive in the detail
    by_name = {"cut.warc" if "cut.warc" in detail else _relative(source, folder): reason
               for source, reason, detail in failures}
    assert by_name == expected and len(failures) == len(expected)
    for source, reason, _ in failures:  # every failure is also named on stderr
        assert f"{source}: {reason}" in done.stderr
    odd = next(s for s in sources if s.startswith("file://"))
    assert path_of(odd).read_text(encoding="utf-8").startswith(articles[-4][:40])


def _relative(source: str, folder: Path) -> str:
    return source.removeprefix(f"{folder}/")


def test_rerun_after_an_undecodable_name_adds_nothing(hostile: ModuleType, tmp_path: Path) -> None:
    from sayso.cli import main

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / os.fsdecode(b"odd_\xff.txt")).write_text(hostile.COMPOSED[1], encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(folder), "--db", str(db), "--no-progress"]) == 0
    assert main(["ingest", str(folder), "--db", str(db), "--no-progress"]) == 0
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 1 and store.count("sightings") == 1
        (source,) = store.con.execute("SELECT source FROM articles").fetchone() or ("",)
    assert source == source_name(folder / os.fsdecode(b"odd_\xff.txt"))
    # the stored name is itself a source that can be read again
    assert [type(i) for i in iter_sources([source])] == [Article]


def test_empty_and_missing_inputs_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    from sayso.cli import main

    (tmp_path / "empty").mkdir()
    db = str(tmp_path / "s.duckdb")
    assert main(["ingest", str(tmp_path / "empty"), "/no/such/dir", "--db", db,
                 "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'empty'}: empty" in err
    assert "/no/such/dir: not_found" in err
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "blank.jsonl"), "--db", db, "--no-progress"]) == 1
    assert "blank.jsonl: empty" in capsys.readouterr().err


def test_extract_reads_what_ingest_reads(hostile: ModuleType, tmp_path: Path) -> None:
    page = hostile.page(hostile.COMPOSED[2], "Ceasefire")
    (tmp_path / "a.html").write_bytes(page)
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "j1", "text": hostile.COMPOSED[0]}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(hostile.COMPOSED[1].encode()))
    os.mkfifo(tmp_path / "d.txt")
    done = sayso("extract", "--jsonl", str(tmp_path))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == ["a", "j1", "c.txt", "d"]
    html = records[0]
    assert "error" not in html and html["attributions"], "HTML goes through the extractor"
    assert all("<" not in a["content"]["text"] for a in html["attributions"])
    assert records[3]["reason"] == "not_regular" and records[3]["error"]
    assert f"{tmp_path / 'd.txt'}: not_regular" in done.stderr


def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path) -> None:
    text = "The minister said the talks would resume on Friday."
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
               "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}[codec]
        (tmp_path / f"{codec}.txt").write_bytes(bom + text.encode(codec))
    items = list(iter_sources([str(tmp_path)]))
    assert [i.text for i in items if isinstance(i, Article)] == [text] * 4


def test_capped_reads_stop_at_the_cap() -> None:
    bomb = gzip.compress(b" " * (8 * 1024 * 1024))
    with gzip.GzipFile(fileobj=io.BytesIO(bomb)) as stream, pytest.raises(InputError) as caught:
        read_capped(stream, 1024)
    assert caught.value.reason == "too_large"
    lines = io.BytesIO(b"short\n" + b"x" * 5000 + b"\nafter\nlast")
    assert list(capped_lines(lines, cap=100)) == [(1, b"short\n"), (2, None), (3, b"after\n"),
                                                  (4, b"last")]


def test_jsonl_line_over_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    from sayso.ingest import sources

    monkeypatch.setattr(sources, "capped_lines",
                        lambda stream: capped_lines(stream, cap=1000))
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "a " * 2000}) + "\n"
                    + json.dumps({"id": "ok", "text": "fine"}) + "\n", encoding="utf-8")
    items = list(iter_sources([str(path)]))
    assert isinstance(items[0], Failure) and items[0].reason == "too_large"
    assert isinstance(items[1], Article) and items[1].doc_id == "ok"


def test_folder_walk_is_sorted_and_survives_deep_nesting(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")  # not a known kind: not an input
    deep = tmp_path / "d"
    deep.mkdir()
    for _ in range(1200):  # deeper than Python's recursion limit (1000)
        deep = deep / "n"
        deep.mkdir()
    (deep / "deep.txt").write_text("deep", encoding="utf-8")
    try:
        items = list(iter_sources([str(tmp_path)]))
        assert [i.text for i in items if isinstance(i, Article)] == ["z", "b", "deep"]
    finally:  # shutil.rmtree (pytest's clean-up) recurses and would fail at this depth
        remove_deep(tmp_path / "d")


def remove_deep(top: Path) -> None:
    deepest = top
    while (deepest / "n").is_dir():
        deepest = deepest / "n"
    for child in deepest.iterdir():
        child.unlink()
    while True:
        deepest.rmdir()
        if deepest == top:
            return
        deepest = deepest.parent
