"""Speed checks without a wall-clock budget: every check compares two measurements taken in the
same run, on the same machine, at the same moment, so a busy CI machine slows both alike.

- ``cpu_seconds`` times CPU-bound work in CPU seconds of this process (``time.process_time``),
  which other processes on a shared machine do not inflate;
- ``assert_linear`` checks that twice the input costs about twice the CPU (a quadratic or
  backtracking regression costs four times or more);
- ``assert_not_slower`` compares a wall time (waiting on a network peer is not CPU) with the
  same operation's wall time in a baseline case, plus an allowance the code itself promises.

Rejected: absolute budgets ("under 5 s"), which pass on a quiet laptop and fail on a loaded CI
machine. Benchmarks with absolute figures live in scripts/bench_*.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# CPU times below this are timer noise rather than work: a ratio of two of them means nothing
CPU_NOISE = 0.02


def cpu_seconds(work: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds that ``work()`` took in this process, and what it returned."""
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def wall_seconds(work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def assert_linear(run: Callable[[int], object], n: int, label: str = "", factor: float = 3.0) -> tuple[object, object]:
    """``run(2n)`` costs at most ``factor`` times the CPU of ``run(n)`` (2 for linear work, 4 for
    quadratic). Returns both results so the caller can check them too."""
    small, small_result = cpu_seconds(lambda: run(n))
    large, large_result = cpu_seconds(lambda: run(2 * n))
    assert large <= factor * max(small, CPU_NOISE), (
        f"{label}: {large:.3f} s of CPU for 2×{n} against {small:.3f} s for {n}: grows faster than linearly")
    return small_result, large_result


def assert_not_slower(measured: float, baseline: float, allowance: float = 0.0, factor: float = 3.0,
                      label: str = "") -> None:
    """``measured`` wall seconds are at most ``factor`` × the baseline's, plus ``allowance``
    (a timeout the code under test promises to keep, never a guess at the machine's speed)."""
    assert measured <= factor * baseline + allowance, (
        f"{label}: {measured:.2f} s against {baseline:.2f} s for the baseline (+{allowance:.2f} s allowed)")
