"""Workbench speed, offscreen, on a generated project: searching the article list,
switching to an article with 50 passages highlighted, and creating a coding from a
selection.

    python bench/bench_workbench.py [--articles 1000] [--passages 10000] [--samples 60]
                                    [--postgres URL]

`bench/run.py` measures the same on the full-size project together with everything else.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from measure import Figure, measured, table, timed
from postgres import PG_LABEL, wipe_benchmark_database
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from synthetic import build_project, coder_names
from synthetic_codings import HEAVY_SHARE

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.commands import CreatePassage
from stancecoder.services.project import Project
from stancecoder.ui.common.application import application
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.common.theme import apply_theme
from stancecoder.ui.workbench.main_window import MainWindow

SPAN = 30
SEARCHES = ("treaty", "ushakov", "rail links", "조약", "взаиморасчётов", "no such word")
"""Words in many articles, in few, in no article; two words; Korean; Cyrillic."""


def heavy_articles(project: Project) -> list[int]:
    """The articles the generator gave exactly HEAVY_SHARE passages (one in a hundred)."""
    return [row.id for row in list_articles(project) if row.passages == HEAVY_SHARE]


def first_topic(project: Project) -> int:
    """The code the timed codings are given: the topic variable's first."""
    return codebook_view(project).passage_variables()[1].codes[0].id


@contextmanager
def workbench(project: Project, coder: str) -> Iterator[MainWindow]:
    """The main window on `project`, shown at the usual size, with throwaway settings."""
    app = application()
    apply_theme(app)
    with tempfile.TemporaryDirectory() as folder:
        ini = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        window = MainWindow(project, coder, settings=AppSettings(ini))
        window.resize(1440, 880)
        window.show()
        app.processEvents()
        try:
            yield window
        finally:
            window.close()
            app.processEvents()


class Actions:
    """What the figures time, on an open window (`bench/profile_figure.py` profiles the same)."""

    def __init__(self, window: MainWindow, project: Project, coder: str, samples: int):
        self.window, self.project, self.coder = window, project, coder
        self.heavy = heavy_articles(project)
        if not self.heavy:
            raise RuntimeError(f"no article with {HEAVY_SHARE} passages: the project is too small")
        self.turn = self.search_turn = 0
        text = read_article(project, self.heavy[0]).text
        step = max(1, (len(text) - SPAN) // (2 * samples + 2))
        self.starts = itertools.cycle(range(0, len(text) - SPAN, step))
        self.topic = first_topic(project)

    def search(self) -> None:
        """Type words into the article list's search box and wait for the list to show the
        articles holding them (the typing delay set to 0 beforehand, see `no_typing_delay`)."""
        self.search_turn += 1
        panel = self.window.articles
        panel.search.setText(SEARCHES[self.search_turn % len(SEARCHES)])
        while _waiting(panel):
            QApplication.processEvents()
        panel.table.viewport().repaint()

    def no_typing_delay(self) -> None:
        """The list waits for a pause in typing before it searches: make that pause 0, so
        that only the search itself is timed. The timers are the ones typing starts."""
        panel = self.window.articles
        panel.search.setText("x")
        for timer in _waiting(panel):
            timer.setInterval(0)
        self.clear_search()

    def clear_search(self) -> None:
        self.window.articles.search.clear()
        while _waiting(self.window.articles):
            QApplication.processEvents()

    def leave(self) -> None:
        """Not timed: show an article without 50 passages, so that a switch starts there."""
        self.window.show_article(self.heavy[0] + 1)

    def switch(self) -> None:
        self.turn += 1
        self.window.show_article(self.heavy[self.turn % len(self.heavy)])
        self.window.reader.viewport().repaint()

    def commit(self) -> None:
        start = next(self.starts)
        codes = {"topic": [self.topic]}
        CreatePassage(self.heavy[0], self.coder, start, start + SPAN, codes).apply(self.project)

    def commit_and_show(self) -> None:
        """Select, choose a topic and press Enter in the window on the first heavy article."""
        if self.window.article is None or self.window.article.id != self.heavy[0]:
            self.window.show_article(self.heavy[0])
        start = next(self.starts)
        self.window.reader.select_span(start, start + SPAN)
        self.window.panel.choose_code(self.topic)
        self.window.commands.save_coding()


def workbench_figures(project: Project, coder: str, samples: int, label: str = "") -> list[Figure]:
    """Switch, commit, and commit + show; codings are added to the first heavy article."""
    with workbench(project, coder) as window:
        actions = Actions(window, project, coder, samples)
        switch_name = f"switch article (text + 50 passages highlighted){label}"
        switch = Figure(switch_name, "ms", p95_limit=16)
        for _ in range(samples):
            actions.leave()
            switch.samples += timed(actions.switch, 1, "ms")
        committed = Figure(f"create a coding from a selection, committed{label}", "ms", limit=15)
        shown = Figure(  # a frame at 60 Hz, p95 two
            f"  the same, committed + shown in the window{label}", "ms", limit=16, p95_limit=33
        )
        return [
            switch,
            measured(committed, actions.commit, samples),
            measured(shown, actions.commit_and_show, samples),
        ]


def _waiting(widget: QWidget) -> list[QTimer]:
    """The widget's single-shot timers still to fire: work it put off."""
    return [t for t in widget.findChildren(QTimer) if t.isSingleShot() and t.isActive()]


def search_figure(project: Project, coder: str, samples: int) -> Figure:
    """Full-text search as the coder does it, in the article list of the window."""
    with workbench(project, coder) as window:
        actions = Actions(window, project, coder, samples)
        actions.no_typing_delay()
        shown = window.articles.model.rowCount()
        figure = Figure(f"full-text search over {shown:,} articles", "ms", limit=100)
        measured(figure, actions.search, samples)
        actions.clear_search()
    return figure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL database (see run.py)")
    args = parser.parse_args()
    coder = coder_names(1)[0]
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        targets = [(Path(folder) / "bench.stance", "")]
        if args.postgres:
            wipe_benchmark_database(args.postgres)
            targets.append((args.postgres, PG_LABEL))
        for target, label in targets:
            with build_project(target, args.articles, 3, args.passages) as project:
                if not label:
                    figures.append(search_figure(project, coder, args.samples))
                figures += workbench_figures(project, coder, args.samples, label)
    print(table(figures, judge=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
