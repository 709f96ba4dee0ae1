"""p50/p95 latency of the API and dashboard's main endpoints on a 50k-article store.

    python benchmarks/api_latency.py [--articles 50000] [--requests 40] [--rebuild]
    python benchmarks/api_latency.py --articles 5000 --clients 16 [--cache] [--writes]

The store (cache/api_bench_<N>.duckdb, git-ignored) is built once: the real
pipeline analyses the PolNeAR dev texts (../shared), then their rows are replicated
with new article ids, spread over two years and a dozen outlets, until the store
holds ``--articles`` articles.  Country codes of the copies are rotated over a fixed
list so that dyads and the network have realistic cardinality.  Requests go over
real HTTP to the real server (uvicorn on loopback).  Goal: p95 <= 150 ms.

``--clients N`` is the concurrent mode: the same requests, shuffled, sent by N clients at
once (each a thread with its own connection) after a sequential pass over them as the
baseline of the same run; it prints p50/p95/p99 per endpoint and overall, requests per
second, and the ratio of the concurrent p95 to the sequential one.  ``--writes`` adds a
writer storing one copied article every 0.2 s through the server's writer while the
clients read (cache entries are dropped by each write, as in production).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
BASE_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
sys.path.insert(0, str(ROOT / "tests"))

OUTLETS = ["Daily Ledger", "Evening Courier", "Harbour Times", "Morning Post", "The Beacon",
           "Capital Wire", "Northern Star", "Coastal Herald", "Metro Journal", "The Observer",
           "Valley News", "Global Dispatch"]
COUNTRIES = ["USA", "RUS", "FRA", "DEU", "GBR", "CHN", "UKR", "IRN", "ISR", "TUR", "IND", "PAK",
             "JPN", "KOR", "PRK", "SYR", "IRQ", "SAU", "EGY", "BRA", "MEX", "CAN", "POL", "ITA",
             "ESP", "NGA", "ZAF", "ETH", "AFG", "VEN"]


def base_rows(path: Path) -> None:
    """Analyse the base texts with the real pipeline and store them."""
    from sayso import nlp as nlp_loader
    from sayso.api.storing import store_result
    from sayso.model import Article
    from sayso.pipeline import analysed
    from sayso.store.db import schema_sql

    files = sorted(BASE_TEXTS.glob("*.txt"))
    if not files:
        sys.exit(f"no base texts in {BASE_TEXTS}")
    docs = [Article(doc_id=f.stem, text=f.read_text(encoding="utf-8"), source=str(f),
                    site_name=OUTLETS[i % len(OUTLETS)], title=f.stem.split("_", 2)[-1],
                    date=f.stem.split("_")[1] if f.stem.count("_") >= 2 else None,
                    language="en") for i, f in enumerate(files)]
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    for doc, result in analysed(docs, nlp_loader.load()):
        store_result(con, doc, result, "bench-base")
    con.close()


def replicate(path: Path, target: int) -> None:
    con = duckdb.connect(str(path))
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    copies = -(-target // n)
    con.execute(f"CREATE TEMP TABLE k AS SELECT range AS i FROM range(1, {copies})")
    con.execute("CREATE TEMP TABLE ids AS SELECT a.article_id AS old, k.i,"
                " substr(md5(a.article_id || ':' || k.i), 1, 32) AS new FROM articles a, k")
    copy_rows(con)
    con.execute("CHECKPOINT")
    con.close()


def copy_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Copies the articles of temp table ``ids`` (old, i, new) with all their rows."""
    codes = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    outlets = "[" + ", ".join(f"'{o}'" for o in OUTLETS) + "]"
    # A code maps to another code of the list, shifted by the copy number.
    rot = (f"CASE WHEN list_position({codes}, {{c}}) IS NULL THEN {{c}} ELSE "
           f"{codes}[((list_position({codes}, {{c}}) - 1 + ids.i) % {len(COUNTRIES)}) + 1] END")
    con.execute(
        "INSERT INTO articles SELECT ids.new, a.text_sha256, a.doc_id || '#' || ids.i, a.source,"
        " a.url, a.title, a.author,"
        f" {outlets}[((hash(ids.new) % {len(OUTLETS)}) + 1)::INTEGER],"
        " DATE '2023-01-01' + CAST(hash(ids.new || 'd') % 730 AS INTEGER), a.language, a.status,"
        " NULL, a.n_chars, a.text, a.ingested_at, 'bench-copy'"
        " FROM articles a JOIN ids ON ids.old = a.article_id")
    con.execute(
        "INSERT INTO attributions SELECT ids.new || ':' || split_part(t.attribution_id, ':', 2),"
        " ids.new, t.kind, t.cue_class, t.source_text, t.source_spans, t.cue_text, t.cue_spans,"
        " t.content_text, t.content_spans, t.speaker_name, t.speaker_kind,"
        f" {rot.format(c='t.speaker_country')}, t.speaker_sector, t.speaker_role,"
        " t.speaker_kb_id, t.confidence, t.start_char, t.end_char, t.record"
        " FROM attributions t JOIN ids ON ids.old = t.article_id")
    con.execute(
        "INSERT INTO actors SELECT ids.new || ':' || split_part(x.actor_id, ':', 2), ids.new,"
        f" x.name, x.kind, {rot.format(c='x.country')}, x.sector, x.secondary_sectors, x.role,"
        " x.kb_id, x.spans FROM actors x JOIN ids ON ids.old = x.article_id")
    con.execute(
        "INSERT INTO events SELECT ids.new || ':' || split_part(e.event_id, ':', 2), ids.new,"
        " e.type, e.mode, e.context, e.source_name,"
        f" {rot.format(c='e.source_country')}, e.source_sector, e.target_name,"
        f" {rot.format(c='e.target_country')}, e.target_sector, e.trigger_text,"
        " e.trigger_spans, e.negated, e.hypothetical, NULL,"
        " DATE '2023-01-01' + CAST(hash(ids.new || 'd') % 730 AS INTEGER), e.location,"
        " e.confidence, e.cameo_root, e.quad_class, e.record"
        " FROM events e JOIN ids ON ids.old = e.article_id")


