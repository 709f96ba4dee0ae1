"""An agentless passive of a speech act aimed at someone has the one spoken to or about as its
subject, never the speaker: the default mode drops that source (``fusion._spoken_about``;
docs/attributions.md, sources20)."""

from __future__ import annotations

from sayso.attributions.direct import Found, Page
from sayso.attributions.fusion import _spoken_about


def span(text: str, words: str) -> tuple[int, int]:
    at = text.index(words)
    return at, at + len(words)


def found(text: str, cue: str, source: str, content: str) -> Found:
    return Found(
        cue=[span(text, cue)],
        source=[span(text, source)],
        content=[span(text, content)],
        kind="indirect",
        cls=None,
        score=0.5,
    )


def test_the_one_criticised_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour master was sharply criticized for closing the ferry pier."
    f = found(text, "criticized for", "The harbour master", "closing the ferry pier")
    out = _spoken_about(Page(nlp(text), text), f)
    assert out.source == [] and out.content == f.content and out.cue == f.cue


def test_the_one_asked_is_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The harbour master was asked about the delays at the ferry pier."
    f = found(text, "asked about", "The harbour master", "the delays at the ferry pier")
    assert _spoken_about(Page(nlp(text), text), f).source == []


def test_a_by_agent_keeps_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    # the decoder's source here is wrong, but a passive with its agent is left to other rules
    text = "The harbour master was criticized by the ferry crews for closing the pier."
    f = found(text, "criticized", "The harbour master", "closing the pier")
    assert _spoken_about(Page(nlp(text), text), f) == f


def test_an_active_speaker_keeps_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ferry crews criticized the harbour master for closing the pier."
    f = found(text, "criticized", "The ferry crews", "the harbour master for closing the pier")
    assert _spoken_about(Page(nlp(text), text), f) == f


def test_a_state_of_mind_keeps_its_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    # "other" class (an attitude): the passive subject holds it and stays the source
    text = "The harbour master was thrilled that the ferry pier had reopened."
    f = found(text, "was thrilled", "The harbour master", "that the ferry pier had reopened")
    assert _spoken_about(Page(nlp(text), text), f) == f


def test_reported_as_saying_keeps_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    # "is reported as saying": the subject is the one whose words are reported
    text = "The harbour master is reported as saying the ferry pier would reopen."
    f = found(text, "is reported as", "The harbour master", "the ferry pier would reopen")
    assert _spoken_about(Page(nlp(text), text), f) == f
