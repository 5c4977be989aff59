"""Qt runs headless in every ui test; the platform must be chosen before Qt is imported.

The helpers shared by the ui tests live here as fixtures, because test modules run under
`--import-mode=importlib` and so cannot import this module.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stancecoder.core.codebook_view import CodebookView
from stancecoder.services.articles import list_articles
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project
from stancecoder.ui.common.application import paint_on_one_thread
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.common.theme import apply_theme
from stancecoder.ui.workbench.main_window import MainWindow

paint_on_one_thread()  # as the app does, before pytest-qt makes the QApplication

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seeds_alice_and_bob(project: Project) -> None:
    import_corpus(project, [SEEDS])
    add_coder(project, "Alice")
    add_coder(project, "Bob")


@pytest.fixture
def ui_project(tmp_path: Path, project_templates) -> Iterator[Project]:
    """A SQLite project with the two seed articles and the coders Alice and Bob (a copy of
    one made once per test process: see `ProjectTemplates` in the root conftest)."""
    project = project_templates.new(tmp_path / "ui.stance", _seeds_alice_and_bob)
    yield project
    project.close()


@pytest.fixture
def codebook(ui_project: Project) -> CodebookView:
    return codebook_view(ui_project)


@pytest.fixture
def code_id(codebook: CodebookView) -> Callable[..., int]:
    """Looks a code up by its labels, so tests need not know the ids the database gave."""

    def lookup(variable: str, label: str, book: CodebookView = codebook) -> int:
        codes = (c for v in book.variables for c in v.codes)
        return next(c.id for c in codes if (c.variable, c.label) == (variable, label))

    return lookup


@pytest.fixture
def themed(qapp: QApplication) -> Callable[..., AbstractContextManager[None]]:
    """The app's look for a screenshot, put back afterwards for the other tests."""

    @contextmanager
    def look(dark: bool = False) -> Iterator[None]:
        palette, sheet = qapp.palette(), qapp.styleSheet()
        _earlier_windows_gone(qapp)
        apply_theme(qapp, dark)
        try:
            yield
        finally:
            _earlier_windows_gone(qapp)
            qapp.setPalette(palette)
            qapp.setStyleSheet(sheet)

    return look


def _earlier_windows_gone(app: QApplication) -> None:
    """A palette change reaches every widget alive, those earlier tests closed too: their
    deletion waits for a turn of the event loop, or for Python's cycle collector, and a
    half torn-down window that hears the change can crash Qt. Both are done first, here on
    the GUI thread."""
    gc.collect()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: STANCECODER_SHOTS keeps them to look at, else a temp folder."""
    if folder := os.environ.get("STANCECODER_SHOTS"):
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("shots")


@pytest.fixture
def coding_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[[Project], MainWindow]]:
    """Opens the workbench on a project as the lead Alice (or whoever is named), shown, on
    its first article, with its complaints collected in `window.complaints` instead of
    message boxes."""
    windows: list[MainWindow] = []

    def open_window(project: Project, coder: str = "Alice", role: str = "lead") -> MainWindow:
        settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(project, coder, role=role, settings=settings)
        window.complaints = []  # type: ignore[attr-defined]
        window.complain = window.complaints.append  # type: ignore[attr-defined, method-assign]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.articles.select_article(list_articles(project)[0].id)
        windows.append(window)
        return window

    yield open_window
    for window in windows:
        window.close()
