"""The fetch guard against hostile networks, with real HTTP(S) servers on loopback.

127.0.0.2 stands in for a public web server (the tests' address policy calls it public)
and 127.0.0.1 for the inside of our network; both listen on the same port, so a host
name that is re-resolved between the check and the connection would reach the inside.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.api import fetch as api_fetch
from sayso.api import security
from sayso.api.security import UnsafeURL, check_url
from sayso.ingest.fetch import FetchOptions
from sayso.ingest.netguard import is_public
from sayso.ingest.sources import Options, iter_sources
from sayso.model import Article, Failure
from test_ingest_sources import page

PUBLIC, INSIDE = "127.0.0.2", "127.0.0.1"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        server: Any = self.server
        server.hits.append((self.path, self.headers.get("Host")))
        if self.path.startswith("/drip"):
            self.drip()
        elif self.path == "/to-inside":
            self.send_response(302)
            self.send_header("Location", f"http://{INSIDE}:{server.server_address[1]}/secret")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/feed":
            self.reply("application/rss+xml", self.feed(server.server_address[1]))
        else:
            self.reply("text/html; charset=utf-8", page(server.label).encode())

    def reply(self, ctype: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def drip(self) -> None:
        """A page that never ends: one byte every 0.1 s (for 60 s at most)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(600):
                self.wfile.write(b"<")
                self.wfile.flush()
                time.sleep(0.1)

    @staticmethod
    def feed(port: int) -> bytes:
        items = "".join(f"<item><title>Entry {n}</title><link>http://{PUBLIC}:{port}/drip{n}"
                        "</link></item>" for n in range(4))
        return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Slow</title>"
                f"{items}</channel></rss>").encode()


@contextlib.contextmanager
def serving(address: str, port: int, label: str,
            tls: ssl.SSLContext | None = None) -> Iterator[Any]:
    httpd: Any = http.server.ThreadingHTTPServer((address, port), Handler)
    httpd.daemon_threads = True
    httpd.hits, httpd.label = [], label
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[Any, Any]]:
    """The public site and the inside server, on one port of two loopback addresses."""
    for _ in range(20):
        try:
            with contextlib.ExitStack() as stack:
                public = stack.enter_context(serving(PUBLIC, 0, "Public page"))
                inside = stack.enter_context(serving(INSIDE, public.server_address[1],
                                                     "Inside secret"))
                yield public, inside
                return
        except OSError as exc:  # the port is taken on 127.0.0.1, or no 127.0.0.2 here
            reason = str(exc)
    pytest.skip(f"cannot listen on {PUBLIC} and {INSIDE} at one port: {reason}")


