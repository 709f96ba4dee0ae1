"""Dashboard pages served by the real app (no browser): empty store, escaping, headers."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from sayso.server import ServerConfig, create_app
from sayso.web.highlight import Mark, highlight
from web_support import HOSTILE, build_store

PAGES = ["/", "/?q=anything&date_from=bad", "/dyad", "/dyad?source=RUS&target=FRA&interval=week",
         "/network", "/network?min_count=x", "/claims", "/actor?country=XXX", "/actor?name=Nobody",
         "/evidence?source=RUS&target=FRA&period=2024-01-01&interval=month&class=conflict",
         # the filter bar on every page, with nonsense values ignored rather than failing
         "/statements", "/statements?q=%25_&speaker_country=zz&cue_class=x&outlet=y&in=overview",
         "/dyad?actor=Russia", "/dyad?actor=nowhere&target=%3Cb%3E", "/network?level=sector",
         "/claims?contested=1&order=nonsense", "/?actor=FRA&quad_class=9&min_confidence=abc"
         "&type=BOGUS&uncertain=1&date_from=2024-13-45", "/actor?actor=France&min_confidence=2"]


def test_pages_on_an_empty_store(tmp_path: Path) -> None:
    with TestClient(create_app(ServerConfig(db_path=tmp_path / "empty.duckdb"))) as c:
        for url in PAGES:
            r = c.get(url)
            assert r.status_code == 200, url
            assert r.headers["content-type"].startswith("text/html")
            assert "default-src 'self'" in r.headers["content-security-policy"]
        assert c.get("/article/nope").status_code == 404
        assert c.get("/actor").status_code == 400


def test_hostile_text_is_escaped_in_html(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    ids = build_store(path)
    with TestClient(create_app(ServerConfig(db_path=path))) as c:
        for url in (f"/article/{ids['d5']}", "/?q=found", "/actor?country=RUS", "/network",
                    "/evidence?type=ACCUSE", "/statements?q=found", "/statements?actor=RUS",
                    "/dyad?actor=RUS", "/claims", "/?actor=RUS"):
            html = c.get(url).text
            assert "<script>window.__pwned" not in html, url
            assert "onerror=\"window" not in html and "<svg onload" not in html, url
            assert "<b onmouseover" not in html, url
            assert 'href="javascript:' not in html, url
        lavrov = c.get("/actor?actor=sergei+lavrov").text  # typed in any case
        assert "Paris was escalating the war" in lavrov and "Sergei Lavrov" in lavrov
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in c.get(
            f"/article/{ids['d5']}").text


def test_highlight_nests_and_escapes() -> None:
    text = 'A <b> said "hi"'
    html = str(highlight(text, [Mark(0, 5, "source", "a1"), Mark(6, 10, "cue", "a1"),
                                Mark(2, 5, "trigger", "e1"), Mark(50, 60, "cue", "zz")]))
    assert html.startswith('<mark class="hl hl-source" data-recs="a1" tabindex="0">A </mark>')
    assert 'data-recs="a1 e1" tabindex="0">&lt;b&gt;</mark>' in html
    assert "&#34;hi&#34;" in html and "zz" not in html
    assert HOSTILE not in str(highlight(HOSTILE, []))
