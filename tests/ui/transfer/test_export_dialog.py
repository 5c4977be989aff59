"""Exporting from the window: the file is written off the GUI thread, Cancel leaves it alone."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project, create_project
from stancecoder.ui.transfer.export_dialog import ExportDialog


def coded(project: Project) -> Project:
    article = list_articles(project)[0]
    for start in range(0, 200, 20):
        add_passage(project, article.id, "Alice", start, start + 10, {})
    return project


def test_the_export_writes_the_workbook_and_says_what_it_wrote(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "study.xlsx"
    dialog = ExportDialog(coded(ui_project), target)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report.rows_written["Codings"] == 10
    assert "Codings 10" in dialog.detail.text()
    assert load_workbook(target)["Codings"].max_row == 11  # header and ten passages
    assert not dialog.progress.isVisible()


def test_cancel_leaves_the_file_that_was_there(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "study.xlsx"
    target.write_bytes(b"last week's export")
    dialog = ExportDialog(coded(ui_project), target)
    qtbot.addWidget(dialog)
    dialog.cancel()  # before the first row: the job stops at its first progress call
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.headline.text() == "Export cancelled", timeout=5_000)
    assert dialog.report is None
    assert target.read_bytes() == b"last week's export"
    assert "was not changed" in dialog.detail.text()
    assert not [p for p in tmp_path.iterdir() if "xlsx" in p.name and p != target]  # no temp file


def test_a_file_that_cannot_be_written_is_reported_not_raised(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    dialog = ExportDialog(coded(ui_project), tmp_path / "missing folder" / "study.xlsx")
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.headline.text() == "The export stopped", timeout=10_000)
    assert "missing folder" in dialog.detail.text()


def test_the_project_file_is_refused_as_the_target_and_stays_a_project(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # A project named like a workbook (made before init refused such names) exported onto
    # its own name from the window.
    from stancecoder.services.check import check_project
    from stancecoder.services.project import open_project

    legacy = tmp_path / "study.stance"
    create_project(legacy).close()
    target = legacy.rename(tmp_path / "study.xlsx")
    before = target.read_bytes()
    project = open_project(target)
    dialog = ExportDialog(project, target)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.headline.text() == "The export stopped", timeout=10_000)
    assert "it is the project itself" in dialog.detail.text()
    project.close()
    assert target.read_bytes() == before
    with open_project(target) as reopened:
        assert check_project(reopened) == []


def test_a_workbook_may_add_the_history_sheet(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "study.xlsx"
    dialog = ExportDialog(coded(ui_project), target)
    qtbot.addWidget(dialog)
    dialog.begin()
    dialog.show()
    assert dialog.history.isVisible() and not dialog.is_running()
    dialog.history.setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    sheet = load_workbook(target)["History"]
    actions = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert actions.count("passage added") == 10
    assert dialog.report.rows_written["History"] == len(actions)
    assert "History" in dialog.detail.text()


def test_a_csv_export_starts_at_once_without_the_choice(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    dialog = ExportDialog(coded(ui_project), tmp_path / "study.csv")
    qtbot.addWidget(dialog)
    dialog.begin()
    dialog.show()
    assert not dialog.history.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert list(dialog.report.rows_written) == ["Codings"]


def test_a_workbook_holds_the_layer_chosen(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    target = tmp_path / "study.xlsx"
    article = list_articles(ui_project)[0]
    add_passage(ui_project, article.id, "Bob", 0, 10, {})
    dialog = ExportDialog(coded(ui_project), target)
    qtbot.addWidget(dialog)
    dialog.begin()
    dialog.show()
    choices = [dialog.layer.itemText(i) for i in range(dialog.layer.count())]
    assert choices == ["Codings of: each coder separately", "Codings of: Alice's codings",
                       "Codings of: Bob's codings"]  # fmt: skip
    dialog.layer.setCurrentIndex(2)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    coders = [row[4] for row in load_workbook(target)["Codings"].iter_rows(min_row=2,
              values_only=True)]  # fmt: skip
    assert coders == ["Bob"]
