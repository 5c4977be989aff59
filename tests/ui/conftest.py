"""Qt runs headless in every ui test; the platform must be chosen before Qt is imported."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def ui_project(tmp_path: Path) -> Iterator[Project]:
    """A SQLite project with the two seed articles and the coders Alice and Bob."""
    project = create_project(tmp_path / "ui.stance")
    import_corpus(project, [SEEDS])
    add_coder(project, "Alice")
    add_coder(project, "Bob")
    yield project
    project.close()
