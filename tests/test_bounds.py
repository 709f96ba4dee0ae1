"""Content boundaries after the decoder (default mode): sayso.attributions.bounds and .switch."""

from __future__ import annotations

import numpy as np
import pytest

from sayso.attributions import bounds, decoder, switch
from sayso.attributions.decoder import Option
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


def _paraphrase(text: str, cue: str, content: str, source: str) -> Found:
    return Found(cue=[_at(text, cue)], source=[_at(text, source)], content=[_at(text, content)],
                 kind="indirect", cls="say", score=0.9)


def test_an_uncued_quotation_continues_the_paraphrase_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('The coach said his players had trained hard all winter. “We are fitter than we '
            'have ever been, and it shows.”\nThe season starts in May.')
    f = _paraphrase(text, "said", "his players had trained hard all winter", "The coach")
    [out] = bounds.fix(Page(nlp(text), text), [f])
    assert [text[s:e] for s, e in out.content] == [
        "his players had trained hard all winter",
        "“We are fitter than we have ever been, and it shows.”"]
    assert out.kind == "indirect"  # as the rules' own continuations (direct._continue_quotes)


def test_no_continuation_for_a_slogan_a_short_quote_or_another_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in [
        # the quotation is the subject of a sentence that goes on (no sentence end at its close)
        'The mayor said the bridge would open in May. "Build It Now For Us" was on every sign.',
        # too short to continue what was said
        'The mayor said the bridge would open in May. "Finally."',
        # lower case: a fragment, not a sentence of the speaker's
        'The mayor said the bridge would open in May. "and then some more of it."',
        # the next paragraph
        'The mayor said the bridge would open in May.\n"We have waited long enough for it."',
        # a closing mark paired as an opening one
        'The mayor said the bridge would open in May." We have waited long enough for it."',
    ]:
        f = _paraphrase(text, "said", "the bridge would open in May", "The mayor")
        assert bounds.fix(Page(nlp(text), text), [f]) == [f], text


def test_no_continuation_when_the_quotation_has_its_own_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('The mayor said the bridge would open in May. “We have waited long enough for it,” '
            'the governor said.')
    first = _paraphrase(text, "said", "the bridge would open in May", "The mayor")
    second = Found(cue=[(text.rindex("said"), text.rindex("said") + 4)],
                   source=[_at(text, "the governor")],
                   content=[_at(text, "“We have waited long enough for it,”")],
                   kind="direct", cls="say", score=0.9)
    assert bounds.fix(Page(nlp(text), text), [first, second]) == [first, second]
    # a sentence that goes on after the quotation to a cue of its own
    text = ('The mayor said the bridge would open in May. “We have waited long enough for it.” '
            'the governor added.')
    f = _paraphrase(text, "said", "the bridge would open in May", "The mayor")
    assert bounds.fix(Page(nlp(text), text), [f]) == [f]


def test_the_switch_takes_the_best_alternative_above_its_threshold() -> None:
    kept = Found(cue=[(10, 14)], source=[(0, 9)], content=[(15, 60)], kind="indirect",
                 cls="say", score=0.9)
    short = Found(cue=[(10, 14)], source=[(0, 9)], content=[(15, 40)], kind="indirect",
                  cls="say", score=0.9)
    other = Found(cue=[(10, 14)], source=[(0, 9)], content=[(15, 30)], kind="indirect",
                  cls="say", score=0.9)
    options = [Option(kept, 0, "rule"), Option(short, 0, "rule_content"),
               Option(other, 0, "rule_content")]
    pairs = switch.pairs("x" * 80, options, [kept])
    assert pairs == [(0, 1), (0, 2)]
    assert switch.choose(options, [kept], pairs, np.asarray([0.6, 0.4]), 0.3) == [short]
    assert switch.choose(options, [kept], pairs, np.asarray([0.2, 0.25]), 0.3) == [kept]


def test_the_switch_weighs_only_the_same_source_and_an_overlapping_content() -> None:
    text = "The mayor said the bridge will open in May and the road in June."
    kept = Found(cue=[(10, 14)], source=[(0, 9)], content=[(15, 44)], kind="indirect",
                 cls="say", score=0.9)
    far = Found(cue=[(10, 14)], source=[(0, 9)], content=[(49, 64)], kind="indirect",
                cls="say", score=0.9)
    sourceless = Found(cue=[(10, 14)], source=[], content=[(15, 64)], kind="indirect",
                       cls="say", score=0.9)
    options = [Option(kept, 0, "rule"), Option(far, 0, "rule_content"),
               Option(sourceless, 0, "rule_source")]
    assert switch.pairs(text, options, [kept]) == []


def test_the_shipped_switch_reads_the_decoder_features() -> None:
    trees = switch.SWITCH.get()
    if trees is None:
        pytest.skip("no switch model shipped")
    assert trees.names == switch.FEATURES and 0.0 < trees.cut < 1.0
    base = decoder.BASE_FEATURES  # (the switch reads the columns before issue 13)
    assert switch.FEATURES[:len(base)] == tuple(f"alt:{n}" for n in base)


def test_the_switch_sees_how_two_contents_differ() -> None:
    text = "She said the plan works, but the cost is high."
    kept = [(9, 45)]  # "the plan works, but the cost is high"
    alt = [(9, 23)]  # "the plan works"
    shape = switch._shape(text, alt, kept)
    assert shape[:3] == [14 / 36, 1.0, 0.0]
    first = switch.FEATURES.index("pair_jaccard")
    names = switch.FEATURES[first:first + len(shape)]
    values = dict(zip(names, shape, strict=True))
    assert values["end_shift_words"] == -6 and values["start_shift_words"] == 0  # ", but ... high"
    assert values["end_comma"] == 1.0 and values["end_and_but"] == 1.0
    assert values["end_sentence"] == 0.0 and values["start_comma"] == 0.0
