"""Every action of the workbench window, declared once for menus, keys and the F1 sheet
(the File menu's in `file_actions`, registered here with the others).

The window is reached through `Workbench`, the part of it the actions use, so this module
never imports the window that imports it. The lead's dialogs are imported when first
opened: with the statistics and Excel libraries behind them they would add half a second
to every start of the window.
"""

from __future__ import annotations

from functools import partial
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenuBar, QMessageBox, QWidget

from stancecoder.core.codebook_view import CodebookView, code_text
from stancecoder.core.passage_view import PassageView
from stancecoder.services.articles import ArticleView
from stancecoder.services.passages import blind_mode, set_blind_mode
from stancecoder.ui.common.actions import ActionRegistry, ActionSpec, code_shortcut_actions
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.common.theme import apply_theme, is_dark
from stancecoder.ui.common.undo import UndoRunner
from stancecoder.ui.widgets.coding_panel import CodingPanel
from stancecoder.ui.widgets.find_bar import FindBar
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.workbench.article_list import ArticlePanel
from stancecoder.ui.workbench.coding_commands import CodingCommands
from stancecoder.ui.workbench.file_actions import FileActions, FileHost
from stancecoder.ui.workbench.shortcut_sheet import ShortcutSheet, shortcut_table
from stancecoder.ui.workbench.side_views import SideViews, ViewHost

MENUS = ("&File", "&Edit", "&Code", "&View", "&Help")
THEME_CHOICES = (("system", "As the &system"), ("light", "&Light"), ("dark", "&Dark"))
Key = QKeySequence.StandardKey


class Workbench(FileHost, ViewHost, Protocol):
    """What the actions read and call on the coding window: besides what the File menu and
    the side views need, what the other menus use."""

    coder: str
    article: ArticleView | None
    current: PassageView | None
    undo: UndoRunner
    commands: CodingCommands
    articles: ArticlePanel
    reader: Reader
    find_bar: FindBar
    panel: CodingPanel
    settings: AppSettings

    def window(self) -> QWidget:
        """The window itself: the parent of its actions and dialogs."""
        ...

    def menuBar(self) -> QMenuBar: ...
    def refresh(self) -> None: ...
    def activate_passage(self, passage_id: int) -> None: ...


