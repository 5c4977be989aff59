"""Errors a user can act on.

Everything raised as a `StanceCoderError` is shown to the user as one line (the CLI) or a
message box (the GUI); anything else is a bug and gets a traceback.
"""

from __future__ import annotations

from pathlib import Path

from stancecoder.core.printable import printable


class StanceCoderError(Exception):
    """A problem with the user's input or project, explained in the message."""


class InputFileError(StanceCoderError):
    """A file that cannot be read as what it claims to be; nothing of it was used.

    The message is one printable line: the file's name and the reason may quote the
    file's content (a column name, a key) or hold escape sequences and line breaks.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = printable(reason)
        super().__init__(f"{printable(self.path.name)}: {self.reason}")


class CodebookError(StanceCoderError):
    """A codebook that is not valid; `where` points at the offending entry.

    Both are printable, each on one line: they may quote the file's keys and names, which
    can hold line breaks and escape sequences."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = printable(where)
        self.reason = printable(reason)
        super().__init__(f"{self.where}: {self.reason}" if where else self.reason)


class ValidationError(StanceCoderError):
    """A coding or edit that would break a rule of the project; nothing was written."""


class NotYoursError(ValidationError):
    """A change to another coder's work by someone who may not make it; nothing was written."""


class ProjectError(StanceCoderError):
    """A project that cannot be opened or used as asked.

    `plain` says it to a person in the window, who has no command line to run and no use
    for a driver's wording: one sentence on what to check or do there. Without one, the
    message serves both."""

    def __init__(self, message: str, plain: str | None = None) -> None:
        super().__init__(message)
        self.plain = plain or message


class OutputError(StanceCoderError):
    """An output that may not be written where asked; nothing was written there."""


class ProjectBusyError(ProjectError):
    """The project could not take a change just now: another program holds its lock, or it
    is read-only, out of space or out of reach. Nothing was written, and the same action can
    succeed later, so an undo step that met it stays where it was."""
