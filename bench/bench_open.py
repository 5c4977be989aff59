"""Opening a project: from starting a fresh interpreter to the first article in the reader.

Each run starts `open_window.py` in a new process (nothing imported or cached in this
one counts) and takes the time from just before the process is started to the moment it
reports the article shown; the memory column is that process's peak resident set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from measure import Figure

CHILD = Path(__file__).with_name("open_window.py")


def open_figures(target: str | Path, coder: str, runs: int, label: str = "") -> list[Figure]:
    """Two rows: from process start (the target's figure) and from the first import."""
    whole = Figure(f"open project → first article shown{label}", "s", limit=1.5)
    whole.memory_limit = 350
    after_start = Figure(f"  the same from the first import{label}", "s")
    peaks = []
    for _ in range(runs):
        seconds, report = _open_once(target, coder)
        whole.samples.append(seconds)
        after_start.samples.append(float(report["seconds"]))
        peaks.append(float(report["rss_mb"]))
    whole.memory_mb = max(peaks)
    return [whole, after_start]


def _open_once(target: str | Path, coder: str) -> tuple[float, dict[str, object]]:
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(target), coder],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    line = child.stdout.readline() if child.stdout else ""
    seconds = time.perf_counter() - began
    _, errors = child.communicate()
    if child.returncode != 0 or not line:
        last = (errors.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"open_window.py failed: {last}")
    return seconds, json.loads(line)
