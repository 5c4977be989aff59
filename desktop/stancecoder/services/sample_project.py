"""The sample project: what a first start opens, so a new user sees real data at once."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_path

from stancecoder.services.project import create_project

APP_NAME = "StanceCoder"
SAMPLE_NAME = "Putin in Pyongyang (sample).stance"


def data_folder() -> Path:
    """Where the app keeps its own projects; STANCECODER_DATA_DIR overrides it (tests)."""
    override = os.environ.get("STANCECODER_DATA_DIR")
    return Path(override) if override else user_data_path(APP_NAME, appauthor=False)


def seed_files() -> list[Path]:
    folder = Path(str(files("stancecoder.seeds")))
    return sorted(folder.glob("*.txt"))


def ensure_sample_project() -> Path:
    """The sample project's path, created with the seed articles on first use."""
    path = data_folder() / SAMPLE_NAME
    if not path.exists():
        write_sample_project(path)
    return path


def write_sample_project(path: Path) -> None:
    """A new project at `path` holding the seed articles and the sample codebook. The
    importers are imported only now: the window's start does not need them (0.2 s)."""
    from stancecoder.services.corpus import import_corpus

    with create_project(path, name="Putin in Pyongyang (sample)") as project:
        import_corpus(project, seed_files())
