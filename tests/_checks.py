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


def grows_linearly(seconds_small: float, seconds_large: float) -> bool:
    """Whether doubling an input at most trebled its time (a quadratic step quadruples it); a
    ratio measured in one test, not a time limit, with a floor for timings too short to read."""
    return seconds_large <= 3 * max(seconds_small, 0.01)