def build(path: Path, target: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    base_rows(path)
    replicate(path, target)
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def requests_for(con: duckdb.DuckDBPyConnection, n: int, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    ids = [r[0] for r in con.execute(
        "SELECT article_id FROM articles USING SAMPLE 200 ROWS").fetchall()]
    dyads = con.execute(
        "SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL"
        " AND target_country IS NOT NULL AND source_country <> target_country"
        " GROUP BY ALL ORDER BY count(*) DESC LIMIT 50").fetchall()
    speakers = [r[0] for r in con.execute(
        "SELECT speaker_name FROM attributions WHERE speaker_name IS NOT NULL"
        " GROUP BY 1 ORDER BY count(*) DESC LIMIT 50").fetchall()]
    words = ["Clinton", "emails", "tax", "debate", "Russia", "border", "police", "voters",
             "economy", "immigration", "nuclear", "polls"]

    def pick(items: list[Any]) -> Any:
        return rng.choice(items)

    def many(make: Any) -> list[str]:
        return [make() for _ in range(n)]

    return {
        "GET /api/overview": many(lambda: "/api/overview"),
        "GET /api/overview?q=": many(lambda: f"/api/overview?q={pick(words)}"),
        "GET /api/articles?q=": many(lambda: f"/api/articles?q={pick(words)}&limit=50"),
        "GET /api/articles?source=&date": many(lambda: f"/api/articles?source={pick(OUTLETS)}"
                                               "&date_from=2023-06-01&date_to=2023-12-31"),
        "GET /api/articles/{id}": many(lambda: f"/api/articles/{pick(ids)}"),
        "GET /api/events (dyad)": many(lambda: "/api/events?source_country={}&target_country={}"
                                       .format(*pick(dyads))),
        "GET /api/dyads": many(lambda: "/api/dyads?source={}&target={}&interval=week"
                               .format(*pick(dyads))),
        "GET /api/network": many(lambda: "/api/network"),
        "GET /api/statements?speaker=": many(lambda: f"/api/statements?speaker={pick(speakers)}"),
        "GET /api/actors?q=": many(lambda: f"/api/actors?q={pick(speakers)[:4]}"),
        "page /": many(lambda: f"/?q={pick(words)}"),
        "page /article/{id}": many(lambda: f"/article/{pick(ids)}"),
        "page /dyad": many(lambda: "/dyad?source={}&target={}".format(*pick(dyads))),
        "page /network": many(lambda: "/network"),
        "page /actor": many(lambda: f"/actor?country={pick(dyads)[0]}"),
        "page /statements?q=": many(lambda: f"/statements?q={pick(words)}"),
        "page /statements?actor=": many(lambda: f"/statements?actor={pick(dyads)[1]}"),
        "page /network?level=sector": many(lambda: "/network?level=sector"),
        "page /claims?contested=1": many(lambda: "/claims?contested=1"),
    }


def measure(base: str, plan: dict[str, list[str]]) -> list[dict[str, Any]]:
    rows = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, urls in plan.items():
            client.get(urls[0])  # warm the thread-local cursors
            print(f"{name} ...", file=sys.stderr, flush=True)
            times = []
            for url in urls:
                started = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {r.status_code}")
            times.sort()
            p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
            rows.append({"endpoint": name, "p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(p95, 1), "n": len(times)})
    return rows


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(round(share * len(ordered))) - 1)]


def summary(name: str, times: list[float]) -> dict[str, Any]:
    return {"endpoint": name, "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1), "n": len(times)}


def timed(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    r = client.get(url)
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code}")
    return (time.perf_counter() - started) * 1000


def concurrent(base: str, plan: dict[str, list[str]], clients: int
               ) -> tuple[dict[str, list[float]], float]:
    """Every request of the plan, shuffled, sent by ``clients`` threads at once; latencies
    per endpoint and the wall time of the whole pass."""
    work = [(name, url) for name, urls in plan.items() for url in urls]
    random.Random(11).shuffle(work)
    lock = threading.Lock()
    times: dict[str, list[float]] = {name: [] for name in plan}
    failures: list[str] = []

    def client_loop(share: list[tuple[str, str]]) -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            client.get("/api/health")  # connect before the clock starts mattering
            start.wait()
            for name, url in share:
                try:
                    ms = timed(client, url)
                except (SystemExit, httpx.HTTPError) as exc:
                    failures.append(f"{url}: {exc}")
                    continue
                with lock:
                    times[name].append(ms)

    start = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=client_loop, args=(work[i::clients],))
               for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"{len(failures)} failed requests, first: {failures[0]}")
    return times, time.perf_counter() - began


def sequential(base: str, plan: dict[str, list[str]]) -> dict[str, list[float]]:
    with httpx.Client(base_url=base, timeout=120) as client:
        return {name: [timed(client, url) for url in urls] for name, urls in plan.items()}


def write_one(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """One stored article copied under a new id, indexed and summarised: the work of
    storing an article through the server's writer, without running the NLP."""
    from sayso.api import search
    from sayso.store import summaries

    con.execute("CREATE OR REPLACE TEMP TABLE ids AS SELECT article_id AS old, ? AS i,"
                " substr(md5(article_id || ':w' || ?), 1, 32) AS new FROM articles"
                " ORDER BY article_id LIMIT 1 OFFSET ?", [n + 1000, n, n % 100])
    copy_rows(con)
    search.index_missing(con)
    summaries.refresh(con)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report_concurrent(base: str, plans: tuple[dict[str, list[str]], dict[str, list[str]]],
                      clients: int, writing: Any = None, pid: int = 0) -> None:
    """Sequential pass (the baseline), then the concurrent one (while the server's writer
    stores articles, when ``writing`` is the event that starts it).  The two passes draw
    their parameters apart, so the first does not fill the server's cache for the second."""
    plan, other = plans
    sequential(base, {k: v[:1] for k, v in plan.items()})  # warm the thread-local cursors
    used = cpu_seconds(pid)
    alone = sequential(base, plan)
    used, cpu_alone = cpu_seconds(pid), cpu_seconds(pid) - used
    if writing is not None:
        writing.set()
    together, wall = concurrent(base, other, clients)
    cpu_together = cpu_seconds(pid) - used
    if writing is not None:
        writing.clear()
    n = sum(len(v) for v in together.values())
    print(f"| endpoint | 1 client p95 ms | {clients} clients p50 | p95 | p99 | p95 ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in plan:
        one, many = summary(name, alone[name]), summary(name, together[name])
        flag = "" if many["p95_ms"] <= 150 else " (over 150)"
        print(f"| {name} | {one['p95_ms']} | {many['p50_ms']} | {many['p95_ms']}{flag} |"
              f" {many['p99_ms']} | {many['p95_ms'] / max(one['p95_ms'], 0.1):.1f}x |")
    every = summary("all", [t for v in together.values() for t in v])
    single = summary("all", [t for v in alone.values() for t in v])
    print(f"| all | {single['p95_ms']} | {every['p50_ms']} | {every['p95_ms']} |"
          f" {every['p99_ms']} | {every['p95_ms'] / max(single['p95_ms'], 0.1):.1f}x |")
    seq_wall = sum(sum(v) for v in alone.values()) / 1000
    print(f"{n} requests: {n / wall:.0f} req/s with {clients} clients,"
          f" {n / seq_wall:.0f} req/s with one ({n / wall / (n / seq_wall):.2f}x)")
    if pid:  # the machine's load does not change how much work a request is
        print(f"server CPU per request: {cpu_alone / n * 1000:.1f} ms alone,"
              f" {cpu_together / n * 1000:.1f} ms with {clients} clients")


def serve(path: Path, cache: bool, answers: Any, writing: Any, stop: Any) -> None:
    """The server in a process of its own (clients in the benchmark's process would share
    its interpreter lock); with a writer thread that stores while ``writing`` is set."""
    from sayso.server import ServerConfig, create_app
    from web_support import live_server

    app = create_app(ServerConfig(db_path=path, cache_size=256 if cache else 0))
    db, times, n = app.state.db, [], 0
    with live_server(app) as base:
        answers.put(base)
        while not stop.is_set():
            if not writing.wait(0.1):
                continue
            started = time.perf_counter()
            db.write(lambda con, n=n: write_one(con, n))
            times.append((time.perf_counter() - started) * 1000)
            n += 1
            time.sleep(0.2)
    answers.put(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=40, help="requests per endpoint")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=1,
                        help="measure every endpoint this many times and keep the best p50/p95"
                             " (the development machine is shared: best-of-N filters out load)")
    parser.add_argument("--cache", action="store_true",
                        help="keep the server's aggregate cache on (off: every request computes)")
    parser.add_argument("--clients", type=int, default=0,
                        help="concurrent mode: this many clients at once, after a sequential"
                             " baseline pass; prints p50/p95/p99 and req/s")
    parser.add_argument("--writes", action="store_true",
                        help="with --clients: store an article every 0.2 s during the pass"
                             " (on a copy of the store)")
    args = parser.parse_args()
    path = args.db or ROOT / "cache" / f"api_bench_{args.articles}.duckdb"
    if args.rebuild or not path.exists():
        build(path, args.articles)
    from sayso.server import ServerConfig, create_app
    from web_support import live_server

    con = duckdb.connect(str(path), read_only=True)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
              for t in ("articles", "attributions", "events", "actors")}
    plan = requests_for(con, args.requests)
    other = requests_for(con, args.requests, seed=8)
    con.close()
    if args.clients:
        concurrent_mode(path, (plan, other), args, counts)
        return
    config = ServerConfig(db_path=path, cache_size=256 if args.cache else 0)
    with live_server(create_app(config)) as base:
        runs = [measure(base, plan) for _ in range(max(1, args.runs))]
    rows = [min(same, key=lambda r: r["p95_ms"]) for same in zip(*runs, strict=True)]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", file=sys.stderr)
    print(json.dumps(counts))
    print("| endpoint | p50 ms | p95 ms |\n|---|---:|---:|")
    for r in rows:
        flag = "" if r["p95_ms"] <= 150 else " (over 150)"
        print(f"| {r['endpoint']} | {r['p50_ms']} | {r['p95_ms']}{flag} |")


def concurrent_mode(path: Path, plans: tuple[dict[str, list[str]], dict[str, list[str]]],
                    args: argparse.Namespace, counts: dict[str, int]) -> None:
    import multiprocessing
    import shutil
    import tempfile

    spawn = multiprocessing.get_context("spawn")
    answers, writing, stop = spawn.Queue(), spawn.Event(), spawn.Event()
    with tempfile.TemporaryDirectory() as scratch:
        if args.writes:  # the writer adds articles: work on a copy
            path = Path(shutil.copy(path, Path(scratch) / path.name))
        server = spawn.Process(target=serve, args=(path, args.cache, answers, writing, stop))
        server.start()
        try:
            base = answers.get(timeout=300)
            print(json.dumps(counts))
            report_concurrent(base, plans, args.clients, writing if args.writes else None,
                              server.pid or 0)
        finally:
            stop.set()
            writes = answers.get(timeout=120) if server.is_alive() else []
            server.join(timeout=60)
    if args.writes:
        print(f"{len(writes)} articles stored during the concurrent pass, write p50"
              f" {statistics.median(writes or [0]):.0f} ms")
    print(f"cache {'on' if args.cache else 'off'}, {os.cpu_count()} CPUs, load average:"
          f" {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
