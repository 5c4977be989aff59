"""The menus and the F1 sheet as the lead and a coder see them, item by item and in order:
both are generated from the window's action registry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from stancecoder.services.project import Project
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench.launcher import Launcher
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.shortcut_sheet import ShortcutSheet, shortcut_table

Items = list[tuple[str, str]]  # (text, keys) of each item

FILE_OPENING: Items = [
    ("&New project…", "Ctrl+N"),
    ("&Open project…", "Ctrl+O"),
    ("Open the &sample project", ""),
]
# a submenu's entry has no keys; what it holds is in FILE_SUBMENUS
FILE: Items = [
    ("&Import articles…", "Ctrl+I"),
    ("&Export to Excel…", "Ctrl+E"),
    ("Expor&t", ""),
    ("&Quit", ""),
]
FILE_LEAD: Items = [
    FILE[0],
    ("Imp&ort", ""),
    *FILE[1:3],
    ("&Package for a coder…", ""),
    ("&Merge coder files…", ""),
    *FILE[3:],
]
STATISTICS: Items = [("&SPSS (.sav)…", ""), ("S&tata (.dta)…", ""), ("CSV for &R…", "")]
FILE_SUBMENUS = {
    "Imp&ort": [("&REFI-QDA project or codebook…", "")],
    "Expor&t": [("REFI-QDA &project…", ""), ("REFI-QDA &codebook…", ""), *STATISTICS],
}
EDIT: Items = [("Undo", "Ctrl+Z"), ("Redo", "Ctrl+Shift+Z, Ctrl+Y")]
CODE: Items = [
    ("&Save coding", "Return, Enter"),
    ("Cancel coding", "Esc"),
    ("Set passage to &selection", "Ctrl+B"),
    ("Ne&xt passage", "Alt+Down"),
    ("Pre&vious passage", "Alt+Up"),
    ("&Delete passage", "Del"),
    ("Passage &history…", "Ctrl+Shift+H"),
    ("Mark article &done, go to next", "Ctrl+D"),
    ("&Next article", "Ctrl+Down"),
    ("&Previous article", "Ctrl+Up"),
    ("Next &uncoded article", "Ctrl+Shift+Down"),
]
CODE_LEAD: Items = [
    ("Edit &codebook…", "Ctrl+K"),
    ("Ad&judicate article…", "Ctrl+J"),
    ("Edit as &lead…", ""),
    ("A&greement report…", "Ctrl+R"),
    ("Samples and &assignments…", "Ctrl+Shift+A"),
    ("Copies of one stor&y…", ""),
]
VIEW: Items = [
    ("&Find articles", "Ctrl+F"),
    ("Fin&d in article", "Ctrl+Shift+F"),
    ("Find ne&xt", "F3"),
    ("Find pre&vious", "Shift+F3"),
    ("Retrieve &passages…", "Ctrl+Shift+P"),
    ("C&harts…", "Ctrl+Shift+G"),
    ("Cross&tabs and co-occurrence…", "Ctrl+Shift+T"),
    ("Stance net&works…", "Ctrl+Shift+N"),
    ("S&nap selection to whole words", ""),
    ("Zoom &in", "Ctrl++, Ctrl+="),
    ("Zoom &out", "Ctrl+-"),
    ("&Actual size", "Ctrl+0"),
    ("&Refresh", "F5"),
    ("&Theme", ""),
]
THEME: Items = [("As the &system", ""), ("&Light", ""), ("&Dark", "")]
VIEW_LEAD: Items = [("&Blind mode (coders see only their own)", "")]
VIEW_COLOURS: Items = [("", ""), ("&Colour passages by", "")]  # after a separator, a submenu
HELP: Items = [("&Keyboard shortcuts", "F1, ?")]


def menus(window: MainWindow) -> dict[str, Items]:
    listed = {}
    for entry in window.menuBar().actions():
        listed[entry.text()] = [
            (action.text(), ", ".join(k.toString() for k in action.shortcuts() if not k.isEmpty()))
            for action in entry.menu().actions()
        ]
    return listed


def sheet(window: MainWindow) -> list[tuple[str, str, str]]:
    """The sheet's rows of actions; the codes' keys follow them."""
    rows = shortcut_table(window.registry.shortcut_rows(), window.codebook)
    return [row for row in rows if not row[0].startswith("Code:")]


def in_sheet(menu: str, items: Items) -> list[tuple[str, str, str]]:
    """The rows a menu's items make in the sheet: those with a key, without the `&`."""
    return [(menu.replace("&", ""), text.replace("&", ""), keys) for text, keys in items if keys]


def open_window(qtbot: QtBot, project: Project, tmp_path: Path, role: str) -> MainWindow:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    launcher = Launcher(settings) if role == "lead" else None
    window = MainWindow(project, "Alice", role, settings, launcher=launcher)
    qtbot.addWidget(window)
    return window


