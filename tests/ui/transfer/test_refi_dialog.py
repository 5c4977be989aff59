"""REFI-QDA from the window: the export off the GUI thread, the import's groups shown
with their guessed variables, changed by the lead, and a cancelled import writing nothing."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project, create_project
from stancecoder.services.refi.importing import preview_refi_import
from stancecoder.ui.transfer.refi_dialog import RefiDialog


def exported(project: Project, qtbot: QtBot, path: Path) -> Path:
    article = list_articles(project)[0]
    add_passage(project, article.id, "Alice", 0, 10, {"actor": "Russia", "stance": "+1"})
    dialog = RefiDialog.exporting(project, path)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.headline.text().startswith(f"wrote {path}: 2 sources, 1 selection")
    return path


def test_the_lead_confirms_the_groups_and_the_import_follows(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    path = exported(ui_project, qtbot, tmp_path / "study.qdpx")
    with create_project(tmp_path / "new.stance") as new:
        dialog = RefiDialog.importing(new, path, preview_refi_import(new, path))
        qtbot.addWidget(dialog)
        assert dialog.chosen() == {
            "actor": "actor",
            "topic": "topic",
            "stance": "stance",
            "genre": "genre",
        }
        stance = dialog.combos["stance"]
        stance.setCurrentIndex(stance.findText("left out"))
        with qtbot.waitSignal(dialog.completed, timeout=10_000) as done:
            dialog.start()
        report = done.args[0]
        assert report.passages == 1 and report.left_out == {"codings of groups left out": 1}
        assert "group stance → left out" in dialog.detail.toPlainText()
        assert len(list_articles(new)) == 2


def test_a_cancelled_import_writes_nothing(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    path = exported(ui_project, qtbot, tmp_path / "study.qdpx")
    with create_project(tmp_path / "new.stance") as new:
        dialog = RefiDialog.importing(new, path, preview_refi_import(new, path))
        qtbot.addWidget(dialog)
        dialog.cancel()  # before the first source: the job stops at its first progress call
        dialog.start()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
        assert dialog.headline.text() == "study.qdpx: import cancelled, nothing was written"
        assert list_articles(new) == []
