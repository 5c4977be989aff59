"""Open a project in a fresh interpreter as `stancecoder PROJECT` would, until the reader
shows the first article; print one JSON line with the times and the peak resident set
(VmHWM: see `peak_resident_mb`).

    python bench/open_window.py PROJECT CODER

The coder is remembered for the project beforehand (in throwaway settings), so the
launcher opens the window without asking. If the window comes up without an article,
the first one is picked as a coder would (Ctrl+↓); `picked` in the output says so.
`seconds` counts from before the first import of this script.
"""

import time

BEGAN = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from stancecoder.db.engine import display_name  # noqa: E402
from stancecoder.services.project import normalise_target  # noqa: E402
from stancecoder.ui.common.application import application  # noqa: E402
from stancecoder.ui.common.settings import AppSettings  # noqa: E402
from stancecoder.ui.common.theme import apply_theme  # noqa: E402
from stancecoder.ui.workbench.launcher import Launcher  # noqa: E402

IMPORTED = time.perf_counter()
WAIT_LIMIT_S = 60


def open_until_shown(target: str, coder: str, folder: Path) -> dict[str, object]:
    app = application()
    apply_theme(app)
    settings = AppSettings(QSettings(str(folder / "open.ini"), QSettings.Format.IniFormat))
    settings.set_coder_for(display_name(normalise_target(target)), coder)
    launcher = Launcher(settings)
    launcher.start(target)
    if not launcher.windows:
        raise SystemExit(f"the window did not open {target}")
    window = launcher.windows[0]
    app.processEvents()
    picked = window.article is None
    if picked:
        window.articles.next_article()
    deadline = time.perf_counter() + WAIT_LIMIT_S
    while window.reader.document().isEmpty():
        if time.perf_counter() > deadline:
            raise SystemExit("no article appeared in the reader")
        app.processEvents()
    app.processEvents()  # the paint of the text
    shown = time.perf_counter()
    window.close()
    return {
        "seconds": shown - BEGAN,
        "imports": IMPORTED - BEGAN,
        "rss_mb": peak_resident_mb(),
        "picked": picked,
    }


def peak_resident_mb() -> float:
    """This process's own peak resident set. ru_maxrss would not do on Linux: a process
    started from a large one keeps the parent's high-water mark across exec, which made
    the same window look 300 MB heavier when the runner had a big project in memory."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    target, coder = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(open_until_shown(target, coder, Path(folder))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
