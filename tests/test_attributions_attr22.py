"""Transcript speaker labels ("MORALES: Well, ...") become attributions, and a fronted "Asked
about ..." has no source (default mode; ``labels.transcript_labels``, ``fusion._asked_aside``;
docs/attributions.md, attr22). Own sentences."""

from __future__ import annotations

import pytest

from found_spans import found, span
from sayso.attributions.direct import Found, Page
from sayso.attributions.fusion import _asked_aside
from sayso.attributions.labels import transcript_labels


def words(text: str, ranges: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in ranges]


TRANSCRIPT = (
    "The two met on a morning show.\n\n"
    '"MORALES: Good morning. Will the ferry pier reopen this summer?\n\n'
    '"DE LA CRUZ: It will. The repairs are nearly done, and the crews have worked hard.\n\n'
    "MORALES: Thank you for joining us."
)


def test_each_label_of_a_transcript_speaks_its_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    out = transcript_labels(Page(nlp(TRANSCRIPT), TRANSCRIPT), [])
    assert [words(TRANSCRIPT, f.source) for f in out] == [["MORALES"], ["DE LA CRUZ"], ["MORALES"]]
    assert [words(TRANSCRIPT, f.cue) for f in out] == [[":"], [":"], [":"]]
    assert words(TRANSCRIPT, out[0].content) == [
        "Good morning. Will the ferry pier reopen this summer?"
    ]
    assert words(TRANSCRIPT, out[1].content) == [
        "It will. The repairs are nearly done, and the crews have worked hard."
    ]
    assert all(f.kind == "direct" for f in out)


def test_a_label_replaces_what_was_kept_at_its_colon_and_keeps_the_rest(nlp) -> None:  # type: ignore[no-untyped-def]
    text = TRANSCRIPT
    colon = text.index(":", text.index("DE LA CRUZ"))
    short = Found(
        cue=[(colon, colon + 1)],
        source=[span(text, "DE LA CRUZ")],
        content=[span(text, "It will.")],
        kind="direct",
        cls="say",
        score=0.6,
    )
    inner = Found(
        cue=[span(text, "have worked")],
        source=[span(text, "the crews")],
        content=[span(text, "hard")],
        kind="indirect",
        cls=None,
        score=0.5,
    )
    out = transcript_labels(Page(nlp(text), text), [short, inner])
    assert inner in out and short not in out
    assert len([f for f in out if f.cue == [(colon, colon + 1)]]) == 1


NOT_A_TRANSCRIPT = [
    # one label only: a tag or a dateline, not a transcript
    "UPDATE: The ferry pier reopened on Monday.\n\nThe crews worked all week.",
    # editorial tags are never speakers, however many
    "VIDEO: The ferry pier at dawn.\n\nEXCLUSIVE: The crews speak.\n\nThe pier reopened.",
    # a letter's salutation names its addressee, not its writer
    "DEAR SAM: My neighbour plays drums at night.\n\nDEAR TIRED: Talk to him first.",
    # single letters (an interviewer's Q and the answers) are left alone
    "Q: Will the pier reopen?\n\nA: It will, next week.",
    # a headline ending in a colon has more than four words
    "THE PIER THAT NEVER CLOSED AGAIN: a history.\n\nTHE CREWS WHO WORKED ALL NIGHT LONG: a portrait.",
]


@pytest.mark.parametrize("text", NOT_A_TRANSCRIPT)
def test_no_label_outside_a_transcript(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert transcript_labels(Page(nlp(text), text), []) == []


def test_a_fronted_asked_has_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Asked about the delays at the ferry pier, the harbour master said the repairs were late."
    )
    f = found(text, "Asked about", "the harbour master", "the delays at the ferry pier")
    out = _asked_aside(Page(nlp(text), text), f)
    assert out.source == [] and out.content == f.content and out.cue == f.cue


KEPT = [
    # the asker is the subject: "The mayor asked ..."
    (
        "The mayor asked whether the ferry pier would reopen soon.",
        "asked",
        "The mayor",
        "whether the ferry pier would reopen soon",
    ),
    # a passive with its own subject is ``_spoken_about``'s (left alone here)
    (
        "The harbour master was asked about the delays at the ferry pier.",
        "asked about",
        "The harbour master",
        "the delays at the ferry pier",
    ),
    # a fronted participle of another verb: "Speaking on Monday" keeps the speaker
    (
        "Speaking on Monday, the harbour master said the ferry pier would reopen.",
        "said",
        "the harbour master",
        "the ferry pier would reopen",
    ),
]


@pytest.mark.parametrize(("text", "cue", "source", "content"), KEPT)
def test_the_source_is_kept(nlp, text: str, cue: str, source: str, content: str) -> None:  # type: ignore[no-untyped-def]
    f = found(text, cue, source, content)
    assert _asked_aside(Page(nlp(text), text), f) == f


def test_a_label_in_capitals_is_the_person_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    from sayso.attributions import extract_attributions

    text = (
        "The harbour master Ana Morales spoke to a radio host on Monday.\n\n"
        "RIVERA: Will the ferry pier reopen this summer?\n\n"
        "MORALES: It will. The repairs are nearly done, and the crews have worked hard.\n\n"
        "RIVERA: Thank you for your time."
    )
    out = extract_attributions(nlp(text))
    morales = [a for a in out if a.source is not None and a.source.text == "MORALES"]
    assert len(morales) == 1 and morales[0].speaker is not None
    assert morales[0].speaker.name == "Ana Morales"
    assert morales[0].content is not None and morales[0].content.text.startswith("It will.")


def test_speaker_turns_do_not_make_a_document_quote_heavy() -> None:
    from sayso.events.detect import DENSE_ATTRIBUTIONS, quote_heavy
    from sayso.model import Attribution, Span

    def attribution(n: int, source: str, cue: str) -> Attribution:
        return Attribution(
            id=f"a{n}",
            kind="direct",
            cue=Span([(n, n + 1)], cue),
            content=Span([(n + 2, n + 9)], "It will."),
            source=Span([(n, n + 1)], source),
        )

    turns = [attribution(n, "MORALES", ":") for n in range(0, 20 * DENSE_ATTRIBUTIONS, 20)]
    said = [attribution(n, "Morales", "said") for n in range(0, 20 * DENSE_ATTRIBUTIONS, 20)]
    assert not quote_heavy(turns)
    assert quote_heavy(said)
