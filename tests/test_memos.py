"""The shortcuts of the rule path (per-document memos, scans on string ids, the quote scan
that visits marks only) give what the plain spaCy reads they replace give. Sentences are our own."""

from __future__ import annotations

from dataclasses import asdict

from sayso.attributions import extract_attributions
from sayso.attributions.quotes import find_quotes
from sayso.model import Actor
from sayso.nlp import doc_ents, doc_text, drop_index, index_of, span_ents, tokens_with, tree_of

TEXT = ("Maria Lopez, the mayor of Springfield, said on Monday that the Northfield Council had "
        "voted against the plan. \"We will appeal,\" she told reporters in Boston.\n"
        "According to the Daily Ledger, officials in Canada and Mexico were not consulted: "
        "the ministry declined to comment.")


def test_document_memos_match_spacy(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    tree_of(doc)  # (the memos live in the index, as in ``pipeline.analyse``)
    try:
        assert doc_text(doc) == doc.text
        assert doc_ents(doc) == tuple(doc.ents)
        for sent in doc.sents:
            assert span_ents(sent) == list(sent.ents)
        span = doc[2:9]
        assert span_ents(span) == list(span.ents)
    finally:
        drop_index(doc)


def test_tokens_with_skips_only_what_differs(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    for sent in doc.sents:  # (no index: read with to_array)
        assert [t.i for t in tokens_with(sent, "pos", "NOUN")] == [t.i for t in sent if t.pos_ == "NOUN"]
    tree_of(doc)
    try:
        for sent in doc.sents:
            assert [t.i for t in tokens_with(sent, "pos", "VERB")] == [t.i for t in sent if t.pos_ == "VERB"]
            assert [t.i for t in tokens_with(sent, "lower", "according")] == [
                t.i for t in sent if t.lower_ == "according"]
            assert [t.i for t in tokens_with(sent, "orth", ":")] == [t.i for t in sent if t.text == ":"]
    finally:
        drop_index(doc)


def test_actor_to_dict_keeps_the_shape_of_asdict() -> None:
    member = Actor(name="Ann Bell", kind="person", country="GBR", spans=[(0, 8)], undated=True)
    actor = Actor(name="Ann Bell and Tom Reed", kind="group", country="GBR", sector="GOV",
                  secondary_sectors=["LEG"], role="ministers", kb_id=None, spans=[(0, 21)],
                  members=[member, Actor(name="Tom Reed")], domestic=True)
    expected = asdict(actor)
    del expected["domestic"], expected["undated"]
    expected["spans"] = [[0, 21]]
    expected["members"] = [member.to_dict(), Actor(name="Tom Reed").to_dict()]
    assert actor.to_dict() == expected
    assert list(actor.to_dict()) == list(expected)  # (the key order of the JSON, too)
    assert member.to_dict()["undated"] is True and "members" not in member.to_dict()
    out = actor.to_dict()
    out["secondary_sectors"].append("X")
    assert actor.secondary_sectors == ["LEG"]  # (a copy, as asdict gave)


def test_quote_scan_over_marks() -> None:
    text = 'He said "no way" and left.\n“Fine,” she said. It\'s \'odd\' now.\n"Open to the end\nNext.'
    assert find_quotes(text) == [(8, 16), (27, 34), (50, 55), (61, 77)]
    assert find_quotes("''Yes,'' he said.") == [(0, 8)]
    assert find_quotes('"One ended. "Two goes on," he said.', reopen=True) == [(0, 11), (12, 26)]


def test_gc_paused_restores_the_collector() -> None:
    import gc

    from sayso.knowledge import gc_paused

    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # (a caller's choice to run without it stands)
    finally:
        gc.enable()


def test_attributions_on_their_own_leave_no_index(nlp) -> None:  # type: ignore[no-untyped-def]
    """Called outside the pipeline, the call's memos end with it: entities a caller sets
    afterwards are read as set."""
    doc = nlp(TEXT)
    first = extract_attributions(doc, fast=True)
    assert first and index_of(doc) is None
    doc.ents = []
    assert doc_ents(doc) == ()
    assert len(extract_attributions(doc, fast=True)) >= 1 and index_of(doc) is None
