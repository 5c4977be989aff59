"""The agreement report's first tab: Table 1 and coverage as the paper will print them, what
to beware of per variable, and the methods paragraph with its Copy button.

The page is one scrolling column; `append` adds a widget at its foot (a picture of the
figures), so what the report grows does not need a tab of its own.
"""

from __future__ import annotations

from html import escape as html_escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.agreement.coverage_text import coverage_table
from stancecoder.core.agreement.paper_table import PaperTable, table_one
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_sections import warning_groups
from stancecoder.core.agreement.report_text import compared_text
from stancecoder.ui.agreement.tables import fill_table, make_table

# a note's letter as the window can set it without rich text in a table cell
SUPERSCRIPT = dict(zip("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", strict=True))
COPY_KEY = "Ctrl+Shift+C"
SECTION_GAP = 10  # pixels above a table's caption: the page reads as sections
METHODS_LINES = 7  # the paragraph's box shows this many lines before it scrolls


def escape(text: str) -> str:
    """Text for a label's rich text; apostrophes stay as they are, readable in its text."""
    return html_escape(text, quote=False)


def cell_text(text: str, mark: str) -> str:
    return text + SUPERSCRIPT.get(mark, mark)


class SummaryPage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: AgreementReport | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(10, 10, 10, 10)
        self.column.setSpacing(6)
        self.compared = _label("")
        self.table_one = make_table([])
        self.table_one_caption = _label("", above=SECTION_GAP)
        self.table_one_notes = _label("")
        self.coverage_caption = _label("", above=SECTION_GAP)
        self.coverage = make_table([])
        self.coverage_notes = _label("")
        self.warnings = _label("", above=SECTION_GAP)
        self.methods = QPlainTextEdit()
        self.methods.setReadOnly(True)
        lines = self.methods.fontMetrics().lineSpacing() * METHODS_LINES
        self.methods.setFixedHeight(lines + 12)
        self.copy_button = QPushButton("Cop&y paragraph")
        self.copy_button.setShortcut(QKeySequence(COPY_KEY))
        self.copy_button.setToolTip(f"Copy the methods paragraph ({COPY_KEY})")
        self.copy_button.clicked.connect(self.copy_methods)
        methods_row = QHBoxLayout()
        methods_row.addWidget(_heading("Methods paragraph"), 1)
        methods_row.addWidget(self.copy_button)
        for widget in (self.compared, self.table_one_caption, self.table_one,
                       self.table_one_notes, self.coverage_caption, self.coverage,
                       self.coverage_notes, self.warnings):  # fmt: skip
            self.column.addWidget(widget)
        self.column.addSpacing(6)
        self.column.addLayout(methods_row)
        self.column.addWidget(self.methods)
        self.setWidget(inner)

    def append(self, widget: QWidget) -> None:
        """Add a widget at the foot of the page, under everything shown so far."""
        self.column.addWidget(widget)

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self.compared.setText(compared_text(report))
        self.table_one_caption.setText(_caption(table_one(report)))
        _show(self.table_one, self.table_one_notes, table_one(report))
        coverage = coverage_table(report)
        for widget in (self.coverage_caption, self.coverage, self.coverage_notes):
            widget.setVisible(coverage is not None)
        if coverage is not None:
            self.coverage_caption.setText(f"<b>Coverage</b>: <i>{escape(coverage.caption)}</i>")
            _show(self.coverage, self.coverage_notes, coverage)
        warnings = warning_groups(report)
        self.warnings.setVisible(bool(warnings))
        self.warnings.setText(
            "<b>Beware</b><ul style='margin-left:-20px'>"
            + "".join(f"<li><b>{escape(v)}</b>: {escape(t)}</li>" for v, t in warnings)
            + "</ul>"
        )
        self.methods.setPlainText(report.methods)

    def copy_methods(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.report.methods)


def _show(table: QTableWidget, notes: QLabel, paper: PaperTable) -> None:
    """A paper's table in a table widget as tall as its rows, so the page scrolls as one;
    a marked cell tells its note on hover, and the notes follow the table."""
    table.setColumnCount(len(paper.headers))
    table.setHorizontalHeaderLabels(list(paper.headers))
    numeric = [i for i in range(len(paper.headers))
               if any(isinstance(row[i].value, int | float) for row in paper.rows)]  # fmt: skip
    rows = [[cell_text(c.text, c.mark) for c in row] for row in paper.rows]
    verdict = paper.headers.index("Interpretation") if "Interpretation" in paper.headers else -1
    fill_table(table, rows, numeric, verdict)
    marks = dict(paper.marks)
    for r, row in enumerate(paper.rows):
        for c, cell in enumerate(row):
            if cell.mark:
                table.item(r, c).setToolTip(marks[cell.mark])
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    table.setFixedHeight(height + sum(table.rowHeight(r) for r in range(table.rowCount())))
    marked = " ".join(f"<sup>{m}</sup>{escape(text)}" for m, text in paper.marks)
    notes.setText(f"<small><i>Note.</i> {escape(paper.note)}<br>{marked}</small>")


def _caption(paper: PaperTable) -> str:
    return f"<b>{escape(paper.label)}</b>: <i>{escape(paper.caption)}</i>"


def _label(text: str, above: int = 0) -> QLabel:
    label = QLabel(text)
    label.setContentsMargins(0, above, 0, 0)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(text: str) -> QLabel:
    return QLabel(f"<b>{escape(text)}</b>")
