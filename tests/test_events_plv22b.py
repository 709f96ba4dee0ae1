"""PLV coverage, session 22 second wave (issue #14, default mode; own sentences): a plain statement
that announces the speaker's own act, a pronoun its content's subject, whose predicate the manual's
tables name with a mode ("said it will investigate", "said they would boycott"), is an act done to
what the predicate names, kept by ``_about_nobody``; an opinion about nobody still yields none."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("Opposition lawmakers said they would boycott the budget vote.", "THREATEN", "restrict"),
        (
            "The Kenyan police said they will investigate the killings at the border post.",
            "ACCUSE",
            "investigate",
        ),
    ],
)
def test_own_act_announced_is_kept(nlp: Any, text: str, kind: str, mode: str) -> None:
    found = events(nlp, text)
    assert [(e.type, e.mode) for e in found] == [(kind, mode)]
    assert found[0].target is not None


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said he expects a difficult winter.",
        "The governor said it was a sad day for the city.",
    ],
)
def test_opinion_about_nobody_has_no_event(nlp: Any, text: str) -> None:
    assert events(nlp, text) == []


def test_own_act_named_needs_a_pronoun_subject_and_a_mode(nlp: Any) -> None:
    from sayso.events import _own_act_named
    from sayso.events.extract import find

    sent = next(
        iter(
            nlp(
                "The Kenyan police said they will investigate the killings at the border post."
            ).sents
        )
    )
    found = find(sent, "say")
    assert found is not None
    assert _own_act_named(found.frame.target, found) == (found.ruled and found.mode is not None)
    assert not _own_act_named(None, found)
