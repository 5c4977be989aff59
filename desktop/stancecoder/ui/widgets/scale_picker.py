"""The row of buttons for a scale (stance −2…+2), and the helpers both pickers share.

`ScalePicker` speaks the protocol described in `code_picker`; that module builds the right
picker for each variable, so it depends on this one and not the other way round.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QToolButton, QWidget

from stancecoder.core.codebook_view import CodeView, VariableView, value_text


def code_tooltip(code: CodeView) -> str:
    parts = [f"<b>{escape(code.path_text)}</b>"]
    if code.description:
        parts.append(escape(code.description.strip()).replace("\n", "<br>"))
    if code.shortcut:
        parts.append(f"<i>Shortcut: {escape(code.shortcut)}</i>")
    return "".join(f"<p>{part}</p>" for part in parts)


def check_codes(variable: VariableView, ids: list[int]) -> None:
    known = {code.id for code in variable.codes}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ValueError(f"{unknown} are not codes of the variable {variable.name!r}")
    if len(ids) > 1 and not variable.multiple:
        raise ValueError(f"the variable {variable.name!r} takes one code, not {ids}")


class ScalePicker(QWidget):
    """One checkable button per point of the scale, in scale order; clicking the checked
    one again leaves the variable uncoded. The row wraps only when the panel is too narrow
    for it, so the scale reads left to right whenever it can."""

    changed = Signal()

    def __init__(self, variable: VariableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.variable = variable
        self.buttons: dict[int, QToolButton] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self._columns = 0
        for code in variable.codes:
            button = QToolButton(checkable=True, text=_scale_label(code))
            button.setToolTip(code_tooltip(code))
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 0.92)
            button.setFont(font)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            button.setStyleSheet(_scale_style(code.colour))
            button.clicked.connect(lambda checked, i=code.id: self._clicked(i, checked))
            button.setVisible(code.active)
            self.buttons[code.id] = button
        self._arrange(min(len(self.buttons), 7))
        if self.buttons:
            self.setFocusProxy(next(iter(self.buttons.values())))

    def codes(self) -> list[int]:
        return [code_id for code_id, button in self.buttons.items() if button.isChecked()]

    def set_codes(self, ids: list[int]) -> None:
        check_codes(self.variable, ids)
        for code in self.variable.codes:
            button = self.buttons[code.id]
            button.setChecked(code.id in ids)
            button.setVisible(code.active or code.id in ids)

    def choose(self, code_id: int) -> None:
        """Set the point; on a variable with several values, add it or take it away."""
        button = self.buttons[code_id]
        button.setChecked(not button.isChecked() if self.variable.multiple else True)
        self._clicked(code_id, button.isChecked())

    def _clicked(self, code_id: int, checked: bool) -> None:
        if checked and not self.variable.multiple:
            for other, button in self.buttons.items():
                button.setChecked(other == code_id)
        self.changed.emit()

    def _arrange(self, columns: int) -> None:
        """Columns share the width in proportion to what their labels need."""
        if columns == self._columns:
            return
        self._columns = columns
        widths = [0] * columns
        for at, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, at // columns, at % columns)
            widths[at % columns] = max(widths[at % columns], button.sizeHint().width())
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, widths[column] if column < columns else 0)

    def _columns_that_fit(self, width: int) -> int:
        needs = [b.sizeHint().width() + self._grid.spacing() for b in self.buttons.values()]
        for columns in range(min(len(needs), 7), 1, -1):
            rows = [needs[i : i + columns] for i in range(0, len(needs), columns)]
            if max(sum(row) for row in rows) <= width + self._grid.spacing():
                return columns
        return 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(self._columns_that_fit(event.size().width()))
        super().resizeEvent(event)


def _scale_label(code: CodeView) -> str:
    """The value on top, the label below in at most two balanced lines."""
    words = code.label.split()
    if len(code.label) > 10 and len(words) > 1:
        cut = min(
            range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) * 2 - len(code.label))
        )
        label = " ".join(words[:cut]) + "\n" + " ".join(words[cut:])
    else:
        label = code.label
    return f"{value_text(code.value)}\n{label}" if code.value is not None else label


def _scale_style(colour: str) -> str:
    ink = "#1f2933" if QColor(colour).lightnessF() > 0.55 else "#ffffff"
    return (
        "QToolButton { background: palette(base); color: palette(text);"
        f" border: 1px solid palette(mid); border-bottom: 4px solid {colour};"
        " border-radius: 5px; padding: 4px 1px; }"
        "QToolButton:hover { border-color: palette(highlight);"
        f" border-bottom-color: {colour}; }}"
        "QToolButton:focus { border: 2px solid palette(highlight);"
        f" border-bottom: 4px solid {colour}; }}"
        f"QToolButton:checked {{ background: {colour}; color: {ink};"
        " border: 2px solid palette(highlight); }"
        "QToolButton:disabled { color: palette(mid); }"
        f"QToolButton:checked:disabled {{ color: {ink}; }}"  # a read-only choice stays legible
    )
