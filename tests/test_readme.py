"""The README's promises: its test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("## Start")
    return re.findall(r"```bash\n(.+?)\n```", text[start : text.index("## The command line")])


def test_readme_opens_with_two_commands_and_ci_runs_the_second() -> None:
    install_and_run, run_tests = readme_commands()
    assert install_and_run.endswith("stancecoder")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert run_tests in ci.splitlines()
