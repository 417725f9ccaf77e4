"""Linear time, measured as growth rather than as a time: eight times the input may cost about eight times the CPU
time, not sixty-four (quadratic). A ratio measured in the same run holds on a slow machine and on a fast one alike;
a time limit failed linear code on CI's slower cores. Linear code grew 8-16× here (the small input fits the
processor's caches); the quadratic patterns the tests caught grow 64× and more."""
from __future__ import annotations

import time
from typing import Callable

GROWTH_LIMIT = 32


def fastest_cpu_time(call: Callable[[], object], tries: int = 3) -> float:
    """The least CPU time of `tries` calls: load slows one call, not every one."""
    fastest = float("inf")
    for _ in range(tries):
        start = time.thread_time()
        call()
        fastest = min(fastest, time.thread_time() - start)
    return fastest


def growth(big: float, small: float) -> float:
    return big / max(small, 1e-4)  # (a tenth of a millisecond: below it thread_time measures little but its tick)
