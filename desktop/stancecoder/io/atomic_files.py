"""Files that appear whole or not at all: written beside their name, then renamed onto it.

The temporary file lives in the target's folder so the rename stays on one file system, and
it is recorded in the pending registry first, so that a kill mid-write leaves nothing the
next start does not remove.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stancecoder.io.pending import temporary_sibling, tracked
from stancecoder.io.sheets import blamed_on

# Errors of a file system that has no hard links (FAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path` that replaces it only when the block succeeds.

    A failure, a cancel or a kill never leaves a half-written or clobbered file. The file is
    created with `os.open` rather than `mkstemp` so that the umask, not mkstemp's private
    0600, decides the permissions of the finished file.
    """
    path = Path(path)
    temporary = temporary_sibling(path)
    with tracked([temporary]):
        with blamed_on(path):
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        yield temporary
        with blamed_on(path):
            flush_to_disk(temporary)
            os.replace(temporary, path)


def publish_new(temporary: Path, path: Path) -> None:
    """Give the finished `temporary` the name `path`, never replacing what has that name.

    A hard link fails when the name is taken, so no other process can slip a file in
    between a check and the rename; without hard links the check comes just before it.
    """
    try:
        os.link(temporary, path)
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(temporary, path)
    else:
        os.unlink(temporary)


def flush_to_disk(path: Path) -> None:
    """Make the file's contents durable before a rename makes it visible."""
    descriptor = os.open(path, os.O_RDWR)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
