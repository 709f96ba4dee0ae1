"""Ingestion sources against a real HTTP server on 127.0.0.1 serving good and hostile responses."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso.ingest.fetch import FetchOptions
from sayso.ingest.sources import Options, iter_sources, parse_mapping
from sayso.model import Article, Failure

PARAGRAPHS = [
    "The harbour authority said on Tuesday that the northern pier would close for repairs "
    "after inspectors found cracks in two of its concrete supports.",
    "\u201cWe cannot take any risks with public safety,\u201d said the authority's director, "
    "Anna Berg, adding that ferries would use the southern terminal until further notice.",
    "Local traders warned that the closure could cost them customers during the busy summer "
    "season, and asked the city council for compensation.",
]


def page(title: str = "Pier closes for repairs", paragraphs: list[str] | None = None) -> str:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta name='author' content='Jon Smith'>"
            f"<meta property='article:published_time' content='2024-05-14T08:00:00Z'>"
            f"<meta property='og:site_name' content='Harbour Times'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Harbour Times</footer></body></html>")


LATIN1_PAGE = page("Caf\u00e9 reopens", [
    "The harbour caf\u00e9 reopened on Tuesday after repairs to the northern pier, "
    "and its owner said the cr\u00e8me br\u00fbl\u00e9e was back on the menu.",
    "Visitors queued along the quay before the doors opened, and the owner thanked the "
    "workers who finished the repairs ahead of the summer season."])


def feed(base: str) -> str:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{path}</link>"
        f"<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate></item>"
        for n, path in enumerate(["/article.html", "/missing"]))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Times</title>"
            f"<link>{base}</link><description>News</description>{items}</channel></rss>")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def send(self, status: int, ctype: str, body: bytes, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        routes = {
            "/article.html": lambda: self.send(200, "text/html; charset=utf-8",
                                               page().encode("utf-8")),
            "/latin1.html": lambda: self.send(200, "text/html; charset=utf-8",
                                              LATIN1_PAGE.encode("latin-1")),
            "/feed.xml": lambda: self.send(200, "application/rss+xml", feed(base).encode()),
            "/garbage-feed": lambda: self.send(200, "application/rss+xml",
                                               b"<rss><channel><item>\x00\x01 nonsense"),
            "/binary": lambda: self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(500)),
            "/slow": self.slow,
            "/huge": self.huge,
            "/huge-undeclared": self.huge_undeclared,
        }
        route = routes.get(self.path)
        if route is None:
            self.send(404, "text/html", b"<html><body>Not found</body></html>")
        else:
            route()

    def slow(self) -> None:
        time.sleep(1.5)
        self.send(200, "text/html", page().encode())

    def huge(self) -> None:
        # Declares 50 MB and starts sending it: the client must refuse, not buffer it.
        self.send(200, "text/html", b"<html><body>" + b"<p>filler</p>" * 1000,
                  length=50 * 1024 * 1024)

    def huge_undeclared(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        try:
            for _ in range(800):  # 50 MB, no Content-Length
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


OPTIONS = Options(fetch=FetchOptions(max_bytes=2 * 1024 * 1024, timeout=0.5, deadline_s=5,
                                     retries=1, backoff_s=0.05))


def one(source: str, options: Options = OPTIONS) -> Article | Failure:
    items = list(iter_sources([source], options))
    assert len(items) == 1, items
    return items[0]


def test_article_page_text_and_metadata(server: str) -> None:
    doc = one(f"{server}/article.html")
    assert isinstance(doc, Article)
    assert "northern pier would close" in doc.text and "Copyright" not in doc.text
    assert doc.title == "Pier closes for repairs"
    assert doc.date == "2024-05-14"
    assert doc.site_name == "Harbour Times"
    assert doc.url == f"{server}/article.html"


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "http_404"),
    ("/slow", "timeout"),
    ("/huge", "too_large"),
    ("/huge-undeclared", "too_large"),
    ("/binary", "not_html"),
    ("/garbage-feed", "bad_feed"),
])
def test_hostile_responses_become_failures(server: str, path: str, reason: str) -> None:
    failure = one(f"{server}{path}")
    assert isinstance(failure, Failure) and failure.reason == reason


def test_unreachable_host_is_a_failure() -> None:
    failure = one("http://127.0.0.1:9/nothing-listens-here")
    assert isinstance(failure, Failure) and failure.reason == "unreachable"


def test_wrong_declared_encoding_still_reads_the_article(server: str) -> None:
    doc = one(f"{server}/latin1.html")
    assert isinstance(doc, Article) and "northern pier" in doc.text
    assert "caf\u00e9" in doc.text  # decoded from the bytes, not from the wrong header


def test_feed_is_followed_to_its_articles(server: str) -> None:
    items = list(iter_sources([f"{server}/feed.xml"], OPTIONS))
    docs = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(docs) == 1 and "northern pier" in docs[0].text
    assert [f.reason for f in failures] == ["http_404"]


def test_files_folders_and_jsonl_mapping(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" ".join(PARAGRAPHS), encoding="utf-8")
    (tmp_path / "b.html").write_text(page(), encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"caf\xe9 latin-1 bytes")
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"uid": "x1", "body": PARAGRAPHS[0], "published": "2024-05-14"}) + "\n"
        + "{broken\n" + json.dumps({"uid": "x2"}) + "\n", encoding="utf-8")
    options = Options(jsonl_map=parse_mapping("id=uid,text=body,date=published"))
    items = list(iter_sources([str(tmp_path)], options))
    docs = {i.doc_id: i for i in items if isinstance(i, Article)}
    reasons = sorted(i.reason for i in items if isinstance(i, Failure))
    assert sorted(docs) == ["a", "b", "x1"]
    assert docs["x1"].date == "2024-05-14"
    assert docs["b"].title == "Pier closes for repairs"
    assert reasons == ["bad_encoding", "bad_jsonl", "no_text"]


def test_bad_mapping_is_rejected() -> None:
    with pytest.raises(ValueError):
        parse_mapping("id")


def warc_bytes(pages: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for n in range(pages):
        body = page(f"Story number {n}").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example/{n}", "response",
                                           payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def test_warc_and_truncated_warc(tmp_path: Path) -> None:
    data = warc_bytes(3)
    (tmp_path / "ok.warc.gz").write_bytes(data)
    items = list(iter_sources([str(tmp_path / "ok.warc.gz")]))
    assert [i.url for i in items if isinstance(i, Article)] == [
        f"https://news.example/{n}" for n in range(3)]
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3 + 100])  # inside record 3
    items = list(iter_sources([str(tmp_path / "cut.warc.gz")]))
    assert isinstance(items[-1], Failure) and items[-1].reason == "truncated"
    assert all(isinstance(i, Article) for i in items[:-1])


def test_gzip_html_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page().encode()))
    assert isinstance(one(str(tmp_path / "p.html.gz")), Article)
    missing = one(str(tmp_path / "nope.txt"))
    assert isinstance(missing, Failure) and missing.reason == "not_found"


def test_ingest_records_failures_and_goes_on(server: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from sayso.cli import main
    from sayso.store import Store

    db = tmp_path / "s.duckdb"
    sources = [f"{server}{p}" for p in ("/missing", "/binary", "/huge", "/article.html",
                                        "/garbage-feed", "/feed.xml")]
    assert main(["ingest", *sources, "--db", str(db), "--no-progress", "--timeout", "0.5"]) == 1
    err = capsys.readouterr().err  # each failed URL named with its reason, as it happens
    for path, reason in (("/missing", "http_404"), ("/binary", "not_html"),
                         ("/huge", "too_large"), ("/garbage-feed", "bad_feed")):
        assert f"sayso: {server}{path}: {reason}" in err
    with Store(db, read_only=True) as store:
        failures = sorted(store.con.execute("SELECT source, reason FROM failures").fetchall())
        articles = store.con.execute("SELECT url, title, published FROM articles").fetchall()
        sightings = store.count("sightings")
    assert failures == sorted([(f"{server}/missing", "http_404"), (f"{server}/binary", "not_html"),
                               (f"{server}/huge", "too_large"),
                               (f"{server}/garbage-feed", "bad_feed")])
    # The feed links to the page ingested directly: same text and same place, one of each.
    assert [(u, t, str(p)) for u, t, p in articles] == [
        (f"{server}/article.html", "Pier closes for repairs", "2024-05-14")]
    assert sightings == 1


def test_extract_reads_urls_through_the_fetcher(server: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`extract URL` fetches the page and extracts its article, as `ingest` does (it used to
    read "https:/..." as a file name, and HTML files as raw markup)."""
    from sayso.cli import main

    assert main(["extract", "--jsonl", f"{server}/article.html", f"{server}/missing"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["doc_id"] for r in records] == [f"{server}/article.html", f"{server}/missing"]
    assert "error" not in records[0] and records[0]["attributions"]
    assert all("<" not in a["content"]["text"] for a in records[0]["attributions"])
    assert records[1]["reason"] == "http_404" and records[1]["attributions"] == []
    assert f"sayso: {server}/missing: http_404" in captured.err
