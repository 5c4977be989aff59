"""The report's tables as a paper prints them: Table 1 (α with its interval, the κ that fits
the level, percent agreement, units, coders, unitizing α, the verdict) and Table 2 (the other
coefficients, for a reviewer who asks), one row per variable under its human name.

Plain values only, so the web page, the workbook and the window show the same cells. A cell
holds its printed text, its full-precision value (for those who recompute) and the letter of
the table note that explains it: an undefined figure is "—" with the reason in a note, never a
blank a reader has to guess about.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stancecoder.core.agreement.apa import UNDEFINED, apa, apa_count, apa_interval, apa_percent
from stancecoder.core.agreement.names import statistic_name, variable_title
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.result import Result
from stancecoder.core.agreement.variable_stats import (
    RELIABLE,
    TENTATIVE,
    VariableAgreement,
    interpret,
)

Value = float | int | tuple[float, float] | None
THRESHOLDS = (
    f"Interpretation after Krippendorff (2004, 2019): α ≥ {apa(RELIABLE, 3)} reliable, "
    f"α ≥ {apa(TENTATIVE, 3)} tentative conclusions only, below {apa(TENTATIVE, 3)} discard."
)
# the statistics Table 2 may show, in its column order; Table 1's κ is left out of it
OTHERS = (
    "fleiss_kappa", "weighted_kappa_linear", "weighted_kappa_quadratic", "gwet_ac1",
    "gwet_ac2_linear", "gwet_ac2_quadratic", "brennan_prediger",
)  # fmt: skip

# Table 2's headings, short enough to sit over a column of numbers
SHORT = {
    "weighted_kappa_linear": "Weighted κ (linear)",
    "weighted_kappa_quadratic": "Weighted κ (quadratic)",
    "gwet_ac2_linear": "Gwet's AC2 (linear)",
    "gwet_ac2_quadratic": "Gwet's AC2 (quadratic)",
}


@dataclass(frozen=True)
class Cell:
    text: str  # as printed
    value: Value = None  # full precision; None for words
    mark: str = ""  # the letter of the note that explains it


@dataclass(frozen=True)
class PaperTable:
    label: str  # "Table 1", or empty for a table without a number
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str  # the general note, printed after "Note."
    marks: tuple[tuple[str, str], ...]  # (letter, what it explains), in order of first use


@dataclass
class Notes:
    """The table's specific notes: one letter per distinct text, in order of first use."""

    texts: dict[str, str] = field(default_factory=dict)  # text -> letter

    def mark(self, text: str) -> str:
        if text not in self.texts:
            self.texts[text] = "abcdefghijklmnopqrstuvwxyz"[len(self.texts) % 26]
        return self.texts[text]

    def listed(self) -> tuple[tuple[str, str], ...]:
        return tuple((letter, text) for text, letter in self.texts.items())


def fitting_kappa(v: VariableAgreement) -> str:
    """Cohen's κ for two coders of a nominal variable, Fleiss' κ for more; Cohen's weighted
    κ for an ordered one (linear weights for ordinal, quadratic for interval)."""
    if v.level == "nominal":
        return "cohen_kappa" if v.main.n_coders == 2 else "fleiss_kappa"
    return "weighted_kappa_linear" if v.level == "ordinal" else "weighted_kappa_quadratic"


def table_one(report: AgreementReport) -> PaperTable:
    notes = Notes()
    rows = tuple(_row_one(v, notes) for v in report.variables)
    interval = (
        f"with its 95% bootstrap confidence interval ({report.replicates:,} replicates, "
        f"seed {report.seed})"
        if report.replicates
        else "(no bootstrap interval was drawn)"
    )
    note = (
        f"n = units coded by two or more coders; α = Krippendorff's α at the variable's level "
        f"of measurement, {interval}; unitizing α = Krippendorff's unitizing α (1995, 2004) "
        f"of where the variable was coded, whatever the code. {THRESHOLDS}"
    )
    headers = ("Variable", "Level", "Unit", "n", "Coders", "α", "95% CI", "κ",
               "% agreement", "Unitizing α", "Interpretation")  # fmt: skip
    return PaperTable("Table 1", "Inter-coder agreement per variable", headers, rows, note,
                      notes.listed())  # fmt: skip


