"""speed22's shortcuts give what they replace: the page's memo of expanded character spans,
the decoder's written-out overlap test and its flat-index tree walk. Sentences are our own."""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LENGTH

from sayso.attributions.decoder import Trees, _touches
from sayso.attributions.direct import Page
from sayso.attributions.mentions import Document, is_strip
from sayso.attributions.spans import overlaps, within

TEXT = (
    "The mayor of Springfield said on Monday that the council had voted against the plan. "
    '"We will appeal," she told reporters, and the ministry declined to comment.'
)


def test_expanded_matches_char_span_and_is_made_once(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    page = Page(doc, doc.text)
    ranges = [(0, 9), (4, 9), (2, 7), (10, 25), (0, len(TEXT)), (30, 30), (84, 86)]
    for start, end in ranges:
        span, tokens = page.expanded(start, end)
        expected = doc.char_span(start, end, alignment_mode="expand")
        if expected is None:
            assert span is None and tokens == ()
        else:
            assert span is not None and (span.start, span.end) == (expected.start, expected.end)
            assert [t.i for t in tokens] == [t.i for t in expected]
        assert page.expanded(start, end) is page.expanded(start, end)  # (made once)


def test_expanded_belongs_to_its_page(nlp) -> None:  # type: ignore[no-untyped-def]
    # (a memo on the Page, not on the text: another parse of the same text gets its own tokens)
    first, second = nlp(TEXT), nlp(TEXT)
    a, b = Page(first, first.text), Page(second, second.text)
    assert a.expanded(0, 9)[1][0].doc is first
    assert b.expanded(0, 9)[1][0].doc is second


def test_touches_is_any_overlaps() -> None:
    rng = np.random.default_rng(22)
    for _ in range(2000):
        a = tuple(sorted(int(v) for v in rng.integers(0, 30, 2)))
        ranges = [
            tuple(sorted(int(v) for v in rng.integers(0, 30, 2))) for _ in range(rng.integers(0, 4))
        ]
        assert _touches(a, ranges) == any(overlaps(a, r) for r in ranges)  # type: ignore[arg-type]


def _walk(trees: Trees, x: np.ndarray) -> np.ndarray:
    """One row and one tree at a time: the plain reading of the flat arrays."""
    out = np.zeros((len(x), len(trees.roots)))
    for r in range(len(x)):
        for k, node in enumerate(trees.roots):
            while trees.left[node] >= 0:
                node = (
                    trees.left[node]
                    if x[r, trees.feature[node]] <= trees.threshold[node]
                    else trees.right[node]
                )
            out[r, k] = trees.value[node]
    return trees.base + out.sum(axis=1)


def _random_trees(rng: np.random.Generator, count: int, columns: int) -> Trees:
    feature, threshold, left, right, value, roots = [], [], [], [], [], []

    def grow(depth: int) -> int:
        node = len(feature)
        feature.append(int(rng.integers(0, columns)))
        threshold.append(float(rng.normal()))
        left.append(-1)
        right.append(-1)
        value.append(float(rng.normal()))
        if depth > 0 and rng.random() < 0.8:
            low = grow(depth - 1)
            high = grow(depth - 1)
            left[node], right[node] = low, high
        return node

    for _ in range(count):
        roots.append(grow(int(rng.integers(0, 6))))
    return Trees(
        np.asarray(feature, np.int32),
        np.asarray(threshold),
        np.asarray(left, np.int32),
        np.asarray(right, np.int32),
        np.asarray(value),
        np.asarray(roots, np.int32),
        0.25,
        0.0,
        ("x",) * columns,
    )


def test_tree_walk_reads_the_right_cells_of_a_sliced_matrix() -> None:
    # (the decoder passes ``matrix(...)[:, :len(names)]``: a view whose rows are longer than its width)
    rng = np.random.default_rng(13)
    trees = _random_trees(rng, 40, 7)
    wide = rng.normal(size=(25, 11))
    x = wide[:, :7]
    assert not x.flags.c_contiguous
    np.testing.assert_array_equal(trees.predict(x), _walk(trees, x))
    assert trees.predict(np.zeros((0, 7))).shape == (0,)


def _tokens_by_character(text: str) -> tuple[list[int], list[int]]:
    """The token scan as it was: one ``is_strip`` per character."""
    starts, ends, start = [], [], None
    for i, char in enumerate(text):
        if is_strip(char):
            if start is not None:
                starts.append(start)
                ends.append(i)
                start = None
        elif start is None:
            start = i
    if start is not None:
        starts.append(start)
        ends.append(len(text))
    return starts, ends


def test_document_tokens_match_the_character_scan() -> None:
    alphabet = "ab Z9 \t\n\u00a0\u2009`'\"“”‘’.,;:!?-—–()[]{}«»/\\&%$#@*_~^|+=<>é中\u3000\u200b"
    rng = np.random.default_rng(7)
    texts = ["", " ", "a", "`a`", "The mayor's “plan” — voted down (again)."]
    texts += ["".join(rng.choice(list(alphabet), int(rng.integers(0, 40)))) for _ in range(3000)]
    for text in texts:
        doc = Document(text)
        assert (doc.token_starts, doc.token_ends) == _tokens_by_character(text), repr(text)


def test_sentence_of_orders_as_sent_start(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT + "\n\nA second paragraph. It is short!  Very short.")
    page = Page(doc, doc.text)
    for a in doc:
        assert page.sentence_of(a) == [s.start for s in doc.sents].index(a.sent.start)
        for b in doc:
            assert (page.sentence_of(a) == page.sentence_of(b)) == (a.sent.start == b.sent.start)
            assert (page.sentence_of(a) > page.sentence_of(b)) == (a.sent.start > b.sent.start)


def test_within_is_any_hold() -> None:
    rng = np.random.default_rng(5)
    for _ in range(2000):
        r = tuple(sorted(int(v) for v in rng.integers(0, 30, 2)))
        ranges = [
            tuple(sorted(int(v) for v in rng.integers(0, 30, 2))) for _ in range(rng.integers(0, 4))
        ]
        assert within(r, ranges) == any(s <= r[0] and r[1] <= e for s, e in ranges)  # type: ignore[arg-type]


def test_token_ranges_from_columns(nlp) -> None:  # type: ignore[no-untyped-def]
    # (the tagger's per-token pool is given each token's range from ``to_array``: the same as
    # reading ``idx`` and ``len(text)`` per token, curly quotes and accents included)
    doc = nlp(TEXT + " Café “naïve” — 北京.\n\nEnd")
    expected = [(t.idx, t.idx + len(t.text)) for t in doc]
    found = [(idx, idx + n) for idx, n in doc.to_array([IDX, LENGTH]).tolist()]
    assert found == expected
    assert all(type(v) is int for r in found for v in r)
