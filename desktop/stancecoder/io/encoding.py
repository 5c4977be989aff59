"""Reading a text file whose encoding nobody wrote down.

A wrong guess is worse than a refusal: the decoded text becomes the article's canonical
text for good. So the certain readings come first (a byte order mark, strict UTF-8) and
a statistical guess only after them.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from stancecoder.core.errors import InputFileError
from stancecoder.io.limits import DEFAULT_LIMITS, read_regular_file

BINARY = "not a text file (binary data)"
# The UTF-32 marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Short texts read equally well in several legacy encodings; then the ones news corpora
# of this kind come in win, in this order (cp949 is the superset of EUC-KR).
_PREFERRED = ("cp949", "cp1252")
_ALIASES = {"euc_kr": "cp949"}
_EQUALLY_PLAUSIBLE = 0.01
# Control characters other than tab, line and page breaks: more than a few mean the bytes
# are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.01


def read_bytes(
    path: Path, limit: int = DEFAULT_LIMITS.max_file_bytes, limit_text: str | None = None
) -> bytes:
    """The contents of the regular file `path` up to `limit` bytes, or InputFileError
    saying why they cannot be had (see `read_regular_file`)."""
    return read_regular_file(path, limit, limit_text)


def read_text(
    path: Path, limit: int = DEFAULT_LIMITS.max_file_bytes, limit_text: str | None = None
) -> str:
    """The decoded text of the file at `path` (see `read_bytes` and `decode_bytes`)."""
    return decode_bytes(read_bytes(path, limit, limit_text), path)


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode the contents of the file at `path`, or raise InputFileError saying why not.

    Order: a byte order mark (UTF-8, UTF-16, UTF-32) decides; then strict UTF-8; then
    charset-normalizer, preferring cp949 and cp1252 among equally plausible readings.
    NUL bytes without a UTF-16/32 mark, or too many control characters, mean binary data.
    """
    if not data:
        raise InputFileError(path, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                reason = f"not valid {name} text although it starts with a {name} byte order mark"
                raise InputFileError(path, reason) from error
            return _checked(text, path)
    if b"\x00" in data:
        raise InputFileError(path, BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        _refuse_mixed_utf8(data, error, path)
        text = _decode_legacy(data, path)
    return _checked(text, path)


def _refuse_mixed_utf8(data: bytes, error: UnicodeDecodeError, path: Path) -> None:
    """Refuse a mostly UTF-8 file with a few foreign bytes, which no single guess reads."""
    replaced = data.decode("utf-8", errors="replace")
    invalid = replaced.count("\ufffd")
    valid = sum(1 for char in replaced if ord(char) > 0x7F and char != "\ufffd")
    if valid > 4 * invalid:
        raise InputFileError(
            path,
            f"mixed encodings: mostly UTF-8, but not at byte {error.start}; "
            "save the file as UTF-8 and import it again",
        )


def _decode_legacy(data: bytes, path: Path) -> str:
    # Without a byte order mark, UTF-16 and UTF-32 would have NUL bytes in any real text.
    results = [match for match in from_bytes(data) if not match.encoding.startswith("utf_")]
    if not results:
        raise InputFileError(path, BINARY)
    best = results[0]
    plausible = {
        _ALIASES.get(name, name)
        for match in results
        if match.chaos <= best.chaos + _EQUALLY_PLAUSIBLE
        for name in match.could_be_from_charset
    }
    for encoding in _PREFERRED:
        if encoding in plausible:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return str(best)


def _checked(text: str, path: Path) -> str:
    if len(_CONTROL.findall(text)) > len(text) * _MAX_CONTROL_SHARE:
        raise InputFileError(path, BINARY)
    return text
