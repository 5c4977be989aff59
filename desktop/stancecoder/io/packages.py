"""Checking a .docx or .xlsx package before a library unpacks and parses it.

Both are zip archives of XML parts. A few hundred kilobytes can unpack to gigabytes (a
"zip bomb"), and an XML part can declare entities that expand a thousandfold ("billion
laughs") or name external files for the parser to read. python-docx and openpyxl parse
parts with lxml, which is not hardened against all of that. So every archive is measured
first from its directory (Python's zipfile never unpacks more than a member's declared
size: a member lying about it fails its check), and every XML part is parsed once with
defusedxml, which refuses any document type declaration: Office files never have one,
and without it there is nothing for lxml to expand or fetch.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.sax import parse as defused_parse

from stancecoder.core.errors import InputFileError
from stancecoder.io.limits import MB, ImportLimits, size_text, too_large

# Members this small cannot unpack to much whatever their ratio.
_RATIO_FLOOR = 1 * MB
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SNIFF = 64
_PROGRAMS = {".docx": "Word", ".xlsx": "Excel"}


def check_package(path: Path, data: bytes, kind: str, limits: ImportLimits) -> None:
    """Refuse the archive `data` unless it is a zip within `limits` whose XML is plain.

    `kind` names the format in messages (".docx"). Returns nothing: a package that
    passes is handed to its library as it is.

    zipfile meets a damaged archive with many errors besides BadZipFile (zlib.error for
    broken packed data, ValueError for a header offset before the start, EOFError,
    NotImplementedError for an unknown compression, RuntimeError for encryption), so any
    error while it reads means the file is damaged; only running out of memory or stack
    is left to say what it is.
    """
    program = _PROGRAMS.get(kind, "Office")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            check_sizes(path, kind, members, limits)
            for member in members:
                _check_xml(path, kind, archive, member)
    except (InputFileError, MemoryError, RecursionError):
        raise
    except zipfile.BadZipFile as error:
        reason = f"not a readable {kind} file (damaged or not {program})"
        raise InputFileError(path, reason) from error
    except Exception as error:
        reason = f"not a readable {kind} file (damaged or not {program}: {type(error).__name__})"
        raise InputFileError(path, reason) from error


def check_sizes(
    path: Path, kind: str, members: list[zipfile.ZipInfo], limits: ImportLimits
) -> None:
    """Refuse an archive of more members than `limits` allow, or one that unpacks past
    them in all or in one member's ratio; `kind` names the format in messages."""
    if len(members) > limits.max_members:
        raise InputFileError(
            path, f"not a {kind} file as Office writes it: {len(members)} parts in the archive"
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_unpacked_bytes:
        what = f"the {kind} unpacks to {size_text(total)}"
        raise too_large(path, what, f"{size_text(limits.max_unpacked_bytes)} unpacked")
    for member in members:
        if member.file_size > _RATIO_FLOOR:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                raise InputFileError(
                    path,
                    f"refused: part {member.filename} unpacks {ratio:.0f} times its packed size "
                    f"(at most {limits.max_ratio}), as a zip bomb does",
                )


def _check_xml(path: Path, kind: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    if member.is_dir():
        return
    with archive.open(member) as stream:
        # NUL bytes out too: lxml also reads UTF-16 and UTF-32 without a byte order mark
        start = stream.read(_SNIFF).translate(None, b"\x00 \t\r\n")
        if not start.startswith(_XML_STARTS):
            return  # an image or other binary part: nothing parses it as XML
    with archive.open(member) as stream:
        try:
            defused_parse(stream, ContentHandler(), forbid_dtd=True)
        except DefusedXmlException as error:
            raise InputFileError(
                path,
                f"refused: part {member.filename} declares a document type or entities "
                f"({type(error).__name__}), which {kind} files never do",
            ) from error
        except SAXException as error:
            raise InputFileError(
                path, f"not a readable {kind} file (part {member.filename}: {error})"
            ) from error
