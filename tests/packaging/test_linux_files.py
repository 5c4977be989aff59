"""The freedesktop files pass the validators the distributions use, and the MIME type
makes a `.stance` file a StanceCoder project once installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"
APP_ID = "io.github.stancecoder.StanceCoder"


def tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian package {package})")
    return found


def run(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, check=False)


def test_the_desktop_file_is_valid() -> None:
    result = run(tool("desktop-file-validate", "desktop-file-utils"), LINUX / f"{APP_ID}.desktop")
    assert result.returncode == 0
    assert result.stdout + result.stderr == ""  # warnings and hints too


def test_the_appstream_metadata_is_valid() -> None:
    metainfo = LINUX / f"{APP_ID}.metainfo.xml"
    result = run(tool("appstreamcli", "appstream"), "validate", "--no-net", metainfo)
    assert result.returncode == 0, result.stdout
    assert "W:" not in result.stdout and "E:" not in result.stdout, result.stdout


def test_an_installed_mime_type_claims_stance_files(tmp_path: Path) -> None:
    update = tool("update-mime-database", "shared-mime-info")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(LINUX / "stancecoder-mime.xml", packages / f"{APP_ID}.xml")
    result = run(update, tmp_path / "mime")
    assert result.returncode == 0, result.stderr
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(":application/x-stancecoder-project:*.stance") for line in globs)
    desktop = (LINUX / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert "MimeType=application/x-stancecoder-project;" in desktop.splitlines()