@pytest.fixture(autouse=True)
def public_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.2 counts as public; every other address is judged by the real policy."""
    def policy(address: str) -> bool:
        return address == PUBLIC or is_public(address)

    monkeypatch.setattr(api_fetch, "is_public", policy)
    monkeypatch.setattr(security, "is_public", policy)


@pytest.fixture(autouse=True)
def clear_hits(sites: tuple[Any, Any]) -> None:
    for server in sites:
        server.hits.clear()


def rebinding_dns(monkeypatch: pytest.MonkeyPatch, name: str, answers: list[str]) -> list[str]:
    """The system resolver, except that ``name`` gets ``answers`` in turn (the last for
    good); returns the list of answers given."""
    real = socket.getaddrinfo
    given: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != name:
            return real(host, port, *args, **kwargs)
        given.append(answers.pop(0) if len(answers) > 1 else answers[0])
        return real(given[-1], port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return given


def test_dns_rebinding_never_reaches_the_inside(sites: tuple[Any, Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    public, inside = sites
    port = public.server_address[1]
    given = rebinding_dns(monkeypatch, "news.test", [PUBLIC, PUBLIC, INSIDE])
    (doc,) = api_fetch.url_items(f"http://news.test:{port}/article", allow_private=False)
    assert isinstance(doc, Article) and "Public page" in (doc.title or "")
    assert public.hits == [("/article", f"news.test:{port}")]  # the Host header kept its name
    # The name now answers 127.0.0.1: refused before a connection, never fetched.
    with pytest.raises(UnsafeURL, match="non-public"):
        list(api_fetch.url_items(f"http://news.test:{port}/again", allow_private=False))
    assert inside.hits == [] and given == [PUBLIC, PUBLIC, INSIDE]


def test_rebinding_between_check_and_connection_is_refused(
        sites: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    public, inside = sites
    given = rebinding_dns(monkeypatch, "news.test", [PUBLIC, INSIDE])
    items = list(api_fetch.url_items(f"http://news.test:{public.server_address[1]}/x",
                                     allow_private=False))
    assert [(i.reason if isinstance(i, Failure) else i) for i in items] == ["refused_address"]
    assert inside.hits == [] and public.hits == [] and given == [PUBLIC, INSIDE]


def test_environment_proxy_is_not_used_and_redirects_are_checked(
        sites: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    public, inside = sites
    with serving(INSIDE, 0, "Proxy") as proxy:
        proxy_url = f"http://{INSIDE}:{proxy.server_address[1]}"
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
            monkeypatch.setenv(name, proxy_url)
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        items = list(api_fetch.url_items(f"http://{PUBLIC}:{public.server_address[1]}/to-inside",
                                         allow_private=False))
        assert proxy.hits == []
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].reason == "refused_address"
    assert public.hits == [("/to-inside", f"{PUBLIC}:{public.server_address[1]}")]
    assert inside.hits == []


@pytest.mark.parametrize("address, public", [
    ("2002:7f00:1::", False),             # 6to4 around 127.0.0.1
    ("2002:a00:1::1", False),             # 6to4 around 10.0.0.1
    ("2002:5db8:d822::1", True),          # 6to4 around 93.184.216.34
    ("64:ff9b::7f00:1", False),           # NAT64 around 127.0.0.1
    ("64:ff9b::a9fe:a9fe", False),        # NAT64 around 169.254.169.254
    ("64:ff9b::5db8:d822", True),         # NAT64 around 93.184.216.34
    ("64:ff9b:1::5db8:d822", False),      # local-use NAT64: inside some network
    ("::ffff:127.0.0.1", False),          # IPv4-mapped
    ("::ffff:93.184.216.34", True),
    ("::7f00:1", False),                  # IPv4-compatible
    ("::a00:1", False),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo, client 127.0.0.1
    ("::1", False), ("::", False), ("fe80::1%eth0", False), ("fc00::1", False),
    ("2606:4700::1111", True), ("93.184.216.34", True), ("100.64.0.1", False),
    ("0.0.0.0", False), ("169.254.169.254", False),
])
def test_addresses_embedding_ipv4_are_judged_by_it(address: str, public: bool) -> None:
    assert is_public(address) is public


@pytest.mark.parametrize("url", ["http://[::1", "http://example.com:99999/",
                                 "http://example.com:-1/", "http://example.com:0/",
                                 "http://exa mple.com\x00/", "ftp://example.com/", "http:///x"])
def test_malformed_urls_are_refused_with_a_reason(url: str) -> None:
    with pytest.raises(UnsafeURL) as caught:
        check_url(url)
    assert str(caught.value)


def test_malformed_feed_links_are_failures(tmp_path: Path) -> None:
    feed = tmp_path / "links.rss"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>"
                    "<item><link>http://[::1</link></item>"
                    "<item><link>http://example.com:99999/a</link></item></channel></rss>")
    items = list(iter_sources([str(feed)]))
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("Failure", "bad_url"), ("Failure", "bad_url")]


def test_slow_drip_gets_one_deadline_not_one_per_try(sites: tuple[Any, Any]) -> None:
    public = sites[0]
    options = Options(fetch=FetchOptions(timeout=1.0, deadline_s=0.8, retries=2,
                                         backoff_s=0.05))
    (failure,) = iter_sources([f"http://{PUBLIC}:{public.server_address[1]}/drip"], options)
    assert isinstance(failure, Failure) and failure.reason == "timeout"
    assert len(public.hits) == 1  # no retry once the URL's deadline has passed


def test_guarded_fetch_ends_at_the_request_deadline(sites: tuple[Any, Any]) -> None:
    public = sites[0]
    items = list(api_fetch.url_items(f"http://{PUBLIC}:{public.server_address[1]}/drip",
                                     allow_private=False, deadline_s=0.8))
    assert [(i.reason if isinstance(i, Failure) else i) for i in items] == ["timeout"]
    assert len(public.hits) == 1


def test_a_feed_has_one_deadline_for_all_its_entries(sites: tuple[Any, Any]) -> None:
    public = sites[0]
    options = Options(fetch=FetchOptions(timeout=1.0, deadline_s=0.6, feed_deadline_s=1.0,
                                         retries=0))
    items = list(iter_sources([f"http://{PUBLIC}:{public.server_address[1]}/feed"], options))
    assert [(type(i).__name__, getattr(i, "reason", "")) for i in items] == [
        ("Failure", "timeout")] * 4
    drips = [path for path, _ in public.hits if path.startswith("/drip")]
    assert 1 <= len(drips) <= 2  # the entries after the feed's deadline were not fetched
    assert "deadline" in items[-1].detail  # type: ignore[union-attr]


# -- TLS to a pinned address still checks the host name --------------------------
@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=news.test", "-addext",
                    "subjectAltName=DNS:news.test"], check=True, capture_output=True, timeout=60)
    return cert, key


def test_tls_to_the_pinned_address_keeps_sni_and_name_checks(
        certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_tls.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,misc]
    client_tls = ssl.create_default_context(cafile=str(cert))
    with serving(INSIDE, 0, "Over TLS", server_tls) as server:
        port = server.server_address[1]

        def resolver(host: str, port: int) -> list[str]:
            return [INSIDE]

        (doc,) = api_fetch.url_items(f"https://news.test:{port}/tls", allow_private=True,
                                     resolver=resolver, verify=client_tls)
        assert isinstance(doc, Article) and "Over TLS" in (doc.title or "")
        assert names == ["news.test"] and server.hits == [("/tls", f"news.test:{port}")]
        # The same address under a name the certificate does not carry: refused.
        (failure,) = api_fetch.url_items(f"https://other.test:{port}/tls", allow_private=True,
                                         resolver=resolver, verify=client_tls)
        assert isinstance(failure, Failure) and failure.reason == "unreachable"
        assert "CERTIFICATE_VERIFY_FAILED" in failure.detail or "hostname" in failure.detail
