"""Peak memory of ``sayso ingest`` on a hostile corpus, against the same real articles alone.

    python benchmarks/hostile_ingest.py [--articles 60] [--bomb-mib 1024] [--workers 1]

Builds, in a temporary folder, real articles (the ABC demo corpus when gensim is installed,
else a few composed ones) plus one file of each hostile kind: an undecodable file name, a gzip
bomb, a 6 MB text of distinct words, a WARC whose last record is cut short, a FIFO, a symlink
loop, a folder loop, a dangling link, a link to /dev/zero, a UTF-16 file, a JSONL line of 62 MB
and a text just under the 1M-character limit (the largest text the pipeline accepts). Runs
``sayso ingest`` on it as a child process, sampling the RSS of the whole process tree every
20 ms, then runs the real articles alone the same way (the baseline) and prints both peaks,
their ratio, the exit codes and the failure rows by reason. ``docs/store.md`` states the bound
(1.5 GB for the tree with 1 worker). tests/test_hostile_input.py builds the same corpus, smaller.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

COMPOSED = [
    "The harbour authority said on Tuesday that the northern pier would close for repairs "
    "after inspectors found cracks in two of its concrete supports. \u201cWe cannot take any "
    "risks with public safety,\u201d said the authority's director, Anna Berg.",
    "Prime Minister Anna Lind said the government would send engineers to help rebuild the "
    "damaged bridge next week. Opposition leader Karl Berg criticised the plan, saying it came "
    "far too late for the families who lost their homes in the floods.",
    "The foreign minister of France said on Tuesday that Russia had broken the ceasefire "
    "agreement. \"We will not accept this,\" he told reporters in Paris. Russian officials "
    "denied the accusation and said their troops had withdrawn from the border region.",
    "Union leaders warned on Monday that rail workers would strike next month unless the "
    "transport ministry raised wages, according to a statement released by the federation.",
]


def real_articles(count: int) -> list[str]:
    """Real news texts: the ABC demo corpus when installed, else the composed ones."""
    try:
        from sayso.ingest.corpus import abc_articles

        texts = abc_articles()
    except Exception:  # gensim absent: the demo extra is optional
        texts = COMPOSED
    return [texts[n % len(texts)] + ("" if n < len(texts) else f" (Copy {n}.)")
            for n in range(count)]


def page(text: str, title: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split(". "))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{paragraphs}</article></body></html>").encode()


def warc(texts: list[str], cut: int) -> bytes:
    """An uncompressed WARC of one response per text, the last ``cut`` bytes removed."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n, text in enumerate(texts):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example/{n}", "response",
                                           payload=io.BytesIO(page(text, f"Story {n}")),
                                           http_headers=headers)
        writer.write_record(record)
    data = out.getvalue()
    return data[:len(data) - cut]


def gzip_bomb(path: Path, inflated_mib: int) -> None:
    """``inflated_mib`` MiB of spaces in about a thousandth of that: one compressed MiB
    repeated as gzip members (a valid gzip file, cheap to write)."""
    member = gzip.compress(b" " * (1024 * 1024), compresslevel=9)
    with open(path, "wb") as out:
        for _ in range(inflated_mib):
            out.write(member)


