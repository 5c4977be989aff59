"""The agreement report as table rows: what each tab of the agreement view shows.

Kept apart from the dialog so the figures shown can be checked against the report without
driving the dialog, and so the dialog stays about layout and threads.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from stancecoder.core.agreement import Result
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.variable_stats import VariableAgreement, interpret

Cell = str | float | int | None
MATRIX_COLUMN = 170  # longer code labels are elided; the header tooltip has them whole
# a calm green, amber and red, each in a light-background and a dark-background tone
VERDICT_TONES = {
    "reliable": ("#2e7d4f", "#7fd1a0"),
    "tentative": ("#a86400", "#f2bb5c"),
    "discard": ("#b3261e", "#ff8a80"),
}


def verdict(result: Result) -> str:
    """The interpretation word a reader scans for: reliable, tentative, discard."""
    return interpret(result).split(":")[0]


def verdict_colour(text: str, palette: QPalette) -> QColor:
    """The verdict's tone for this palette: darker ink on light windows, lighter on dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    tones = VERDICT_TONES.get(text)
    if tones is None:
        return palette.color(QPalette.ColorRole.PlaceholderText)
    return QColor(tones[1] if dark else tones[0])


def number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def code_rows(report: AgreementReport) -> list[list[Cell]]:
    return [
        [v.name, r.category or "", number(r.value), r.n_units, interpret(r)]
        for v in report.variables
        for r in v.per_code
    ]


def pair_rows(report: AgreementReport) -> list[list[Cell]]:
    return [
        [v.name, f"{a} · {b}", number(alpha.value),
         "—" if p.value is None else f"{p.value:.0%}", alpha.n_units, interpret(alpha)]
        for v in report.variables
        for a, b, alpha, p in v.per_pair
    ]  # fmt: skip


def disagreement_rows(report: AgreementReport) -> list[tuple[int, int, list[Cell]]]:
    """(article id, where the passage starts, cells) per disagreement, in report order."""
    rows = []
    for v in report.variables:
        for d in v.disagreements:
            spans, codes = d["spans"], d["codes"]
            start = min((s for s, _ in spans.values()), default=0)
            given = "   ·   ".join(f"{coder}: {label}" for coder, label in codes.items())
            cells: list[Cell] = [v.name, str(d["title"]), f"“{d['quote']}”", given]
            rows.append((int(d["article"]), start, cells))
    return rows


def make_table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(28)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    return table


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[Cell]],
    numeric: Sequence[int] = (),
    verdict_column: int = -1,
) -> None:
    """Figures right-aligned for comparing down a column; verdicts coloured by first word."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if c in numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == verdict_column:
                item.setForeground(verdict_colour(str(value).split(":")[0], table.palette()))
                item.setToolTip(str(value))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount() - 1):
        header.resizeSection(c, min(header.sectionSize(c) + 18, 320))


def fill_matrix(table: QTableWidget, v: VariableAgreement) -> None:
    """The coincidence matrix of one variable: how often two values were paired. Values
    nobody gave are left out, so the matrix stays readable with a long code list."""
    used = [i for i, row in enumerate(v.coincidences) if any(row)]
    labels = [v.categories[i] or "(none)" for i in used]
    table.clear()
    table.setRowCount(len(used))
    table.setColumnCount(len(used))
    table.setHorizontalHeaderLabels(labels)
    table.setVerticalHeaderLabels(labels)
    for r, i in enumerate(used):
        table.horizontalHeaderItem(r).setToolTip(labels[r])
        for c, j in enumerate(used):
            count = v.coincidences[i][j]
            item = QTableWidgetItem(f"{count:g}" if count else "·")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if i == j and count:
                item.setFont(_bold(table))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    for c in range(len(used)):
        header.resizeSection(c, min(header.sectionSize(c) + 12, MATRIX_COLUMN))


def _bold(table: QTableWidget) -> QFont:
    font = QFont(table.font())
    font.setBold(True)
    return font
