"""MinHash pieces shared by near_duplicates and its Dask counterpart: they equal datasketch's."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from analysis import minhash

STORY = (
    "The city council voted on Tuesday to close the old library on Elm Street after a long debate "
    "about costs, staff and the future of public reading rooms in the district."
)
WEATHER = "Rain is expected across the north of the country for most of the weekend, forecasters said."


def _fingerprints(text: str) -> np.ndarray:
    numbers = {word: i + 1 for i, word in enumerate(dict.fromkeys(minhash.words(text)))}
    ids = np.array([numbers[w] for w in minhash.words(text)], dtype=np.uint64)
    n = len(ids) - 4
    return np.unique(minhash.rolling_hash(ids[k : k + n] for k in range(5)))


def test_signatures_equal_datasketch_minhash():
    sets = [_fingerprints(STORY), _fingerprints(WEATHER)]
    ours = minhash.signatures(sets)
    for i, shingles in enumerate(sets):
        reference = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, scheme="affine32", hashfunc=int)
        reference.update_batch((shingles >> np.uint64(32)).tolist())
        assert (reference.hashvalues == ours[i]).all()


def test_signatures_of_many_sets_are_those_of_each_set_alone():
    # More fingerprints than one block holds: the blocks must not mix documents.
    rng = np.random.default_rng(7)
    sets = [np.unique(rng.integers(0, 2**63, size=n, dtype=np.uint64)) for n in (3000, 2500, 1, 5000)]
    together = minhash.signatures(sets)
    for i, fingerprints in enumerate(sets):
        assert (together[i] == minhash.signatures([fingerprints])[0]).all()


def test_rolling_hash_tells_shingles_by_their_words_and_order():
    ids = np.array([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5], dtype=np.uint64)
    n = len(ids) - 4
    shingles = minhash.rolling_hash(ids[k : k + n] for k in range(5)).tolist()
    assert shingles[0] == shingles[10]  # 1 2 3 4 5 again
    assert len(set(shingles)) == n - 1  # every other run of five differs, 5 4 3 2 1 from 1 2 3 4 5 too


def test_a_pair_at_the_threshold_is_rarely_missed_by_the_bands():
    for threshold in (0.5, 0.8, 0.9):
        bands, rows = minhash.lsh_bands(threshold)
        assert bands * rows <= minhash.NUM_PERM
        assert (1 - threshold**rows) ** bands <= minhash.MAX_MISS
