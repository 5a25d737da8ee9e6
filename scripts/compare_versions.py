"""CPU time of ``analyze`` for two checkouts of this package, and of the benchmark's baseline.

Usage::

    python scripts/compare_versions.py BEFORE_DIR AFTER_DIR CORPUS.csv [--turns 6]

``BEFORE_DIR`` and ``AFTER_DIR`` are checkouts of the repository (e.g. made with
``git worktree add --detach /tmp/before <commit>``).  Each turn runs, each in a fresh
process: ``analyze(docs, n_jobs=1)`` with the before checkout, with the after checkout, then
the baseline of ``benchmarks.bench`` (with the after checkout).  A turn's three runs are made
within a minute, so the ratios within a turn move least when the machine's speed drifts;
the medians of the per-turn ratios are printed at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

_ANALYZE = """
import sys, time, analysis
try:
    from benchmarks.bench import _clear_text_caches
except ImportError:  # a checkout from before the benchmark moved out of the package
    from analysis.bench import _clear_text_caches
docs = analysis.load_corpus(sys.argv[1])
analysis.analyze(docs.head(20))  # lexicons loaded and patterns compiled before the clock starts
_clear_text_caches()
start = time.process_time()
analysis.analyze(docs, n_jobs=1)
print(time.process_time() - start)
"""

_BASELINE = """
import sys, time, analysis
from benchmarks.bench import baseline
texts = [t for t in analysis.load_corpus(sys.argv[1])["text"] if isinstance(t, str)]
baseline(texts[:20])
start = time.process_time()
baseline(texts)
print(time.process_time() - start)
"""


def _cpu_seconds(script: str, checkout: Path, corpus: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(corpus)], cwd=checkout, env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="checkout of the earlier version")
    parser.add_argument("after", type=Path, help="checkout of the later version")
    parser.add_argument("corpus", type=Path, help="a corpus file load_corpus reads")
    parser.add_argument("--turns", type=int, default=6, help="turns (default: 6)")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    turns = []
    for _ in range(args.turns):
        before = _cpu_seconds(_ANALYZE, args.before.resolve(), corpus)
        after = _cpu_seconds(_ANALYZE, args.after.resolve(), corpus)
        base = _cpu_seconds(_BASELINE, args.after.resolve(), corpus)
        turns.append((before, after, base))
        print(
            f"analyze before {before:.2f} s, after {after:.2f} s; baseline {base:.2f} s; "
            f"ratio to the baseline before {before / base:.2f}, after {after / base:.2f}",
            flush=True,
        )
    print(f"after / before, median of the turns: {statistics.median(a / b for b, a, _ in turns):.3f}")
    print(
        f"ratio to the baseline, median of the turns: before {statistics.median(b / v for b, _, v in turns):.2f}, "
        f"after {statistics.median(a / v for _, a, v in turns):.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
