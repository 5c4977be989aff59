"""`stancecoder check` on the whole project: storage, references and every quote against
its article's text, as `services.check.check_project` runs it; the project must be found
sound, or the figure fails."""

from __future__ import annotations

from measure import Figure, measured

from stancecoder.services.check import check_project
from stancecoder.services.project import Project


def check_figure(project: Project, articles: int, runs: int) -> Figure:
    figure = Figure(f"stancecoder check on {articles:,} articles", "s")

    def check() -> None:
        problems = check_project(project)
        if problems:
            raise RuntimeError(f"the benchmark project is not sound: {problems[0]}")

    return measured(figure, check, runs)
