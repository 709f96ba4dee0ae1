"""Average linkage that one bridging pair cannot merge (issue #15, cluster26)."""

from __future__ import annotations

import numpy as np

from sayso.claims.cluster import Support, average_linkage


def _edges(pairs: list[tuple[int, int, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    i, j, s = zip(*pairs, strict=True)
    return (
        np.asarray(i, dtype=np.int64),
        np.asarray(j, dtype=np.int64),
        np.asarray(s, dtype=np.float32),
    )


def _triangle(a: int, b: int, c: int, score: float = 0.9) -> list[tuple[int, int, float]]:
    return [(a, b, score), (a, c, score), (b, c, score)]


def _same(labels: list[int], a: int, b: int) -> bool:
    return labels[a] == labels[b]


def test_one_bridge_merges_without_support() -> None:
    edges = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.9)])
    labels = average_linkage(6, *edges, threshold=0.05)
    assert len(set(labels)) == 1


def test_one_bridge_does_not_merge_two_claims_with_support() -> None:
    edges = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.9)])
    labels = average_linkage(6, *edges, threshold=0.05, support=Support(pairs=2, level=0.5))
    assert _same(labels, 0, 2) and _same(labels, 3, 5)
    assert not _same(labels, 0, 3)


def test_two_bridges_merge_with_support() -> None:
    edges = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.9), (1, 4, 0.6)])
    labels = average_linkage(6, *edges, threshold=0.05, support=Support(pairs=2, level=0.5))
    assert len(set(labels)) == 1


def test_weak_bridges_do_not_count_as_support() -> None:
    edges = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.9), (1, 4, 0.3)])
    labels = average_linkage(6, *edges, threshold=0.05, support=Support(pairs=2, level=0.5))
    assert not _same(labels, 0, 3)


def test_a_single_statement_still_joins_on_one_pair() -> None:
    edges = _edges(_triangle(0, 1, 2) + [(2, 3, 0.9)])
    labels = average_linkage(4, *edges, threshold=0.05, support=Support(pairs=3, level=0.5))
    assert len(set(labels)) == 1


def test_needed_pairs_by_size_and_share() -> None:
    rule = Support(pairs=2, level=0.5, share=0.5)
    assert rule.needed(1, 40) == 0  # a statement joining a claim: the average decides
    assert rule.needed(2, 40) == 2
    assert rule.needed(10, 3) == 2  # min(pairs, 3) = 2, ceil(0.5 * 3) = 2
    assert rule.needed(8, 12) == 4  # half of the smaller side
    assert Support(pairs=3, level=0.5, from_size=1).needed(1, 5) == 1


def test_without_best_needs_the_average_to_survive_its_strongest_pair() -> None:
    one = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.9)])
    rule = Support(without_best=True)
    assert len(set(average_linkage(6, *one, threshold=0.05, support=rule))) == 2
    two = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.9), (1, 4, 0.6)])
    assert len(set(average_linkage(6, *two, threshold=0.05, support=rule))) == 1


def test_two_formed_claims_need_the_higher_average() -> None:
    # Two claims of three, joined by two pairs: average 1.2 / 9 = 0.13.
    edges = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.6), (1, 4, 0.6)])
    strict = Support(pairs=0, from_size=3, min_average=0.2)
    assert len(set(average_linkage(6, *edges, threshold=0.05, support=strict))) == 2
    loose = Support(pairs=0, from_size=3, min_average=0.1)
    assert len(set(average_linkage(6, *edges, threshold=0.05, support=loose))) == 1
    # Below ``from_size`` the merge threshold alone decides: a statement joins on 0.6 / 3.
    one = _edges(_triangle(0, 1, 2) + [(2, 3, 0.6)])
    assert len(set(average_linkage(4, *one, threshold=0.05, support=strict))) == 1


def test_the_measured_split_pass_cuts_a_weak_bridge_only() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_claims_rerank import split_weakest

    i, j, s = _edges(_triangle(0, 1, 2) + _triangle(3, 4, 5) + [(2, 3, 0.05)])
    cut = split_weakest([0] * 6, i, j, s, 0.02)
    assert len(set(cut)) == 2 and len(set(cut[:3])) == 1 and len(set(cut[3:])) == 1
    assert split_weakest([0] * 6, i, j, s, 0.001) == [0] * 6
