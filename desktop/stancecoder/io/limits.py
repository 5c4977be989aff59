"""How much of an untrusted input an import may take, and reading files within that.

A file handed to an import may be a named pipe (reading it waits forever), a device such
as /dev/zero (reading it never ends) or simply far larger than any article. Each is
refused by what the file is, before a byte of it is read, and a regular file is read only
up to its limit, so that no input can hang an import or exhaust the memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from stancecoder.core.errors import InputFileError

KB = 1024
MB = 1024 * KB


@dataclass(frozen=True)
class ImportLimits:
    """The limits one import works within; each refusal names the limit it met.

    `max_article_bytes` bounds the text of one article (UTF-8), and so one cell of a
    table; `max_file_bytes` one file of records as stored; `max_unpacked_bytes`,
    `max_ratio` and `max_members` a .docx/.xlsx archive (all its members unpacked, the
    unpacked to packed size of any member over 1 MB, the number of members);
    `max_json_depth` how deeply a JSON value may nest; `max_pdf_pages` how many pages a
    PDF of one article may have; `max_page_elements` how many elements a saved web page
    may have (finding its main text takes time in proportion: about 10 s at the limit).
    """

    max_article_bytes: int = 5 * MB
    max_file_bytes: int = 256 * MB
    max_unpacked_bytes: int = 128 * MB
    max_ratio: int = 100
    max_members: int = 10_000
    max_json_depth: int = 64
    max_pdf_pages: int = 2_000
    max_page_elements: int = 50_000

    @property
    def max_document_bytes(self) -> int:
        """A plain-text file holds one article: in UTF-32, four bytes for each UTF-8 one."""
        return 4 * self.max_article_bytes


DEFAULT_LIMITS = ImportLimits()

# Not blocking (POSIX) and not translating line ends (Windows), where there are such flags.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def size_text(size: int) -> str:
    """A size as people say it: 512 bytes, 40 KB, 5 MB, 7.3 MB."""
    if size < KB:
        return f"{size} bytes"
    unit, name = (MB, "MB") if size >= MB else (KB, "KB")
    value = size / unit
    return f"{value:.0f} {name}" if value >= 10 or value.is_integer() else f"{value:.1f} {name}"


def read_regular_file(path: Path, limit: int, limit_text: str | None = None) -> bytes:
    """The contents of the regular file at `path`, or InputFileError saying why not.

    Anything but a regular file (links are followed: a link to /dev/zero is a device) is
    refused without being read. The file is opened without blocking, so that a pipe
    swapped in after the check cannot hang the open, and checked again once open. At
    most `limit` bytes are read: a file larger than that, or growing past it, is refused,
    the message naming the limit as `limit_text` says (by default its size).
    """
    limit_text = limit_text or size_text(limit)
    try:
        _refuse_special(path, os.stat(path))
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise InputFileError(path, _os_reason(error)) from error
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        _refuse_special(path, info)
        if info.st_size > limit:
            raise too_large(path, f"the file has {size_text(info.st_size)}", limit_text)
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise InputFileError(path, _os_reason(error)) from error
    if len(data) > limit:
        raise too_large(path, "the file grew while it was read", limit_text)
    return data


def too_large(path: Path, what: str, limit_text: str) -> InputFileError:
    """The refusal of something over a limit: `what` says what and how large it is."""
    return InputFileError(path, f"too large: {what}, over the limit of {limit_text}")


def _refuse_special(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(path, "is a folder, not a file")
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise InputFileError(path, f"not a regular file but {kind}; refused without reading")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(path, "not a regular file; refused without reading")


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "file not found"
    if isinstance(error, PermissionError):
        return "cannot read the file (permission denied)"
    return f"cannot read the file ({error.strerror or error})"


def check_article_text(path: Path, where: str, text: str, limits: ImportLimits) -> None:
    """Refuse an article text over `limits.max_article_bytes` or one a database cannot
    store; `where` ("row 7: ") says which article of the file it is."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_article_bytes:
        what = f"{where}the article has {size_text(size)} of text"
        raise too_large(path, what, f"{size_text(limits.max_article_bytes)} per article")
    check_storable(path, where, "the text", text)


def check_storable(path: Path, where: str, what: str, value: str) -> None:
    """Refuse a value holding what no project database stores: PostgreSQL refuses the NUL
    character in text, and neither database takes a lone surrogate (a JSON "\\ud800");
    `what` names the value in the message ("the title")."""
    if "\x00" in value:
        raise InputFileError(path, f"{where}{what} holds a NUL character (U+0000)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(value[error.start])
        raise InputFileError(
            path, f"{where}{what} holds a lone surrogate (U+{code:04X}), which is not Unicode"
        ) from error
