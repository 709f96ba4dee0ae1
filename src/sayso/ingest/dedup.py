"""Near-duplicate detection: MinHash over word shingles with LSH banding.

A wire story reprinted by many outlets differs only in a headline, a byline or a
trailing paragraph.  Candidates share at least one LSH band; they are confirmed by
shingle containment (overlap over the smaller set), so a shortened reprint still
matches its full original.  Hashes are crc32-based so bands are stable across
processes and runs (they are stored in the ``minhash_bands`` table).
"""

from __future__ import annotations

import re
import zlib

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 16  # 16 bands x 8 rows: candidates from about 0.7 Jaccard
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.8
MIN_SHINGLES = 10
BLOCK = 4096  # shingles hashed at a time: a 128 x 4096 uint64 block is 4 MB
_PRIME = (1 << 31) - 1
_rng = np.random.RandomState(20240501)
_A = _rng.randint(1, _PRIME, size=PERMUTATIONS).astype(np.uint64)
_B = _rng.randint(0, _PRIME, size=PERMUTATIONS).astype(np.uint64)
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) % _PRIME
            for i in range(max(0, len(words) - SHINGLE + 1))}


def bands(shingle_set: set[int]) -> list[str]:
    """LSH band keys of a shingle set; empty for texts too short to compare."""
    if len(shingle_set) < MIN_SHINGLES:
        return []
    signature = np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    values = np.fromiter(shingle_set, dtype=np.uint64)
    # In blocks, so memory stays at PERMUTATIONS x BLOCK whatever the text's length
    # (a 128 x N matrix for a long text of distinct words reached gigabytes).
    for start in range(0, len(values), BLOCK):
        block = values[start:start + BLOCK]
        hashed = (np.outer(_A, block) + _B[:, None]) % _PRIME
        np.minimum(signature, hashed.min(axis=1), out=signature)
    return [f"{b}:{zlib.crc32(signature[b * ROWS:(b + 1) * ROWS].tobytes()):08x}"
            for b in range(BANDS)]


def containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def near_duplicate(a: set[int], b: set[int], threshold: float = THRESHOLD) -> bool:
    return containment(a, b) >= threshold
