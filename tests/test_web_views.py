"""The analyst's dashboard in a real browser: the shared filter bar, the statements page, the
rolled-up network, contested claims, the three questions in at most three clicks from the
overview, and every page readable at 1280 px and on a 390 px phone (no word broken in two)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from test_web import browser, inert, page, shot, site  # noqa: F401  (fixtures and helpers)
from web_support import HOSTILE

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# Every page of the dashboard, by screenshot name (the article is added with its id).
PAGES = {
    "overview": "/",
    "statements": "/statements?q=France",
    "actor": "/actor?actor=RUS",
    "dyad": "/dyad?actor=RUS&target=FRA",
    "network": "/network",
    "claims": "/claims",
    "claim": "/claims/c1",
    "evidence": "/evidence?source=RUS&target=FRA",
}

# Words a line break cuts in two: a Range per run of letters and digits, whose boxes lie on
# more than one line.  Returns the broken words (with the element that holds them).  A token
# of more than 25 characters with no space (markup, a URL) has to break somewhere: skipped.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, datalist, option, select")) continue;
    if (!el.getClientRects().length) continue;
    for (const m of node.textContent.matchAll(/[\\p{L}\\p{N}]{2,}/gu)) {
      const text = node.textContent;
      let a = m.index, b = m.index + m[0].length;
      while (a > 0 && !/\\s/.test(text[a - 1])) a--;
      while (b < text.length && !/\\s/.test(text[b])) b++;
      if (b - a > 25) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(text.slice(a, b) + " in <" + el.tagName.toLowerCase() + "." + el.className + ">");
    }
  }
  return broken;
}"""


@pytest.fixture
def phone(browser: Any, site: tuple[str, dict[str, str]]) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport=PHONE, base_url=site[0], device_scale_factor=1,
                                  is_mobile=True, has_touch=True)
    p = context.new_page()
    p.problems = []
    p.on("pageerror", lambda e: p.problems.append(str(e)))
    p.on("console", lambda m: p.problems.append(m.text) if m.type == "error" else None)
    yield p
    context.close()


