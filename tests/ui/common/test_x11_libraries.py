"""A machine without an X11 library Qt needs gets one line naming the package, not Qt's
abort. The missing library is made real: a private mount namespace lays an empty file over
it, so the dynamic loader cannot load it, exactly as on a machine that never installed it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo

from stancecoder.ui.common.x11_libraries import (
    _uses_x11,
    debian_package,
    missing_x11_libraries,
    x11_advice,
)

CURSOR = Path("/lib/x86_64-linux-gnu/libxcb-cursor.so.0")


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libGL.so.1", "libgl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
    ],
)
def test_package_names_follow_debian(soname: str, package: str) -> None:
    """The pairs are Debian's own (packages.debian.org), not derived from the rule."""
    assert debian_package(soname) == package


@pytest.mark.parametrize(
    ("environment", "x11"),
    [
        ({}, True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"QT_QPA_PLATFORM": "xcb:dpi=96"}, True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ],
)
def test_the_check_runs_only_where_qt_will_use_x11(environment: dict[str, str], x11: bool) -> None:
    assert _uses_x11(environment) is x11


def test_the_check_agrees_with_the_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle is the dynamic loader itself: loading Qt's X11 plugin in a fresh process
    works exactly when nothing is reported missing, and else fails on a library reported."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    missing = missing_x11_libraries()
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    load = f"import ctypes; ctypes.CDLL({plugins + '/platforms/libqxcb.so'!r})"
    result = subprocess.run([sys.executable, "-c", load], capture_output=True, text=True)
    if result.returncode == 0:
        assert missing == []
    else:
        assert any(name in result.stderr for name in missing), (missing, result.stderr)


def test_the_advice_names_library_and_package() -> None:
    line = x11_advice(["libxcb-cursor.so.0"])
    assert "\n" not in line
    assert "libxcb-cursor.so.0" in line
    assert "sudo apt install libxcb-cursor0" in line


def without_cursor_library(argv: list[str]) -> list[str]:
    """`argv` run where libxcb-cursor cannot be loaded, in a mount namespace of its own."""
    hide = 'mount --bind /dev/null "$0" && exec "$@"'
    return ["unshare", "--mount", "sh", "-c", hide, str(CURSOR), *argv]


@pytest.fixture
def hidden_library_works() -> None:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        pytest.skip("needs Linux mount namespaces (unshare)")
    if not CURSOR.exists():
        pytest.skip("this machine lacks libxcb-cursor0 itself")
    probe = subprocess.run(
        without_cursor_library(["true"]), capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.strip()}")


def x11_environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":99",
        "STANCECODER_DATA_DIR": str(tmp_path / "data"),
    }


@pytest.mark.usefixtures("hidden_library_works")
def test_qt_alone_aborts_without_the_library(tmp_path: Path) -> None:
    """The control: what a user saw before the check."""
    argv = [sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"]
    result = subprocess.run(
        without_cursor_library(argv),
        capture_output=True, text=True, check=False, env=x11_environment(tmp_path),
    )  # fmt: skip
    assert result.returncode != 0
    assert "xcb-cursor0" in result.stderr


@pytest.mark.usefixtures("hidden_library_works")
@pytest.mark.parametrize("extra", [[], ["--smoke-test"]], ids=["window", "smoke-test"])
def test_stancecoder_says_one_line_naming_the_package(
    tmp_path: Path, stancecoder_argv: Callable[..., list[str]], extra: list[str]
) -> None:
    result = subprocess.run(
        without_cursor_library(stancecoder_argv(*extra)),
        capture_output=True, text=True, check=False, env=x11_environment(tmp_path),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "sudo apt install libxcb-cursor0" in result.stderr
    assert result.stdout == ""
