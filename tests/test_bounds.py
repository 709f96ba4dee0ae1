"""Content boundaries fixed after the decoder (default mode): sayso.attributions.bounds."""

from __future__ import annotations

from sayso.attributions import bounds
from sayso.attributions.direct import Found, Page


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _found(text: str, cue: str, content: str, source: str | None = None) -> Found:
    return Found(cue=[_at(text, cue)], source=[_at(text, source)] if source else [],
                 content=[_at(text, content)], kind="direct", cls="say", score=0.9)


def test_the_quotation_after_the_cue_joins_the_one_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '“We will not give up on this plan,” the mayor said. “The city needs the new bridge.”\n'
    f = _found(text, "said", "“We will not give up on this plan,”", "the mayor")
    [out] = bounds.fix(Page(nlp(text), text), [f])
    assert [text[s:e] for s, e in out.content] == [
        "“We will not give up on this plan,”", "“The city needs the new bridge.”"]


def test_a_quotation_inside_a_sentence_joins_too(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"It is a hard question," said the senator, "because both sides have a point."'
    f = _found(text, "said", '"It is a hard question,"', "the senator")
    [out] = bounds.fix(Page(nlp(text), text), [f])
    assert len(out.content) == 2 and text[out.content[1][0]:].startswith('"because')


def test_no_join_across_a_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '“We will not give up on this plan,” the mayor said.\n“The city needs the new bridge.”'
    f = _found(text, "said", "“We will not give up on this plan,”", "the mayor")
    assert bounds.fix(Page(nlp(text), text), [f]) == [f]


def test_no_join_when_another_attribution_has_the_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '“We will not give up,” the mayor said. Her rival replied: “The city needs a new plan.”'
    first = _found(text, "said", "“We will not give up,”", "the mayor")
    second = _found(text, "replied", "“The city needs a new plan.”", "Her rival")
    assert bounds.fix(Page(nlp(text), text), [first, second]) == [first, second]


def test_no_join_after_an_indirect_content_or_a_one_word_title(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The mayor said the plan was dead. “It is over for now.”\n'
    f = _found(text, "said", "the plan was dead", "The mayor")
    assert bounds.fix(Page(nlp(text), text), [f]) == [f]
    text = '“I wish him well,” she told “Nightline.”\n'
    f = _found(text, "told", "“I wish him well,”", "she")
    assert bounds.fix(Page(nlp(text), text), [f]) == [f]
