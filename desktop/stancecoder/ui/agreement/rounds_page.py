"""The Rounds tab: every reliability round side by side, so a lead sees whether training
made the coders agree. Variables down, rounds across, each cell tinted by its verdict;
Enter or a double-click on a round opens that round's full report in the other tabs."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.agreement.apa import apa
from stancecoder.core.agreement.rounds import RoundFigure, RoundsReport
from stancecoder.core.agreement.rounds_text import cell_text, change_text, round_heading
from stancecoder.core.agreement.variable_stats import RELIABLE, TENTATIVE
from stancecoder.ui.agreement.tables import make_table, verdict_colour

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MIN_ROUND_WIDTH = 150  # ".58 [.31, .80] n=24" fits; more rounds than fit scroll
TINT_ALPHA = 46  # enough to tell the verdicts apart at a glance, light enough to read on
NO_ROUNDS = (
    "No reliability samples yet. Once a sample is drawn and coded, its agreement appears "
    "here beside the other rounds, one column per round."
)


class RoundsPage(QWidget):
    openRound = Signal(str)  # the round's name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rounds: RoundsReport | None = None
        self.change = QLabel()
        self.change.setWordWrap(True)
        self.change.setTextFormat(Qt.TextFormat.RichText)
        self.table = make_table(["Variable"])
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setDefaultSectionSize(34)
        # as tall as its rows, so the legend sits right under it as under a paper's table
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setMinimumSectionSize(MIN_ROUND_WIDTH)
        self.table.cellDoubleClicked.connect(lambda _row, column: self._open(column))
        self.table.horizontalHeader().sectionDoubleClicked.connect(self._open)
        self.table.installEventFilter(self)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.change)
        layout.addWidget(self.table)
        layout.addWidget(self.legend)
        layout.addStretch(1)
        self.show_rounds(None)

    def show_rounds(self, rounds: RoundsReport | None) -> None:
        """None: the project has no rounds (yet), which the page says instead of a table."""
        self.rounds = rounds
        self.table.setVisible(rounds is not None)
        self.legend.setVisible(rounds is not None)
        if rounds is None:
            self.change.setText(escape(NO_ROUNDS))
            self.table.setRowCount(0)
            return
        self.change.setText(change_html(rounds))
        self.legend.setText(self._legend())
        self._fill(rounds)

    def _fill(self, rounds: RoundsReport) -> None:
        table = self.table
        table.clear()
        table.setColumnCount(1 + len(rounds.rounds))
        table.setHorizontalHeaderLabels(
            ["Variable", *(f"{r.name}\n{round_heading(r)}" for r in rounds.rounds)]
        )
        for column, r in enumerate(rounds.rounds, start=1):
            table.horizontalHeaderItem(column).setToolTip(
                f"{r.name} ({r.kind}): {r.description}\ncoders: {', '.join(r.coders)}\n"
                "Double-click or Enter opens this round's full report."
            )
        table.setRowCount(len(rounds.variables))
        for row, v in enumerate(rounds.variables):
            name = QTableWidgetItem(f"{v.name}  ({v.level})")
            name.setToolTip(f"{v.name}: {v.scope} level, {v.level}; units: {v.unit}")
            table.setItem(row, 0, name)
            for column, f in enumerate(v.figures, start=1):
                table.setItem(row, column, self._cell(v.name, f))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, table.columnCount()):  # every round as wide as the others
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _cell(self, variable: str, f: RoundFigure) -> QTableWidgetItem:
        item = QTableWidgetItem(cell_text(f))
        if f.value is None:
            item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        else:
            tint = QColor(verdict_colour(f.verdict, self.palette()))
            tint.setAlpha(TINT_ALPHA)
            item.setBackground(tint)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setToolTip(cell_tooltip(variable, f))
        return item

    def _legend(self) -> str:
        palette = self.palette()

        def word(text: str) -> str:
            return f'<span style="color:{verdict_colour(text, palette).name()}">■ {text}</span>'

        return (
            f"Krippendorff's α [95% CI] n units. {word('reliable')} α ≥ {apa(RELIABLE, 3)} · "
            f"{word('tentative')} α ≥ {apa(TENTATIVE, 3)} · {word('discard')} below · — not "
            "defined (hover for why). Double-click a round (or press Enter) to open its full "
            "report."
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]  # KeyPress: a QKeyEvent
            if key_event.key() in OPEN_KEYS and self.table.currentColumn() > 0:
                self._open(self.table.currentColumn())
                return True
        return super().eventFilter(watched, event)

    def _open(self, column: int) -> None:
        if self.rounds is not None and 1 <= column <= len(self.rounds.rounds):
            self.openRound.emit(self.rounds.rounds[column - 1].name)


def change_html(rounds: RoundsReport) -> str:
    """One line per variable whose α is defined in two rounds: "stance: .58 → .84 (+.26)
    over 3 rounds", the variable's name in bold so the eye finds it."""
    lines = []
    for v in rounds.variables:
        c = v.change
        if c is not None:
            lines.append(f"<b>{escape(v.name)}</b>: {change_text(c)}")
    if not lines:
        return "No variable has a defined α in two rounds yet, so there is no change to show."
    return "Change from the first to the last round with a defined α:<br>" + "<br>".join(lines)


def cell_tooltip(variable: str, f: RoundFigure) -> str:
    if f.value is None:
        return f"{variable} in {f.round}: α not defined: {f.reason}"
    ci = f", 95% CI [{f.ci95[0]:.3f}, {f.ci95[1]:.3f}]" if f.ci95 else ""
    agreement = "" if f.percent_agreement is None else f", {f.percent_agreement:.0%} agreement"
    return (
        f"{variable} in {f.round}: α = {f.value:.3f}{ci}, {f.n_units} units, "
        f"{f.n_coders} coders{agreement}: {f.interpretation}"
    )