def wait_until(page: Any, expression: str, timeout: float = 15.0) -> None:  # noqa: F811
    """Poll a JS expression through page.evaluate: Playwright's wait_for_function polls with
    eval(), which the dashboard's CSP (rightly) refuses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        time.sleep(0.05)


def query_of(page: Any) -> dict[str, list[str]]:  # noqa: F811
    return parse_qs(urlparse(page.url).query)


def settle(page: Any) -> None:  # noqa: F811
    """Wait for the graph and charts a page draws (when the libraries are installed)."""
    page.wait_for_load_state("load")
    if page.locator("#network").count():
        wait_until(page, "window.saysoNetwork !== undefined || "
                               "document.querySelector('#network .chart-missing') !== null")
    if page.locator("canvas[data-chart]").count():
        wait_until(page, "(window.saysoCharts && Object.keys(window.saysoCharts).length) || "
                               "document.querySelector('.chart-missing') !== null")


def test_filter_bar_is_shared_and_carried_by_the_url(page: Any) -> None:  # noqa: F811
    for path in ("/", "/actor?actor=RUS", "/dyad", "/network", "/statements"):
        page.goto(path)
        bar = page.locator("form#filters")
        assert bar.count() == 1, path
        for name in ("actor", "date_from", "date_to", "min_confidence"):
            assert bar.locator(f"[name={name}]").count() == 1, (path, name)
    # Autocomplete: typed letters bring country codes and actor names from the store.
    page.goto("/network")
    page.fill("input[name=actor]", "Fra")
    wait_until(page, "document.querySelectorAll('#actor-options option').length > 0")
    assert page.locator("#actor-options option[value=FRA]").count() == 1
    page.fill("input[name=actor]", "Lavr")
    page.wait_for_selector("#actor-options option[value='Sergei Lavrov']", state="attached")
    # Filters go into the URL (empty ones stay out), and the URL brings them back.
    page.fill("input[name=actor]", "France")
    page.fill("input[name=date_from]", "2024-01-01")
    page.select_option("select[name=quad_class]", "3")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/network?*")
    assert query_of(page) == {"actor": ["France"], "date_from": ["2024-01-01"],
                              "quad_class": ["3"], "level": ["country"], "min_count": ["1"]}
    assert page.locator("#edge-table tbody tr").count() == 2  # RUS->FRA ACCUSE and THREATEN
    # Moving to another page keeps the view; its links carry it too.
    page.click("nav >> text=Statements")
    assert query_of(page)["actor"] == ["FRA"] and query_of(page)["quad_class"] == ["3"]
    assert page.input_value("input[name=actor]") == "FRA"
    assert page.input_value("input[name=date_from]") == "2024-01-01"
    inert(page)


def test_negated_and_hypothetical_are_off_by_default(page: Any) -> None:  # noqa: F811
    page.goto("/evidence?source=USA")
    assert "did not deploy" not in page.text_content("#evidence")
    page.goto("/network?actor=USA")
    assert not page.is_checked("input[name=uncertain]")
    assert "negated and hypothetical events left out" in page.text_content("form#filters")
    page.check("input[name=uncertain]")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**uncertain=1**")
    page.goto(page.url.replace("/network", "/evidence"))
    evidence = page.text_content("#evidence")
    assert "did not deploy" in evidence and "(not counted)" in evidence
    inert(page)


def test_statements_search_highlights_and_opens_the_article(page: Any) -> None:  # noqa: F811
    page.goto("/statements?speaker_country=FRA&cue_class=deny")
    items = page.locator("#statement-list li.statement")
    assert items.count() == 1
    sentence = items.first.locator("blockquote")
    assert sentence.text_content() == "France denied that Paris was escalating the war."
    assert sentence.locator("mark.hl-content").text_content() == "that Paris was escalating the war"
    assert sentence.locator("mark.hl-cue").text_content() == "denied"
    # Filters: outlet, date range, speaker; hostile text stays text.
    page.goto("/statements?outlet=Daily+Ledger")
    assert "Sergei Lavrov" in page.text_content("#statement-list")
    assert page.locator("#statement-list li.statement").count() == 1
    page.goto("/statements?q=found")
    assert HOSTILE in page.text_content("#statement-list")
    assert page.locator("#statement-list script, #statement-list img").count() == 0
    inert(page)


def test_who_said_what_about_france_in_three_clicks(page: Any) -> None:  # noqa: F811
    page.goto("/")
    page.click("#ask-said")                                       # 1
    page.fill("form#filters input[name=actor]", "France")
    page.click("form#filters button[type=submit]")                # 2
    page.wait_for_url("**/statements?actor=France*")
    assert "about France (FRA)" in page.text_content("main")
    first = page.locator("#statement-list li.statement").first
    assert "Emmanuel Macron" in first.text_content()
    assert first.locator("mark.hl-content").text_content() == "France would not be intimidated"
    first.locator(".ev-foot a").first.click()                     # 3
    page.wait_for_url("**/article/**#rec=*")
    wait_until(page, "document.querySelector('#record .rec') !== null")
    assert "Emmanuel Macron" in page.text_content("#record")
    focused = page.evaluate("document.activeElement.className")
    assert "hl" in focused and "active" in focused
    inert(page)


def test_what_russia_did_to_whom_this_month_in_three_clicks(page: Any) -> None:  # noqa: F811
    page.goto("/")
    page.click("#ask-did")                                        # 1
    page.fill("form#filters input[name=actor]", "Russia")
    page.click(".presets >> text=latest month")                   # 2: sends what was typed
    page.wait_for_url("**actor=Russia**")
    assert query_of(page)["date_from"] == ["2024-03-01"]
    assert query_of(page)["date_to"] == ["2024-03-31"]
    table = page.text_content("#targets")
    assert "France" in table and "AGREE" in table
    assert "THREATEN" not in table  # February
    assert "ASSAULT" not in table   # hypothetical
    page.click("#targets tr:has-text('AGREE') td.r >> nth=1 >> a")  # 3
    page.wait_for_url("**/evidence?**")
    assert "agreed to hold talks in Geneva" in page.text_content("#evidence")
    inert(page)


def test_actor_page_in_a_date_range(page: Any) -> None:  # noqa: F811
    page.goto("/")
    page.click("table >> a.code:text('RUS') >> nth=0")            # 1: the country's page
    page.wait_for_url("**/actor?actor=RUS*")
    page.click(".presets >> text=latest month")                   # 2: this month
    page.wait_for_url("**date_from=2024-03-01**")
    whom = page.text_content("#to-whom")
    assert "AGREE" in whom and "SUPPORT" in whom
    assert "THREATEN" not in whom  # February
    page.click("#to-whom tr:has-text('COOPERATE') td.r >> nth=1 >> a")  # 3: its sentences
    assert "praised the French proposal" in page.text_content("#evidence")
    inert(page)


def test_which_claims_are_contested_in_two_clicks(page: Any) -> None:  # noqa: F811
    page.goto("/")
    page.click("#ask-contested")                                  # 1
    assert page.is_checked("#contested")
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() == 1
    label = rows.first.locator("a.claim-label")
    assert label.text_content() == "Sergei Lavrov said Paris was escalating the war."
    assert "contested" in rows.first.text_content()
    label.click()                                                 # 2
    stances = page.locator(".claim-members .badge").all_text_contents()
    assert sorted(stances) == ["assert", "deny"]
    page.goto("/claims?order=outlets")
    assert page.locator("#claims-table tbody tr").count() == 2
    assert "Emmanuel Macron told reporters that France would not be intimidated." in \
        page.text_content("#claims-table")
    inert(page)


def test_network_rolls_up_to_countries(page: Any) -> None:  # noqa: F811
    page.goto("/network")
    wait_until(page, "window.saysoNetwork !== undefined")
    labels = sorted(page.evaluate("window.saysoNetwork.nodes().map(n => n.data('label'))"))
    assert labels == ["France", "Russia", "Ukraine", "United States"]
    loops = page.evaluate("window.saysoNetwork.edges().filter(e => e.source().same(e.target()))"
                          ".length")
    assert loops == 0
    assert "1 event within one country" in page.text_content("#network-summary")
    assert "SUPPORT" in page.text_content("#self-loop-table")
    page.select_option("select[name=level]", "sector")
    page.click("form#filters button[type=submit]")
    wait_until(page, "window.saysoNetwork !== undefined && "
                           "window.saysoNetwork.nodes().some(n => n.data('label') === 'Russia MIL')")
    page.evaluate("window.saysoNetwork.nodes('[code = \"USA/GOV\"]').emit('tap')")
    page.wait_for_url("**/actor?**actor=USA**")
    inert(page)


@pytest.mark.parametrize("name", [*PAGES, "article"])
def test_pages_read_well_at_1280_and_390(page: Any, phone: Any, name: str,  # noqa: F811
                                         site: tuple[str, dict[str, str]]) -> None:  # noqa: F811
    path = PAGES.get(name) or f"/article/{site[1]['d2']}#rec={site[1]['d2']}:a1"
    for target, suffix in ((page, ""), (phone, "-phone")):
        target.goto(path)
        settle(target)
        assert target.evaluate(BROKEN_WORDS) == [], (name, suffix)
        # Nothing wider than the screen: wide tables scroll inside their panel.
        width = target.evaluate("document.documentElement.scrollWidth")
        assert width <= target.viewport_size["width"], (name, suffix, width)
        shot(target, name + suffix)
        assert target.problems == [], (name, suffix)


def test_overview_numbers_open_their_sentences(page: Any) -> None:  # noqa: F811
    """Each count of a filtered overview opens exactly the statements or events it counts."""
    page.goto("/?q=Moscow&actor=RUS")
    statements = int(page.text_content("#count-statements"))
    events = int(page.text_content("#count-events"))
    assert (statements, events) == (1, 3)  # d1 and d3: Lavrov; ACCUSE, AGREE, COOPERATE
    page.click("#count-statements")
    assert page.text_content("#statement-count").startswith(f"{statements} statement")
    assert "Statements in the overview's articles" in page.text_content("#scope-note")
    page.go_back()
    page.click("#count-events")
    assert page.text_content("#evidence p.muted").startswith(f"{events} event")
    page.go_back()
    page.click("text=Event types >> xpath=.. >> tr:has-text('AGREE') >> td.r >> a")
    assert page.text_content("#evidence p.muted").startswith("1 event")
    inert(page)


def test_phone_folds_the_event_filters(phone: Any) -> None:
    phone.goto("/network")
    assert not phone.is_visible("select[name=type]")
    phone.check("input.more-toggle")
    assert phone.is_visible("select[name=type]")
    phone.goto("/network?quad_class=3")  # a filter in use stays in sight
    assert phone.is_visible("select[name=quad_class]")
    assert phone.problems == []


def test_evidence_says_what_it_holds_and_exports_the_same(page: Any) -> None:  # noqa: F811
    page.goto("/evidence?source=RUS&target=FRA&type=ACCUSE&date_from=2024-03-01")
    about = page.text_content("#evidence-about")
    assert about.startswith("Russia → France · 2024-03-01 to … · ACCUSE")
    assert "negated and hypothetical left out" in about
    shown = page.locator("#evidence li.ev").count()
    assert shown == 1  # the hostile 'Officials' accusation of 2024-03-05
    exported = page.request.get(page.get_attribute("#evidence-csv", "href"))
    assert len(exported.text().strip().splitlines()) == 1 + shown
    inert(page)
