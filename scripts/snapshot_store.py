"""Dump every table of stores built from fixed inputs, and compare two dumps.

    python scripts/snapshot_store.py dump DIR       # builds DIR/*.duckdb, writes DIR/dump/*.json
    python scripts/snapshot_store.py compare A B    # exit 1 when the dumps differ

Proves that a refactoring of the ingest path keeps the store byte for byte: run ``dump`` with
the old code on the path (``PYTHONPATH=/work/main/src``) and with the new, then ``compare``.
The stores built (each from a fresh file):

- ``demo``: the demo corpus through the same path ``make demo`` uses (``sayso demo``);
- ``mixed``: a small folder of HTML, JSONL (duplicates, a reprint, German, empty, bad
  lines), WARC, plain text, binary and badly encoded files, through ``sayso ingest``;
- ``mixed_pool``: the same with ``--workers 2`` (the local pool);
- ``mixed_dask``: the same with ``--engine dask`` (when the dask extra is installed);
- ``api``: the texts of ``mixed`` and 20 demo articles (one twice, one reprinted) posted
  to ``POST /api/ingest`` of an in-process server.

Masked, because they honestly change from run to run: every TIMESTAMP column (wall-clock
times of ingest, sightings, failures, runs, claims), every ``run_id`` (a time plus a random
suffix, or a random uuid for API writes), the ``seconds`` of a run's stats, and the
``command`` of a run (it names the store's path).  Paths are relative: each store is
built with ``DIR`` as the working directory.  ``compare`` also ignores what the store's
summaries leave to DuckDB's parallel aggregation (``order_free``): the order of the lists
in ``article_summary`` and of the stance counts, speakers and outlets in a claim's record (the
last two come from Python sets, whose order changes with each process's string hashing), and
the ``any_value`` columns of ``summary_speakers``: two runs of the same code differ there.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_ingest_run import GERMAN, OTHER, STORY  # noqa: E402  (the ingest tests' texts)

MASK = "<masked>"
TOKEN = "snapshot-token"
PAGE = """<!doctype html><html><head><title>Talks resume in Geneva</title>
<meta name="author" content="Jane Reporter"><meta property="og:site_name" content="Harbour Times">
<meta name="date" content="2024-03-02"></head><body><nav>Home | World</nav><article>
<h1>Talks resume in Geneva</h1><p>{0}</p><p>{1}</p></article><footer>(c) 2024</footer>
</body></html>"""


# ------------------------------------------------------------------ inputs


def write_mixed(folder: Path, demo: list[str]) -> None:
    """The mixed folder: every kind of input the reader takes, good and bad."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html").write_text(PAGE.format(STORY, demo[0]), encoding="utf-8")
    (folder / "note.txt").write_text(demo[1] + "\n\n" + demo[2], encoding="utf-8")
    (folder / "undated.txt").write_text(OTHER, encoding="utf-8")
    lines = [
        {"uid": "story", "body": STORY, "published": "2024-05-15", "link": "https://a.example/1",
         "author": "A. Writer", "site_name": "Daily Ledger", "title": "Ceasefire broken"},
        {"uid": "other", "body": OTHER, "published": "2024-05-15T10:00:00Z"},
        {"uid": "german", "body": GERMAN},
        {"uid": "copy", "body": STORY, "link": "https://b.example/7"},
        {"uid": "reprint", "body": "PARIS (Wire) - " + STORY + " More follows.",
         "link": "https://c.example/x"},
        {"uid": "empty", "body": ""},
        {"uid": "nul", "body": "A text with a NUL \u0000 character in it, said the reporter."},
        {"uid": "dated", "body": demo[3], "published": 2024},
        {"uid": "demo4", "body": demo[4], "published": "2001-12-01"},
    ]
    text = "\n".join(json.dumps(x) for x in lines) + "\nnot json\n[1, 2]\n"
    (folder / "feed.jsonl").write_text(text, encoding="utf-8")
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write(json.dumps({"uid": "gz", "body": demo[5]}) + "\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 au lait, said the waiter.".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "utf16.txt").write_bytes("\ufeff".encode("utf-16-le") + demo[6].encode("utf-16-le"))
    (folder / "cut.html").write_bytes(b"<html><body><p>too short</p></body></html>")
    write_warc(folder / "crawl.warc.gz", demo)


