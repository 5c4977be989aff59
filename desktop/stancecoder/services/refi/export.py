"""Writing a project (`.qdpx`) or its codebook (`.qdc`) for other QDA tools.

Either file appears only once whole (`io.atomic_files`); a cancelled export leaves the
target as it was. A whole project holds every coder's codings, so it is a lead's export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.refi.model import walk_codes
from stancecoder.core.wording import counted
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.refi.archive import write_qdpx
from stancecoder.io.refi.xml_write import codebook_xml
from stancecoder.io.sheets import ExportCancelled, blamed_on
from stancecoder.services.output_target import check_output
from stancecoder.services.ownership import act_as_lead
from stancecoder.services.refi.gather import ORIGIN, gather_codebook, gather_project

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# (articles done, articles in all, "") -> False to cancel
Progress = Callable[[int, int, str], bool]


@dataclass(frozen=True)
class RefiExportReport:
    path: Path
    sources: int
    selections: int
    codes: int
    users: int

    def summary(self) -> str:
        counts = [(self.sources, "source"), (self.selections, "selection"),
                  (self.codes, "code"), (self.users, "user")]  # fmt: skip
        return f"wrote {self.path}: {', '.join(counted(n, noun) for n, noun in counts)}"


def export_refi_project(
    project: Project, path: Path, progress: Progress | None = None
) -> RefiExportReport:
    path = Path(path)
    check_output(path, project)

    def step(done: int, total: int) -> bool:
        return progress is None or progress(done, total, "")

    with project.reading() as session:
        act_as_lead(session, "export the whole project")
        gathered = gather_project(session, step)
    if gathered is None:
        raise ExportCancelled(path)
    refi = gathered.project
    write_qdpx(path, refi, gathered.texts)
    return RefiExportReport(
        path,
        sources=len(refi.sources),
        selections=sum(len(s.selections) for s in refi.sources),
        codes=sum(len(walk_codes(group.children)) for group in refi.codes),
        users=len(refi.users),
    )


def export_refi_codebook(project: Project, path: Path) -> int:
    """The codebook as a `.qdc` file; returns the number of variables written."""
    path = Path(path)
    check_output(path, project)
    with project.reading() as session:
        codes = gather_codebook(session)
    data = codebook_xml(codes, ORIGIN)
    with atomic_output(path) as temporary, blamed_on(path):
        temporary.write_bytes(data)
    return len(codes)
