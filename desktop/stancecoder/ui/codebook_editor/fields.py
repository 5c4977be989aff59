"""Edits of one code's fields and of the codebook's name and version.

Each method is what a control of the form (or a test) calls with the new value; the
editor's `change` validates it, keeps it undoable, or refuses it with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from stancecoder.core.codebook import CodebookSpec, CodeSpec, normalise_shortcut
from stancecoder.core.codebook_view import FALLBACK_COLOUR
from stancecoder.ui.codebook_editor import ops
from stancecoder.ui.codebook_editor.host import Edit, EditorHost


class FieldEdits:
    def __init__(self, host: EditorHost) -> None:
        self.host = host

    def _on_code(self, uid: str) -> Callable[[CodebookSpec], CodeSpec]:
        index = self.host.variable_index
        return lambda spec: ops.code_of(spec.variables[index], uid)

    def _set(self, uid: str, field: str, value: object, text: str, key: object = None) -> bool:
        if not uid:
            return False
        code = self._on_code(uid)
        label = code(self.host.history.spec).label
        return self.host.change(
            text.format(label=f"‘{label}’"), lambda s: setattr(code(s), field, value), key
        )

    def rename(self, uid: str, label: str) -> bool:
        return self._set(uid, "label", label.strip(), "Rename {label}")

    def set_colour(self, uid: str, colour: str | None) -> bool:
        """`colour` as "#rrggbb", or None to draw the code in its parent's colour."""
        return self._set(uid, "colour", colour.lower() if colour else None, "Recolour {label}")

    def choose_colour(self) -> None:
        uid = self.host.current_uid()
        if uid:
            start = QColor(ops.colour_source(self.host.variable, uid)[0] or FALLBACK_COLOUR)
            colour = QColorDialog.getColor(start, self.host.window(), "Code colour")
            if colour.isValid():
                self.set_colour(uid, colour.name())

    def set_value(self, uid: str, text: str) -> bool:
        """The code's place on an ordinal or interval scale, as the lead typed it."""
        try:
            value = float(text.replace(",", ".").replace("−", "-")) if text.strip() else None
        except ValueError:
            self.host.banner.say(f"Not changed. ‘{text}’ is not a number.")
            return False
        return self._set(uid, "value", value, "Set the value of {label}")

    def set_shortcut(self, uid: str, key: str | None) -> bool:
        """`key` as Qt writes it ("Alt+1"), or None to remove the shortcut."""
        key = (normalise_shortcut(key) or key) if key else None
        return self._set(uid, "shortcut", key, "Set the shortcut of {label}")

    def set_active(self, uid: str, active: bool) -> bool:
        return self._set(uid, "active", active, f"{'Activate' if active else 'Retire'} {{label}}")

    def set_description(self, uid: str, text: str) -> bool:
        """Typing in the rule field: one undo step per code, not per keystroke. The text is
        kept as typed (saving trims it), so the field never moves the cursor under the lead."""
        key = ("description", uid)
        return self._set(uid, "description", text, "Edit the rule of {label}", key)

    def set_field(self, field: str, text: str) -> bool:
        """The codebook's `name` or `version`."""
        edit: Edit = lambda s: setattr(s, field, text.strip())  # noqa: E731
        return self.host.change(f"Set the codebook {field}", edit)
