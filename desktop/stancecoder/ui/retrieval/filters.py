"""The retrieval view's filters: one row of choices per question a researcher asks.

A filter handed in from elsewhere (a crosstab's cell) sets the choices it can; what no
choice shows (a month, a second code of one variable, the articles of a co-occurrence)
is named on a line of its own with a button that drops it, so the list never holds fewer
passages than the choices say without telling why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from stancecoder.core.codebook_view import CodebookView, point_text
from stancecoder.core.status import Status
from stancecoder.core.wording import counted
from stancecoder.services.retrieval import RetrievalFilter
from stancecoder.ui.common.fields import choice_box, text_field

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
        everyone = [(EVERYONE, None), *((name, name) for name in coders)]
        self.coder = choice_box(self, everyone, self.changed)
        self.codes: dict[str, QComboBox] = {}
        row = QHBoxLayout()
        nominal = [v for v in codebook.passage_variables() if v.level == "nominal"]
        for variable in nominal:
            choices = [(ANY, None), *(("  " * c.depth + c.label, c.path_text) for c in
                                      variable.codes)]  # fmt: skip
            self.codes[variable.name] = choice_box(self, choices, self.changed)
            self.codes[variable.name].setAccessibleName(variable.name)
            row.addWidget(self.codes[variable.name], 1)
        scaled = [v for v in codebook.passage_variables() if v.level != "nominal"]
        points = [(point_text(c.value, c.label), c.value) for v in scaled[:1] for c in v.codes]
        self.stance_min = choice_box(self, [(ANY, None), *points], self.changed)
        self.stance_max = choice_box(self, [(ANY, None), *points], self.changed)
        self.source = choice_box(self, [(ANY, None), *((s, s) for s in sources)], self.changed)
        self.date_from = text_field(self, "from, e.g. 2024-06", self.changed)
        self.date_to = text_field(self, "to", self.changed)
        statuses = [(ANY, None), *((s.label, s.value) for s in Status)]
        self.status = choice_box(self, statuses, self.changed)
        self.words = text_field(self, "words in the passage", self.changed)
        form.addRow("&Coder", self._pair(self.coder, self.status, "Status"))
        form.addRow(" × ".join(v.name for v in nominal).capitalize() or "Codes", row)
        scale = scaled[0].name.capitalize() if scaled else "Stance"
        form.addRow(f"{scale} from", self._pair(self.stance_min, self.stance_max, "to"))
        form.addRow("&Source", self._pair(self.source, self.date_from, "Date", self.date_to))
        form.addRow("&Words", self.words)
        self.extra = RetrievalFilter()
        """What the choices cannot show, kept from a filter handed in."""
        self.extra_text = QLabel(self)
        self.extra_text.setWordWrap(True)
        self.extra_clear = QPushButton("Show all", self)
        self.extra_clear.clicked.connect(self.drop_extra)
        self.extra_row = self._pair(self.extra_text, self.extra_clear, "")
        form.addRow("Also", self.extra_row)
        form.setRowVisible(self.extra_row, False)
        self.form = form

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

    def set_filter(self, given: RetrievalFilter) -> None:
        """Show `given`: the choices it names, the rest on the "Also" line; one `changed`."""
        self.extra = RetrievalFilter()
        self.blockSignals(True)
        try:
            self._choose(self.coder, given.coders[0] if len(given.coders) == 1 else None)
            for name, combo in self.codes.items():
                tokens = given.codes.get(name, ())
                self._choose(combo, tokens[0] if len(tokens) == 1 else None)
            self._choose(self.source, given.sources[0] if len(given.sources) == 1 else None)
            for combo in (self.stance_min, self.stance_max, self.status):
                combo.setCurrentIndex(0)
            for line in (self.date_from, self.date_to, self.words):
                line.clear()
        finally:
            self.blockSignals(False)
        shown = self.filters()
        codes = {name: tokens for name, tokens in given.codes.items()
                 if list(shown.codes.get(name, ())) != list(tokens)}  # fmt: skip
        self.extra = RetrievalFilter(
            coders=given.coders if list(shown.coders) != list(given.coders) else (),
            codes=codes, sources=given.sources if len(given.sources) > 1 else (),
            codes_too=given.codes_too, attributes=given.attributes,
            article_ids=given.article_ids, with_sub_codes=given.with_sub_codes,
        )  # fmt: skip
        self._show_extra()
        self.changed.emit()

    def drop_extra(self) -> None:
        self.extra = RetrievalFilter()
        self._show_extra()
        self.changed.emit()

    def _show_extra(self) -> None:
        extra = self.extra
        parts = [f"{name} {category}" for name, category in extra.attributes.items()]
        parts += [f"{name} {' or '.join(tokens)}" for name, tokens in extra.codes.items()]
        parts += [f"and {name} {' or '.join(t)}" for name, t in extra.codes_too.items()]
        if extra.coders:
            parts.append(" or ".join(extra.coders))
        if extra.sources:
            parts.append(" or ".join(extra.sources))
        if extra.article_ids:
            parts.append(f"in the {counted(len(extra.article_ids), 'article')} of the cell")
        if not extra.with_sub_codes:
            parts.append("each code without its sub-codes")
        self.extra_text.setText("; ".join(parts))
        self.form.setRowVisible(self.extra_row, bool(parts))

    @staticmethod
    def _choose(combo: QComboBox, data: object) -> None:
        """The choice whose data is `data`; the first, "(any)", if there is none."""
        index = 0 if data is None else combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    def filters(self) -> RetrievalFilter:
        extra = self.extra
        codes = {name: [combo.currentData()] for name, combo in self.codes.items()
                 if combo.currentData() is not None}  # fmt: skip
        for name, tokens in extra.codes.items():
            codes.setdefault(name, list(tokens))
        coder, source = self.coder.currentData(), self.source.currentData()
        return RetrievalFilter(
            coders=[coder] if coder else list(extra.coders), codes=codes,
            stance_min=self.stance_min.currentData(), stance_max=self.stance_max.currentData(),
            sources=[source] if source else list(extra.sources),
            date_from=self.date_from.text().strip() or None,
            date_to=self.date_to.text().strip() or None, status=self.status.currentData(),
            words=self.words.text(), codes_too=extra.codes_too, attributes=extra.attributes,
            article_ids=extra.article_ids, with_sub_codes=extra.with_sub_codes,
        )  # fmt: skip
