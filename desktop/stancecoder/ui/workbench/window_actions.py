"""Every action of the workbench window, declared once for menus, keys and the F1 sheet.

The lead's dialogs are imported when first opened: with the statistics and Excel
libraries behind them they would add half a second to every start of the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from stancecoder.core.status import Status
from stancecoder.services.codebook_view import FALLBACK_COLOUR, CodebookView
from stancecoder.services.commands import SetStatus
from stancecoder.services.passages import PassageView, blind_mode, set_blind_mode
from stancecoder.ui.common.actions import ActionRegistry, ActionSpec, code_shortcut_actions
from stancecoder.ui.transfer.export_dialog import ExportDialog
from stancecoder.ui.workbench.shortcut_sheet import ShortcutSheet, shortcut_table

if TYPE_CHECKING:
    from stancecoder.ui.workbench.main_window import MainWindow

MENUS = ("&File", "&Edit", "&Code", "&View", "&Help")
Key = QKeySequence.StandardKey


def passage_colours(passages: Sequence[PassageView], codebook: CodebookView) -> dict[int, str]:
    """A passage takes the colour of its code in the first coded nominal variable
    (actor in the sample codebook, coloured by country)."""
    order = [v for v in codebook.passage_variables() if v.level == "nominal"]
    colours: dict[int, str] = {}
    for passage in passages:
        codes = [codebook.code(i) for i in passage.codes]
        for variable in order:
            chosen = next((c for c in codes if c.variable == variable.name), None)
            if chosen is not None:
                colours[passage.id] = chosen.colour
                break
        else:
            colours[passage.id] = FALLBACK_COLOUR
    return colours


def describe_passage(passage: PassageView, codebook: CodebookView) -> str:
    parts = []
    for variable in codebook.passage_variables():
        labels = [
            codebook.code(i).path_text
            for i in passage.codes
            if codebook.code(i).variable == variable.name
        ]
        if labels:
            parts.append(f"{variable.name}: {', '.join(labels)}")
    codes = " · ".join(parts) or "not coded yet"
    memo = f"\nmemo: {passage.memo}" if passage.memo else ""
    return f"{passage.coder} — {codes}{memo}"


def declare_actions(window: MainWindow) -> ActionRegistry:
    registry = ActionRegistry(window)
    has_article = lambda: window.article is not None  # noqa: E731
    has_passage = lambda: window.current is not None  # noqa: E731
    is_lead = window.role == "lead"
    undo, redo = window.undo.undo_action(window), window.undo.redo_action(window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(Key.Redo)])

    specs = []
    if window.launcher is not None:
        launcher = window.launcher
        specs += [
            ActionSpec("new-project", "&File", "&New project…", launcher.new_project, (Key.New,)),
            ActionSpec("open-project", "&File", "&Open project…", launcher.choose_project,
                       (Key.Open,)),
            ActionSpec("open-sample", "&File", "Open the &sample project", launcher.open_sample),
        ]  # fmt: skip
    specs += [
        ActionSpec("import", "&File", "&Import articles…", lambda: _import(window), ("Ctrl+I",)),
        ActionSpec("export", "&File", "&Export to Excel…", lambda: _export(window), ("Ctrl+E",)),
        ActionSpec("quit", "&File", "&Quit", window.close, (Key.Quit,)),
        ActionSpec("save", "&Code", "&Save coding", window.save_coding, ("Return", "Enter"),
                   enabled_when=lambda: window.panel.isEnabled()),
        ActionSpec("cancel", "&Code", "Cancel coding", window.cancel_coding, ("Esc",)),
        ActionSpec("resize", "&Code", "Set passage to &selection", window.resize_current,
                   ("Ctrl+B",), enabled_when=has_passage),
        ActionSpec("next-passage", "&Code", "Ne&xt passage", lambda: _step(window, 1),
                   ("Alt+Down",), enabled_when=has_article),
        ActionSpec("previous-passage", "&Code", "Pre&vious passage", lambda: _step(window, -1),
                   ("Alt+Up",), enabled_when=has_article),
        ActionSpec("delete", "&Code", "&Delete passage", window.delete_passage,
                   ("Del",), enabled_when=has_passage),
        ActionSpec("done", "&Code", "Mark article &done, go to next", lambda: _mark_done(window),
                   ("Ctrl+D",), enabled_when=has_article),
        ActionSpec("next", "&Code", "&Next article", window.articles.next_article, ("Ctrl+Down",)),
        ActionSpec("previous", "&Code", "&Previous article", window.articles.previous_article,
                   ("Ctrl+Up",)),
        ActionSpec("uncoded", "&Code", "Next &uncoded article", window.articles.next_uncoded,
                   ("Ctrl+Shift+Down",)),
        ActionSpec("find", "&View", "&Find articles", window.articles.focus_search, (Key.Find,)),
        ActionSpec("snap", "&View", "S&nap selection to whole words",
                   lambda: setattr(window.reader, "snap_to_words", registry["snap"].isChecked()),
                   checkable=True),
        ActionSpec("zoom-in", "&View", "Zoom &in", window.reader.zoom_in, ("Ctrl++", "Ctrl+=")),
        ActionSpec("zoom-out", "&View", "Zoom &out", window.reader.zoom_out, ("Ctrl+-",)),
        ActionSpec("zoom-reset", "&View", "&Actual size", window.reader.zoom_reset, ("Ctrl+0",)),
        ActionSpec("refresh", "&View", "&Refresh", window.refresh, ("F5",)),
        ActionSpec("shortcuts", "&Help", "&Keyboard shortcuts", lambda: _sheet(window),
                   ("F1", "?")),
    ]  # fmt: skip
    if is_lead:
        specs.insert(-1, ActionSpec("blind", "&View", "&Blind mode (coders see only their own)",
                                    lambda: _toggle_blind(window), checkable=True))  # fmt: skip
        specs.insert(-1, ActionSpec("codebook", "&Code", "Edit &codebook…",
                                    lambda: _edit_codebook(window), ("Ctrl+K",)))  # fmt: skip
        specs.insert(-1, ActionSpec("adjudicate", "&Code", "Ad&judicate article…",
                                    lambda: _adjudicate(window), ("Ctrl+J",),
                                    enabled_when=has_article))  # fmt: skip
        specs.insert(-1, ActionSpec("agreement", "&Code", "A&greement report…",
                                    lambda: _agreement(window), ("Ctrl+R",)))  # fmt: skip
        specs.insert(-1, ActionSpec("samples", "&Code", "Samples and &assignments…",
                                    lambda: _samples(window), ("Ctrl+Shift+A",)))  # fmt: skip
    for spec in specs:
        registry.add(spec)
    registry["snap"].setChecked(True)
    if is_lead:
        registry["blind"].blockSignals(True)
        registry["blind"].setChecked(blind_mode(window.project))
        registry["blind"].blockSignals(False)
    # keys that type into text fields act only in the reader; the coding panel and the
    # passage list handle Enter and Delete themselves
    for action_id in ("save", "cancel", "shortcuts", "delete"):
        registry[action_id].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        window.reader.addAction(registry[action_id])
    _fill_menus(window, registry, undo, redo)
    bind_code_shortcuts(window)
    registry.update_enabled()
    return registry


def _fill_menus(window: MainWindow, registry: ActionRegistry, undo: QAction, redo: QAction) -> None:
    bar = window.menuBar()
    for name in MENUS:
        menu = bar.addMenu(name)
        if name == "&Edit":
            menu.addAction(undo)
            menu.addAction(redo)
            continue
        registry.fill_menu(menu, name)
    window.edit_actions = (undo, redo)


def bind_code_shortcuts(window: MainWindow) -> None:
    """Each code's shortcut picks that code in the coding panel; Enter then saves. Made
    again whenever the codebook changes, so the keys follow renames and new codes."""
    for action in getattr(window, "code_actions", []):
        action.deleteLater()  # also takes it off the reader and the panel
    window.code_actions = code_shortcut_actions(window.codebook, window, window.panel.choose_code)
    for action in window.code_actions:
        window.reader.addAction(action)
        window.panel.addAction(action)


def _step(window: MainWindow, step: int) -> None:
    passage_id = window.reader.step_passage(step)
    if passage_id is not None:
        window.activate_passage(passage_id)


def _mark_done(window: MainWindow) -> None:
    if window.article is not None and window.coding is not None:
        article, version = window.article.id, window.coding.version
        window.undo.run(SetStatus(article, window.coder, Status.DONE, version, "Mark done"))
        window.articles.next_article()


def _toggle_blind(window: MainWindow) -> None:
    set_blind_mode(window.project, window.actions["blind"].isChecked())
    window.refresh()


def _sheet(window: MainWindow) -> None:
    rows = shortcut_table(window.actions.shortcut_rows(), window.codebook)
    ShortcutSheet(rows, window).exec()


def _import(window: MainWindow) -> None:
    paths, _ = QFileDialog.getOpenFileNames(
        window, "Import articles", "", "Articles (*.txt *.md *.docx *.csv *.xlsx *.jsonl)"
    )
    if paths:
        window.import_paths(paths)


def _export(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window, "Export", f"{window.project.title}.xlsx", "Excel (*.xlsx);;CSV (*.csv)"
    )
    if path:
        dialog = ExportDialog(window.project, Path(path), window)
        dialog.start()
        dialog.exec()
        if dialog.report is not None:
            window.statusBar().showMessage(f"Exported to {path}", 5000)


def _edit_codebook(window: MainWindow) -> None:
    from stancecoder.ui.codebook_editor.editor import CodebookEditor

    CodebookEditor(window.project, window).exec()


def _adjudicate(window: MainWindow) -> None:
    from stancecoder.ui.adjudication.view import AdjudicationView

    if window.article is not None:
        AdjudicationView(window.project, window.article.id, window.codebook, window).exec()


def _samples(window: MainWindow) -> None:
    from stancecoder.ui.samples.dialog import SamplesDialog

    SamplesDialog(window.project, window).exec()


def _agreement(window: MainWindow) -> None:
    """Modeless, so the lead can read a disagreement in the window and come back."""
    from stancecoder.ui.agreement.view import AgreementView

    view = getattr(window, "agreement_view", None)
    if view is None:
        view = window.agreement_view = AgreementView(window.project, window)
        view.openPassage.connect(window.open_passage)
    view.show()
    view.activateWindow()
