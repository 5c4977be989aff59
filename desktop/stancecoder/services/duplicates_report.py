"""The marked copies as a table: one row per article of a cluster, saying which copy is
kept for coding and which are excluded, for the command line and an Excel file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.duplicates import KEPT_RULE
from stancecoder.core.errors import ValidationError
from stancecoder.io.sheets import Column, ColumnKind, Sheet
from stancecoder.io.xlsx_writer import write_xlsx
from stancecoder.services.duplicate_marks import ClusterView, CopyView
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.services.project import Project

COLUMNS = ("cluster", "article id", "title", "source", "date", "characters", "role", "kind",
           "jaccard", "containment", "coding")  # fmt: skip


def copy_row(cluster: ClusterView, copy: CopyView) -> tuple[object, ...]:
    return (
        cluster.id, copy.article_id, copy.title, copy.source, copy.published or None,
        copy.length, "kept" if copy.kept else "copy", None if copy.kept else copy.kind,
        round(copy.jaccard, 3), round(copy.containment, 3),
        "excluded" if copy.excluded else "coded",
    )  # fmt: skip


def report_rows(clusters: list[ClusterView]) -> list[tuple[object, ...]]:
    return [copy_row(cluster, copy) for cluster in clusters for copy in cluster.copies]


def check_report_target(project: Project, path: Path) -> None:
    """Refuse an output that cannot be written before any work is done."""
    if Path(path).suffix.lower() != ".xlsx":
        raise ValidationError(f"cannot write the copies to {Path(path).name}: use a .xlsx name")
    check_output(Path(path), project)


def write_report(project: Project, clusters: list[ClusterView], path: Path) -> int:
    """Write the clusters to an .xlsx file, with a note of the rule that chose the kept
    copies; returns the rows written."""
    path = Path(path)
    check_report_target(project, path)
    kinds: dict[str, ColumnKind] = {
        "cluster": "int", "article id": "int", "characters": "int", "jaccard": "float",
        "containment": "float", "date": "date",
    }  # fmt: skip
    columns = [Column(name, kinds.get(name, "text")) for name in COLUMNS]
    note = [Column("about", width=80)]
    about = [
        (f"The copy kept for coding is {KEPT_RULE}, unless a lead kept another.",),
        ("Jaccard and containment are of word 5-gram sets, against the kept copy.",),
    ]
    sheets = [Sheet("Copies", columns, report_rows(clusters)), Sheet("About", note, about)]
    return write_xlsx(path, sheets).rows_written["Copies"]
