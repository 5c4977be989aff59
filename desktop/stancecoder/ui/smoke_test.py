"""`stancecoder --smoke-test`: proof that an installed copy works beyond the source tree.

A wheel or a bundle can lack a module, a Qt plugin, the migrations or the seed articles
and still start; this walks the path every user takes once, in a temporary folder that
is removed afterwards: a fresh sample project, the window on it (offscreen unless a
platform is chosen), one passage coded with a code's own shortcut action, the workbook
exported and read back.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.export import export
from stancecoder.services.project import Project, open_project
from stancecoder.services.sample_project import write_sample_project
from stancecoder.ui.common.x11_libraries import missing_x11_libraries, x11_advice

CODER = "Smoke test"


def run_smoke_test() -> int:
    """Exit status 0 with one line saying what was done; a failure raises with the step."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if missing := missing_x11_libraries():
        raise StanceCoderError(x11_advice(missing))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stancecoder-smoke-") as folder:
        path = Path(folder) / "sample.stance"
        write_sample_project(path)
        with open_project(path) as project:
            add_coder(project, CODER)
            quote = _code_one_passage(project, Path(folder))
            workbook = Path(folder) / "export.xlsx"
            export(project, workbook)
        if quote not in _exported_quotes(workbook):
            raise StanceCoderError(f"smoke test failed: the export lacks the passage {quote!r}")
    seconds = time.perf_counter() - started
    print(
        f"smoke test passed: coded {quote!r} in the sample project, exported and read it back "
        f"({seconds:.1f} s)"
    )
    return 0


def _code_one_passage(project: Project, folder: Path) -> str:
    from PySide6.QtCore import QSettings, qInstallMessageHandler
    from PySide6.QtGui import QKeySequence

    from stancecoder.ui.common.application import application
    from stancecoder.ui.common.settings import AppSettings
    from stancecoder.ui.common.theme import apply_theme
    from stancecoder.ui.workbench.main_window import MainWindow

    qInstallMessageHandler(_without_offscreen_notice)
    app = application()
    apply_theme(app)
    settings = AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(project, CODER, settings=settings)
    try:
        window.show()
        app.processEvents()
        window.articles.select_article(list_articles(project)[0].id)
        if window.article is None:
            raise StanceCoderError("smoke test failed: the window shows no article")
        word = re.search(r"\w+", window.article.text)
        if word is None:
            raise StanceCoderError("smoke test failed: the first article has no words")
        quote = word.group()
        window.reader.select_span(word.start(), word.end())
        code = next(c for v in window.codebook.passage_variables() for c in v.codes if c.shortcut)
        key = QKeySequence(code.shortcut)
        action = next(a for a in window.reader.actions() if a.shortcut() == key)
        action.trigger()
        window.commands.save_coding()
        app.processEvents()
        saved = [p.quote for p in window.passages]
        if saved != [quote]:
            raise StanceCoderError(f"smoke test failed: coding {quote!r} saved {saved!r}")
        return quote
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def _without_offscreen_notice(_mode: object, _context: object, message: str) -> None:
    """Qt's messages as Qt prints them, but for the offscreen platform's note that it
    cannot size windows for a screen it does not have."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _exported_quotes(workbook: Path) -> set[str]:
    from openpyxl import load_workbook

    book = load_workbook(workbook, read_only=True)
    try:
        return {str(cell) for sheet in book for row in sheet.values for cell in row}
    finally:
        book.close()
