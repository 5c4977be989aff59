"""The window's line at the foot: the project, the coder, the article's place in the list,
what the coder coded today and how far their assigned articles are done.

The counts are read once at the start and then taken from what the window reads after
each change anyway (`CodingView`), so moving from article to article costs no query.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from stancecoder.services.coding_view import CodingView
from stancecoder.services.passages import coded_today
from stancecoder.services.project import Project
from stancecoder.services.samples import CoderProgress


class StatusLine(QLabel):
    def __init__(
        self,
        project: Project,
        coder: str,
        assigned: CoderProgress,
        position: Callable[[], tuple[int, int]],
    ) -> None:
        """`position` gives the article's place in the list and the list's length."""
        super().__init__()
        self.project, self.coder = project, coder
        self.title = project.title
        self.assigned = assigned
        self.coded_today: int | None = None
        self.position = position

    def refresh(self, fresh: CodingView | None = None) -> None:
        """The article's place always; today's count and the assigned articles done as
        `fresh` read them after a change (or once, at the start)."""
        if fresh is not None and fresh.coded_today is not None:
            self.coded_today = fresh.coded_today
        if fresh is not None and fresh.assigned is not None:
            self.assigned = fresh.assigned
        if self.coded_today is None:
            self.coded_today = coded_today(self.project, self.coder)
        n, total = self.position()
        mine = self.assigned
        parts = [self.title, f"coder: {self.coder}", f"article {n} of {total}",
                 f"coded today: {self.coded_today}"]  # fmt: skip
        if mine.assigned:
            parts.append(f"{mine.done} of {mine.assigned} assigned done")
        if self.project.actor is not None and self.project.actor.as_lead:
            parts.append("editing as lead")
        self.setText("  ·  ".join(parts))
        self.setToolTip(
            f"Assigned to you: {mine.todo} to do, {mine.doing} doing, {mine.done} done"
            if mine.assigned
            else ""
        )
