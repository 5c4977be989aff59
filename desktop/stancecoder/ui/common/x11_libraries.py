"""The system libraries Qt's X11 plugin needs, asked for before Qt can abort for want of one.

PySide6's wheels bring Qt but not the X11 client libraries; on a fresh Debian or Ubuntu
(`libxcb-cursor0` first of all) Qt prints a paragraph about plugins and aborts the process,
which no Python code can catch. Asking the dynamic loader first turns that into one line
naming the packages to install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

# `ldd` says "libfoo.so.1 => not found", or stops at a library it found but cannot load
NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)
UNLOADABLE = re.compile(r"error while loading shared libraries: ([^:]+):")


def missing_x11_libraries() -> list[str]:
    """The libraries Qt's X11 plugin cannot load here; empty when it can, when this start
    will not use X11, or when the loader cannot be asked (then Qt speaks for itself)."""
    if not sys.platform.startswith("linux") or not _uses_x11(os.environ):
        return []
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    plugin = plugins / "platforms" / "libqxcb.so"
    ldd = shutil.which("ldd")
    if ldd is None or not plugin.is_file():
        return []
    result = subprocess.run(
        [ldd, str(plugin)], capture_output=True, text=True, check=False, timeout=30
    )
    output = result.stdout + result.stderr
    found = NOT_FOUND.findall(output) + [Path(p).name for p in UNLOADABLE.findall(output)]
    return sorted(set(found))


def x11_advice(missing: list[str]) -> str:
    """One line: what is missing, and the Debian/Ubuntu packages that bring it."""
    packages = " ".join(sorted({debian_package(name) for name in missing}))
    return (
        f"Qt cannot open a window: its X11 plugin needs {', '.join(missing)}, missing here "
        f"(on Debian and Ubuntu: sudo apt install {packages})"
    )


def debian_package(soname: str) -> str:
    """Debian's name for the package of a shared library, by its naming policy:
    libxcb-cursor.so.0 -> libxcb-cursor0, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0."""
    name, _, version = soname.partition(".so.")
    name = name.lower()
    major = version.split(".")[0]
    return f"{name}-{major}" if name[-1:].isdigit() else f"{name}{major}"


def _uses_x11(environment: Mapping[str, str]) -> bool:
    """Qt's choice of platform: the one named, else Wayland in a Wayland session, else X11."""
    named = environment.get("QT_QPA_PLATFORM", "")
    if named:
        return named.split(";")[0].split(":")[0] == "xcb"
    return not environment.get("WAYLAND_DISPLAY")
