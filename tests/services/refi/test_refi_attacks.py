"""Hostile REFI-QDA files: each refused in one line before anything is written, the
project as it was."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.errors import InputFileError
from stancecoder.services.project import Project, create_project
from stancecoder.services.refi.importing import import_refi

PROJECT = b'<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'.replace("&lol0;", "&lol;").encode()
        for n in range(1, 10)
    )
    + b"]>"
)
EXTERNAL = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def symlinked() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("project.qde", PROJECT)
        link = zipfile.ZipInfo("sources/a.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return stream.getvalue()


def entity(prolog: bytes, body: bytes) -> dict[str, bytes]:
    xml = b'<?xml version="1.0"?>' + prolog + b'<Project xmlns="urn:QDA-XML:project:1.0" name="'
    return {"project.qde": xml + body + b'"/>'}


ATTACKS: dict[str, tuple[Callable[[Callable[[dict[str, bytes]], bytes]], bytes], str]] = {
    "zip-slip": (
        lambda z: z({"project.qde": PROJECT, "sources/../../evil.txt": b"x"}),
        r"points outside the archive \(zip-slip\)",
    ),
    "absolute path": (
        lambda z: z({"project.qde": PROJECT, "/etc/evil.txt": b"x"}),
        "has an absolute path",
    ),
    "drive": (
        lambda z: z({"project.qde": PROJECT, "C:/evil.txt": b"x"}),
        "has an absolute path",
    ),
    "symbolic link": (lambda z: symlinked(), "is a symbolic link"),
    "zip bomb": (
        lambda z: z({"project.qde": PROJECT, "sources/a.txt": b"\0" * (3 * 1024 * 1024)}),
        "as a zip bomb does",
    ),
    "entity expansion": (
        lambda z: z(entity(LAUGHS, b"&lol9;")),
        "declares a document type or entities",
    ),
    "external entity": (
        lambda z: z(entity(EXTERNAL, b"&xxe;")),
        "declares a document type or entities",
    ),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_hostile_archive_is_refused_in_one_line_and_the_project_untouched(
    attack: str,
    tmp_path: Path,
    zipped: Callable[[dict[str, bytes]], bytes],
    project_contents: Callable[[Project], dict[str, object]],
) -> None:
    build, refusal = ATTACKS[attack]
    path = tmp_path / "hostile.qdpx"
    path.write_bytes(build(zipped))
    with create_project(tmp_path / "p.stance") as project:
        before = project_contents(project)
        with pytest.raises(InputFileError, match=refusal) as refused:
            import_refi(project, path)
        assert "\n" not in str(refused.value)
        assert project_contents(project) == before
    assert not (tmp_path.parent / "evil.txt").exists()


def test_a_bare_project_xml_with_entities_is_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "study.qde"
    path.write_bytes(entity(LAUGHS, b"&lol9;")["project.qde"])
    with (
        create_project(tmp_path / "p.stance") as project,
        pytest.raises(InputFileError, match="declares a document type or entities"),
    ):
        import_refi(project, path)


@pytest.mark.parametrize(
    ("members", "refusal"),
    [
        ({"readme.txt": b"x"}, "the archive holds no project.qde"),
        ({"a.qde": PROJECT, "b.qde": PROJECT}, "holds 2 .qde files"),
        ({"project.qde": b"<Project"}, "not readable XML"),
        ({"project.qde": b"<Other/>"}, "not a REFI-QDA project or codebook"),
    ],
)
def test_archives_that_are_no_project_say_why(
    members: dict[str, bytes],
    refusal: str,
    tmp_path: Path,
    zipped: Callable[[dict[str, bytes]], bytes],
) -> None:
    path = tmp_path / "odd.qdpx"
    path.write_bytes(zipped(members))
    with (
        create_project(tmp_path / "p.stance") as project,
        pytest.raises(InputFileError, match=refusal),
    ):
        import_refi(project, path)
