"""The `.qdpx` archive: `project.qde` and its `sources/` folder, written whole and read
as untrusted input.

Before anything of an archive is used, every member's name and kind are checked: a name
that climbs out of the archive ("../", zip-slip), an absolute path or a drive, and a
symbolic link are refused, and the sizes are measured from the directory as for Office
files (`io.packages.check_sizes`: zip bombs by size and by ratio). Nothing is ever
unpacked to disk; a source is read into memory, up to the size one article may have.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from stancecoder.core.errors import InputFileError
from stancecoder.core.refi.model import RefiProject
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.encoding import decode_bytes
from stancecoder.io.limits import (
    DEFAULT_LIMITS,
    ImportLimits,
    read_regular_file,
    size_text,
    too_large,
)
from stancecoder.io.packages import check_sizes
from stancecoder.io.refi.xml_read import parse_refi_xml
from stancecoder.io.refi.xml_write import project_xml

INTERNAL = "internal://"
_DRIVE = re.compile(r"^[A-Za-z]:")


def write_qdpx(path: Path, project: RefiProject, texts: dict[str, str]) -> None:
    """The archive at `path`, replacing it only once whole: the project's XML and each
    source's text (by its internal file name) as UTF-8 without a byte order mark, which
    would shift every position by one in a tool that counts it."""
    with (
        atomic_output(path) as temporary,
        zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        archive.writestr("project.qde", project_xml(project))
        for name, text in texts.items():
            archive.writestr(f"sources/{name}", text.encode("utf-8"))


@dataclass
class QdpxArchive:
    """An open, checked archive (or a file of XML, which has none): its project and a way
    to read its sources' texts."""

    path: Path
    project: RefiProject
    archive: zipfile.ZipFile | None = None
    sources: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    limits: ImportLimits = DEFAULT_LIMITS

    def source_text(self, text_path: str) -> str | None:
        """The text of `internal://NAME`, None when the archive does not hold it."""
        if self.archive is None or not text_path.startswith(INTERNAL):
            return None
        member = self.sources.get(text_path.removeprefix(INTERNAL).casefold())
        if member is None:
            return None
        limit = self.limits.max_document_bytes
        if member.file_size > limit:
            what = f"source {member.filename} has {size_text(member.file_size)}"
            raise too_large(self.path, what, size_text(limit))
        with self.archive.open(member) as stream:
            data = stream.read(limit + 1)
        return decode_bytes(data, Path(member.filename))


@contextmanager
def open_refi_file(path: Path, limits: ImportLimits = DEFAULT_LIMITS) -> Iterator[QdpxArchive]:
    """A `.qdpx` archive or a `.qde`/`.qdc` file of XML, checked; an XML file has no
    sources of its own."""
    path = Path(path)
    data = read_regular_file(path, limits.max_file_bytes)
    if not data.startswith(b"PK"):
        yield QdpxArchive(path, parse_refi_xml(data, path))
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise InputFileError(path, "not a readable .qdpx archive (damaged zip)") from error
    with archive:
        for member in members:
            _check_member(path, member)
        check_sizes(path, ".qdpx", members, limits)
        project_member = _project_member(path, members)
        try:
            with archive.open(project_member) as stream:
                project = parse_refi_xml(stream.read(), path)
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise InputFileError(path, f"not a readable .qdpx archive ({error})") from error
        sources = {
            PurePosixPath(m.filename).name.casefold(): m
            for m in members
            if not m.is_dir() and PurePosixPath(m.filename).parent.name.casefold() == "sources"
        }
        yield QdpxArchive(path, project, archive, sources, limits)


def _check_member(path: Path, member: zipfile.ZipInfo) -> None:
    name = member.filename.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        raise InputFileError(path, f"refused: member {member.filename!r} has an absolute path")
    if ".." in PurePosixPath(name).parts:
        raise InputFileError(
            path, f"refused: member {member.filename!r} points outside the archive (zip-slip)"
        )
    if stat.S_ISLNK(member.external_attr >> 16):
        raise InputFileError(path, f"refused: member {member.filename!r} is a symbolic link")


def _project_member(path: Path, members: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    """The project's XML: the one `.qde` at the top (tools differ in its name's case)."""
    found = [m for m in members if "/" not in m.filename and m.filename.lower().endswith(".qde")]
    named = [m for m in found if m.filename.lower() == "project.qde"]
    if len(named) == 1 or len(found) == 1:
        return (named or found)[0]
    if not found:
        raise InputFileError(path, "not a REFI-QDA project: the archive holds no project.qde")
    raise InputFileError(path, f"the archive holds {len(found)} .qde files; which is the project?")