def distinct_words(size: int, seed: int = 7) -> str:
    """``size`` characters of words that never repeat (the worst case for shingling)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words, total, n = [], 0, 0
    while total < size:
        word = "".join(rng.choice(letters) for _ in range(5)) + format(n, "x")
        words.append(word)
        total += len(word) + 1
        n += 1
    return " ".join(words)[:size]


def build(folder: Path, articles: list[str], bomb_mib: int = 1024,
          distinct_bytes: int = 6 * 1024 * 1024, long_line_bytes: int = 0,
          largest_text: bool = False) -> dict[str, str]:
    """Write the corpus; returns {name: expected failure reason} of the hostile items.
    Real articles are ``article-NNN.txt`` plus the complete records of ``cut.warc`` and the
    two real articles behind an undecodable name and in UTF-16 (both must be stored)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, text in enumerate(articles[:-4]):
        (folder / f"article-{n:03d}.txt").write_text(text + "\n", encoding="utf-8")
    odd_name, utf16, *in_warc = articles[-4:]
    (folder / os.fsdecode(b"badname_\xff\xfe.txt")).write_text(odd_name, encoding="utf-8")
    (folder / "utf16.txt").write_bytes(utf16.encode("utf-16"))
    (folder / "cut.warc").write_bytes(warc([*in_warc, COMPOSED[0] * 3], cut=200))
    expected = {"cut.warc": "truncated"}
    gzip_bomb(folder / "bomb.txt.gz", bomb_mib)
    expected["bomb.txt.gz"] = "too_large"
    (folder / "distinct.txt").write_text(distinct_words(distinct_bytes), encoding="utf-8")
    expected["distinct.txt"] = "too_large"
    os.mkfifo(folder / "fifo.txt")
    expected["fifo.txt"] = "not_regular"
    os.symlink("loop-b", folder / "loop-a")
    os.symlink("loop-a", folder / "loop-b")
    expected.update({"loop-a": "loop", "loop-b": "loop"})
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")
    expected["sub/up"] = "loop"
    os.symlink("no-such-file.txt", folder / "dangling.txt")
    expected["dangling.txt"] = "dangling_link"
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", folder / "zero.txt")
        expected["zero.txt"] = "not_regular"
    if long_line_bytes:
        with open(folder / "long.jsonl", "w", encoding="utf-8") as out:
            out.write(json.dumps({"id": "long", "text": "a" * long_line_bytes}) + "\n")
        expected["long.jsonl:1"] = "too_large"
    if largest_text:  # accepted and analysed: the most memory a valid text can take
        from sayso.pipeline import MAX_CHARS

        text, body = "", "\n\n".join(articles)
        while len(text) + len(body) + 2 < MAX_CHARS:
            text += body + "\n\n"
        (folder / "largest.txt").write_text(text, encoding="utf-8")
    return expected


def run_measured(argv: list[str], interval: float = 0.02) -> tuple[int, int, float, str]:
    """(exit code, peak RSS of the process tree in bytes, seconds, stderr) of a command."""
    import psutil

    started = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    peak, stderr = 0, []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        peak = max(peak, tree_rss(root))
        time.sleep(interval)
    reader.join()
    return proc.returncode, peak, time.monotonic() - started, "".join(stderr)


def tree_rss(root: Any) -> int:
    import psutil

    total = 0
    with contextlib.suppress(psutil.Error):  # the tree changes while it is read
        for proc in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
    return total


def ingest(folder: Path, db: Path, workers: int) -> tuple[int, int, float, str]:
    return run_measured([sys.executable, "-m", "sayso", "ingest", str(folder), "--db", str(db),
                         "--no-progress", "--workers", str(workers)])


def failures(db: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT reason, count(*) FROM failures GROUP BY 1 ORDER BY 1").fetchall()
    stored = con.execute("SELECT count(*) FROM articles").fetchone()
    con.close()
    return {"articles stored": int(stored[0]) if stored else 0, **{r: int(n) for r, n in rows}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--bomb-mib", type=int, default=1024)
    parser.add_argument("--long-line-mib", type=int, default=62)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    articles = real_articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        expected = build(base / "hostile", articles, args.bomb_mib,
                         long_line_bytes=args.long_line_mib * 1024 * 1024, largest_text=True)
        for n, text in enumerate(articles):
            (base / "plain").mkdir(exist_ok=True)
            (base / "plain" / f"article-{n:03d}.txt").write_text(text, encoding="utf-8")
        code, peak, seconds, err = ingest(base / "hostile", base / "hostile.duckdb", args.workers)
        found = failures(base / "hostile.duckdb")
        base_code, base_peak, base_seconds, _ = ingest(base / "plain", base / "plain.duckdb",
                                                       args.workers)
    mib = 1024 * 1024
    print(f"hostile corpus: {len(articles)} real articles, {len(expected)} hostile items "
          f"(bomb {args.bomb_mib} MiB inflated, JSONL line {args.long_line_mib} MiB, "
          "6 MiB text of distinct words, largest accepted text ~1M chars)")
    print(f"workers {args.workers}; peak RSS of the whole process tree, sampled every 20 ms")
    print(f"  hostile   exit {code}  peak {peak / mib:7.0f} MiB  {seconds:6.1f} s")
    print(f"  baseline  exit {base_code}  peak {base_peak / mib:7.0f} MiB  {base_seconds:6.1f} s"
          "  (the real articles alone)")
    print(f"  ratio hostile/baseline peak: {peak / max(base_peak, 1):.2f}; bound 1.5 GB: "
          f"{'held' if peak <= 1.5e9 else 'EXCEEDED'}")
    print(f"  stored and failed: {json.dumps(found, sort_keys=True)}")
    print(f"  traceback on stderr: {'Traceback' in err}")


if __name__ == "__main__":
    main()
