"""The one-folder Linux bundle, built by `packaging/build-linux.sh` as a release would be,
passes its own smoke test. Slow (a fresh virtual environment and PyInstaller, about a
minute), so it runs on request: `pytest -m slow`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the Linux bundle builds on Linux"),
]


def test_the_bundle_builds_and_passes_its_smoke_test(
    tmp_path: Path, repository_files: Path
) -> None:
    script = repository_files / "packaging" / "build-linux.sh"
    result = subprocess.run(
        ["bash", str(script), str(tmp_path / "dist")],
        capture_output=True, text=True, check=False, timeout=1200,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "smoke test passed" in result.stdout
    bundled = tmp_path / "dist" / "stancecoder" / "stancecoder"
    again = subprocess.run([bundled, "--version"], capture_output=True, text=True, check=False)
    assert again.stdout.startswith("StanceCoder ")
