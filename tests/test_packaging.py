"""A built wheel carries everything the app reads at run time, and works on its own."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from stancecoder.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]

EXPECTED = [
    "stancecoder/resources/style.qss",
    "stancecoder/resources/icons/stancecoder.svg",
    "stancecoder/seeds/codebook.yaml",
    "stancecoder/seeds/000_86a7881312a3fa15.txt",
    "stancecoder/seeds/002_0d770d46c78f1b16.txt",
    "stancecoder/db/migrations/env.py",
    "stancecoder/db/migrations/script.py.mako",
    "stancecoder/db/migrations/versions/0001_core_schema.py",
]

SMOKE = """
import stancecoder, sys
from pathlib import Path
assert Path(stancecoder.__file__).is_relative_to(Path(sys.argv[1])), stancecoder.__file__
from stancecoder.services.sample_project import ensure_sample_project
from stancecoder.services.project import open_project
from stancecoder.services.articles import list_articles
with open_project(ensure_sample_project()) as project:
    print(len(list_articles(project)))
"""


# Every command's help in one process: the parser of each is built from the wheel's modules
# as it would be in a process of its own, without an interpreter start for each.
EVERY_HELP = """
import contextlib, io, stancecoder, sys
from pathlib import Path
assert Path(stancecoder.__file__).is_relative_to(Path(sys.argv[1])), stancecoder.__file__
from stancecoder.cli import main
for command in sys.argv[2:]:
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):
            main([command, "--help"])
    except SystemExit as exit:
        if exit.code or "usage: stancecoder " + command not in shown.getvalue():
            print(f"{command}: {exit.code} {shown.getvalue()!r}", file=sys.stderr)
    else:
        print(f"{command}: no help shown", file=sys.stderr)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory, repository_files: Path) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(repository_files)],
        capture_output=True, text=True, check=False, cwd=out,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    (found,) = out.glob("stancecoder-*.whl")
    return found


def test_wheel_contains_resources_seeds_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in EXPECTED if name not in names]
    assert not missing


def test_wheel_contains_every_package_of_the_source_tree(wheel: Path) -> None:
    folders = {Path(name).parent.as_posix() for name in zipfile.ZipFile(wheel).namelist()}
    source = REPO / "desktop"
    packages = {
        init.parent.relative_to(source).as_posix()
        for init in source.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert packages - folders == set()


def test_the_unpacked_wheel_runs_every_command(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", EVERY_HELP, str(site), *COMMANDS],
        capture_output=True, text=True, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")


def test_the_unpacked_wheel_creates_the_sample_project(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "STANCECODER_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-c", SMOKE, str(site)],
        capture_output=True, text=True, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_the_unpacked_wheel_passes_its_smoke_test(wheel: Path, tmp_path: Path) -> None:
    """The window from the wheel alone: a sample project coded and exported offscreen."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    from_wheel = (
        "import stancecoder, sys; from pathlib import Path; "
        "assert Path(stancecoder.__file__).is_relative_to(Path(sys.argv[1])); "
        "from stancecoder.cli import main; sys.exit(main(['--smoke-test']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", from_wheel, str(site)],
        capture_output=True, text=True, check=False, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test passed")
