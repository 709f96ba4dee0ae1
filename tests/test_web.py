"""The dashboard in a real browser (Debian's headless chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sayso.server import ServerConfig, create_app
from web_support import HOSTILE, HOSTILE_TITLE, build_store, live_server, require_libraries

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    require_libraries()
    path = tmp_path_factory.mktemp("web") / "store.duckdb"
    ids = build_store(path)
    with live_server(create_app(ServerConfig(db_path=path, token="t"))) as base:
        yield base, ids


@pytest.fixture
def page(browser: Any, site: tuple[str, dict[str, str]]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  accept_downloads=True, base_url=site[0])
    p = context.new_page()
    p.problems = []  # console errors, CSP violations, dialogs: all must stay empty
    p.on("console", lambda m: p.problems.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.problems.append(str(e)))
    p.on("response", lambda r: p.problems.append(f"{r.status} {r.url}") if r.status >= 400
         else None)
    p.on("dialog", lambda d: (p.problems.append("dialog: " + d.message), d.dismiss()))
    yield p
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    if os.environ.get("SAYSO_UPDATE_SCREENSHOTS"):  # refresh the README's images on request only
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, DOCS / f"{name}.png")


def inert(page: Any) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.problems == []


def test_overview_search_narrows(page: Any) -> None:
    page.goto("/")
    assert int(page.text_content("#count-articles").replace(",", "")) >= 5
    assert page.locator("#results tbody tr").count() >= 5
    shot(page, "overview")
    page.fill("input[name=q]", "Geneva")
    page.click("form.query button")
    page.wait_for_url("**/?q=Geneva*")
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 1")
    assert "agree to talks" in page.text_content("#results")
    assert page.text_content("#count-articles").strip() == "1"
    inert(page)


def test_article_highlight_shows_record(page: Any, site: tuple[str, dict[str, str]]) -> None:
    page.goto(f"/article/{site[1]['d2']}")
    assert page.locator("mark.hl").count() >= 4
    page.click("mark.hl-trigger >> text=threatened")
    record = page.locator("#record")
    assert "THREATEN" in record.text_content()
    assert "RUS" in record.text_content()
    page.click("mark.hl-source >> text=Emmanuel Macron")
    text = record.text_content()
    assert "Emmanuel Macron" in text and "president" in text and "FRA" in text
    shot(page, "article")
    inert(page)


def test_hostile_article_renders_inert(page: Any, site: tuple[str, dict[str, str]]) -> None:
    page.goto(f"/article/{site[1]['d5']}")
    assert HOSTILE in page.text_content("#article-text")
    assert page.text_content("h1") == HOSTILE_TITLE
    assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.click("mark.hl-content")
    assert "window.__pwned" in page.text_content("#record")
    page.goto("/?q=found")
    assert HOSTILE_TITLE in page.text_content("#results")
    page.goto("/actor?country=RUS")
    inert(page)


def test_dyad_chart_and_evidence(page: Any) -> None:
    page.goto("/dyad?source=RUS&target=FRA&interval=month")
    page.wait_for_function("window.saysoCharts && window.saysoCharts['dyad-chart']")
    labels = page.evaluate("window.saysoCharts['dyad-chart'].data.labels")
    assert labels == ["2024-01-01", "2024-02-01", "2024-03-01"]
    box = page.locator("#dyad-chart").bounding_box()
    chart = "window.saysoCharts['dyad-chart']"
    x, y = page.evaluate(f"(() => {{ const m = {chart}.getDatasetMeta(0).data[0]; "
                         "return [m.x, m.y + 2]; })()")
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#evidence .ev")
    assert "Russia accused France of arming Kyiv" in page.text_content("#evidence")
    shot(page, "dyad")
    inert(page)


def test_network_renders_and_edge_lists_evidence(page: Any) -> None:
    page.goto("/network")
    page.wait_for_function("window.saysoNetwork !== undefined")
    assert page.evaluate("window.saysoNetwork.nodes().length") >= 4
    assert page.evaluate("window.saysoNetwork.edges().length") >= 5
    page.evaluate("window.saysoNetwork.edges('[rawSource = \"USA\"][type = \"AID\"]')"
                  ".emit('tap')")
    page.wait_for_selector("#evidence .ev")
    assert "air defence systems" in page.text_content("#evidence")
    shot(page, "network")
    inert(page)


def test_actor_and_claims_pages(page: Any) -> None:
    page.goto("/actor?country=RUS")
    page.wait_for_function("window.saysoCharts && window.saysoCharts['actor-chart']")
    assert "FRA" in page.text_content("body")
    shot(page, "actor")
    page.goto("/claims")
    page.click("text=Sergei Lavrov said Paris was escalating the war.")
    assert "Sergei Lavrov" in page.text_content("body")
    shot(page, "claim")
    inert(page)


def test_statement_elsewhere_panel(page: Any, site: tuple[str, dict[str, str]]) -> None:
    """From the statements list to one statement, its Elsewhere panel, and on to the sentence
    of the related statement in its article."""
    ids = site[1]
    page.goto("/statements?q=Lavrov")
    page.click("#statement-list a:text('elsewhere')")
    panel = page.locator("#elsewhere")
    item = panel.locator("li.related").first
    assert "Harbour Times" in item.text_content() and "2024-03-28" in item.text_content()
    assert "deny" in item.locator(".badge").text_content()
    assert "France denied that Paris was escalating the war." in item.text_content()
    shot(page, "statement")
    item.locator("a.to-sentence").click()
    page.wait_for_url(f"**/article/{ids['d6']}*")
    page.goto("/claims/c1")
    assert page.locator("#elsewhere li.related").count() >= 1
    page.goto(f"/statements/{ids['d5']}:a1")  # hostile text stays text
    assert page.locator("#statement script, #elsewhere script").count() == 0
    inert(page)


def test_export_downloads_csv(page: Any) -> None:
    page.goto("/?q=Moscow")
    with page.expect_download() as info:
        page.click("#export-csv")
    path = info.value.path()
    content = Path(path).read_text(encoding="utf-8")
    assert content.splitlines()[0].startswith("article_id,title")
    assert "Moscow accuses Paris" in content
    inert(page)


def test_pages_degrade_without_node_modules(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "store.duckdb"
    build_store(path)
    app = create_app(ServerConfig(db_path=path, node_modules=tmp_path / "missing"))
    with live_server(app) as base:
        context = browser.new_context(base_url=base)
        p = context.new_page()
        errors: list[str] = []
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.goto("/dyad?source=RUS&target=FRA")
        assert "npm ci" in p.text_content("#libs-missing")
        assert "needs the browser libraries" in p.text_content(".chart-box")
        assert p.locator("#dyad-table tbody tr").count() == 3
        p.goto("/network")
        assert "needs the browser libraries" in p.text_content("#network")
        assert errors == []
        context.close()
