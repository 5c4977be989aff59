"""Agreement across a project's reliability rounds, side by side (`core.agreement.rounds`):
each round's own report, computed one after the other with progress and a way to stop."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.agreement.report import (
    AgreementReport,
    ReportStopped,
    UnitKind,
    VariableProgress,
)
from stancecoder.core.agreement.rounds import RoundColumn, RoundsReport, side_by_side
from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.samples import SampleInfo, list_rounds

if TYPE_CHECKING:
    from stancecoder.services.project import Project

# (rounds done, rounds in all, the round being computed) -> False to stop
Progress = Callable[[int, int, str], bool]

NO_ROUNDS = (
    "no reliability samples yet; draw one with: stancecoder sample draw PROJECT NAME "
    "(--share S | --count N) --coder A --coder B"
)


def rounds_agreement(
    project: Project,
    unit: UnitKind = "matched",
    *,
    overlap: float = 0.5,
    replicates: int = 1000,
    seed: int = DEFAULT_SEED,
    levels: Mapping[str, str] | None = None,
    coders: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> RoundsReport:
    """Every round in the order it was drawn, each on its own coders unless `coders` narrows
    them. A round nobody has double-coded yet is a column of reasons, not an error."""
    samples = list_rounds(project)
    if not samples:
        raise ValidationError(NO_ROUNDS)
    computed: list[tuple[RoundColumn, AgreementReport]] = []
    for done, sample in enumerate(samples):
        # the first round is always computed, so that even a stopped report has its header
        if progress is not None and not progress(done, len(samples), sample.name) and computed:
            break
        report = project_agreement(
            project, unit, overlap=overlap, coders=coders, replicates=replicates,
            seed=seed, round=sample.name, levels=levels,
        )  # fmt: skip
        computed.append((_column(sample, report), report))
    if progress is not None:
        progress(len(computed), len(samples), "")
    out = side_by_side(computed)
    out.cancelled = len(computed) < len(samples)
    return out


def report_with_rounds(
    project: Project,
    unit: UnitKind = "matched",
    *,
    overlap: float = 0.5,
    seed: int = DEFAULT_SEED,
    round: str | None = None,
    progress: Progress | None = None,
    variables: VariableProgress | None = None,
) -> tuple[AgreementReport | None, RoundsReport | None]:
    """The report asked for and, when the project has rounds, the rounds beside it. A
    round's own report comes from the comparison rather than being computed twice; the
    report is None when `progress` stopped the comparison or `variables` (told of each
    variable of the report asked for) stopped the report."""
    rounds = None
    if list_rounds(project):
        rounds = rounds_agreement(project, unit, overlap=overlap, seed=seed, progress=progress)
        if rounds.cancelled:
            return None, rounds
        if round is not None and round.strip() in rounds.reports:
            return rounds.reports[round.strip()], rounds
    try:
        report = project_agreement(
            project, unit, overlap=overlap, seed=seed, round=round, progress=variables
        )
    except ReportStopped:
        return None, rounds
    return report, rounds


def _column(sample: SampleInfo, report: AgreementReport) -> RoundColumn:
    return RoundColumn(
        name=sample.name,
        kind=sample.kind,
        closed=not sample.is_open,
        description=sample.description,
        seed=sample.seed,
        coders=sample.coders,
        sample_size=len(sample.article_ids),
        n_articles=report.n_articles,
        created_at=sample.created_at,
    )
