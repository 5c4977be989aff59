"""The retrieval view's filters: one row of choices per question a researcher asks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from stancecoder.core.codebook_view import CodebookView, point_text
from stancecoder.core.status import Status
from stancecoder.services.retrieval import RetrievalFilter

ANY = "(any)"
EVERYONE = "(everyone)"


class RetrievalFilters(QWidget):
    """Emits `changed` whenever a choice changes; `filters()` reads them all."""

    changed = Signal()

    def __init__(
        self, codebook: CodebookView, coders: list[str], sources: list[str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.coder = self._combo([(EVERYONE, None), *((name, name) for name in coders)])
        self.codes: dict[str, QComboBox] = {}
        row = QHBoxLayout()
        nominal = [v for v in codebook.passage_variables() if v.level == "nominal"]
        for variable in nominal:
            choices = [(ANY, None), *(("  " * c.depth + c.label, c.path_text) for c in
                                      variable.codes)]  # fmt: skip
            self.codes[variable.name] = self._combo(choices)
            self.codes[variable.name].setAccessibleName(variable.name)
            row.addWidget(self.codes[variable.name], 1)
        scaled = [v for v in codebook.passage_variables() if v.level != "nominal"]
        points = [(point_text(c.value, c.label), c.value) for v in scaled[:1] for c in v.codes]
        self.stance_min = self._combo([(ANY, None), *points])
        self.stance_max = self._combo([(ANY, None), *points])
        self.source = self._combo([(ANY, None), *((s, s) for s in sources)])
        self.date_from, self.date_to = self._line("from, e.g. 2024-06"), self._line("to")
        self.status = self._combo([(ANY, None), *((s.label, s.value) for s in Status)])
        self.words = self._line("words in the passage")
        form.addRow("&Coder", self._pair(self.coder, self.status, "Status"))
        form.addRow(" × ".join(v.name for v in nominal).capitalize() or "Codes", row)
        scale = scaled[0].name.capitalize() if scaled else "Stance"
        form.addRow(f"{scale} from", self._pair(self.stance_min, self.stance_max, "to"))
        form.addRow("&Source", self._pair(self.source, self.date_from, "Date", self.date_to))
        form.addRow("&Words", self.words)

    def _combo(self, choices: list[tuple[str, object]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in choices:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _line(self, placeholder: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        line.textChanged.connect(self.changed)
        return line

    def _pair(
        self, first: QWidget, second: QWidget, word: str, third: QWidget | None = None
    ) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first, 1)
        row.addWidget(QLabel(word, holder))
        row.addWidget(second, 1)
        if third is not None:
            row.addWidget(third, 1)
        return holder

    def filters(self) -> RetrievalFilter:
        codes = {name: [combo.currentData()] for name, combo in self.codes.items()
                 if combo.currentData() is not None}  # fmt: skip
        coder, source = self.coder.currentData(), self.source.currentData()
        return RetrievalFilter(
            coders=[coder] if coder else [], codes=codes,
            stance_min=self.stance_min.currentData(), stance_max=self.stance_max.currentData(),
            sources=[source] if source else [], date_from=self.date_from.text().strip() or None,
            date_to=self.date_to.text().strip() or None, status=self.status.currentData(),
            words=self.words.text(),
        )  # fmt: skip
