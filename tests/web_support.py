"""A small real store for the API and dashboard tests, from records we compose ourselves.

Extraction improves while these tests are written, so the rows come from fixed records
in the pipeline's JSON shape, stored through the same code the server uses.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from sayso.api.config import default_node_modules
from sayso.api.storing import store_result
from sayso.model import Actor, Article, Attribution, DocumentResult, Event, Span
from sayso.store.db import schema_sql
from sayso.store.rows import article_id_of

HOSTILE = "<script>window.__pwned = 1</script>"
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Breaking'


def span(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span([(start, start + len(phrase))], phrase)


def actor(name: str, country: str | None, sector: str | None = None, role: str | None = None,
          kind: Any = "person") -> Actor:
    return Actor(name=name, kind=kind, country=country, sector=sector, role=role)


def statement(text: str, rid: str, who: str, cue: str, content: str,
              speaker: Actor, cue_class: str = "say") -> Attribution:
    return Attribution(id=rid, kind="indirect", source=span(text, who), speaker=speaker,
                       cue=span(text, cue), content=span(text, content), confidence=0.9,
                       cue_class=cue_class)


def event(text: str, rid: str, etype: str, trigger: str, source: Actor,
          target: Actor, quad: int, date: str | None = None,
          negated: bool = False, hypothetical: bool = False) -> Event:
    return Event(id=rid, type=etype, source=source, target=target, trigger=span(text, trigger),
                 negated=negated, hypothetical=hypothetical, date=date, confidence=0.8,
                 quad_class=quad)



RUS = actor("Russia", "RUS", "GOV", kind="country")
FRA = actor("France", "FRA", "GOV", kind="country")
USA = actor("United States", "USA", "GOV", kind="country")
UKR = actor("Ukraine", "UKR", "GOV", kind="country")
LAVROV = actor("Sergei Lavrov", "RUS", "GOV", role="foreign minister")
MACRON = actor("Emmanuel Macron", "FRA", "GOV", role="president")


def articles() -> list[tuple[Article, DocumentResult]]:
    out = []

    def add(doc: Article, attributions: list[Attribution], events: list[Event]) -> None:
        out.append((doc, DocumentResult(doc_id=doc.doc_id, text_sha256="",
                                        attributions=attributions, events=events)))

    t1 = ("Russia accused France of arming Kyiv on Tuesday. Sergei Lavrov said Paris was "
          "escalating the war. French officials rejected the claim.")
    add(Article("d1", t1, source="Daily Ledger", title="Moscow accuses Paris over arms",
                site_name="Daily Ledger", date="2024-01-09"),
        [statement(t1, "a1", "Sergei Lavrov", "said", "Paris was escalating the war", LAVROV)],
        [event(t1, "e1", "ACCUSE", "accused", RUS, FRA, 3)])
    t2 = ("Russia threatened France with retaliation over new sanctions. Emmanuel Macron told "
          "reporters that France would not be intimidated.")
    add(Article("d2", t2, source="Evening Courier", title="Kremlin warns France on sanctions",
                site_name="Evening Courier", date="2024-02-14"),
        [statement(t2, "a1", "Emmanuel Macron", "told", "France would not be intimidated",
                   MACRON)],
        [event(t2, "e1", "THREATEN", "threatened", RUS, FRA, 3),
         event(t2, "e2", "SANCTION", "sanctions", FRA, RUS, 4)])
    t3 = ("Russia and France agreed to hold talks in Geneva next month, diplomats said. "
          "Russia also praised the French proposal for a ceasefire.")
    add(Article("d3", t3, source="Daily Ledger", title="Moscow and Paris agree to talks",
                site_name="Daily Ledger", date="2024-03-20"),
        [], [event(t3, "e1", "AGREE", "agreed", RUS, FRA, 1),
             event(t3, "e2", "COOPERATE", "praised", RUS, FRA, 1)])
    t4 = ("The United States sent new air defence systems to Ukraine, the Pentagon said. "
          "Washington did not deploy troops.")
    add(Article("d4", t4, source="Harbour Times", title="Washington sends air defence to Kyiv",
                site_name="Harbour Times", date="2024-03-02"),
        [], [event(t4, "e1", "AID", "sent", USA, UKR, 2),
             event(t4, "e2", "MOBILIZE", "deploy", USA, UKR, 4, negated=True)])
    t5 = (f"Officials said {HOSTILE} was found. Visit javascript:alert(1) now. "
          '<a href="javascript:window.__pwned=1">click</a> <img src=x onerror="window.__pwned=1">')
    hostile_speaker = actor('<b onmouseover="window.__pwned=1">Officials</b>', "RUS")
    add(Article("d5", t5, source="javascript:window.__pwned=1", url="javascript:window.__pwned=1",
                title=HOSTILE_TITLE, site_name='<svg onload="window.__pwned=1">',
                date="2024-03-05"),
        [statement(t5, "a1", "Officials", "said", HOSTILE + " was found", hostile_speaker)],
        [event(t5, "e1", "ACCUSE", "found", hostile_speaker, FRA, 3)])
    # What the network and the filter bar must handle: an actor acting on itself (a
    # self-loop), a target with no country ("the hospital"), a hypothetical event, a denial.
    t6 = ("Russian forces would strike the hospital, a commander warned. The Kremlin praised "
          "the Russian army. France denied that Paris was escalating the war.")
    army = actor("the Russian army", "RUS", "MIL", kind="group")
    hospital = actor("the hospital", None, kind="place")
    add(Article("d6", t6, source="Harbour Times", title="Kremlin praises its army",
                site_name="Harbour Times", date="2024-03-28"),
        [statement(t6, "a1", "France", "denied", "that Paris was escalating the war", FRA,
                   "deny")],
        [event(t6, "e1", "ASSAULT", "strike", army, hospital, 4, hypothetical=True),
         event(t6, "e2", "SUPPORT", "praised", RUS, army, 1)])
    return out


def build_store(path: Path) -> dict[str, str]:
    """Create the store at ``path``; returns article ids by doc id."""
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    ids = {}
    for doc, found in articles():
        store_result(con, doc, found, "test-run")
        ids[doc.doc_id] = article_id_of(doc.text)
    claim_id = "c1"
    con.execute("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [claim_id, "Paris is escalating the war", "2024-01-09", "2024-02-14", 1, 1, 1,
                 "{}"])
    con.execute("INSERT INTO claim_members VALUES (?, ?, ?, ?, ?)",
                [claim_id, f"{ids['d1']}:a1", ids["d1"], "assert", 1.0])
    con.execute("INSERT INTO claim_members VALUES (?, ?, ?, ?, ?)",
                [claim_id, f"{ids['d6']}:a1", ids["d6"], "deny", 0.8])
    # One uncontested claim, labelled by a fragment: the page shows its full sentence.
    con.execute("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ["c2", "France would not be intimidated", "2024-02-14", "2024-02-14", 1, 1, 1,
                 "{}"])
    con.execute("INSERT INTO claim_members VALUES (?, ?, ?, ?, ?)",
                ["c2", f"{ids['d2']}:a1", ids["d2"], "assert", 1.0])
    con.close()
    return ids


def require_libraries() -> None:
    """The browser tests need the dashboard's libraries, which every install carries (setup.py
    runs `npm ci`); without them fail with the cause, not with a page error further on."""
    import pytest

    from sayso.web import missing_reason

    reason = missing_reason(default_node_modules())
    if reason:
        pytest.fail(f"the dashboard's browser libraries are missing: {reason}", pytrace=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, in a thread."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
