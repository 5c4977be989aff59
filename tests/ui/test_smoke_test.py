"""`stancecoder --smoke-test`, the check an installed copy runs on itself, in a real process."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess


def test_the_smoke_test_codes_and_exports_and_leaves_nothing_behind(
    tmp_path: Path, stancecoder_cli: Callable[..., CompletedProcess[str]]
) -> None:
    scratch, data = tmp_path / "tmp", tmp_path / "data"
    scratch.mkdir()
    environment = {"TMPDIR": str(scratch), "STANCECODER_DATA_DIR": str(data)}
    environment["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    result = stancecoder_cli("--smoke-test", env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test passed: coded ")
    assert result.stderr == ""
    assert list(scratch.iterdir()) == []
    assert not data.exists()  # the user's own sample project is never touched
