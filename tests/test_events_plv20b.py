"""PLV session 20b (issue #14, default mode; own sentences): a rules pair whose category is
under the sureness guard is kept where the pair model adds nothing, its category left to the
classifier; ``--fast`` drops it as before."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from sayso.model import Article, Event

EVENT_OF_PAIR_MODEL: Any = object()
TEXT = "The Dutch foreign minister says the Belgian government must release the documents."


def _run(
    monkeypatch: pytest.MonkeyPatch, nlp: Any, fast: bool, pair_adds: bool
) -> tuple[list[Event], dict[int, float]]:
    """The events handed to the classifier (``retype``) and its ``added`` map, with ``find``'s
    pair marked unsure and the pair model adding an event of its own or nothing."""
    import sayso.events as events
    from sayso.pipeline import analyse

    real_find = events.find

    def unsure_find(*args: Any, **kwargs: Any) -> Any:
        found = real_find(*args, **kwargs)
        return None if found is None else replace(found, unsure=True)

    def learned(
        model: Any,
        sent: Any,
        ents: Any,
        root: Any,
        cue: Any,
        attribution: Any,
        found_events: list[Event],
        before: int,
        *rest: Any,
    ) -> float | None:
        if pair_adds:  # (the pair model's own event: here a stand-in)
            found_events.append(EVENT_OF_PAIR_MODEL)
        return None

    seen: dict[str, Any] = {}

    def retype(
        doc: Any, found_events: list[Event], doc_id: str = "", added: Any = None, ruled: Any = None
    ) -> list[Event]:
        seen["events"], seen["added"] = list(found_events), dict(added or {})
        return []  # (what follows is not under test)

    monkeypatch.setattr(events, "find", unsure_find)
    monkeypatch.setattr(events, "_learned", learned)
    monkeypatch.setattr(events, "retype", retype)
    monkeypatch.setattr(
        events, "keep_reported", lambda doc, found_events, attributions: found_events
    )
    doc = nlp(TEXT)
    analyse(doc, Article("t", TEXT, date="2024-02-27"), fast=fast)
    return seen.get("events", []), seen.get("added", {})


def test_an_unsure_pair_goes_to_the_classifier(monkeypatch: pytest.MonkeyPatch, nlp: Any) -> None:
    from sayso.events import UNSURE_PAIR

    found, added = _run(monkeypatch, nlp, fast=False, pair_adds=False)
    assert found, "the rules' pair is kept where the pair model adds nothing"
    assert all(added.get(e.trigger.spans[0][0]) == UNSURE_PAIR for e in found)


def test_the_pair_models_event_comes_first(monkeypatch: pytest.MonkeyPatch, nlp: Any) -> None:
    found, added = _run(monkeypatch, nlp, fast=False, pair_adds=True)
    assert found == [EVENT_OF_PAIR_MODEL] and not added


def test_fast_mode_drops_an_unsure_pair(monkeypatch: pytest.MonkeyPatch, nlp: Any) -> None:
    found, _ = _run(monkeypatch, nlp, fast=True, pair_adds=False)
    assert found == []
