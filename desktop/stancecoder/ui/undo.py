"""The bridge between undoable service commands and Qt's undo stack.

A command is applied before it goes on the stack, so a refused action (a stale edit, an
invalid coding) never enters it. Undo and redo apply the stored inverse; if that is
refused, the user is told why and the entry leaves the stack instead of lying about the
state of the project.

Every undo or redo changes a passage's version, so an entry deeper in the stack would
carry a stale version. The runner remembers the last version it produced for each passage
and hands that to the inverse: only a change made elsewhere makes an undo stale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from stancecoder.core.changes import Changes
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.commands import Command
from stancecoder.services.project import Project

Refresh = Callable[[Changes], None]
Complain = Callable[[str], None]


class _Entry(QUndoCommand):
    def __init__(self, runner: UndoRunner, done: Command, inverse: Command) -> None:
        super().__init__(done.text)
        self._runner = runner
        self._redo: Command = done
        self._undo: Command = inverse
        self._first = True

    def redo(self) -> None:
        if self._first:  # applied already, before it was pushed
            self._first = False
            return
        self._undo = self._runner.run_quietly(self._redo, self) or self._undo

    def undo(self) -> None:
        self._redo = self._runner.run_quietly(self._undo, self) or self._redo


class UndoRunner:
    def __init__(self, project: Project, refresh: Refresh, complain: Complain) -> None:
        self.project = project
        self._versions: dict[str, int] = {}  # passage uid -> the version this runner left
        self.stack = QUndoStack()
        self.stack.setUndoLimit(500)
        self._refresh = refresh
        self._complain = complain

    def run(self, command: Command) -> Changes | None:
        """Apply `command` as a new user action; None (and a message) if it was refused."""
        try:
            inverse, changes = command.apply(self.project)
        except StanceCoderError as exc:
            self._complain(str(exc))
            return None
        self._versions.update(changes.versions)
        self.stack.push(_Entry(self, command, inverse))
        self._refresh(changes)
        return changes

    def run_quietly(self, command: Command, entry: QUndoCommand) -> Command | None:
        uid = getattr(command, "uid", None)
        if uid in self._versions and hasattr(command, "version"):
            command.version = self._versions[uid]  # type: ignore[attr-defined]
        try:
            inverse, changes = command.apply(self.project)
        except StanceCoderError as exc:
            entry.setObsolete(True)
            self._complain(f"Could not {entry.text().lower()}: {exc}")
            return None
        self._versions.update(changes.versions)
        self._refresh(changes)
        return inverse