def write_warc(path: Path, demo: list[str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number, (a, b) in enumerate(((demo[7], demo[8]), (OTHER, demo[9]), ("tiny", ""))):
            body = PAGE.format(a, b).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.0")
            record = writer.create_warc_record(f"https://warc.example/{number}", "response",
                                               payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def demo_texts() -> list[str]:
    from sayso.ingest.corpus import abc_articles

    return abc_articles()


# ------------------------------------------------------------------ building


@contextlib.contextmanager
def working_dir(path: Path) -> Any:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def cli(*argv: str) -> int:
    from sayso.cli import main

    saved = sys.argv
    sys.argv = ["sayso", *argv]  # `ingest` records its own command line from sys.argv
    try:
        return main(list(argv))
    finally:
        sys.argv = saved


def build(folder: Path, dask: bool) -> None:
    demo = demo_texts()
    with working_dir(folder):
        write_mixed(Path("mixed"), demo)
        print("demo:", cli("demo", "--db", "demo.duckdb", "--cache", "cache", "--no-progress"),
              file=sys.stderr)
        for name, extra in (("mixed", []), ("mixed_pool", ["--workers", "2"]),
                            *([("mixed_dask", ["--engine", "dask", "--parts", "parts"])]
                              if dask else [])):
            code = cli("ingest", "mixed", "--db", f"{name}.duckdb", "--no-progress", *extra,
                       "--jsonl-map", "id=uid,text=body,date=published,url=link")
            print(f"{name}: exit {code}", file=sys.stderr)
        build_api(Path("api.duckdb"), demo)


def api_bodies(demo: list[str]) -> list[dict[str, Any]]:
    from sayso.ingest.sources import Options, iter_sources, parse_mapping

    options = Options(jsonl_map=parse_mapping("id=uid,text=body,date=published,url=link"))
    bodies: list[dict[str, Any]] = []
    for item in iter_sources(["mixed"], options):
        text = getattr(item, "text", None)
        if not text:
            continue
        date = getattr(item, "date", None) or getattr(item, "published", None)
        bodies.append({"text": text, "title": item.title, "url": item.url,
                       "source": getattr(item, "site_name", None),
                       "date": date[:10] if date else None})
    for number, text in enumerate(demo[10:30]):
        bodies.append({"text": text, "source": "ABC", "date": "2001-12-31",
                       "title": f"demo {number}"})
    bodies.append({"text": demo[10], "url": "https://copy.example/1"})  # exact duplicate
    bodies.append({"text": "SYDNEY (AAP) - " + demo[11] + " More to come.",
                   "url": "https://reprint.example/1"})  # near duplicate
    return bodies


def build_api(path: Path, demo: list[str]) -> None:
    from fastapi.testclient import TestClient

    try:
        from sayso.server import create_app
    except ImportError:  # before the API and the dashboard were composed in sayso.server
        from sayso.api.app import create_app  # type: ignore[no-redef]
    from sayso.api.config import ServerConfig

    app = create_app(ServerConfig(db_path=path, token=TOKEN))
    with TestClient(app) as client:
        for body in api_bodies(demo):
            answer = client.post("/api/ingest", json=body,
                                 headers={"Authorization": f"Bearer {TOKEN}"})
            print("api:", answer.status_code, answer.text[:200], file=sys.stderr)


# ------------------------------------------------------------------ dumping


def plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def masked(table: str, column: str, kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind.startswith("TIMESTAMP") or column == "run_id":
        return MASK
    if table == "runs" and column == "command":
        return MASK
    if table == "runs" and column == "stats" and isinstance(value, str):
        stats = json.loads(value)
        stats["seconds"] = MASK
        return json.dumps(stats, sort_keys=True)
    return plain(value)


def dump_store(path: Path) -> dict[str, list[str]]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                         "ORDER BY schema_name, table_name").fetchall()
    out: dict[str, list[str]] = {}
    for schema, table in tables:
        name = f'"{schema}"."{table}"'
        described = con.execute(f"DESCRIBE {name}").fetchall()
        rows = con.execute(f"SELECT * FROM {name}").fetchall()
        lines = [json.dumps({col[0]: masked(table, col[0], str(col[1]), value)
                             for col, value in zip(described, row, strict=True)},
                            ensure_ascii=False, sort_keys=True) for row in rows]
        out[f"{schema}.{table}"] = sorted(lines)
    con.close()
    return out


def dump(folder: Path, dask: bool) -> None:
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    build(folder, dask)
    target = folder / "dump"
    target.mkdir(exist_ok=True)
    for store in sorted(folder.glob("*.duckdb")):
        data = dump_store(store)
        (target / f"{store.stem}.json").write_text(json.dumps(data, indent=0, ensure_ascii=False),
                                                   encoding="utf-8")
        print(store.stem, {t: len(r) for t, r in data.items() if r}, file=sys.stderr)


# Values the store leaves to DuckDB's parallel aggregation (list() without ORDER BY,
# any_value): not part of what a change must keep.
ANY_VALUE = {"main.summary_speakers": ("speaker_country", "speaker_role")}


def order_free(table: str, line: str) -> str:
    row = json.loads(line)
    if table == "main.article_summary":
        for key, value in row.items():
            if isinstance(value, list):
                row[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    for column in ANY_VALUE.get(table, ()):
        row[column] = MASK
    if table == "main.claims" and isinstance(row.get("record"), str):
        record = json.loads(row["record"])
        record["stances"] = dict(sorted((record.get("stances") or {}).items()))
        for key in ("speakers", "outlets"):  # from Python sets: string hashing is per process
            if isinstance(record.get(key), list):
                record[key] = sorted(record[key])
        row["record"] = json.dumps(record)
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def compare(a: Path, b: Path) -> int:
    different = 0
    for left in sorted((a / "dump").glob("*.json")):
        right = b / "dump" / left.name
        if not right.exists():
            print(f"{left.stem}: missing in {b}")
            different += 1
            continue
        one, two = (json.loads(p.read_text(encoding="utf-8")) for p in (left, right))
        for table in sorted(set(one) | set(two)):
            x = {order_free(table, line) for line in one.get(table, [])}
            y = {order_free(table, line) for line in two.get(table, [])}
            if x != y:
                different += 1
                print(f"{left.stem}.{table}: {len(x - y)} rows only in {a.name}, "
                      f"{len(y - x)} only in {b.name} (of {len(x)} / {len(y)})")
                for row in sorted(x - y)[:3]:
                    print(f"  - {row[:400]}")
                for row in sorted(y - x)[:3]:
                    print(f"  + {row[:400]}")
            else:
                print(f"{left.stem}.{table}: {len(x)} rows identical")
    print("identical" if not different else f"{different} tables differ")
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="build the stores under DIR and dump them")
    d.add_argument("dir", type=Path)
    d.add_argument("--no-dask", action="store_true", help="skip the Dask engine run")
    c = sub.add_parser("compare", help="compare two dumps")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        dump(args.dir, dask=not args.no_dask)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