def _row_one(v: VariableAgreement, notes: Notes) -> tuple[Cell, ...]:
    main = v.main
    alpha = figure_cell(main, notes)
    if main.name == "unitizing_alpha" and main.value is not None:
        what = "Unitizing α of where each code was marked: the unit of analysis is unitizing."
        alpha = Cell(alpha.text, alpha.value, notes.mark(what))
    kappa = _find(v, fitting_kappa(v))
    if kappa is not None:
        kappa_cell = figure_cell(kappa, notes, named=True)
    elif main.value is None:
        kappa_cell = Cell(UNDEFINED, None, alpha.mark)
    else:
        kappa_cell = Cell(UNDEFINED, None, notes.mark(_no_kappa(v)))
    if v.coverage is not None:
        where = figure_cell(v.coverage.where, notes)
    else:
        where = Cell(UNDEFINED, None, notes.mark("Article-level variable: no text is marked."))
    agreement = _find(v, "percent_agreement")
    share = agreement.value if agreement is not None else None
    verdict = interpret(main).split(":")[0] if main.value is not None else UNDEFINED
    return (
        Cell(variable_title(v.name)), Cell(v.level), Cell(v.unit),
        Cell(apa_count(v.n_units), v.n_units), Cell(str(main.n_coders), main.n_coders),
        alpha, Cell(apa_interval(main.ci95), main.ci95), kappa_cell,
        Cell(apa_percent(share), None if share is None else share * 100), where, Cell(verdict),
    )  # fmt: skip


def table_two(report: AgreementReport) -> PaperTable | None:
    """The coefficients Table 1 leaves out, in columns only where some variable has them;
    None when there are none (every variable unitized or undefined)."""
    shown = [v for v in report.variables if v.main.value is not None]
    names = [
        n for n in OTHERS if any(_find(v, n) is not None and n != fitting_kappa(v) for v in shown)
    ]
    if not names:
        return None
    notes = Notes()
    rows = []
    for v in report.variables:
        cells = [Cell(variable_title(v.name))]
        for name in names:
            found = _find(v, name) if name != fitting_kappa(v) else None
            cells.append(Cell(UNDEFINED) if found is None else figure_cell(found, notes))
        rows.append(tuple(cells))
    note = (
        "The coefficients Table 1 does not show; weighted κ = Cohen's weighted κ, its weights "
        "and those of Gwet's AC2 in brackets. A dash without a letter: not computed for the "
        "variable (weighted coefficients need ordered values, Cohen's weighted κ two coders, "
        "and Table 1 holds the κ that fits the variable)."
    )
    headers = ("Variable", *(SHORT.get(n) or statistic_name(n) for n in names))
    return PaperTable("Table 2", "Other agreement coefficients per variable", headers,
                      tuple(rows), note, notes.listed())  # fmt: skip


def figure_cell(result: Result, notes: Notes, *, named: bool = False) -> Cell:
    """A coefficient as a cell: "—" with its reason in a note when it is not defined; with
    `named`, a note names the statistic (Table 1's κ column holds several kinds)."""
    if result.value is None:
        return Cell(UNDEFINED, None, notes.mark(f"Not defined: {result.reason}."))
    mark = notes.mark(f"{statistic_name(result.name)}.") if named else ""
    return Cell(apa(result.value), result.value, mark)


def _no_kappa(v: VariableAgreement) -> str:
    if v.main.name == "unitizing_alpha":
        return "No κ: unitized spans have no paired values."
    return "No κ: Cohen's weighted κ compares two coders only."


def _find(v: VariableAgreement, name: str) -> Result | None:
    return next((r for r in v.results if r.name == name), None)
