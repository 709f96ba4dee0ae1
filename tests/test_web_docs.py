"""``/docs``: Swagger UI from swagger-ui-bundle-v2, under the dashboard's CSP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sayso.server import ServerConfig, create_app
from test_web import browser  # noqa: F401  (the shared chromium fixture)
from web_support import build_store, live_server

pytestmark = pytest.mark.browser


def test_docs_lists_the_api_without_a_cdn(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "store.duckdb"
    build_store(path)
    with live_server(create_app(ServerConfig(db_path=path))) as base:
        context = browser.new_context(base_url=base)
        page = context.new_page()
        problems: list[str] = []
        hosts: set[str] = set()
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
        page.goto("/")
        page.click("a[href='/docs']")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)
        paths = page.locator(".opblock-summary-path").all_text_contents()
        assert any("/api/statements" in p for p in paths)
        assert not any("/api/local" in p for p in paths)
        assert hosts == {base.split("/")[2]}, "every file comes from this server"
        assert problems == []
        context.close()
