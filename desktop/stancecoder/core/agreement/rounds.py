"""Agreement across reliability rounds, side by side: does training make coders agree?

Each round (training 1, 2, ..., final) is reported exactly as it is reported alone, with
the same unit, bootstrap seed and levels, so a figure in the comparison is the figure of
that round's own report. Only the headline per variable is kept: α with its interval, the
units and coders it rests on, percent agreement and the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.variable_stats import VariableAgreement, interpret

NOT_CODED = "not coded yet (no article of the round was coded by two of its coders)"


@dataclass(frozen=True)
class RoundColumn:
    """One round as a column heading: what was drawn and how much of it is double-coded."""

    name: str
    kind: str
    closed: bool
    description: str
    seed: int
    coders: tuple[str, ...]
    sample_size: int
    n_articles: int  # articles coded by two or more of the round's coders
    created_at: datetime


@dataclass(frozen=True)
class RoundFigure:
    """One variable in one round: the headline of that round's report."""

    round: str
    value: float | None
    ci95: tuple[float, float] | None
    n_units: int
    n_coders: int
    percent_agreement: float | None
    interpretation: str  # reliable | tentative | discard | not defined: why
    reason: str = ""  # why `value` is None

    @property
    def verdict(self) -> str:
        return self.interpretation.split(":")[0]


@dataclass(frozen=True)
class RoundChange:
    """α of the last round where it is defined minus that of the first such round."""

    first: str
    last: str
    first_value: float
    last_value: float
    rounds: int  # the rounds from the first to the last, both counted

    @property
    def value(self) -> float:
        return self.last_value - self.first_value


@dataclass
class VariableRounds:
    name: str
    scope: str
    level: str
    unit: str  # what the units are: matched passages, sentences, articles, ...
    statistic: str  # krippendorff_alpha, or unitizing_alpha for unitized spans
    figures: list[RoundFigure] = field(default_factory=list)  # one per round, in order
    change: RoundChange | None = None


@dataclass
class RoundsReport:
    project: str
    unit: str
    unit_definition: str
    codebook_version: str
    date: str
    seed: int | None
    replicates: int
    rounds: list[RoundColumn] = field(default_factory=list)
    variables: list[VariableRounds] = field(default_factory=list)
    reports: dict[str, AgreementReport] = field(default_factory=dict)  # each round's own
    cancelled: bool = False  # stopped before every round was computed; the rest are missing


def change(figures: Sequence[RoundFigure], order: Sequence[str]) -> RoundChange | None:
    """From the first round with a defined α to the last; None with fewer than two."""
    defined = [(f.round, f.value) for f in figures if f.value is not None]
    if len(defined) < 2:
        return None
    (first, first_value), (last, last_value) = defined[0], defined[-1]
    span = order.index(last) - order.index(first) + 1
    return RoundChange(first, last, first_value, last_value, span)


def side_by_side(computed: Sequence[tuple[RoundColumn, AgreementReport]]) -> RoundsReport:
    """The rounds' own reports, in the order they were drawn, as one comparison; the
    first one (there is always one) gives what they share: unit, codebook, bootstrap."""
    first = computed[0][1]
    out = RoundsReport(
        project=first.project,
        unit=first.unit,
        unit_definition=first.unit_definition,
        codebook_version=first.codebook_version,
        date=first.date,
        seed=first.seed,
        replicates=first.replicates,
        variables=[
            VariableRounds(v.name, v.scope, v.level, v.unit, v.main.name) for v in first.variables
        ],
    )
    for column, report in computed:
        out.rounds.append(column)
        out.reports[column.name] = report
        found = {v.name: v for v in report.variables}
        for variable in out.variables:
            variable.figures.append(
                _figure(column.name, found[variable.name], not_coded=report.n_articles == 0)
            )
    order = [r.name for r in out.rounds]
    for variable in out.variables:
        variable.change = change(variable.figures, order)
    return out


def _figure(round_name: str, v: VariableAgreement, *, not_coded: bool) -> RoundFigure:
    main = replace(v.main, reason=NOT_CODED) if not_coded else v.main
    agreement = next((r.value for r in v.results if r.name == "percent_agreement"), None)
    return RoundFigure(
        round=round_name,
        value=main.value,
        ci95=main.ci95,
        n_units=main.n_units,
        n_coders=main.n_coders,
        percent_agreement=agreement,
        interpretation=interpret(main),
        reason=main.reason if main.value is None else "",
    )
