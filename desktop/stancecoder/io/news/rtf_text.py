"""The text of an RTF file, for exports that come as .rtf: striprtf turns the control
words into text (escaped characters in the file's code page, Unicode escapes) and leaves
out the groups that are not text (header, footer, fonts, pictures)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from stancecoder.core.errors import InputFileError

RTF_MAGIC = b"{\\rtf"
_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def rtf_plain_text(data: bytes, path: Path, *, partial: bool = False) -> str:
    """The text of the RTF `data`, line ends as "\\n"; `partial` when `data` is only the
    start of the file (a sniff), where a character cut off is no error."""
    page = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(page.group(1))}" if page else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = "cp1252"
    # RTF is 7-bit: anything above is read as its byte, which latin-1 keeps
    source = data.decode("latin-1")
    try:
        text: str = rtf_to_text(  # type: ignore[no-untyped-call]  # striprtf has no types
            source, encoding=encoding, errors="ignore" if partial else "strict"
        )
    except (MemoryError, RecursionError):
        raise
    except Exception as error:
        reason = f"not a readable .rtf file ({type(error).__name__})"
        raise InputFileError(path, reason) from error
    return re.sub(r"\r\n?", "\n", text)
