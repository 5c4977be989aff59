"""Workbench speed: switching articles and creating a coding, offscreen, on real projects.

    python bench/bench_workbench.py [--runs 60] [--postgres URL]

Prints one table row per figure: median, p95 and the target from the issue.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.commands import CreatePassage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project
from stancecoder.ui.main_window import MainWindow
from stancecoder.ui.settings import AppSettings

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PASSAGES_PER_ARTICLE = 50


def coded_project(target: str | Path) -> Project:
    """The seed articles, each with 50 passages by one coder, overlapping like real work."""
    project = create_project(target)
    import_corpus(project, [SEEDS])
    add_coder(project, "Alice")
    book = codebook_view(project)
    actors = [c.id for c in book.passage_variables()[0].codes]
    topics = [c.id for c in book.passage_variables()[1].codes]
    for row in list_articles(project):
        text = read_article(project, row.id).text
        step = len(text) // PASSAGES_PER_ARTICLE
        for n in range(PASSAGES_PER_ARTICLE):
            start = n * step
            codes = {"actor": [actors[n % len(actors)]], "topic": [topics[n % len(topics)]]}
            end = min(len(text), start + step + step // 2)
            add_passage(project, row.id, "Alice", start, end, codes)
    return project


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def measure(project: Project, runs: int) -> dict[str, list[float]]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        from PySide6.QtCore import QSettings

        settings = AppSettings(
            QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        )
        window = MainWindow(project, "Alice", settings=settings)
        window.resize(1440, 880)
        window.show()
        app.processEvents()
        ids = [row.id for row in list_articles(project)]
        turn = iter(range(10**9))

        def switch() -> None:
            window.show_article(ids[next(turn) % len(ids)])
            window.reader.viewport().repaint()

        switching = timed(switch, runs)
        window.show_article(ids[0])
        text = read_article(project, ids[0]).text
        spans = iter(range(0, len(text) - 40, max(1, (len(text) - 40) // (2 * runs + 2))))
        topic = codebook_view(project).passage_variables()[1].codes[0].id

        def code() -> None:
            start = next(spans)
            window.reader.select_span(start, start + 30)
            window.panel.choose_code(topic)
            window.save_coding()

        shown = timed(code, runs)

        def commit() -> None:
            start = next(spans)
            CreatePassage(ids[0], "Alice", start, start + 30, {"topic": [topic]}).apply(project)

        committed = timed(commit, runs)
        window.close()
    return {
        "switch article (50 passages), ms": switching,
        "create coding, committed, ms": committed,
        "create coding, committed + shown, ms": shown,
    }


TARGETS = {
    "switch article (50 passages), ms": 25.0,
    "create coding, committed, ms": 15.0,
    "create coding, committed + shown, ms": 15.0,
}


def report(label: str, figures: dict[str, list[float]]) -> None:
    print(f"\n{label}")
    print(f"{'figure':<40} {'median':>8} {'p95':>8} {'target':>8}")
    for name, samples in figures.items():
        p95 = statistics.quantiles(samples, n=20)[-1]
        print(f"{name:<40} {statistics.median(samples):8.2f} {p95:8.2f} {TARGETS[name]:8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--postgres", help="also measure on this (empty) PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = coded_project(Path(folder) / "bench.stance")
        report("SQLite", measure(project, args.runs))
        project.close()
    if args.postgres:
        project = coded_project(args.postgres)
        report("PostgreSQL", measure(project, args.runs))
        project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
