"""File › Export › SPSS, Stata or CSV for R: the dialog writes the rows and layer chosen off the GUI
thread, lists every name and label changed, and after a refusal keeps the choices open."""

from __future__ import annotations

from pathlib import Path

import pyreadstat
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stancecoder.core.layer import Layer
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.transfer.stats_export_dialog import StatsExportDialog
from stancecoder.ui.workbench.main_window import MainWindow

CODINGS = [  # coder, phrase, codes
    ("Alice", "Vladimir Putin", {"actor": "Russia › Vladimir Putin", "topic": "Sanctions",
     "stance": "+2"}),
    ("Alice", "North Korea", {"actor": "North Korea", "topic": "Sanctions", "stance": "-1"}),
    ("Bob", "Vladimir Putin", {"actor": "Russia", "stance": "-1"}),
]  # fmt: skip


def coded(project: Project) -> Project:
    article = list_articles(project)[0].id
    text = read_article(project, article).text
    for coder, phrase, codes in CODINGS:
        start = text.index(phrase)
        add_passage(project, article, coder, start, start + len(phrase), codes)
    return project


def choose(dialog: StatsExportDialog, shape: str, layer: Layer) -> None:
    dialog.shape.setCurrentIndex(dialog.shape.findData(shape))
    layers = [dialog.layer.itemData(i) for i in range(dialog.layer.count())]
    dialog.layer.setCurrentIndex(layers.index(layer))


def test_the_dialog_writes_the_rows_and_layer_chosen_and_lists_the_renames(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    dialog = StatsExportDialog(coded(ui_project), ".dta", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.path.text() == str(tmp_path / f"{ui_project.title}.dta")
    assert not dialog.sub_codes.isEnabled()  # only rows per article count codes
    choose(dialog, "articles", Layer.of_coder("Alice"))
    assert dialog.sub_codes.isEnabled()
    dialog.path.setText(str(tmp_path / "alice"))  # the suffix is added
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    frame, _ = pyreadstat.read_dta(tmp_path / "alice.dta")
    assert list(frame["coder"]) == ["Alice"]
    assert list(frame["passages"]) == [2]
    assert list(frame["mean_stance"]) == [(2 - 1) / 2]
    assert dialog.headline.text() == f"Exported to {tmp_path / 'alice.dta'}"
    listed = dialog.changes.toPlainText().splitlines()
    assert listed[0] == f"Names and labels changed for Stata ({len(dialog.report.changes)}):"
    assert (
        "'n_topic_De-dollarization and alternative payments' is named "
        "n_topic_de_dollarization_and_alt: cut to 32 characters"
    ) in listed
    assert not dialog.shape.isEnabled()


def test_a_refusal_is_shown_and_the_choices_stay_open(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    dialog = StatsExportDialog(ui_project, ".sav", tmp_path)  # nobody has coded anything
    qtbot.addWidget(dialog)
    choose(dialog, "passages", Layer.of_coder("Bob"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.headline.text() == "The export stopped", timeout=10_000)
    assert dialog.detail.text() == "nothing to export: Bob's codings holds no coded articles"
    assert dialog.shape.isEnabled() and dialog.path.isEnabled()
    assert dialog.report is None
    assert list(tmp_path.glob("*.sav")) == []


def test_file_export_for_statistics_opens_the_dialog_for_each_program(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ui_project, "Alice", "coder", settings)
    qtbot.addWidget(window)
    opened: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, StatsExportDialog):
            opened.append(dialog.windowTitle())
            dialog.reject()

    timer = QTimer(interval=20)
    timer.timeout.connect(close_it)
    timer.start()
    for suffix in ("sav", "dta", "csv"):
        window.registry[f"export-{suffix}"].trigger()
    timer.stop()
    assert opened == ["Export for SPSS", "Export for Stata", "Export for R"]


def test_a_cancelled_export_can_be_started_again(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    dialog = StatsExportDialog(coded(ui_project), ".csv", tmp_path)
    qtbot.addWidget(dialog)
    dialog.cancel()  # before the first step: the job stops at its first progress call
    dialog.start()
    qtbot.waitUntil(lambda: dialog.headline.text() == "Export cancelled", timeout=10_000)
    assert dialog.report is None and dialog.shape.isEnabled()
    assert list(tmp_path.glob("*.csv")) == []
    dialog.start()  # the choices are open again: Export runs afresh, not cancelled at once
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.headline.text() == f"Exported to {tmp_path / f'{ui_project.title}.csv'}"
    assert (tmp_path / f"{ui_project.title}.csv").exists()
