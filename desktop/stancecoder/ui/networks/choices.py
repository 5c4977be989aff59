"""The network view's choices: which network, whose codings, the dates, and whether a
code's sub-codes stand apart."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from stancecoder.core.layer import Layer
from stancecoder.core.networks.statements import KIND_TITLES, KINDS
from stancecoder.services.retrieval import RetrievalFilter
from stancecoder.ui.common.fields import choice_box, text_field


class NetworkChoices(QWidget):
    """Emits `changed` whenever a choice changes; the network follows."""

    changed = Signal()

    def __init__(self, layers: list[Layer], parent: QWidget) -> None:
        super().__init__(parent)
        kinds = [(f"{KIND_TITLES[kind].capitalize()}", kind) for kind in KINDS]
        self.kind = choice_box(self, kinds, self.changed)
        self.kind.setAccessibleName("Network")
        titled = [(layer.title.capitalize(), layer) for layer in layers]
        self.layer = choice_box(self, titled, self.changed)
        self.layer.setAccessibleName("Whose codings")
        self.date_from = text_field(self, "from, e.g. 2024-06", self.changed)
        self.date_to = text_field(self, "to", self.changed)
        self.sub_codes = QCheckBox("S&ub-codes apart", self)
        self.sub_codes.toggled.connect(self.changed)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        kind_label = QLabel("&Network", self)
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, self._row(self.kind, QLabel("of", self), self.layer))
        date_label = QLabel("&Dates", self)
        date_label.setBuddy(self.date_from)
        form.addRow(date_label, self._row(self.date_from, self.date_to, self.sub_codes))

    def filters(self) -> RetrievalFilter:
        return RetrievalFilter(
            date_from=self.date_from.text().strip() or None,
            date_to=self.date_to.text().strip() or None,
        )

    def _row(self, *widgets: QWidget) -> QWidget:
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget, 0 if isinstance(widget, QLabel | QCheckBox) else 1)
        return holder