def confirm_edit_as_lead(parent: QWidget) -> bool:
    answer = QMessageBox.question(
        parent,
        "Edit as lead",
        "Change other coders' passages, codes and statuses?\n\n"
        "Your changes stay under their names, and the history records that you made them. "
        "Agreement is computed from each coder's own work, so correct it only for a mistake "
        "they agree with; to settle disagreements, adjudicate the article (Ctrl+J) instead.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def describe_passage(passage: PassageView, codebook: CodebookView) -> str:
    parts = []
    for variable in codebook.passage_variables():
        labels = [
            code_text(codebook.code(i))
            for i in passage.codes
            if codebook.code(i).variable == variable.name
        ]
        if labels:
            parts.append(f"{variable.name}: {', '.join(labels)}")
    codes = " · ".join(parts) or "not coded yet"
    memo = f"\nmemo: {passage.memo}" if passage.memo else ""
    return f"{passage.coder} — {codes}{memo}"


class WindowActions(ActionRegistry):
    """The window's registry, with what the actions keep between uses: the undo stack's
    Undo and Redo (the Edit menu), the codes' keys, the views opened beside the window and
    the File menu's dialogs of long work."""

    def __init__(self, window: Workbench) -> None:
        super().__init__(window.window())
        self.window = window
        self.edit = (window.undo.undo_action(self.owner), window.undo.redo_action(self.owner))
        self.edit[0].setIconText("Undo")  # the sheet's name; the menu says what is undone
        self.edit[1].setIconText("Redo")
        self.edit[0].setShortcut(QKeySequence(Key.Undo))
        self.edit[1].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(Key.Redo)])
        self.codes: list[QAction] = []
        self.views = SideViews(window, self.owner)
        self.files = FileActions(window, self.owner)
        for spec in self._specs():
            self.add(spec)
        self["snap"].setChecked(True)
        chosen = self[f"theme-{window.settings.theme()}"]
        chosen.blockSignals(True)  # already applied at start
        chosen.setChecked(True)
        chosen.blockSignals(False)
        if window.role == "lead":
            self["blind"].blockSignals(True)
            self["blind"].setChecked(blind_mode(window.project))
            self["blind"].blockSignals(False)
        # keys that type into text fields act only in the reader; the coding panel and the
        # passage list handle Enter and Delete themselves
        for action_id in ("save", "cancel", "shortcuts", "delete"):
            self[action_id].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.reader.addAction(self[action_id])
        self.build_menus(window.menuBar(), MENUS, {"&Edit": self.edit})
        self.bind_code_shortcuts()
        self.update_enabled()

    def _specs(self) -> list[ActionSpec]:
        """Every action in the order of the menus and the F1 sheet: the File menu's first,
        then the others, the lead's own of them last but one."""
        w, commands = self.window, self.window.commands
        has_article = lambda: w.article is not None  # noqa: E731
        has_passage = lambda: w.current is not None  # noqa: E731
        may_change = lambda: w.current is not None and commands.may_change(w.current)  # noqa: E731
        leading = [] if w.role != "lead" else [
            ActionSpec("blind", "&View", "&Blind mode (coders see only their own)",
                       self._toggle_blind, checkable=True),
            ActionSpec("codebook", "&Code", "Edit &codebook…", self._edit_codebook, ("Ctrl+K",)),
            ActionSpec("adjudicate", "&Code", "Ad&judicate article…", self._adjudicate,
                       ("Ctrl+J",), enabled_when=has_article),
            ActionSpec("edit-as-lead", "&Code", "Edit as &lead…", self._edit_as_lead,
                       checkable=True, tip="Change other coders' passages, codes and statuses"),
            ActionSpec("agreement", "&Code", "A&greement report…", self.views.agreement,
                       ("Ctrl+R",)),
            ActionSpec("samples", "&Code", "Samples and &assignments…", self._samples,
                       ("Ctrl+Shift+A",)),
            ActionSpec("duplicates", "&Code", "Copies of one stor&y…", self.views.duplicates,
                       tip="Find exact and near copies among the articles and exclude them "
                       "from coding and samples"),
        ]  # fmt: skip
        return [
            *self.files.specs(),
            ActionSpec("save", "&Code", "&Save coding", commands.save_coding, ("Return", "Enter"),
                       enabled_when=lambda: w.panel.isEnabled()),
            ActionSpec("cancel", "&Code", "Cancel coding", commands.cancel_coding, ("Esc",)),
            ActionSpec("resize", "&Code", "Set passage to &selection", commands.resize_current,
                       ("Ctrl+B",), enabled_when=may_change),
            ActionSpec("next-passage", "&Code", "Ne&xt passage", lambda: self._step(1),
                       ("Alt+Down",), enabled_when=has_article),
            ActionSpec("previous-passage", "&Code", "Pre&vious passage", lambda: self._step(-1),
                       ("Alt+Up",), enabled_when=has_article),
            ActionSpec("delete", "&Code", "&Delete passage", commands.delete_passage,
                       ("Del",), enabled_when=may_change),
            ActionSpec("passage-history", "&Code", "Passage &history…", self._passage_history,
                       ("Ctrl+Shift+H",), enabled_when=has_passage),
            ActionSpec("done", "&Code", "Mark article &done, go to next", commands.mark_done,
                       ("Ctrl+D",), enabled_when=has_article),
            ActionSpec("next", "&Code", "&Next article", w.articles.next_article, ("Ctrl+Down",)),
            ActionSpec("previous", "&Code", "&Previous article", w.articles.previous_article,
                       ("Ctrl+Up",)),
            ActionSpec("uncoded", "&Code", "Next &uncoded article", w.articles.next_uncoded,
                       ("Ctrl+Shift+Down",)),
            ActionSpec("find", "&View", "&Find articles", w.articles.focus_search, (Key.Find,)),
            ActionSpec("find-in-article", "&View", "Fin&d in article", w.find_bar.open_bar,
                       ("Ctrl+Shift+F",), enabled_when=has_article),
            ActionSpec("find-next", "&View", "Find ne&xt", lambda: w.find_bar.step(1),
                       ("F3",), enabled_when=has_article),
            ActionSpec("find-previous", "&View", "Find pre&vious", lambda: w.find_bar.step(-1),
                       ("Shift+F3",), enabled_when=has_article),
            ActionSpec("retrieve", "&View", "Retrieve &passages…", self.views.retrieval,
                       ("Ctrl+Shift+P",)),
            ActionSpec("charts", "&View", "C&harts…", self.views.charts, ("Ctrl+Shift+G",),
                       tip="Stance over time, distributions, code frequencies and coders side "
                       "by side, for the window and for a paper"),
            ActionSpec("crosstab", "&View", "Cross&tabs and co-occurrence…", self.views.crosstab,
                       ("Ctrl+Shift+T",)),
            ActionSpec("networks", "&View", "Stance net&works…", self.views.networks,
                       ("Ctrl+Shift+N",), tip="Who takes which stance on which topic, and "
                       "which actors agree or disagree, for the window and for Gephi"),
            ActionSpec("snap", "&View", "S&nap selection to whole words", self._snap,
                       checkable=True),
            ActionSpec("zoom-in", "&View", "Zoom &in", w.reader.zoom_in, ("Ctrl++", "Ctrl+=")),
            ActionSpec("zoom-out", "&View", "Zoom &out", w.reader.zoom_out, ("Ctrl+-",)),
            ActionSpec("zoom-reset", "&View", "&Actual size", w.reader.zoom_reset, ("Ctrl+0",)),
            ActionSpec("refresh", "&View", "&Refresh", w.refresh, ("F5",)),
            *(
                ActionSpec(f"theme-{theme}", "&View", text, partial(self._theme, theme),
                           checkable=True, submenu="&Theme")
                for theme, text in THEME_CHOICES
            ),
            *leading,
            ActionSpec("shortcuts", "&Help", "&Keyboard shortcuts", self._sheet, ("F1", "?")),
        ]  # fmt: skip

    def bind_code_shortcuts(self) -> None:
        """Each code's shortcut picks that code in the coding panel; Enter then saves. Made
        again whenever the codebook changes, so the keys follow renames and new codes."""
        w = self.window
        for action in self.codes:
            action.deleteLater()  # also takes it off the reader and the panel
        self.codes = code_shortcut_actions(w.codebook, self.owner, w.panel.choose_code)
        for action in self.codes:
            w.reader.addAction(action)
            w.panel.addAction(action)

    def close_views(self) -> None:
        self.views.close_all()

    def _snap(self) -> None:
        self.window.reader.snap_to_words = self["snap"].isChecked()

    def _step(self, step: int) -> None:
        passage_id = self.window.reader.step_passage(step)
        if passage_id is not None:
            self.window.activate_passage(passage_id)

    def _theme(self, theme: str) -> None:
        """Applied to the whole application at once and remembered for the next start."""
        if not self[f"theme-{theme}"].isChecked():
            return  # the choice left, as another was taken
        self.window.settings.set_theme(theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, is_dark(theme))

    def _toggle_blind(self) -> None:
        set_blind_mode(self.window.project, self["blind"].isChecked())
        self.window.refresh()

    def _edit_as_lead(self) -> None:
        """Asks first: a coder's work changed by the lead is no longer only theirs, which
        agreement figures computed from it must be able to rely on."""
        action = self["edit-as-lead"]
        if action.isChecked() and not confirm_edit_as_lead(self.owner):
            action.setChecked(False)
            return
        self.window.commands.edit_as_lead(action.isChecked())

    def _sheet(self) -> None:
        rows = shortcut_table(self.shortcut_rows(), self.window.codebook)
        ShortcutSheet(rows, self.owner).exec()

    def _passage_history(self) -> None:
        from stancecoder.services.history_read import passage_history
        from stancecoder.ui.workbench.passage_history import PassageHistory

        passage = self.window.current
        if passage is not None:
            entries = passage_history(self.window.project, passage.uid)
            PassageHistory(passage.quote, entries, self.owner).exec()

    def _edit_codebook(self) -> None:
        from stancecoder.ui.codebook_editor.editor import CodebookEditor

        CodebookEditor(self.window.project, self.owner).exec()

    def _adjudicate(self) -> None:
        from stancecoder.ui.adjudication.view import AdjudicationView

        w = self.window
        if w.article is not None:
            AdjudicationView(w.project, w.article.id, w.codebook, self.owner).exec()

    def _samples(self) -> None:
        from stancecoder.ui.samples.dialog import SamplesDialog

        SamplesDialog(self.window.project, self.owner).exec()
