"""Checks shared by several test modules."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best_cpu_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` runs of ``work``, with the garbage collector paused:
    a collection falling in one timing and not in another would dwarf what a test compares."""
    times = []
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.process_time()
            work()
            times.append(time.process_time() - started)
    finally:
        gc.enable()
    return min(times)


def grows_linearly(seconds_of: Callable[[int], float], size: int, attempts: int = 3) -> bool:
    """Whether doubling an input from ``size`` at most trebles the time ``seconds_of(n)`` reports
    (a quadratic step quadruples it), in one of ``attempts`` pairs of measurements: a ratio
    measured in the test, not a time limit, with a floor for timings too short to read.  A pause
    of the shared machine can slow one measurement; a quadratic step slows every pair."""
    for _ in range(attempts):
        small = seconds_of(size)
        if seconds_of(2 * size) <= 3 * max(small, 0.01):
            return True
    return False
