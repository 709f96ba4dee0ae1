"""Near-duplicate detection: a reprinted story matches, a different story does not."""

from __future__ import annotations

from sayso.ingest import dedup

STORY = ("The regional council voted on Wednesday to close three rural schools at the end of "
         "the year, despite protests from parents who travelled from several towns to attend "
         "the meeting. Council chair Maria Lopez said falling enrolments left no choice, and "
         "promised free bus transport for the affected pupils to the nearest district school.")
REPRINT = "By Staff Reporter. " + STORY + " The decision takes effect in January."
OTHER = ("Heavy rain flooded the main road into the harbour town overnight, and emergency "
         "crews evacuated forty homes near the river. Police asked drivers to avoid the area "
         "while engineers inspect the old stone bridge, which was damaged by debris.")


def test_reprint_is_near_duplicate_and_shares_a_band() -> None:
    a, b = dedup.shingles(STORY), dedup.shingles(REPRINT)
    assert dedup.near_duplicate(a, b)
    assert set(dedup.bands(a)) & set(dedup.bands(b))


def test_different_story_is_not() -> None:
    a, b = dedup.shingles(STORY), dedup.shingles(OTHER)
    assert not dedup.near_duplicate(a, b)
    assert not set(dedup.bands(a)) & set(dedup.bands(b))


def test_bands_are_stable_and_short_texts_have_none() -> None:
    assert dedup.bands(dedup.shingles(STORY)) == dedup.bands(dedup.shingles(STORY))
    assert dedup.bands(dedup.shingles("Too short to compare.")) == []


def test_bands_in_blocks_equal_the_whole_matrix() -> None:
    """MinHash is computed in blocks (bounded memory); the bands are those of the full matrix."""
    import zlib

    import numpy as np

    shingle_set = set(range(7, 3 * dedup.BLOCK * 7, 7))
    values = np.fromiter(shingle_set, dtype=np.uint64)
    whole = ((np.outer(dedup._A, values) + dedup._B[:, None]) % dedup._PRIME).min(axis=1)
    rows = dedup.ROWS
    expected = [f"{b}:{zlib.crc32(whole[b * rows:(b + 1) * rows].tobytes()):08x}"
                for b in range(dedup.BANDS)]
    assert dedup.bands(shingle_set) == expected
