"""File › Import articles… offers every format the importer reads and takes news exports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from stancecoder.io.corpus import SUPPORTED_SUFFIXES
from stancecoder.services.articles import list_articles
from stancecoder.services.project import Project
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.transfer.import_dialog import ImportDialog
from stancecoder.ui.workbench import file_actions
from stancecoder.ui.workbench.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "io" / "news"))

from news_fixtures import WIRES, factiva_html, factiva_rtf, proquest_txt


def test_file_import_offers_news_exports_and_imports_them(
    qtbot: QtBot, ui_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ui_project, "Bob", "lead", settings)
    qtbot.addWidget(window)
    files = [
        factiva_html(tmp_path / "factiva.html", WIRES[:1]),
        factiva_rtf(tmp_path / "factiva.rtf", WIRES[1:2]),
        proquest_txt(tmp_path / "proquest.txt", WIRES[2:]),
    ]
    offered: list[str] = []

    def choose(*args: object) -> tuple[list[str], str]:
        offered.append(str(args[-1]))
        return [str(path) for path in files], ""

    monkeypatch.setattr(file_actions.QFileDialog, "getOpenFileNames", choose)
    shown: list[ImportDialog] = []

    def close_when_done() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ImportDialog) and dialog.report() is not None:
            shown.append(dialog)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()

    timer = QTimer(interval=20)
    timer.timeout.connect(close_when_done)
    timer.start()
    before = len(list_articles(ui_project))
    window.registry["import"].trigger()
    timer.stop()
    (patterns,) = offered
    assert all(f"*{suffix}" in patterns for suffix in (".html", ".htm", ".rtf", ".txt"))
    assert patterns == f"Articles ({' '.join(f'*{s}' for s in SUPPORTED_SUFFIXES)})"
    report = shown[0].report()
    assert report is not None and report.ok and report.warnings == []
    assert [export.format for export in report.exports] == [
        "Factiva (.html)",
        "Factiva (.rtf)",
        "ProQuest (.txt)",
    ]
    titles = {article.title for article in list_articles(ui_project)}
    assert len(list_articles(ui_project)) == before + 3
    assert {wire.title for wire in WIRES} <= titles
