"""What the agreement report's pictures show, as plain records and the words that describe
them: α with its interval per variable (the forest plot), each variable's coincidences
(the heatmap) and α round by round. Kept free of a plotting library so a test can check
the numbers against the report, and so the alt text says exactly what the figure draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from stancecoder.core.agreement.apa import apa, apa_interval
from stancecoder.core.agreement.names import statistic_name, variable_title
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.rounds import RoundsReport
from stancecoder.core.agreement.variable_stats import RELIABLE, TENTATIVE, VariableAgreement

AUTHOR = "Krippendorff's "


@dataclass(frozen=True)
class ForestRow:
    """One variable's headline: α (or unitizing α), its 95% interval and what it rests on."""

    variable: str
    statistic: str
    value: float | None
    ci95: tuple[float, float] | None
    n_units: int
    reason: str  # why `value` is None

    @property
    def label(self) -> str:
        """The variable as Table 1 names it; a statistic other than plain α is said."""
        if self.statistic == "krippendorff_alpha":
            return variable_title(self.variable)
        said = statistic_name(self.statistic).replace(AUTHOR, "")
        return f"{variable_title(self.variable)} ({said})"


@dataclass(frozen=True)
class CoincidenceTable:
    """A variable's coincidence matrix o_ck over the categories shown, in scale order."""

    variable: str
    level: str
    unit: str
    categories: tuple[str, ...]
    counts: tuple[tuple[float, ...], ...]

    @property
    def pairable(self) -> float:
        return sum(map(sum, self.counts))


def forest_rows(report: AgreementReport) -> list[ForestRow]:
    return [
        ForestRow(v.name, v.main.name, v.main.value, v.main.ci95, v.n_units, v.main.reason)
        for v in report.variables
    ]


def coincidence_tables(report: AgreementReport) -> list[CoincidenceTable]:
    """Every variable with pairable values. An ordered variable keeps its whole scale, so
    distance reads along the diagonal; a nominal one drops the codes nobody gave in the
    compared units, which would otherwise fill a large codebook's matrix with zeros."""
    return [table for v in report.variables if (table := _table(v)) is not None]


def _table(v: VariableAgreement) -> CoincidenceTable | None:
    if not v.coincidences:
        return None
    keep = list(range(len(v.categories)))
    if v.level == "nominal":
        keep = [i for i in keep if sum(v.coincidences[i]) or sum(r[i] for r in v.coincidences)]
    counts = tuple(tuple(v.coincidences[i][j] for j in keep) for i in keep)
    return CoincidenceTable(v.name, v.level, v.unit, tuple(v.categories[i] for i in keep), counts)


THRESHOLDS = f"reference lines at {apa(TENTATIVE, 3)} and {apa(RELIABLE, 3)}"


def forest_alt(rows: list[ForestRow]) -> str:
    """The forest plot in words, every number it draws included."""
    said = []
    for row in rows:
        if row.value is None:
            said.append(f"{row.label}: not defined ({row.reason})")
            continue
        interval = f", 95% CI {apa_interval(row.ci95)}" if row.ci95 else ""
        said.append(f"{row.label}: α = {apa(row.value)}{interval}, n = {row.n_units}")
    return f"Krippendorff's α per variable with 95% CI ({THRESHOLDS}). " + "; ".join(said) + "."


def coincidence_alt(table: CoincidenceTable) -> str:
    rows = []
    for row, counts in zip(table.categories, table.counts, strict=True):
        given = [f"{column} {count_text(n)}" for column, n in zip(table.categories, counts,
                                                                   strict=True) if n]  # fmt: skip
        if given:
            rows.append(f"{row}: {', '.join(given)}")
    cells = "; ".join(rows)
    return (
        f"Coincidence matrix of {variable_title(table.variable)} ({table.level}, {table.unit}), "
        f"{count_text(table.pairable)} pairable values; by row: {cells}."
    )


def rounds_alt(rounds: RoundsReport) -> str:
    lines = []
    for v in rounds.variables:
        points = ", ".join(
            f"{f.round} {apa(f.value)}" if f.value is not None else f"{f.round} not defined"
            for f in v.figures
        )
        lines.append(f"{variable_title(v.name)}: {points}")
    return f"Krippendorff's α per round with 95% CI ({THRESHOLDS}). " + "; ".join(lines) + "."


def count_text(value: float) -> str:
    """A coincidence count: whole with two coders, a fraction (1/(m−1)) with more."""
    return f"{value:g}" if value == int(value) else f"{value:.2f}"
