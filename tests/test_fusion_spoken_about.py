"""An agentless passive of a speech act aimed at someone has the one spoken to or about as its
subject, never the speaker: the default mode drops that source (``fusion._spoken_about``;
docs/attributions.md, sources20)."""

from __future__ import annotations

import pytest

from found_spans import found
from sayso.attributions.direct import Page
from sayso.attributions.fusion import _spoken_about


def test_the_one_criticised_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour master was sharply criticized for closing the ferry pier."
    f = found(text, "criticized for", "The harbour master", "closing the ferry pier")
    out = _spoken_about(Page(nlp(text), text), f)
    assert out.source == [] and out.content == f.content and out.cue == f.cue


def test_the_one_asked_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour master was asked about the delays at the ferry pier."
    f = found(text, "asked about", "The harbour master", "the delays at the ferry pier")
    assert _spoken_about(Page(nlp(text), text), f).source == []


KEPT = [
    # a passive with its agent is left to other rules (the source here is wrong all the same)
    ("The harbour master was criticized by the ferry crews for closing the pier.",
     "criticized", "The harbour master", "closing the pier"),
    # an active speaker
    ("The ferry crews criticized the harbour master for closing the pier.",
     "criticized", "The ferry crews", "the harbour master for closing the pier"),
    # "other" class (an attitude): the passive subject holds it and stays the source
    ("The harbour master was thrilled that the ferry pier had reopened.",
     "was thrilled", "The harbour master", "that the ferry pier had reopened"),
    # "is reported as saying": the subject is the one whose words are reported
    ("The harbour master is reported as saying the ferry pier would reopen.",
     "is reported as", "The harbour master", "the ferry pier would reopen"),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), KEPT)
def test_the_source_is_kept(nlp, text: str, cue: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    f = found(text, cue, source, content)
    assert _spoken_about(Page(nlp(text), text), f) == f
