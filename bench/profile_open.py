"""Profile opening a project in a fresh interpreter, imports included, and print the
summary `profile_figure.py` prints for the other figures.

    python bench/profile_open.py PROJECT CODER [TOP]

Only pyinstrument is imported before the profiler starts: everything `open_window.py`
imports is part of what is profiled.
"""

from __future__ import annotations

import runpy
import sys
from collections import Counter
from pathlib import Path

from pyinstrument import Profiler
from pyinstrument.frame import Frame

INTERVAL_S = 0.0005


def summary(root: Frame, runs: int, top: int) -> str:
    """Two top-N lists in milliseconds per run: own time per frame, and total time per
    function of the project (recursion counted once)."""
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()

    def walk(frame: Frame, stack: frozenset[str]) -> None:
        if frame.is_synthetic:
            return
        key = f"{frame.function}  {frame.file_path_short}:{frame.line_no}"
        own[key] += frame.total_self_time
        if "stancecoder" in (frame.file_path or "") and key not in stack:
            total[key] += frame.time
        for child in frame.children:
            walk(child, stack | {key})

    walk(root, frozenset())
    lines = [f"profiled: {root.time / runs * 1000:.1f} ms per run, {runs} run(s)"]
    for title, counter in (("own time", own), ("project functions, total time", total)):
        lines.append(f"\ntop {top} frames by {title} (ms per run):")
        lines += [f"{t / runs * 1000:9.1f}  {key}" for key, t in counter.most_common(top)]
    return "\n".join(lines)


def main() -> int:
    target, coder = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    sys.argv = ["open_window.py", target, coder]
    profiler = Profiler(interval=INTERVAL_S)
    profiler.start()
    try:
        runpy.run_path(str(Path(__file__).with_name("open_window.py")), run_name="__main__")
    except SystemExit as exit:
        if exit.code:
            raise
    finally:
        profiler.stop()
    print(summary(profiler.last_session.root_frame(), 1, top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
