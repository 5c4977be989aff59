"""The bridge between undoable service commands and Qt's undo stack.

A command is applied before it goes on the stack, so a refused action (a stale edit, an
invalid coding) never enters it. Undo and redo work the same way: the runner applies the
stored inverse first and moves the stack only once it is on disk, because Qt moves the
stack whatever the command does. So a step that another program's lock (or a read-only or
full disk) kept from being undone stays where it was, and the next Ctrl+Z tries it again.
A step the project refuses for good (someone else changed the passage) leaves the stack
instead of lying about the state of the project.

Every undo or redo changes a passage's version (or a coder's status and article codes'),
so an entry deeper in the stack would carry a stale version. The runner remembers the last
version it produced for each and hands that to the inverse: only a change made elsewhere
makes an undo stale.

What each step changed is published on the project's bus, whichever window ran it, so
every open view refreshes from it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from stancecoder.core.changes import Changes
from stancecoder.core.errors import ProjectBusyError, StanceCoderError
from stancecoder.services.commands import Command
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of

Complain = Callable[[str], None]


class _Outcome(Enum):
    DONE = "done"
    BUSY = "busy"  # not applied now, may be later: the step stays
    REFUSED = "refused"  # never will be: the step leaves the stack


class _Entry(QUndoCommand):
    """One step; `applied` says the stack's next move only records what is on disk."""

    def __init__(self, runner: UndoRunner, done: Command, inverse: Command) -> None:
        super().__init__(done.text)
        self.runner = runner
        self.forward: Command = done
        self.backward: Command = inverse
        self.applied = True  # applied before it was pushed

    def redo(self) -> None:
        self._move(backward=False)

    def undo(self) -> None:
        self._move(backward=True)

    def _move(self, backward: bool) -> None:
        if self.applied:
            self.applied = False
        elif self.runner.apply(self, backward) is not _Outcome.DONE:
            self.setObsolete(True)  # moved by Qt directly: the step cannot stay and lie


class UndoRunner:
    def __init__(self, project: Project, complain: Complain) -> None:
        self.project = project
        self._versions: dict[str, int] = {}  # `Changes.versions` key -> the version left
        self.stack = QUndoStack()
        self.stack.setUndoLimit(500)
        self._bus = bus_of(project)
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
        self._bus.publish(changes)
        return changes

    def undo(self) -> None:
        """Undo the last step; the stack moves only if the project took the change."""
        if self.stack.canUndo():
            self._travel(self.stack.index() - 1, backward=True)

    def redo(self) -> None:
        if self.stack.canRedo():
            self._travel(self.stack.index(), backward=False)

    def undo_action(self, parent: QWidget) -> QAction:
        """Qt's Undo action, named after the step, but going through `undo`."""
        return self._action(self.stack.createUndoAction(parent), self.undo)

    def redo_action(self, parent: QWidget) -> QAction:
        return self._action(self.stack.createRedoAction(parent), self.redo)

    def _action(self, action: QAction, slot: Callable[[], None]) -> QAction:
        action.triggered.disconnect()  # Qt's own slot would move the stack unconditionally
        action.triggered.connect(slot)
        return action

    def _travel(self, index: int, backward: bool) -> None:
        entry = self.stack.command(index)
        assert isinstance(entry, _Entry)
        outcome = self.apply(entry, backward)
        if outcome is _Outcome.BUSY:
            return
        entry.applied = outcome is _Outcome.DONE
        entry.setObsolete(outcome is _Outcome.REFUSED)  # Qt then drops it instead of moving
        if backward:
            self.stack.undo()
        else:
            self.stack.redo()

    def apply(self, entry: _Entry, backward: bool) -> _Outcome:
        """Apply one side of `entry`, keep its inverse for the way back, and tell why not."""
        command = entry.backward if backward else entry.forward
        key = getattr(command, "version_key", None) or getattr(command, "uid", None)
        if key in self._versions and hasattr(command, "version"):
            command.version = self._versions[key]
        what = f"{'Undo' if backward else 'Redo'} “{entry.text()}”"
        try:
            inverse, changes = command.apply(self.project)
        except ProjectBusyError as exc:
            self._complain(f"{what} did not happen: {exc}. Nothing changed; try again.")
            return _Outcome.BUSY
        except StanceCoderError as exc:
            self._complain(f"{what} is no longer possible: {exc}")
            return _Outcome.REFUSED
        if backward:
            entry.forward = inverse
        else:
            entry.backward = inverse
        self._versions.update(changes.versions)
        self._bus.publish(changes)
        return _Outcome.DONE
