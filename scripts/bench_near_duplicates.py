"""Benchmark and recall check of analysis.near_duplicates, and find_repeats on a long document.

Usage (the corpus stays outside the repository):

    python scripts/bench_near_duplicates.py ../shared/corpora/bbc_news.csv [--scales 20000 100000]

1. Time of ``near_duplicates`` on the corpus, best of three.
2. Recall and precision against an exhaustive exact method: every pair's Jaccard similarity of
   word 5-gram shingles from a sparse document-by-shingle matrix product (no LSH), split into
   exact (similarity 1) and near (0.8 <= similarity < 1) pairs.
3. Growth: the corpus replicated with perturbations to each size in ``--scales``.  A replica
   has its paragraphs shuffled and 15% of its words replaced (far from its source); one
   replica in a hundred is instead a light edit (one word in a hundred replaced) of its
   source, a planted near duplicate.  Prints the time, the planted pairs found, and the
   process's peak memory.
4. ``find_repeats`` on one document of 10,000 distinct paragraphs plus 1,000 copies.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time

import numpy as np
from scipy import sparse

import analysis
from analysis.repetition import _shingle_fingerprints, find_repeats, near_duplicates
from analysis.segment import segment_document


def best_of(n: int, function, *args):
    """Best wall-clock and best CPU time of ``n`` runs (CPU time is less disturbed by other jobs)."""
    wall, cpu, result = [], [], None
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function(*args)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu), result


def exhaustive_pairs(texts: list, threshold: float, measure: str = "jaccard") -> dict[tuple[int, int], float]:
    """Every pair at or above the threshold, from exact shingle-set intersections of all pairs."""
    sets = _shingle_fingerprints(texts)
    values, columns = np.unique(np.concatenate(sets), return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, columns)), shape=(len(sets), len(values)))
    shared = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.array([len(s) for s in sets])
    if measure == "jaccard":
        similarity = shared.data / (sizes[shared.row] + sizes[shared.col] - shared.data)
    else:
        similarity = shared.data / np.minimum(sizes[shared.row], sizes[shared.col])
    keep = similarity >= threshold
    return {(int(i), int(j)): float(s) for i, j, s in zip(shared.row[keep], shared.col[keep], similarity[keep])}


def perturbed_corpus(texts: list[str], size: int, seed: int = 0) -> tuple[list[str], list[tuple[int, int]]]:
    rng = random.Random(seed)
    vocabulary = sorted({w for t in texts[:200] for w in t.split()})
    out, planted = list(texts), []
    while len(out) < size:
        source = rng.randrange(len(texts))
        paragraphs = texts[source].split("\n\n")
        if rng.random() < 0.01:
            words = texts[source].split(" ")
            for i in rng.sample(range(len(words)), max(1, len(words) // 100)):
                words[i] = rng.choice(vocabulary)
            planted.append((source, len(out)))
            out.append(" ".join(words))
            continue
        rng.shuffle(paragraphs)
        words = "\n\n".join(paragraphs).split(" ")
        for i in rng.sample(range(len(words)), len(words) * 15 // 100):
            words[i] = rng.choice(vocabulary)
        out.append(" ".join(words))
    return out, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", help="CSV with id and text columns, e.g. ../shared/corpora/bbc_news.csv")
    parser.add_argument("--scales", type=int, nargs="*", default=[20_000, 100_000])
    args = parser.parse_args()

    corpus = analysis.load_corpus(args.corpus, id_col="id")
    texts = corpus["text"].tolist()
    seconds, cpu, found = best_of(3, near_duplicates, corpus)
    print(f"near_duplicates on {len(corpus):,} documents: {seconds:.2f} s wall, {cpu:.2f} s CPU (best of 3), "
          f"{len(found)} pairs; load average {os.getloadavg()[0]:.1f}")

    truth = exhaustive_pairs(texts, 0.8)
    position = {d: i for i, d in enumerate(corpus["doc_id"])}
    reported = {(position[a], position[b]) for a, b in zip(found["doc_a"], found["doc_b"])}
    exact = {p for p, s in truth.items() if s == 1.0}
    near = set(truth) - exact
    identical_text = sum(
        n * (n - 1) // 2 for n in corpus["text"].str.strip().value_counts() if n > 1
    )
    print(f"exhaustive: {len(exact)} pairs with similarity 1 ({identical_text} with identical text), "
          f"{len(near)} with 0.8 <= similarity < 1")
    print(f"recall: exact {len(exact & reported)}/{len(exact)}, near {len(near & reported)}/{len(near)}; "
          f"reported pairs not in the exhaustive set: {len(reported - set(truth))}")

    seconds, cpu, contained = best_of(1, lambda: near_duplicates(corpus, measure="containment"))
    truth = exhaustive_pairs(texts, 0.8, "containment")
    reported = {(position[a], position[b]) for a, b in zip(contained["doc_a"], contained["doc_b"])}
    print(f"measure='containment': {seconds:.2f} s wall, {cpu:.2f} s CPU, {len(contained)} pairs; "
          f"recall {len(set(truth) & reported)}/{len(truth)} pairs with containment >= 0.8 "
          f"({(contained['similarity'] < 0.8).sum()} found have Jaccard < 0.8); "
          f"reported pairs not in the exhaustive set: {len(reported - set(truth))}")

    for size in args.scales:
        big, planted = perturbed_corpus(texts, size)
        seconds, cpu, pairs = best_of(1, near_duplicates, big)
        found_pairs = set(zip(pairs["doc_a"].astype(int), pairs["doc_b"].astype(int)))
        sets = _shingle_fingerprints([big[i] for p in planted for i in p])
        qualifying = [
            p
            for k, p in enumerate(planted)
            if len(np.intersect1d(sets[2 * k], sets[2 * k + 1])) / len(np.union1d(sets[2 * k], sets[2 * k + 1])) >= 0.8
        ]
        hits = sum(p in found_pairs for p in qualifying)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:,} documents: {seconds:.1f} s wall, {cpu:.1f} s CPU, {len(pairs):,} pairs; planted found "
              f"{hits}/{len(qualifying)}; peak memory so far {peak:,.0f} MB; load average {os.getloadavg()[0]:.1f}")

    rng = random.Random(1)
    words = [f"w{i}" for i in range(20_000)]
    paragraphs = [" ".join(rng.choices(words, k=40)) + "." for _ in range(10_000)]
    paragraphs += rng.sample(paragraphs, 1_000)
    seg = segment_document("\n\n".join(paragraphs))
    seconds, cpu, rows = best_of(3, find_repeats, seg)
    print(f"find_repeats on one document of {len(paragraphs):,} paragraphs: {seconds:.2f} s wall, {cpu:.2f} s CPU "
          f"(best of 3), "
          f"{len(rows)} repeats")


if __name__ == "__main__":
    main()
