"""Where a figure's time goes: run what one benchmark times under pyinstrument and print
the frames with the most time of their own, and the project's functions with the most
time in all (`pip install pyinstrument` first; it is not a dependency of the project).

    python bench/profile_figure.py FIGURE [--size tiny|full] [--postgres URL] [--runs N] [--top 10]

FIGURE is one of: import, open, search, export, agreement, switch, code, code-shown.
Only the timed part is profiled (switch: not the untimed move away before each switch).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_agreement import synthetic
from bench_workbench import Actions, workbench
from postgres import wipe_benchmark_database
from profile_open import summary
from pyinstrument import Profiler
from run import SIZES, Size
from synthetic import build_project, coder_names, write_files

from stancecoder.core.agreement import ReliabilityData, krippendorff_alpha
from stancecoder.services.corpus import import_corpus
from stancecoder.services.export import export
from stancecoder.services.project import Project, create_project
from stancecoder.services.search_index import index_waiting

FIGURES = ("import", "open", "search", "export", "agreement", "switch", "code", "code-shown")
OPEN_CHILD = Path(__file__).with_name("profile_open.py")
Step = tuple[Callable[[], object], Callable[[], object] | None]  # (timed, untimed before it)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("figure", choices=FIGURES)
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--postgres", help="profile on this database instead of SQLite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
        target = args.postgres or str(Path(scratch) / "bench.stance")
        if args.postgres:
            wipe_benchmark_database(args.postgres)
        size = SIZES[args.size]
        if args.figure == "open":
            build_project(target, size.articles, size.coders, size.passages).close()
            return _profile_open(target, args.top)
        step = stack.enter_context(_steps(args.figure, target, size, Path(scratch), args.runs))
        profiler = Profiler(interval=0.0005)
        for _ in range(args.runs):
            timed, before = step
            if before is not None:
                before()
            profiler.start()
            timed()
            profiler.stop()
    print(summary(profiler.last_session.root_frame(), args.runs, args.top))
    return 0


@contextmanager
def _steps(figure: str, target: str, size: Size, scratch: Path, runs: int) -> Iterator[Step]:
    coder = coder_names(1)[0]
    if figure == "import":
        folder = scratch / "corpus"
        write_files(folder, size.articles)
        fresh: list[Project] = []

        def new_project() -> None:
            fresh.append(create_project(scratch / f"import-{len(fresh)}.stance"))

        yield (lambda: import_corpus(fresh[-1], [folder])), new_project
        for project in fresh:
            project.close()
        return
    if figure == "agreement":
        matrix = synthetic(size.passages)  # the array the figure with the target starts from
        yield (lambda: krippendorff_alpha(ReliabilityData(matrix), "ordinal")), None
        return
    with build_project(target, size.articles, size.coders, size.passages) as project:
        if figure == "export":
            yield partial(export, project, scratch / "export.xlsx"), None
        else:
            index_waiting(project)  # as run.py does first: else the window indexes meanwhile
            with workbench(project, coder) as window:
                actions = Actions(window, project, coder, runs)
                actions.no_typing_delay()
                yield {
                    "search": (actions.search, None),
                    "switch": (actions.switch, actions.leave),
                    "code": (actions.commit, None),
                    "code-shown": (actions.commit_and_show, None),
                }[figure]


def _profile_open(target: str, top: int) -> int:
    """Profile a fresh interpreter, imports included (see profile_open.py)."""
    command = [sys.executable, str(OPEN_CHILD), target, coder_names(1)[0], str(top)]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
