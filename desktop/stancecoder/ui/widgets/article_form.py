"""The article-level variables (genre, say), coded once per article, and where the coder
stands with the article (to do, doing, done).

Every change is saved at once by the window, one variable at a time, so undo names
exactly what changed; there is no Save button to forget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.status import Status
from stancecoder.ui.widgets.code_picker import CodePicker, field_for, make_picker
from stancecoder.ui.widgets.coding_panel import field_label, hint_label
from stancecoder.ui.widgets.scale_picker import ScalePicker


class ArticleForm(QWidget):
    codesChanged = Signal(dict)  # {variable name: code ids} for the variable the user changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codebook: CodebookView | None = None
        self.fields: dict[str, CodePicker | ScalePicker] = {}
        self.title = field_label("article", "Codes for the article as a whole.")
        self.status = QLabel(objectName="articleStatus", alignment=Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet(
            "#articleStatus { border: 1px solid palette(mid); border-radius: 9px;"
            " padding: 2px 10px; background: palette(alternate-base); }"
        )
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        self._body = QWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self._body)
        self.set_status(Status.TODO)

    def set_codebook(self, codebook: CodebookView) -> None:
        self.codebook = codebook
        self.fields = {}
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for variable in codebook.article_variables():
            picker = make_picker(variable)
            picker.changed.connect(lambda name=variable.name: self._changed(name))
            self.fields[variable.name] = picker
            column.addWidget(field_label(variable.name, variable.description))
            column.addWidget(picker)
        if not self.fields:
            column.addWidget(hint_label("This codebook has no article-level variables."))
        self._body.hide()  # at once: deletion waits for the event loop
        self._body.deleteLater()
        self.layout().replaceWidget(self._body, body)
        self._body = body
        body.show()
        self.setFocusProxy(next(iter(self.fields.values()), None))

    def load(self, codes: dict[str, list[int]]) -> None:
        """Show this coder's codes; variables not named are shown uncoded."""
        for name, picker in self.fields.items():
            picker.set_codes(codes.get(name, []))

    def codes(self) -> dict[str, list[int]]:
        return {name: picker.codes() for name, picker in self.fields.items()}

    def choose_code(self, code_id: int) -> bool:
        """Set an article-level code from its shortcut; False when it is not one."""
        field = field_for(self.codebook, self.fields, code_id) if self.isEnabled() else None
        if field is not None:
            field.choose(code_id)
        return field is not None

    def set_status(self, status: str) -> None:
        if status not in list(Status):
            raise ValueError(f"unknown status {status!r}; expected one of {list(Status)}")
        self.status.setText(Status(status).label)
        self.status.setProperty("status", status)

    def _changed(self, name: str) -> None:
        self.codesChanged.emit({name: self.fields[name].codes()})
