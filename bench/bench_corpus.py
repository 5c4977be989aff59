"""Importing a corpus: `import_corpus` on a folder of files `write_files` made, into a
new empty project each run (creating the project is not timed)."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

from measure import Figure, memory_growth, timed
from synthetic import write_files

from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project, create_project


def import_figure(folder: Path, articles: int, runs: int) -> Figure:
    """Write `articles` files to `folder` (not timed), then import them `runs` times."""
    write_files(folder, articles)
    figure = Figure(f"import {articles:,} .txt articles", "s", limit=20)
    with memory_growth() as growth:
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as scratch:
                with create_project(Path(scratch) / "import.stance") as project:
                    samples = timed(partial(_import, project, folder, articles), 1)
                figure.samples += samples
    figure.memory_mb = growth[0]
    return figure


def _import(project: Project, folder: Path, articles: int) -> None:
    report = import_corpus(project, [folder])
    if len(report.imported) != articles:
        raise RuntimeError(f"imported {len(report.imported)} of {articles}: {report.summary()}")
