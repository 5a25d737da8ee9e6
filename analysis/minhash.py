"""MinHash pieces for near-duplicate documents: words, fingerprint hashing, signatures, LSH banding.

One home for what :func:`analysis.near_duplicates` (``analysis.repetition``) and its Dask
counterpart (``analysis.dask``) both compute, so that the two find the same pairs:

- :func:`words`: the words shingles are made of, runs of ``\\w`` in the lower-cased text (a
  little coarser than :data:`analysis.text.WORD_RE`, "don't" is two words, and much faster);
- :func:`rolling_hash`: one 64-bit fingerprint per row of several aligned columns (a run of
  word numbers, or the rows of an LSH band), a polynomial in :data:`ROLLING_MULTIPLIER`
  followed by :func:`mix`;
- :func:`signatures`: MinHash signatures, the values of ``datasketch.MinHash(NUM_PERM, SEED,
  scheme="affine32")`` fed the upper 32 bits of each fingerprint, for many sets at once;
- :func:`lsh_bands`: the banding that misses a pair at exactly the threshold with probability
  at most :data:`MAX_MISS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

__all__ = [
    "NUM_PERM",
    "SEED",
    "MAX_MISS",
    "ROLLING_MULTIPLIER",
    "words",
    "mix",
    "rolling_hash",
    "permutations",
    "signatures",
    "lsh_bands",
]

NUM_PERM = 80
"""MinHash permutations per document."""
SEED = 1
"""Seed of the MinHash permutations (datasketch's ``affine32`` scheme)."""
MAX_MISS = 0.005
"""Largest accepted probability that a pair at exactly the threshold is not an LSH candidate."""
ROLLING_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
"""Odd multiplier of the rolling hashes (the golden ratio in 64 bits)."""

_WORD = re.compile(r"\w+")
_CHUNK = 4096  # fingerprints permuted at once: bounds the (fingerprints x permutations) matrix


def words(text) -> list[str]:
    """The words shingles are made of: runs of ``\\w`` in the lower-cased text; none for a missing text.

    Examples
    --------
    >>> words("Don't STOP now."), words(None)
    (['don', 't', 'stop', 'now'], [])
    """
    return _WORD.findall(text.lower()) if isinstance(text, str) else []


def mix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser (a bijection that mixes all bits), element-wise, for uint64 or uint32; wraps by design.

    Examples
    --------
    >>> mix(np.array([0, 1], dtype=np.uint64)).tolist()
    [0, 12994781566227106604]
    >>> mix(np.array([1], dtype=np.uint32)).dtype
    dtype('uint32')
    """
    if h.dtype == np.uint64:
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xFF51AFD7ED558CCD)
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xC4CEB9FE1A85EC53)
        return h ^ (h >> np.uint64(33))
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def rolling_hash(columns: Iterable[np.ndarray]) -> np.ndarray:
    """One mixed 64-bit hash per row of aligned uint64 ``columns``: ``mix(((c0 * M + c1) * M + c2) ...)``.

    The shingles of a run of word numbers ``w`` are ``rolling_hash(w[k : k + n] for k in range(5))``;
    two different rows share a hash with probability about 2**-64.

    Examples
    --------
    >>> ids = np.array([1, 2, 3, 1, 2, 3], dtype=np.uint64)
    >>> shingles = rolling_hash(ids[k : k + 4] for k in range(3))
    >>> bool(shingles[0] == shingles[3]), bool(shingles[0] == shingles[1])
    (True, False)
    """
    columns = iter(columns)
    h = next(columns).copy()
    with np.errstate(over="ignore"):
        for column in columns:
            h = h * ROLLING_MULTIPLIER + column
        return mix(h)


@cache
def permutations() -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` uint32 parameters of datasketch's ``affine32`` permutations (:data:`NUM_PERM`, :data:`SEED`)."""
    from datasketch import MinHash  # imported here: datasketch imports scipy.integrate, slow to load

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def signatures(fingerprint_sets: Sequence[np.ndarray]) -> np.ndarray:
    """MinHash signatures (one uint32 row of :data:`NUM_PERM` values per set) of non-empty uint64 fingerprint sets.

    The same values as ``datasketch.MinHash(NUM_PERM, SEED, scheme="affine32")`` fed the upper
    32 bits of each fingerprint through ``update_batch`` (checked by a test), computed for many
    sets at once with ``np.minimum.reduceat``.

    Examples
    --------
    >>> sets = [np.array([1 << 40, 2 << 40], dtype=np.uint64), np.array([2 << 40, 1 << 40], dtype=np.uint64)]
    >>> rows = signatures(sets)
    >>> rows.shape, bool((rows[0] == rows[1]).all())
    ((2, 80), True)
    """
    a, b = permutations()
    out = np.empty((len(fingerprint_sets), NUM_PERM), dtype=np.uint32)
    buffer = np.empty((_CHUNK, NUM_PERM), dtype=np.uint32)  # reused: small enough to stay in cache
    start = 0
    while start < len(fingerprint_sets):
        stop, size = start, 0
        while stop < len(fingerprint_sets) and (size == 0 or size + len(fingerprint_sets[stop]) <= _CHUNK):
            size += len(fingerprint_sets[stop])
            stop += 1
        block = fingerprint_sets[start:stop]
        values = mix((np.concatenate(block) >> np.uint64(32)).astype(np.uint32))
        fits = len(values) <= len(buffer)
        permuted = buffer[: len(values)] if fits else np.empty((len(values), NUM_PERM), np.uint32)
        np.multiply(values[:, None], a[None, :], out=permuted)  # uint32 arithmetic wraps, as in datasketch
        np.add(permuted, b[None, :], out=permuted)
        offsets = np.concatenate([[0], np.cumsum([len(s) for s in block])[:-1]])
        out[start:stop] = np.minimum.reduceat(permuted, offsets, axis=0)
        start = stop
    return out


def lsh_bands(threshold: float) -> tuple[int, int]:
    """LSH banding (bands, rows) with the fewest candidates that still misses a pair at exactly
    the threshold with probability at most :data:`MAX_MISS`.

    A pair of Jaccard similarity J shares a band with probability 1 - (1 - J**rows)**bands.  For
    0.8 this gives 16 bands of 5: a candidate with probability 0.998 at J = 0.8, 0.40 at 0.5,
    0.04 at 0.3.  (datasketch's own choice for 0.8, 9 bands of 13 rows, misses 60% of pairs at
    exactly 0.8.)  Candidates are checked exactly, so recall costs time, never correctness.

    >>> lsh_bands(0.8), lsh_bands(0.5)
    ((16, 5), (40, 2))
    """
    for rows in range(NUM_PERM, 1, -1):
        bands = NUM_PERM // rows
        if (1 - threshold**rows) ** bands <= MAX_MISS:
            return bands, rows
    return NUM_PERM, 1
