"""A per-user record of the temporary files an unfinished write leaves behind.

An output is written beside its target (so the final rename stays on one file system) and
XlsxWriter streams its sheets through files of its own; a process killed mid-write leaves
all of them behind, where nothing would find them again. So before a temporary path is
created it is written down here, in one entry per write: a folder named after the machine
and the process (pid and start time), holding `paths.json` and serving as the write's
scratch space. The entry goes when the write ends, however it ends; at every start
`sweep_abandoned` deletes what the entries of this machine's ended processes list, and the
entries themselves.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sys
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from platformdirs import user_state_path

from stancecoder.core.errors import StanceCoderError

APP_NAME = "StanceCoder"
PATHS_FILE = "paths.json"

_TAG = re.compile(r"[a-z]+")
_SIBLING = re.compile(r"\..+\.[0-9a-f]{12}\.[a-z]+(-wal|-shm|-journal)?", re.DOTALL)
_ENTRY = re.compile(r"(.+)-(\d+)-(\d+|x)-[0-9a-f]{12}")


def pending_folder() -> Path:
    """The registry: in the user's state folder (XDG_STATE_HOME on Linux)."""
    return user_state_path(APP_NAME, appauthor=False) / "pending"


def temporary_sibling(path: Path, tag: str = "part") -> Path:
    """A hidden, unique name beside `path` for the file that will become it.

    Only names of this shape are ever deleted by a sweep, whatever an entry lists.
    """
    if not _TAG.fullmatch(tag):
        raise ValueError(f"tag {tag!r} must be lowercase letters")
    path = Path(path)
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.{tag}")


def database_files(path: Path) -> list[Path]:
    """An SQLite database and the journal files SQLite may create beside it."""
    return [path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))]


@contextmanager
def tracked(paths: Sequence[Path] = ()) -> Iterator[Path]:
    """Record `paths` (temporary siblings, not yet created) and yield a scratch folder.

    On leaving, whatever is left of `paths` and the scratch folder is deleted and the entry
    with them; if the process is killed first, the next start's sweep does it.
    """
    for path in paths:
        if not _SIBLING.fullmatch(Path(path).name):
            raise ValueError(f"{path} is not a temporary sibling name")
    pid = os.getpid()
    entry = pending_folder() / f"{_host()}-{pid}-{_start_time(pid) or 'x'}-{_token()}"
    try:
        try:
            entry.mkdir(parents=True)
            listing = entry / f"{PATHS_FILE}.new"
            listing.write_text(json.dumps([str(Path(p).absolute()) for p in paths]), "utf-8")
            listing.replace(entry / PATHS_FILE)
        except OSError as error:
            raise StanceCoderError(
                f"Cannot note this write's temporary files in {entry.parent}: "
                f"{error.strerror or error}."
            ) from error
        yield entry
    finally:
        _remove(entry, paths)


def sweep_abandoned() -> list[Path]:
    """Delete what writes of processes no longer running left behind; return those paths.

    Never raises: a start must not fail because a leftover cannot be removed (it is tried
    again at the next start).
    """
    removed: list[Path] = []
    try:
        entries = list(pending_folder().iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _ENTRY.fullmatch(entry.name)
        if match is None or match[1] != _host() or _is_running(int(match[2]), match[3]):
            continue
        paths = [p for p in _listed(entry) if _SIBLING.fullmatch(p.name)]
        removed += [p for p in paths if p.exists() or p.is_symlink()]
        if entry.exists():
            removed.append(entry)
        _remove(entry, paths)
    return removed


def _listed(entry: Path) -> list[Path]:
    try:
        return [Path(p) for p in json.loads((entry / PATHS_FILE).read_text("utf-8"))]
    except (OSError, ValueError, TypeError):
        return []  # killed before the listing was complete: nothing was created yet


def _remove(entry: Path, paths: Sequence[Path]) -> None:
    for path in paths:
        path = Path(path)
        with suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
    shutil.rmtree(entry, ignore_errors=True)


def _host() -> str:
    """This machine's name: a home folder shared over the network holds the entries of
    other machines too, whose processes cannot be seen from here."""
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname()) or "localhost"


def _token() -> str:
    return uuid.uuid4().hex[:12]


def _start_time(pid: int) -> str | None:
    """When the process started (Linux), so that a reused pid is not taken for the writer."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text("ascii")
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def _is_running(pid: int, start_time: str) -> bool:
    if not _pid_alive(pid):
        return False
    return start_time == "x" or _start_time(pid) in (None, start_time)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    return True


def _windows_pid_alive(pid: int) -> bool:
    """os.kill would terminate the process on Windows; ask whether it has exited instead."""
    import ctypes

    if sys.platform != "win32":  # ctypes has windll only there, as type checkers know
        raise NotImplementedError("only Windows is asked this way")
    query_limited_information, still_active = 0x1000, 259
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and (
            code.value == still_active
        )
    finally:
        kernel32.CloseHandle(handle)
