"""Where a coder stands with an article: the one list of statuses for every layer."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A coder's status on an article, in the order work moves through them.

    A `StrEnum`, so a member is its plain string: the database column, the exports and the
    command line keep the words "todo", "doing" and "done".
    """

    TODO = "todo"
    DOING = "doing"
    DONE = "done"

    @property
    def label(self) -> str:
        """The word a person reads, the same in the article list, the article form and the
        samples: one place, so two views never name the same status differently."""
        return _LABELS[self]


_LABELS = {Status.TODO: "To do", Status.DOING: "Doing", Status.DONE: "Done"}
