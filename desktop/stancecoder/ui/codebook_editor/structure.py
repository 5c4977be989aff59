"""Edits of the code tree: add, move, re-parent, delete, and merging a code in use.

A used code is never simply deleted: its codings would lose their code. The editor
refuses and offers to merge it into another code, which moves the codings and is written
to the project at once (the lead confirms it in the picker).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from stancecoder.core.changes import Changes
from stancecoder.core.codebook import PATH_SEPARATOR, CodebookSpec, VariableSpec, iter_codes
from stancecoder.core.errors import StanceCoderError, ValidationError
from stancecoder.services.codebook_edit import merge_code, usage_by_uid
from stancecoder.services.codebook_rows import CodebookChanges
from stancecoder.services.project import Project
from stancecoder.ui.codebook_editor import ops
from stancecoder.ui.codebook_editor.banner import Banner
from stancecoder.ui.codebook_editor.history import EditHistory
from stancecoder.ui.codebook_editor.picker import CodePicker
from stancecoder.ui.codebook_editor.tree import CodeTree, usage_text
from stancecoder.ui.common.changes_bus import bus_of


class StructureEdits:
    """Mixed into the editor dialog, which provides the attributes declared here."""

    project: Project
    history: EditHistory
    banner: Banner
    tree: CodeTree
    usage: dict[str, int]
    changes: CodebookChanges | None
    picker: CodePicker | None
    _index: int
    variable: VariableSpec
    _change: Callable[..., bool]
    _refresh: Callable[..., None]
    current_uid: Callable[[], str]
    tell: Callable[[str], None]

    def add_code(self) -> str:
        """A new code after the current one, its label ready to be typed; returns its uid."""
        return self._add(None, self.current_uid() or None, "Add a code")

    def add_sub_code(self) -> str:
        uid = self.current_uid()
        if not uid or self.variable.level != "nominal":
            return ""
        return self._add(uid, None, "Add a sub-code")

    def _add(self, parent: str | None, after: str | None, text: str) -> str:
        index = self._index
        made: list[str] = []

        def edit(spec: CodebookSpec) -> None:
            made.append(ops.add_code(spec.variables[index], parent, after).uid or "")

        if not self._change(text, edit):
            return ""
        self.tree.select(made[-1])
        self.start_rename()
        return made[-1]

    def start_rename(self) -> None:
        # the item editor takes the focus only from its view; leaving a field may commit
        # it and rebuild the tree, so the item is looked up afterwards
        self.tree.setFocus()
        item = self.tree.currentItem()
        if item is not None:
            self.tree.scrollToItem(item)
            self.tree.editItem(item, 0)

    def move_by(self, step: int) -> bool:
        uid = self.current_uid()
        if not uid:
            return False
        index, label = self._index, ops.code_of(self.variable, uid).label
        text = f"Move ‘{label}’ {'up' if step < 0 else 'down'}"
        return self._change(text, lambda s: ops.move_by(s.variables[index], uid, step))

    def move_to(self, uid: str, parent_uid: str | None, index: int | None = None) -> bool:
        """Re-parent a code (None: to the top level) at `index` among its new siblings."""
        at, label = self._index, ops.code_of(self.variable, uid).label
        where = (
            f"under ‘{ops.code_of(self.variable, parent_uid).label}’"
            if parent_uid
            else "to the top level"
        )
        changed = self._change(
            f"Move ‘{label}’ {where}",
            lambda s: ops.move_to(s.variables[at], uid, parent_uid, index),
        )
        self.tree.select(uid)
        return changed

    def open_move_picker(self) -> CodePicker | None:
        uid = self.current_uid()
        if not uid or self.variable.level != "nominal" or not isinstance(self, QWidget):
            return None
        code = ops.code_of(self.variable, uid)
        inside = {c.uid for c in ops.subtree(code)}
        choices = [("(top level)", "")] + [
            (PATH_SEPARATOR.join(path), c.uid or "")
            for path, c in iter_codes(self.variable)
            if c.uid not in inside
        ]
        explanation = f"Move ‘{code.label}’ under the code you choose, or to the top level."
        picker = CodePicker(self, "Move to", explanation, "&Move", choices)
        picker.chosen.connect(lambda to: self.move_to(uid, to or None))
        return self._open(picker)

    def delete_current(self) -> bool:
        uid = self.current_uid()
        return self.delete_code(uid) if uid else False

    def delete_code(self, uid: str) -> bool:
        """Delete an unused code and its sub-codes (undoable); refuse a used one."""
        code = ops.code_of(self.variable, uid)
        used = self.usage.get(uid, 0)
        name = self.variable.name
        if used:
            if code.children:
                self.banner.say(
                    f"‘{code.label}’ is used by {usage_text(used)} and has sub-codes, so it "
                    "cannot be deleted. Move its sub-codes elsewhere and save; then merge it "
                    "into another code."
                )
                return False
            self.banner.say(
                f"‘{code.label}’ is used by {usage_text(used)}, so it cannot be deleted. "
                f"Merge it into another code of {name}: its codings move there.",
                merge_uid=uid,
            )
            return False
        busy = next((c for c in ops.subtree(code) if self.usage.get(c.uid or "")), None)
        if busy is not None:
            count = usage_text(self.usage[busy.uid or ""])
            self.banner.say(
                f"‘{code.label}’ cannot be deleted: its sub-code ‘{busy.label}’ is used by "
                f"{count}. Move that sub-code elsewhere, or merge it, first."
            )
            return False
        siblings, place, parent = ops.find(self.variable, uid)
        after = [*siblings[place + 1 :], *reversed(siblings[:place]), parent]
        neighbour = next((c.uid for c in after if c is not None), None)
        inner = sum(1 for _ in ops.subtree(code)) - 1
        text = f"Delete ‘{code.label}’" + (f" and its {inner} sub-codes" if inner else "")
        index = self._index
        changed = self._change(text, lambda s: ops.remove(s.variables[index], uid))
        if changed:
            self.tree.select(neighbour)
        return changed

    def open_merge_picker(self, uid: str) -> CodePicker | None:
        """The codes a used code can be merged into: the others of its variable on disk."""
        if not isinstance(self, QWidget):
            return None
        code = ops.code_of(self.variable, uid)
        on_disk = {c.uid for _, c in iter_codes(self.history.saved.variables[self._index])}
        choices = [
            (PATH_SEPARATOR.join(path), c.uid or "")
            for path, c in iter_codes(self.variable)
            if c.uid != uid and c.uid in on_disk
        ]
        explanation = (
            f"The {usage_text(self.usage.get(uid, 0))} of ‘{code.label}’ will move to the "
            f"code you choose, and ‘{code.label}’ will be deleted. This is written to the "
            "project at once and cannot be undone."
        )
        picker = CodePicker(self, f"Merge ‘{code.label}’", explanation, "&Merge", choices)
        picker.chosen.connect(lambda into: self.merge_into(uid, into))
        return self._open(picker)

    def merge_into(self, uid: str, into_uid: str) -> bool:
        """Move the codings of `uid` to `into_uid` in the project now, and drop the code."""
        label = ops.code_of(self.variable, uid).label
        target = ops.code_of(self.variable, into_uid).label
        try:
            moved = merge_code(self.project, uid, into_uid)
        except StanceCoderError as exc:
            self.banner.say(f"Not merged. {exc}")
            return False
        index = self._index

        def forget(spec: CodebookSpec) -> None:
            # a remembered state may not have had the code at all
            with contextlib.suppress(ValidationError):
                ops.splice_out(spec.variables[index], uid)

        self.history.everywhere(forget)
        self.usage = usage_by_uid(self.project)
        self.changes = self.changes or CodebookChanges(version=self.history.saved.version)
        self.changes.removed.append(f"{self.variable.name}: {label}")
        bus_of(self.project).publish(Changes(codebook=True))  # the codings moved now
        self.banner.clear()
        self._refresh(into_uid)
        self.tell(f"Merged ‘{label}’ into ‘{target}’: {usage_text(moved)} moved (saved).")
        return True

    def _open(self, picker: CodePicker) -> CodePicker:
        self.picker = picker
        picker.open()
        return picker
