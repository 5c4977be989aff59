"""A REFI-QDA project or codebook brought into a project: one transaction, whole or not
at all.

The lead's choices say which variable each top-level code group becomes (`preview`
shows the guess first). Each text source becomes an article (or finds the one with its
text), its selections passages of the coders that made their codings, their notes the
passages' memos, and its variables the article's fields and attributes. Positions are
read in the counting the source's quotes agree with and carried to the canonical text.
A dry run does all of it and rolls back, so it reports exactly what an import would do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from stancecoder.core.printable import printable
from stancecoder.core.refi.group_mapping import (
    GroupTarget,
    guess_targets,
    split_top_level,
    with_choices,
)
from stancecoder.core.refi.model import RefiCode, walk_codes
from stancecoder.db.models import Variable
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits
from stancecoder.io.refi.archive import open_refi_file
from stancecoder.services.ownership import act_as_lead
from stancecoder.services.refi.codebook_import import install_groups
from stancecoder.services.refi.report import RefiImportReport
from stancecoder.services.refi.sources import SourceImporter

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# (sources done, sources in all, current source) -> False to cancel
Progress = Callable[[int, int, str], bool]


class _RollBack(Exception):
    """Ends the import's transaction without writing: a dry run, or a cancel."""


@dataclass(frozen=True)
class RefiPreview:
    """A file read and its groups guessed, before the lead confirms."""

    file: str
    targets: list[GroupTarget]
    loose_codes: list[str]
    variables: list[str]  # the project's, to choose among
    sources: int
    selections: int
    users: list[str] = field(default_factory=list)


def preview_refi_import(
    project: Project, path: Path, limits: ImportLimits = DEFAULT_LIMITS
) -> RefiPreview:
    with open_refi_file(Path(path), limits) as archive:
        refi = archive.project
    groups, loose = split_top_level(refi.codes)
    with project.reading() as session:
        variables = list(session.scalars(select(Variable.name).order_by(Variable.position)))
    return RefiPreview(
        file=printable(Path(path).name),
        targets=guess_targets([g.name for g in groups], variables),
        loose_codes=[code.name for code in loose],
        variables=variables,
        sources=len(refi.sources),
        selections=sum(len(source.selections) for source in refi.sources),
        users=[user.name for user in refi.users],
    )


def import_refi(
    project: Project,
    path: Path,
    choices: Mapping[str, str] | None = None,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> RefiImportReport:
    """Import the file, each group going where `choices` (group → variable, "-" to leave
    it out) or else the guess says."""
    path = Path(path)
    project.require_writable()
    report = RefiImportReport(file=printable(path.name), dry_run=dry_run)
    with open_refi_file(path, limits) as archive:
        refi = archive.project
        groups, loose = split_top_level(refi.codes)
        report.loose_codes = [code.name for code in loose]
        try:
            with project.transaction() as session:
                act_as_lead(session, "import a REFI-QDA project")
                variables = list(session.scalars(select(Variable.name).order_by(Variable.position)))
                guessed = guess_targets([g.name for g in groups], variables)
                report.targets = with_choices(guessed, choices or {}, variables)
                codes = install_groups(session, groups, report.targets, report)
                importer = SourceImporter(session, archive, codes, report, limits)
                importer.not_imported(_left_out(groups, loose, report.targets))
                total = len(refi.sources)
                for done, source in enumerate(refi.sources):
                    if progress is not None and not progress(done, total, source.name):
                        report.cancelled = True
                        raise _RollBack
                    importer.source(source)
                if progress is not None:
                    progress(total, total, "")
                if dry_run:
                    raise _RollBack
        except _RollBack:
            pass
    for kind, count in sorted(refi.skipped.items()):
        report.left_out[f"{kind} sources (only text is coded here)"] += count
    return report


def _left_out(
    groups: list[RefiCode], loose: list[RefiCode], targets: list[GroupTarget]
) -> dict[str, str]:
    """Code guids whose codings are left out, with the reason."""
    reasons = {code.guid: "codings of codes outside any group" for code in walk_codes(loose)}
    for group, target in zip(groups, targets, strict=True):
        if target.variable is None:
            for code in walk_codes([group]):
                reasons[code.guid] = "codings of groups left out"
    return reasons
