"""Timing, memory and the one table every benchmark reports into.

Memory of an in-process figure is the growth of the process's resident set while the
figure's runs went on: a thread samples /proc/self/statm every few milliseconds and keeps
the peak, minus the resident set when the runs began. (tracemalloc would see Python
allocations only, and slow the very code being timed.) Figures measured in a fresh
process report that process's peak resident set instead.
"""

from __future__ import annotations

import math
import os
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_STATM = Path("/proc/self/statm")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_SAMPLE_EVERY_S = 0.005


@dataclass
class Figure:
    """One row of the table; `samples` are in `unit` ("s" or "ms").

    Limits are the targets of the issue; None where it sets none. `peer` is a figure
    measured in the same run that this one is compared with (× peer = median / median).
    """

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    memory_mb: float | None = None
    peer: Figure | None = None
    peer_label: str = ""  # how the peer column names the peer; its figure name if empty
    limit: float | None = None
    p95_limit: float | None = None
    ratio_limit: float | None = None
    p95_ratio_limit: float | None = None  # held against p95 / peer's p95 instead
    memory_limit: float | None = None
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile: with few runs, the slowest one."""
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def ratio(self) -> float | None:
        """Median / the peer's median; p95 / the peer's p95 where that is the target."""
        if self.peer is None or not self.peer.samples or not self.samples:
            return None
        if self.p95_ratio_limit is not None:
            return self.p95 / self.peer.p95
        return self.median / self.peer.median

    def target(self) -> str:
        parts = []
        if self.limit is not None:
            parts.append(f"< {_number(self.limit)} {self.unit}")
        if self.p95_limit is not None:
            parts.append(f"p95 < {_number(self.p95_limit)}")
        if self.memory_limit is not None:
            parts.append(f"< {_number(self.memory_limit)} MB")
        if self.ratio_limit is not None:
            parts.append(f"≤ {self.ratio_limit}× peer")
        if self.p95_ratio_limit is not None:
            parts.append(f"p95 ≤ {self.p95_ratio_limit}× peer's")
        return ", ".join(parts)

    def missed(self) -> list[str]:
        """The targets this figure misses, in words; empty if it meets them all."""
        if self.error or not self.samples:
            return []
        checks = [
            (self.limit, self.median, "median"),
            (self.p95_limit, self.p95, "p95"),
            (self.memory_limit, self.memory_mb, "memory"),
            (self.ratio_limit, self.ratio, "× peer"),
            (self.p95_ratio_limit, self.ratio, "p95 × peer"),
        ]
        return [
            name
            for limit, value, name in checks
            if limit is not None and value is not None and value > limit
        ]


def timed(action: Callable[[], object], runs: int, unit: str = "s") -> list[float]:
    """Wall-clock durations of `runs` calls of `action`."""
    scale = 1000.0 if unit == "ms" else 1.0
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * scale)
    return samples


def resident_mb() -> float | None:
    try:
        return int(_STATM.read_text().split()[1]) * _PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return None  # not Linux: memory is not reported


@contextmanager
def memory_growth() -> Iterator[list[float | None]]:
    """Yields a one-item list that holds, after the block, the peak growth in MB."""
    result: list[float | None] = [None]
    baseline = resident_mb()
    if baseline is None:
        yield result
        return
    peak = [baseline]
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(_SAMPLE_EVERY_S):
            peak[0] = max(peak[0], resident_mb() or 0.0)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield result
    finally:
        stop.set()
        watcher.join()
        result[0] = max(peak[0], resident_mb() or 0.0) - baseline


def measured(figure: Figure, action: Callable[[], object], runs: int) -> Figure:
    """Fill `figure` with the durations and the memory growth of `runs` calls."""
    with memory_growth() as growth:
        figure.samples = timed(action, runs, figure.unit)
    figure.memory_mb = growth[0]
    return figure


def failed(name: str, error: BaseException) -> Figure:
    return Figure(name, "", error=f"{type(error).__name__}: {error}".splitlines()[0])


HEADER = ("figure", "median", "p95", "peak MB", "peer", "× peer", "target")


def table(figures: list[Figure], judge: bool = True) -> str:
    """The figures as a Markdown table (readable as it is in a terminal); with `judge`,
    each target says whether it is met."""
    rows = [HEADER, tuple("---" for _ in HEADER)]
    for figure in figures:
        rows.append(_row(figure, judge))
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    return "\n".join(
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    )


def _row(figure: Figure, judge: bool) -> tuple[str, ...]:
    if figure.error:
        return (figure.name, f"ERROR {figure.error}", "", "", "", "", figure.target())
    memory = "" if figure.memory_mb is None else f"{figure.memory_mb:.0f}"
    ratio = "" if figure.ratio is None else f"{figure.ratio:.2f}"
    target = figure.target()
    if judge and target:
        missed = figure.missed()
        target += f" — MISSED ({', '.join(missed)})" if missed else " — met"
    return (
        figure.name,
        _value(figure.median, figure.unit),
        _value(figure.p95, figure.unit),
        memory,
        (figure.peer_label or figure.peer.name) if figure.peer else "",
        ratio,
        target,
    )


def _value(value: float, unit: str) -> str:
    return f"{value:.1f} {unit}" if unit == "ms" or value >= 100 else f"{value:.3g} {unit}"


def _number(value: float) -> str:
    return f"{value:g}"
