"""The chart view's choices: what to draw, whose codings, by what period and variable,
and a few filters (a code of each nominal variable, including its sub-codes; the source;
the dates), as the retrieval view offers them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from stancecoder.core.charts.data import CODERS, KINDS, PERIODS, STANCE_OVER_TIME
from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.layer import Layer
from stancecoder.services.retrieval import RetrievalFilter
from stancecoder.ui.common.fields import choice_box, text_field

KIND_NAMES = dict(zip(KINDS, ("Stance over time", "Stance distribution", "Code frequencies",
                              "Coders side by side"), strict=True))  # fmt: skip
ANY = "(any)"


class ChartChoices(QWidget):
    """Emits `changed` whenever a choice changes; the chart follows."""

    changed = Signal()

    def __init__(
        self,
        layers: list[Layer],
        codebook: CodebookView,
        variables: list[str],
        sources: list[str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.kind = choice_box(self, [(KIND_NAMES[kind], kind) for kind in KINDS], self.changed)
        self.kind.setAccessibleName("Chart")
        titled = [(layer.title.capitalize(), layer) for layer in layers]
        self.layer = choice_box(self, titled, self.changed)
        self.layer.setAccessibleName("Whose codings")
        self.by = choice_box(self, [(f"per {period}", period) for period in PERIODS], self.changed)
        self.per = choice_box(self, [(name, name) for name in variables], self.changed)
        self.codes: dict[str, QComboBox] = {}
        for variable in codebook.passage_variables():
            if variable.level == "nominal":
                choices = [(ANY, None), *(("  " * c.depth + c.label, c.path_text)
                                          for c in variable.codes)]  # fmt: skip
                self.codes[variable.name] = choice_box(self, choices, self.changed)
                self.codes[variable.name].setAccessibleName(variable.name)
        self.source = choice_box(self, [(ANY, None), *((s, s) for s in sources)], self.changed)
        self.date_from = text_field(self, "from, e.g. 2024-06", self.changed)
        self.date_to = text_field(self, "to", self.changed)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("C&hart", self._row(self.kind, QLabel("of", self), self.layer))
        by_label = QLabel("&Grouped by", self)
        by_label.setBuddy(self.per)
        form.addRow(by_label, self._row(self.per, self.by))
        if self.codes:
            only = " × ".join(self.codes).capitalize()
            form.addRow(f"Only {only.lower()}", self._row(*self.codes.values()))
        form.addRow("&Source", self._row(self.source, QLabel("Date", self), self.date_from,
                                         self.date_to))  # fmt: skip
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def filters(self) -> RetrievalFilter:
        source = self.source.currentData()
        codes = {name: [combo.currentData()] for name, combo in self.codes.items()
                 if combo.currentData() is not None}  # fmt: skip
        return RetrievalFilter(
            codes=codes,
            sources=[source] if source else [],
            date_from=self.date_from.text().strip() or None,
            date_to=self.date_to.text().strip() or None,
        )

    def _kind_changed(self) -> None:
        """Coders side by side is each coder's by its nature; a period only has a sense over
        time."""
        kind = self.kind.currentData()
        if kind == CODERS:
            each = [self.layer.itemData(i) for i in range(self.layer.count())]
            self.layer.setCurrentIndex(each.index(Layer.each_coder()))
        self.layer.setEnabled(kind != CODERS)
        self.by.setEnabled(kind == STANCE_OVER_TIME)

    def _row(self, *widgets: QWidget) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget, 0 if isinstance(widget, QLabel) else 1)
        return holder