def test_the_leads_menus_and_sheet(qtbot: QtBot, ui_project: Project, tmp_path: Path) -> None:
    window = open_window(qtbot, ui_project, tmp_path, "lead")
    assert menus(window) == {
        "&File": FILE_OPENING + FILE_LEAD,
        "&Edit": EDIT,
        "&Code": CODE + CODE_LEAD,
        "&View": VIEW + VIEW_LEAD + VIEW_COLOURS,
        "&Help": HELP,
    }
    assert sheet(window) == [
        *in_sheet("&File", FILE_OPENING + FILE_LEAD),
        *in_sheet("&Edit", EDIT),
        *in_sheet("&Code", CODE + CODE_LEAD),
        *in_sheet("&View", VIEW + VIEW_LEAD),
        *in_sheet("&Help", HELP),
    ]


def test_the_file_menus_submenus_hold_the_exchange_with_other_tools(
    qtbot: QtBot, ui_project: Project, tmp_path: Path
) -> None:
    for role, shown in (
        ("lead", FILE_SUBMENUS),
        ("coder", {"Expor&t": [("REFI-QDA &codebook…", ""), *STATISTICS]}),
    ):
        window = open_window(qtbot, ui_project, tmp_path, role)
        file = next(e.menu() for e in window.menuBar().actions() if e.text() == "&File")
        submenus = {e.text(): e.menu() for e in file.actions() if e.menu() is not None}
        assert {
            name: [(a.text(), "") for a in menu.actions()] for name, menu in submenus.items()
        } == shown


def test_a_coders_menus_and_sheet(qtbot: QtBot, ui_project: Project, tmp_path: Path) -> None:
    window = open_window(qtbot, ui_project, tmp_path, "coder")
    assert menus(window) == {
        "&File": FILE,
        "&Edit": EDIT,
        "&Code": CODE,
        "&View": VIEW + VIEW_COLOURS,
        "&Help": HELP,
    }
    assert sheet(window) == [
        *in_sheet("&File", FILE),
        *in_sheet("&Edit", EDIT),
        *in_sheet("&Code", CODE),
        *in_sheet("&View", VIEW),
        *in_sheet("&Help", HELP),
    ]


def test_the_sheet_reads_as_words_with_undo_and_a_heading(
    qtbot: QtBot, ui_project: Project, tmp_path: Path, shots: Path
) -> None:
    """No `&` marks, Undo and Redo with their keys whatever was done last, and every
    column headed."""
    window = open_window(qtbot, ui_project, tmp_path, "lead")
    window.registry.edit[0].setText("Undo Code passage")  # as after a coding
    rows = shortcut_table(window.registry.shortcut_rows(), window.codebook)
    assert not [row for row in rows if "&" in "".join(row)]
    assert ("Edit", "Undo", "Ctrl+Z") in rows and ("Edit", "Redo", "Ctrl+Shift+Z, Ctrl+Y") in rows
    sheet = ShortcutSheet(rows)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    headers = [sheet.table.horizontalHeaderItem(c).text() for c in range(3)]
    assert all(headers) and headers[1:] == ["Action", "Keys"]
    assert sheet.grab().save(str(shots / "shortcut_sheet.png"))


def test_view_theme_switches_the_look_and_is_remembered(
    qtbot: QtBot, ui_project: Project, tmp_path: Path, shots: Path
) -> None:
    app = QApplication.instance()
    palette, sheet = app.palette(), app.styleSheet()
    try:
        window = open_window(qtbot, ui_project, tmp_path, "coder")
        view = next(e.menu() for e in window.menuBar().actions() if e.text() == "&View")
        theme = next(a.menu() for a in view.actions() if a.text() == "&Theme")
        choices = {a.text(): a for a in theme.actions()}
        assert [a.text() for a in theme.actions()] == [text for text, _ in THEME]
        assert choices["As the &system"].isChecked()  # nothing chosen yet
        choices["&Dark"].trigger()
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert not choices["As the &system"].isChecked()  # one choice at a time
        window.show()
        qtbot.waitExposed(window)
        assert window.grab().save(str(shots / "window_dark_by_choice.png"))
        choices["&Light"].trigger()
        assert app.palette().color(QPalette.ColorRole.Window).lightness() >= 128
        choices["&Dark"].trigger()

        again = open_window(qtbot, ui_project, tmp_path, "coder")  # same settings file
        assert again.settings.theme() == "dark"
        view = next(e.menu() for e in again.menuBar().actions() if e.text() == "&View")
        theme = next(a.menu() for a in view.actions() if a.text() == "&Theme")
        assert [a.text() for a in theme.actions() if a.isChecked()] == ["&Dark"]
    finally:
        app.setPalette(palette)
        app.setStyleSheet(sheet)
