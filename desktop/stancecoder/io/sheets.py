"""The shape of a table to export, shared by the xlsx and csv writers.

The service layer describes each sheet once (columns with a kind) and hands over its rows as
an iterable, so a writer can stream a large table without holding it in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from stancecoder.core.errors import StanceCoderError

ColumnKind = Literal["text", "int", "float", "date", "datetime"]

MAX_TITLE_LENGTH = 31
FORBIDDEN_TITLE_CHARACTERS = frozenset("[]:*?/\\")


@dataclass(frozen=True)
class Column:
    """One column: its header, the kind of its values and how it is laid out in Excel.

    `width` is in characters; None derives it from the header (8 to 60). `wrap` is for long
    text such as quotes, which then wraps in a column about 60 characters wide.
    """

    header: str
    kind: ColumnKind = "text"
    width: int | None = None
    wrap: bool = False


@dataclass(frozen=True)
class Sheet:
    """A titled table. `rows` may be a generator: writers read it exactly once."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]

    def __post_init__(self) -> None:
        # Excel refuses these titles when it opens the file, long after the export "worked".
        title = self.title
        if not title or len(title) > MAX_TITLE_LENGTH:
            raise ValueError(
                f"sheet title {title!r} must be 1 to {MAX_TITLE_LENGTH} characters long"
            )
        bad = "".join(sorted(FORBIDDEN_TITLE_CHARACTERS.intersection(title)))
        if bad:
            raise ValueError(f"sheet title {title!r} may not contain {bad}")
        if title.startswith("'") or title.endswith("'"):
            raise ValueError(f"sheet title {title!r} may not begin or end with an apostrophe")
        if not self.columns:
            raise ValueError(f"sheet {title!r} has no columns")


@dataclass
class WriteReport:
    """What an xlsx export did, so the user can be told which cells were shortened.

    `rows_written` counts data rows per sheet title; `truncated` holds (sheet title, Excel
    row number, column header) for each cell cut to Excel's length limit.
    """

    rows_written: dict[str, int] = field(default_factory=dict)
    truncated: list[tuple[str, int, str]] = field(default_factory=list)


class ExportCancelled(StanceCoderError):
    """The user stopped an export; the target file was left as it was."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"Export cancelled; {path} was not changed.")


def check_titles(sheets: Sequence[Sheet]) -> None:
    """Refuse a workbook without sheets or with two sheets Excel would take for one."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    seen: set[str] = set()
    for sheet in sheets:
        key = sheet.title.casefold()  # Excel compares sheet titles without case
        if key in seen:
            raise ValueError(f"two sheets are titled {sheet.title!r}")
        seen.add(key)


def checked_rows(
    title: str, columns: Sequence[Column], rows: Iterable[Sequence[object]]
) -> Iterator[Sequence[object]]:
    """Yield the rows, refusing one whose length does not match the columns.

    A short or long row means the caller's columns and values have drifted apart; writing it
    would put values under the wrong headers without anyone noticing.
    """
    width = len(columns)
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(
                f"sheet {title!r}, data row {number}: {len(row)} values for {width} columns"
            )
        yield row


def describe_write_error(path: Path, error: OSError) -> str:
    """Turn an OS error about `path` into one line the user can act on."""
    if isinstance(error, FileNotFoundError):
        return f"Cannot write {path}: the folder {path.parent} does not exist."
    if isinstance(error, NotADirectoryError):
        return f"Cannot write {path}: {path.parent} is not a folder."
    if isinstance(error, IsADirectoryError):
        return f"Cannot write {path}: it is a folder."
    if isinstance(error, PermissionError):
        return (
            f"Cannot write {path}: permission denied. If the file is open in another program, "
            "close it and try again."
        )
    return f"Cannot write {path}: {error.strerror or error}."


@contextmanager
def blamed_on(path: Path) -> Iterator[None]:
    """Report an OS error inside the block as a problem with the target `path`.

    Writers wrap only their file operations in it (a full disk, a vanished drive): an error
    raised while producing the rows belongs to the rows' source and passes through as it is.
    """
    try:
        yield
    except OSError as error:
        raise StanceCoderError(describe_write_error(path, error)) from error
