"""The one way a change to a project reaches the views that show it.

Every writer (the undo runner, the samples dialog, the codebook editor, an import, F5)
publishes the `Changes` it made on the project's bus, and every open view (the main
window, the adjudication view, the agreement report) subscribes to `changed`. So a writer
never needs to know who shows what, and a view opened later needs no callback wired in by
whoever opened it. There is one bus per open project, found from the project itself, so
two projects open side by side never refresh each other's windows.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal

from stancecoder.core.changes import Changes
from stancecoder.services.project import Project


class ChangesBus(QObject):
    """Carries each `Changes` once it is on disk, to every subscriber of `changed`."""

    changed = Signal(object)  # Changes

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)


_buses: dict[int, ChangesBus] = {}


def bus_of(project: Project) -> ChangesBus:
    """The bus of `project`, made on first use and dropped with the project."""
    key = id(project)
    bus = _buses.get(key)
    if bus is None:
        bus = _buses[key] = ChangesBus()
        weakref.finalize(project, _buses.pop, key, None)
    return bus
