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
