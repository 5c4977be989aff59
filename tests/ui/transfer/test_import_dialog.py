"""Importing in the background: progress, Cancel, the summary, and the worker beneath."""

from __future__ import annotations

import resource
import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from stancecoder.core.errors import ProjectError
from stancecoder.services.articles import list_articles
from stancecoder.services.corpus import ImportReport
from stancecoder.services.project import Project
from stancecoder.ui.common.worker import Progress, run_in_thread
from stancecoder.ui.transfer.import_dialog import ImportDialog

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "io" / "news"))

from news_fixtures import (  # noqa: E402
    PDF_PAGES,
    STORIES,
    WIRES,
    factiva_html,
    media_cloud_csv,
    nexis_uni_docx,
    pdf_article,
    proquest_txt,
    scanned_pdf,
    web_page,
)


def articles_folder(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02}.txt").write_text(f"Article {n}: the treaty and sanctions.\n", "utf-8")
    return folder


def visible_rows(dialog: ImportDialog) -> list[tuple[str, str]]:
    tree = dialog.details
    return [
        (tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    ]


def started(qtbot, project: Project, folder: Path) -> ImportDialog:
    """The dialog shown and importing `folder`."""
    dialog = ImportDialog(project, [folder])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    return dialog


def finished(qtbot, dialog: ImportDialog) -> ImportReport:
    with qtbot.waitSignal(dialog.importFinished, timeout=20000) as done:
        dialog.start()
    return done.args[0]


def test_a_folder_with_a_bad_file_shows_it_failed_and_why(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    folder = articles_folder(tmp_path / "corpus", 3)
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 4)
    dialog = ImportDialog(ui_project, [folder])
    qtbot.addWidget(dialog)
    dialog.show()
    report = finished(qtbot, dialog)
    assert len(report.imported) == 3
    assert [name for name, _ in report.failed] == ["broken.txt"]
    assert "1 failed" in dialog.current.text()
    assert "3 imported" in dialog.current.text()
    assert dialog.headline.text() == "3 articles imported; some files could not be read"
    [(name, reason)] = visible_rows(dialog)
    assert name == "broken.txt"
    assert reason == report.failed[0][1]
    assert reason == "not a text file (binary data)"
    assert dialog.details.isVisible()
    assert not dialog.progress.isVisible()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.hasFocus()
    assert len(list_articles(ui_project)) == 2 + 3
    qtbot.keyClick(close, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert dialog.report() is report


def test_a_news_export_shows_its_count_and_warnings(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    path = nexis_uni_docx(tmp_path / "nexis.docx", STORIES, truncated=True)
    dialog = ImportDialog(ui_project, [path])
    qtbot.addWidget(dialog)
    dialog.show()
    report = finished(qtbot, dialog)
    assert len(report.imported) == 2
    assert dialog.headline.text() == "2 articles imported; see the warnings below"
    assert dialog.current.text().endswith("0 failed · 2 warnings")
    assert visible_rows(dialog) == [
        (
            "nexis.docx",
            "article 3 (Shop owners fear parking squeeze) has no 'End of Document': the export "
            "seems cut off there; not imported",
        ),
        ("nexis.docx", "2 articles read, but the export counts 3 (LADocCount 3)"),
        ("nexis.docx", "Nexis Uni (.docx): 2 articles found, the export counts 3"),
    ]
    assert dialog.details.isVisible()


def test_duplicates_are_listed_as_skipped(qtbot, ui_project: Project) -> None:
    dialog = ImportDialog(ui_project, [SEEDS])
    qtbot.addWidget(dialog)
    dialog.show()
    report = finished(qtbot, dialog)
    assert report.imported == []
    assert len(report.skipped) == 2
    rows = visible_rows(dialog)
    assert [name for name, _ in rows] == [origin for origin, _ in report.skipped]
    assert all(reason.startswith("skipped: same text as article") for _, reason in rows)
    assert dialog.headline.text() == "0 articles imported"


def test_nothing_to_import_says_which_files_are_read(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    dialog = ImportDialog(ui_project, [tmp_path / "empty"])
    qtbot.addWidget(dialog)
    finished(qtbot, dialog)
    assert dialog.headline.text().startswith("Nothing to import: no .txt, .md, .docx")
    assert visible_rows(dialog) == []


def test_cancel_stops_a_long_import_between_files(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    folder = articles_folder(tmp_path / "thirty", 30)
    dialog = ImportDialog(ui_project, [folder])
    qtbot.addWidget(dialog)
    dialog.show()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.importFinished, timeout=20000) as done:
        dialog.start()
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # Cancel first stops the import; the summary stays up
    report = done.args[0]
    assert report.cancelled
    assert len(report.imported) < 30
    assert len(list_articles(ui_project)) == 2 + len(report.imported)  # no file half in
    assert dialog.headline.text().startswith("Import cancelled")
    assert not dialog.is_running()


def test_closing_while_importing_joins_the_thread(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    folder = articles_folder(tmp_path / "thirty", 30)
    dialog = started(qtbot, ui_project, folder)
    dialog.close()
    assert not dialog.is_running()
    assert not dialog.isVisible()


def test_run_import_blocks_until_closed_and_returns_the_report(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    folder = articles_folder(tmp_path / "two", 2)

    def close_when_done() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog) and dialog.report() is not None:
            dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()

    timer = QTimer(interval=20)
    timer.timeout.connect(close_when_done)
    timer.start()
    report = ImportDialog.run_import(ui_project, [folder])
    timer.stop()
    assert report is not None
    assert len(report.imported) == 2
    assert len(list_articles(ui_project)) == 4


def test_a_bug_in_the_import_is_shown_and_reaches_the_error_handler(qtbot) -> None:
    broken = Project(store=None)  # type: ignore[arg-type]
    dialog = ImportDialog(broken, [SEEDS])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.captureExceptions() as raised:
        dialog.start()
        qtbot.waitUntil(lambda: dialog.headline.text() == "The import stopped", timeout=5000)
    assert [type(error) for _, error, _ in raised] == [AttributeError]
    assert "'NoneType' object has no attribute" in dialog.current.text()
    assert dialog.report() is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None


def test_an_import_dialog_runs_one_import(qtbot, ui_project: Project, tmp_path: Path) -> None:
    dialog = ImportDialog(ui_project, [articles_folder(tmp_path / "one", 1)])
    qtbot.addWidget(dialog)
    finished(qtbot, dialog)
    with pytest.raises(RuntimeError, match="one import"):
        dialog.start()


# ---- the worker ----------------------------------------------------------------------


def test_worker_delivers_progress_and_result_on_the_gui_thread(qtbot) -> None:
    gui = threading.get_ident()
    seen: list[tuple[int, int, str, bool]] = []

    def job(progress: Progress) -> str:
        for n in range(3):
            progress(n, 3, f"file {n}")
        return f"ran in another thread: {threading.get_ident() != gui}"

    def on_progress(done: int, total: int, name: str) -> None:
        seen.append((done, total, name, threading.get_ident() == gui))

    results: list[object] = []
    worker = run_in_thread(job, on_result=results.append, on_progress=on_progress)
    qtbot.waitUntil(lambda: results != [], timeout=5000)
    worker.wait()
    assert results == ["ran in another thread: True"]
    assert seen == [(0, 3, "file 0", True), (1, 3, "file 1", True), (2, 3, "file 2", True)]


def test_worker_cancel_makes_progress_return_false(qtbot) -> None:
    started = threading.Event()

    def job(progress: Progress) -> int:
        calls = 0
        while progress(calls, 0, ""):
            calls += 1
            started.set()
        return calls

    results: list[int] = []
    worker = run_in_thread(job, on_result=results.append)
    assert started.wait(5)
    worker.stop()
    assert worker.cancelled
    assert worker.isFinished()
    qtbot.waitUntil(lambda: results != [], timeout=5000)
    assert results[0] >= 1


def test_worker_reports_the_exception_with_its_message(qtbot) -> None:
    def job(progress: Progress) -> None:
        raise ProjectError("the project database is locked")

    errors: list[BaseException] = []
    worker = run_in_thread(job, on_error=errors.append)
    qtbot.waitUntil(lambda: errors != [], timeout=5000)
    worker.wait()
    assert isinstance(errors[0], ProjectError)
    assert str(errors[0]) == "the project database is locked"


def test_import_dialog_screenshot(
    qtbot,
    ui_project: Project,
    tmp_path: Path,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
) -> None:
    folder = articles_folder(tmp_path / "corpus", 4)
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "copy of seed.txt").write_text((SEEDS / "000_86a7881312a3fa15.txt").read_text())
    with themed():
        dialog = ImportDialog(ui_project, [folder])
        qtbot.addWidget(dialog)
        dialog.resize(640, 360)
        dialog.show()
        finished(qtbot, dialog)
        qtbot.wait(50)  # the summary's layout settles
        assert dialog.grab().save(str(shots / "import_dialog.png"))


def test_esc_after_the_last_file_keeps_the_report_on_its_way(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    folder = articles_folder(tmp_path / "two", 2)
    dialog = started(qtbot, ui_project, folder)
    while dialog.is_running():  # no events processed: the report stays queued
        time.sleep(0.01)
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.report() is not None)
    assert dialog.isVisible()
    assert len(dialog.report().imported) == 2


def test_hostile_files_are_listed_with_the_reasons_the_command_prints(
    qtbot, ui_project: Project, tmp_path: Path, hostile_files
) -> None:
    folder = articles_folder(tmp_path / "corpus", 2)
    expected = hostile_files(folder)
    (folder / "\x1b[2Jnews.txt").write_bytes(bytes(range(256)) * 4)
    dialog = ImportDialog(ui_project, [folder])
    qtbot.addWidget(dialog)
    report = finished(qtbot, dialog)
    assert len(report.imported) == 2
    assert visible_rows(dialog) == report.failed
    shown = dict(visible_rows(dialog))
    assert shown.pop("\\x1b[2Jnews.txt") == "not a text file (binary data)"
    assert {name: reason for name, reason in shown.items() if expected[name] in reason} == shown
    assert dialog.headline.text() == "2 articles imported; some files could not be read"


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE as a full disk")
def test_a_full_disk_stops_the_import_and_says_so(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    """The file-size limit of this very process makes the project's writes fail with
    EFBIG, as a full disk does; the worker thread meets it like the command would."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for n in range(100):
        (folder / f"{n:03}.txt").write_text(f"Article {n}. " + "word " * 600, "utf-8")
    files = [Path(ui_project.location), Path(f"{ui_project.location}-wal")]
    limit = max(path.stat().st_size for path in files if path.exists()) + 60_000
    dialog = ImportDialog(ui_project, [folder])
    qtbot.addWidget(dialog)
    previous = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, previous[1]))
    try:
        report = finished(qtbot, dialog)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, previous)
    assert report.stopped is not None
    stored = len(report.imported)
    assert 0 < stored < 100
    assert len(list_articles(ui_project)) == 2 + stored
    [(name, reason)] = visible_rows(dialog)
    assert name == report.stopped[0] == f"{stored:03}.txt"
    assert reason.startswith("stopped here: the project cannot be written just now")
    assert dialog.headline.text() == (
        f"Import stopped: the project takes no more — {stored} articles imported before"
    )


def test_a_summary_with_failures_shows_them_in_rows_that_can_be_read(
    qtbot, ui_project: Project, tmp_path: Path, shots: Path
) -> None:
    """Opened at its own size, as the window opens it: the list of files that did not
    come in gets room for several rows instead of being squeezed under the headline."""
    folder = articles_folder(tmp_path / "corpus", 2)
    for n in range(4):
        (folder / f"scan {n}.txt").write_bytes(bytes(range(256)) * 4)
    dialog = ImportDialog(ui_project, [folder])
    qtbot.addWidget(dialog)
    dialog.show()
    finished(qtbot, dialog)
    qtbot.wait(50)
    tree = dialog.details
    row = tree.visualItemRect(tree.topLevelItem(0)).height()
    assert row > 0
    shown = tree.viewport().height() // row
    assert shown >= 4, f"{shown} rows of 4 shown"
    assert dialog.grab().save(str(shots / "import_dialog_failures.png"))


def test_factiva_and_proquest_exports_show_their_counts_and_warnings(
    qtbot, ui_project: Project, tmp_path: Path
) -> None:
    page = factiva_html(tmp_path / "factiva.html", WIRES, truncated=True)
    listing = proquest_txt(tmp_path / "proquest.txt", WIRES[2:])
    dialog = ImportDialog(ui_project, [page, listing])
    qtbot.addWidget(dialog)
    dialog.show()
    report = finished(qtbot, dialog)
    assert len(report.imported) == 3
    assert dialog.headline.text() == "3 articles imported; see the warnings below"
    assert visible_rows(dialog) == [
        (
            "factiva.html",
            "article 3 (Shop owners fear parking squeeze) has no 'Document <accession number>' "
            "line at its end: the export seems cut off there; not imported",
        ),
        ("factiva.html", "Factiva (.html): 2 articles found, the export counts 2"),
        ("proquest.txt", "ProQuest (.txt): 1 article found, the export counts 1"),
    ]


def test_web_pages_pdfs_and_a_list_without_text_show_what_came_in_and_why_not(
    qtbot, ui_project: Project, tmp_path: Path, shots: Path
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    web_page(folder / "page.html", STORIES[0])
    pdf_article(folder / "report.pdf", PDF_PAGES, title="Bike lanes")
    scanned_pdf(folder / "scan.pdf")
    media_cloud_csv(folder / "stories.csv", STORIES)
    dialog = ImportDialog(ui_project, [folder])
    qtbot.addWidget(dialog)
    dialog.resize(900, 420)
    dialog.show()
    report = finished(qtbot, dialog)
    assert len(report.imported) == 2
    rows = visible_rows(dialog)
    assert (
        "scan.pdf",
        "no text layer: it is a scan; run OCR first (e.g. ocrmypdf) and import the result",
    ) in rows
    assert (
        "stories.csv",
        "a Media Cloud list holds no article text (only titles and links); fetch the pages, "
        "save them as .html and import those",
    ) in rows
    assert ("page.html", "web page (.html): 1 article found") in rows
    assert ("report.pdf", "PDF (.pdf): 1 article found") in rows
    titles = {article.title for article in list_articles(ui_project)}
    assert {STORIES[0].title, "Bike lanes"} <= titles
    assert dialog.grab().save(str(shots / "import_dialog_web_pdf.png"))
