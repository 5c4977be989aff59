"""The tabs of the agreement view: the summary (Table 1, coverage, the methods paragraph and
the forest plot of α at its foot), the rounds side by side, per code and coder pair, the
coincidence matrices and the disagreements (which open the passage)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_sections import no_disagreements_text
from stancecoder.core.agreement.rounds import RoundsReport
from stancecoder.ui.agreement.forest_panel import ForestPanel
from stancecoder.ui.agreement.rounds_page import RoundsPage
from stancecoder.ui.agreement.summary_page import SummaryPage
from stancecoder.ui.agreement.tables import (
    code_rows,
    disagreement_rows,
    fill_matrix,
    fill_table,
    make_table,
    pair_rows,
)

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class AgreementTabs(QTabWidget):
    openPassage = Signal(int, int)  # article id, start of the passage (code points)
    openRound = Signal(str)  # a round's name, asked for on the Rounds tab

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: AgreementReport | None = None
        self._targets: list[tuple[int, int]] = []
        self.summary = SummaryPage()
        self.forest = ForestPanel()
        self.summary.append(self.forest)
        self.codes = make_table(["Variable", "Code (against the rest)", "α", "n units",
                                 "Interpretation"])  # fmt: skip
        self.codes_note = _caption("Each code against all the others; codes nobody gave "
                                   "in the compared units are not listed.")  # fmt: skip
        self.pairs = make_table(["Variable", "Coders", "α", "Agreement", "n units",
                                 "Interpretation"])  # fmt: skip
        self.matrix_variable = QComboBox()
        self.matrix_variable.currentIndexChanged.connect(self._show_matrix)
        self.matrix = QTableWidget()
        self.matrix.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.disagreements = make_table(["Variable", "Article", "Passage", "Codes given"])
        self.no_disagreements = _caption("")
        self.disagreements.doubleClicked.connect(lambda index: self._open(index.row()))
        self.disagreements.installEventFilter(self)
        self.rounds = RoundsPage()
        self.rounds.openRound.connect(self.openRound)
        pages = [
            (self.summary, "&Summary"),
            (self.rounds, "&Rounds"),
            (_page(self.codes_note, self.codes, grow=1), "C&odes"),
            (_page(self.pairs), "Coder &pairs"),
            (_page(self.matrix_variable, self.matrix, grow=1), "Coi&ncidences"),
            (_page(self.no_disagreements, self.disagreements, grow=1), "&Disagreements"),
        ]
        for page, title in pages:
            self.addTab(page, title)

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self.summary.show_report(report)
        self.forest.show_report(report)
        fill_table(self.codes, code_rows(report), (2, 3), 4)
        fill_table(self.pairs, pair_rows(report), (2, 3, 4), 5)
        self.matrix_variable.blockSignals(True)
        self.matrix_variable.clear()
        for v in report.variables:
            if v.coincidences:
                self.matrix_variable.addItem(f"{v.name}  (units: {v.unit})", v.name)
        self.matrix_variable.blockSignals(False)
        self._show_matrix()
        rows = disagreement_rows(report)
        self._targets = [(article, start) for article, start, _ in rows]
        fill_table(self.disagreements, [cells for _, _, cells in rows])
        self.no_disagreements.setText(no_disagreements_text(report) if not rows else "")
        self.no_disagreements.setVisible(not rows)
        self.disagreements.setVisible(bool(rows))

    def show_rounds(self, rounds: RoundsReport | None) -> None:
        self.rounds.show_rounds(rounds)

    def _show_matrix(self) -> None:
        name = self.matrix_variable.currentData()
        found = [v for v in self.report.variables if v.name == name] if self.report else []
        if found:
            fill_matrix(self.matrix, found[0])
        else:
            self.matrix.clear()
            self.matrix.setRowCount(0)
            self.matrix.setColumnCount(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.disagreements and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]  # KeyPress: a QKeyEvent
            if key_event.key() in OPEN_KEYS and self.disagreements.currentRow() >= 0:
                self._open(self.disagreements.currentRow())
                return True
        return super().eventFilter(watched, event)

    def _open(self, row: int) -> None:
        if 0 <= row < len(self._targets):
            self.openPassage.emit(*self._targets[row])


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _page(*widgets: QWidget, grow: int = 0) -> QWidget:
    """A tab's page: its widgets in a column with room to breathe; `grow` takes the space."""
    page = QWidget()
    column = QVBoxLayout(page)
    column.setContentsMargins(10, 10, 10, 10)
    column.setSpacing(8)
    for index, widget in enumerate(widgets):
        if isinstance(widget, QPushButton):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignRight)
        elif isinstance(widget, QComboBox):
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            column.addWidget(widget, 1 if index == grow else 0)
    return page
