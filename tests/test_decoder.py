"""The learned decoder: candidates from rules and tagger, trees in numpy, the choice."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from sayso.attributions import decoder, extract_attributions, rule_attributions, tagger
from sayso.attributions.decoder import BASE_FEATURES, FEATURES, Option, Trees, select
from sayso.attributions.direct import Found, Page

TEXT = ("Senator Jane Hollis griped on Tuesday that the bridge would never be finished.\n"
        "\n"
        "The mayor said the budget was balanced, and critics disagreed.\n")


def stump(column: str, cut: float, low: float, high: float, threshold: float = 0.0) -> Trees:
    """One tree: ``low`` when the feature is at most ``cut``, else ``high``."""
    return Trees(feature=np.asarray([FEATURES.index(column), 0, 0]),
                 threshold=np.asarray([cut, 0.0, 0.0]), left=np.asarray([1, -1, -1]),
                 right=np.asarray([2, -1, -1]), value=np.asarray([0.0, low, high]),
                 roots=np.asarray([0]), base=0.1, cut=threshold, names=FEATURES)


def found(cue: tuple[int, int], content: tuple[int, int], source: list | None = None) -> Found:  # type: ignore[type-arg]
    return Found(cue=[cue], source=source or [], content=[content], kind="indirect", cls=None,
                 score=0.5)


def test_trees_walk_like_scikit_learn() -> None:
    trees = stump("rule_score", 0.5, -1.0, 2.0)
    x = np.zeros((3, len(FEATURES)))
    x[:, FEATURES.index("rule_score")] = [0.2, 0.5, 0.7]
    assert trees.predict(x).tolist() == pytest.approx([-0.9, -0.9, 2.1])


def test_select_keeps_one_candidate_per_cue_and_no_overlap() -> None:
    a = Option(found((10, 14), (15, 40)), 0, "rule")
    a_wide = Option(found((10, 14), (15, 60)), 0, "rule_content")
    b = Option(found((45, 50), (51, 70)), 1, "tagger")  # its cue sits in a_wide's content
    c = Option(found((80, 84), (85, 99)), 2, "tagger")
    chosen = select([a, a_wide, b, c], np.asarray([0.6, 0.7, 0.65, 0.1]), threshold=0.3)
    assert [(f.cue, f.content) for f in chosen] == [([(10, 14)], [(15, 60)])]


def test_rule_attributions_never_exclude_each_other() -> None:
    a = Option(found((10, 14), (15, 40)), 0, "rule")
    b = Option(found((20, 24), (25, 30)), 1, "rule")  # nested as the rules left it
    assert len(select([a, b], np.asarray([0.9, 0.8]), threshold=0.3)) == 2


def test_candidates_cover_rules_variants_and_tagger_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    if not tagger.available():
        pytest.skip("no tagger model installed (src/sayso/data/attribution_tagger.onnx)")
    page = Page(nlp(TEXT), TEXT)
    rules = rule_attributions(page)
    probs = tagger.probabilities(TEXT)
    ctx = decoder.Context.build(page, rules, probs, tagger.decode(probs))
    options = decoder.candidates(ctx, rules)
    assert {o.origin for o in options} >= {"rule"}
    assert all(len(o.features) == len(FEATURES) for o in options)
    assert sum(o.origin == "rule" for o in options) == len(rules)
    for o in options:  # every candidate stays inside the text, cue apart from content
        for s, e in o.found.cue + o.found.source + o.found.content:
            assert 0 <= s < e <= len(TEXT)
        assert not any(s < ce and cs < e for s, e in o.found.content for cs, ce in o.found.cue)


def test_default_mode_runs_the_decoder(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With trees that keep only rule attributions, the default mode gives the rules' output."""
    if not tagger.available():
        pytest.skip("no tagger model installed (src/sayso/data/attribution_tagger.onnx)")
    keep_rules = stump("origin=rule", 0.5, -1.0, 1.0, threshold=0.5)
    monkeypatch.setattr(decoder, "model", lambda: keep_rules)
    doc = nlp(TEXT)
    fast = [a.to_dict() for a in extract_attributions(doc, fast=True)]
    assert [a.to_dict() for a in extract_attributions(doc)] == fast


