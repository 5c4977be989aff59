"""The article list's attribute filter: a button whose menu lists each attribute the
imports found (section, region, …) with its values, most frequent first; ticking values
of one attribute shows the articles with any of them. One attribute at a time: a value
of another replaces the choice.

The values are read when the menu opens, not at every refresh of the list: at 10,000
articles reading them costs about as much as reading the list."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from stancecoder.core.wording import counted
from stancecoder.services.article_filters import AttributeFilter

ANY = "All attributes"
WIDEST = 180  # pixels of the button's text
MOST_VALUES = 40  # listed per attribute; a menu longer than a screen cannot be read
HELP = "Only articles whose attribute (section, region, …) has one of the values ticked"

Values = Callable[[], dict[str, list[tuple[str, int]]]]


class AttributeFilterButton(QToolButton):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill)
        self._values: Values = dict
        self._chosen = AttributeFilter()
        self._show()

    def set_values(self, values: Values) -> None:
        """Where the attributes and their values are read from when the menu opens."""
        self._values = values

    def value(self) -> AttributeFilter:
        return self._chosen

    def reset(self) -> None:
        self._chosen = AttributeFilter()
        self._show()

    def choose(self, chosen: AttributeFilter) -> None:
        self._chosen = chosen
        self._show()
        self.changed.emit()

    def _fill(self) -> None:
        menu = self.menu()
        menu.clear()
        found = self._values()
        if not found:
            menu.addAction("No article has attributes").setEnabled(False)
        for key, values in found.items():
            sub = menu.addMenu(key.replace("&", "&&"))
            for value, n in values[:MOST_VALUES]:
                action = sub.addAction(f"{value.replace('&', '&&')[:80]}  ({n})")
                action.setCheckable(True)
                action.setChecked(key == self._chosen.key and value in self._chosen.values)
                action.toggled.connect(lambda on, k=key, v=value: self._tick(k, v, on))
            if len(values) > MOST_VALUES:
                rest = len(values) - MOST_VALUES
                sub.addAction(f"… {counted(rest, 'value')} more, each rarer").setEnabled(False)
        menu.addSeparator()
        menu.addAction("&Clear the attribute filter", lambda: self.choose(AttributeFilter()))

    def _tick(self, key: str, value: str, on: bool) -> None:
        values = self._chosen.values if key == self._chosen.key else ()
        values = (*values, value) if on else tuple(v for v in values if v != value)
        self.choose(AttributeFilter(key, values) if values else AttributeFilter())

    def _show(self) -> None:
        chosen = self._chosen
        text = f"{chosen.key}: {' or '.join(chosen.values)}" if chosen else ANY
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, WIDEST))
        self.setToolTip(f"{text}\n\n{HELP}" if chosen else HELP)
