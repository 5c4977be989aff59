"""Samples and assignments, for the lead: draw a round, close it, split the rest.

Every change is one service call that does all or nothing; the dialog then shows the
new state and publishes it on the project's bus, so the open views refresh at once (an
open sample makes its articles blind the moment it is drawn).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.project import Project
from stancecoder.services.samples import (
    SampleInfo,
    close_round,
    list_rounds,
    progress,
    round_progress,
)
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.samples.draw import DrawSampleDialog
from stancecoder.ui.samples.split import SplitRestDialog
from stancecoder.ui.samples.tree import SampleTree, local_time

INTRO = (
    "Each coder of a sample codes all of its articles; while the sample is open they "
    "cannot see each other's passages. Rounds are kept apart for the agreement report."
)


class SamplesDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.rounds: list[SampleInfo] = []
        self.draw_dialog: DrawSampleDialog | None = None
        self.split_dialog: SplitRestDialog | None = None
        self.confirm: QMessageBox | None = None
        self.setWindowTitle("Samples and assignments")
        self.resize(900, 540)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.tree = SampleTree()
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.draw_button = QPushButton("&Draw sample…")
        self.close_button = QPushButton("C&lose sample…")
        self.split_button = QPushButton("&Split the rest…")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.setSpacing(8)
        for button in (self.draw_button, self.close_button, self.split_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addLayout(row)

        self.draw_button.clicked.connect(self.draw)
        self.close_button.clicked.connect(self.ask_to_close)
        self.split_button.clicked.connect(self.split)
        self.buttons.rejected.connect(self.reject)
        self.tree.currentItemChanged.connect(lambda *_items: self._show_selected())
        self.reload()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        self.rounds = list_rounds(self.project)
        self.tree.show_samples(self.rounds, round_progress(self.project), progress(self.project))
        self._show_selected()

    def selected(self) -> SampleInfo | None:
        name = self.tree.selected_round()
        return next((info for info in self.rounds if info.name == name), None)

    # ---- drawing ------------------------------------------------------------------------

    def draw(self) -> DrawSampleDialog:
        """Opened, not run, so nothing blocks; the form reports back when it drew."""
        dialog = DrawSampleDialog(self.project, [info.name for info in self.rounds], self)
        dialog.accepted.connect(lambda: self._drawn(dialog))
        self.draw_dialog = dialog
        dialog.open()
        return dialog

    def _drawn(self, dialog: DrawSampleDialog) -> None:
        info = dialog.drawn
        if info is None:
            return
        self._select_after_change(info.name)
        self._tell(f"Drew “{info.name}” for {', '.join(info.coders)}: {info.description}.")

    # ---- closing ------------------------------------------------------------------------

    def ask_to_close(self) -> QMessageBox | None:
        info = self.selected()
        if info is None or not info.is_open:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Close sample",
            f"Close “{info.name}”? Its {len(info.article_ids)} articles will no longer be "
            "coded blind: its coders will see each other's passages. A closed sample "
            "cannot be opened again; it stays in the agreement report.",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        confirm = box.addButton("Close sample", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        confirm.clicked.connect(lambda: self._close(info.name))
        self.confirm = box
        box.open()
        return box

    def _close(self, name: str) -> None:
        try:
            info = close_round(self.project, name)
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        self._select_after_change(info.name)
        self._tell(f"Closed “{info.name}”: its articles are no longer coded blind.")

    # ---- splitting ----------------------------------------------------------------------

    def split(self) -> SplitRestDialog:
        dialog = SplitRestDialog(self.project, self)
        dialog.accepted.connect(lambda: self._split(dialog))
        self.split_dialog = dialog
        dialog.open()
        return dialog

    def _split(self, dialog: SplitRestDialog) -> None:
        given = sum(len(ids) for ids in dialog.split.values())
        shares = ", ".join(f"{coder} {len(ids)}" for coder, ids in dialog.split.items())
        self._select_after_change(self.tree.selected_round())
        self._tell(f"Split {given} article{'' if given == 1 else 's'}: {shares}.")

    # ---- showing ------------------------------------------------------------------------

    def _select_after_change(self, name: str | None) -> None:
        """A sample drawn or closed, or articles split: who sees which passages and which
        articles are assigned may change anywhere, so every view reads it all again."""
        self.reload()
        if name is not None:
            self.tree.select_round(name)
        bus_of(self.project).publish(Changes(reload=True))

    def _tell(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _show_selected(self) -> None:
        info = self.selected()
        self.close_button.setEnabled(info is not None and info.is_open)
        if info is None:
            self.details.setText(
                "No samples yet: draw one to begin." if not self.rounds else "Pick a sample."
            )
            return
        when = f"Drawn {local_time(info.created_at)}"
        if info.closed_at is not None:
            when += f", closed {local_time(info.closed_at)}"
        name, how = html.escape(info.name), html.escape(info.description)
        self.details.setText(
            f"<b>{name}</b> ({info.kind} sample): {how}. {when}. "
            f"Coders: {html.escape(', '.join(info.coders))}."
        )
