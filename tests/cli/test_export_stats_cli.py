"""`stancecoder export` for SPSS, Stata and R, run as a user would, in a real process: the
renames and cuts printed, one line for each request it refuses, and on a full disk one
line with nothing written and the file that was there before kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyreadstat
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 articles and 300 passages of three coders: a .sav of them runs to 150 KB."""
    folder = tmp_path_factory.mktemp("study")
    path = folder / "study.stance"
    command = [sys.executable, str(REPO / "bench" / "synthetic.py"), "project", str(path),
               "--articles", "20", "--passages", "300"]  # fmt: skip
    env = {**os.environ, "XDG_STATE_HOME": str(folder / "state")}
    subprocess.run(command, check=True, capture_output=True, env=env)
    return path


def test_a_stata_file_is_written_and_every_rename_printed(
    study: Path, tmp_path: Path, stancecoder_cli
) -> None:
    target = tmp_path / "articles.dta"
    result = stancecoder_cli("export", study, target, "--format", "articles", "--each-coder")
    assert result.returncode == 0, result.stderr
    first, *notes = result.stdout.splitlines()
    assert first.startswith(f"wrote {target} for Stata: ")
    assert first.endswith("(articles) × 72 columns, each coder separately")
    assert (
        "note: 'n_topic_De-dollarization and alternative payments' is named "
        "n_topic_de_dollarization_and_alt: cut to 32 characters"
    ) in notes
    frame, meta = pyreadstat.read_dta(target)
    assert "n_topic_de_dollarization_and_alt" in frame.columns
    assert meta.column_names_to_labels["n_topic_de_dollarization_and_alt"] == (
        "passages coded topic De-dollarization and alternative payments"
    )


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (("--format", "passages"), "stancecoder: invalid: say whose codings the file holds: "
         "--coder NAME, --consensus or --each-coder"),
        (("--format", "passages", "--each-coder", "--history"), "stancecoder: invalid: "
         "--history is for the Excel export, not for SPSS, Stata or R"),
    ],
)  # fmt: skip
def test_an_incomplete_request_is_one_line(
    study: Path, tmp_path: Path, stancecoder_cli, arguments: tuple[str, ...], line: str
) -> None:
    result = stancecoder_cli("export", study, tmp_path / "out.sav", *arguments)
    assert (result.returncode, result.stderr.splitlines()) == (1, [line])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("out.dta", "Unable to write data (is the disk full, or the file too large?)."),
        ("out.csv", "File too large."),
    ],
)
def test_a_full_disk_is_one_line_and_leaves_the_previous_file(
    study: Path, tmp_path: Path, stancecoder_cli, name: str, reason: str
) -> None:
    target = tmp_path / name
    target.write_bytes(b"the previous export")
    result = stancecoder_cli(
        "export", study, target, "--format", "passages", "--each-coder", file_size_limit=60_000
    )
    assert (result.returncode, result.stderr.splitlines()) == (
        1,
        [f"stancecoder: error: Cannot write {target}: {reason}"],
    )
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no part file, no codebook alone