def test_shipped_trees_load_and_match_the_features() -> None:
    trees = decoder.model()
    if trees is None:
        pytest.skip("no decoder model installed (src/sayso/data/attribution_decoder.npz)")
    assert trees.names in (FEATURES, BASE_FEATURES)
    assert len(trees.roots) > 0 and (trees.left < len(trees.left)).all()


def test_a_passive_agent_is_the_source_option(nlp) -> None:  # type: ignore[no-untyped-def]
    """"X was accused by Turkey": Turkey speaks, the passive subject is no source option."""
    text = "The Syrian government was accused by Turkey of shelling border villages."
    doc = nlp(text)
    page = Page(doc, text)
    (token,) = [t for t in doc if t.text == "accused"]
    subject = decoder._subject(page, token)
    patient = decoder._passive_subject(page, token)
    assert subject is not None and text[subject[0]:subject[1]] == "Turkey"
    assert patient is not None and text[patient[0]:patient[1]] == "The Syrian government"


def _context(nlp, text: str) -> decoder.Context:  # type: ignore[no-untyped-def]
    """A context without tagger spans: only the rules' and the parse's options."""
    page = Page(nlp(text), text)
    return decoder.Context.build(page, [], [], [])


def test_a_cue_phrase_offers_its_object_as_content(nlp) -> None:  # type: ignore[no-untyped-def]
    """"is confident in the outcome": the object of the cue phrase's preposition is a content
    option, and the feature marks it."""
    text = "The governor is confident in the eventual outcome of the vote."
    ctx = _context(nlp, text)
    lo = text.index("is confident in")
    cue = (lo, lo + len("is confident in"))
    obj = decoder._cue_object(ctx.page, cue)
    assert obj is not None and obj.text == "outcome"
    options = decoder._content_options(ctx, cue, decoder._cue_token(ctx.page, cue))
    assert [text[s:e] for s, e in options[-1]] == ["the eventual outcome of the vote"]


def test_no_cue_object_when_the_phrase_ends_far_from_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said on Monday in a statement that the plant would close."
    ctx = _context(nlp, text)
    cue = (text.index("said"), text.index("said") + 4)
    obj = decoder._cue_object(ctx.page, cue)
    assert obj is None or obj.idx > cue[1]  # never inside the cue
    assert obj is None or text[cue[1]:obj.left_edge.idx].strip() == ""


def test_a_cue_between_two_quotations_joins_them(nlp) -> None:  # type: ignore[no-untyped-def]
    """'"X," she said. "Y."': one content of two pieces is among the options."""
    text = ('"The plan is sound," the minister said on Friday. "We will build it anyway."\n'
            '\n"Nothing else," a second paragraph begins.\n')
    ctx = _context(nlp, text)
    cue = (text.index("said"), text.index("said") + 4)
    pair = decoder._quote_pair(ctx, cue)
    assert pair is not None
    assert [text[s:e] for s, e in pair] == ['"The plan is sound,"', '"We will build it anyway."']
    options = decoder._structural_options(ctx, cue)
    assert any(len(o) == 2 for o in options)


def test_no_quotation_pair_across_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"The plan is sound," the minister said.\n\n"We will build it anyway," he added.\n'
    ctx = _context(nlp, text)
    cue = (text.index("said"), text.index("said") + 4)
    assert decoder._quote_pair(ctx, cue) is None


def test_trees_read_only_what_they_were_trained_on() -> None:
    """Trees of the features before issue 13 get no filtered candidates and no new columns;
    trees that mask the filtered origin and the clause columns read the filter's score only."""
    base = Trees(np.zeros(1, dtype=np.int32), np.zeros(1), -np.ones(1, dtype=np.int32),
                 -np.ones(1, dtype=np.int32), np.zeros(1), np.zeros(1, dtype=np.int32), 0.0, 0.35,
                 BASE_FEATURES)
    assert base.origins() == decoder.ORIGINS and not base.reads(decoder.FILTER_COLUMNS)
    masked = replace(base, names=FEATURES,
                     mask=(decoder.COLUMN[f"origin={decoder.FILTERED}"], *decoder.CLAUSE_COLUMNS))
    assert masked.origins() == decoder.ORIGINS and not masked.reads(decoder.CLAUSE_COLUMNS)
    assert masked.reads((decoder.COLUMN["filter_score"],))
    full = replace(base, names=FEATURES)
    assert full.origins() == (*decoder.ORIGINS, decoder.FILTERED)
