"""`stancecoder network`, run as a user would, in a real process: a file per month with
the line printed for each, the filters and --from, each bad request said in one line
with nothing written, and networkx left unloaded by the other commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from stancecoder.services.project import Project

# the services' tests run on both databases; a process each here is enough on SQLite
on_sqlite = pytest.mark.parametrize("project_target", ["sqlite"], indirect=True)


@pytest.fixture
def coded(networked: Project, project_target: str | Path) -> str:
    return str(project_target)


@on_sqlite
def test_one_file_per_month(coded: str, stancecoder_cli, tmp_path: Path) -> None:
    out = tmp_path / "alice.gexf"
    done = stancecoder_cli("network", coded, "--kind", "agreement", "--out", out,
                           "--coder", "Alice", "--by", "month")  # fmt: skip
    assert done.returncode == 0, done.stderr
    june, july = tmp_path / "alice-2024-06.gexf", tmp_path / "alice-2024-07.gexf"
    assert done.stdout.splitlines() == [
        f"wrote {june}: Actor agreement network, 2024-06 — Alice's codings "
        "(4 nodes, 4 edges, 8 passages)",
        f"wrote {july}: Actor agreement network, 2024-07 — Alice's codings "
        "(1 node, 0 edges, 2 passages)",
    ]
    assert "1 passage without a date to the month left out" in done.stderr
    assert nx.read_gexf(june).edges["Analysts", "United States"]["weight"] == 1.0
    assert not out.exists()


@on_sqlite
def test_filters_and_refusals(coded: str, stancecoder_cli, tmp_path: Path) -> None:
    out = tmp_path / "july.csv"
    filters = ("--coder", "Alice", "--from", "2024-07", "--code", "actor=Russia")
    done = stancecoder_cli("network", coded, "--kind", "actor-topic", "--out", out, *filters)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("(2 nodes, 1 edge, 1 passage)")
    for args, said in [
        (("--kind", "agreement", "--out", tmp_path / "n.txt"), "use a .gexf, .graphml or .csv"),
        (("--kind", "agreement", "--out", tmp_path / "n.gexf"), "never several pooled"),
        (("--kind", "agreement", "--out", tmp_path / "n.gexf", "--coder", "Zed"),
         "no coder called 'Zed'"),
    ]:  # fmt: skip
        done = stancecoder_cli("network", coded, *args)
        assert done.returncode != 0 and said in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("n.*"))


def test_the_other_commands_do_not_load_networkx() -> None:
    probe = (
        "import sys; from stancecoder.cli import build_parser; build_parser(); "
        "print('networkx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
