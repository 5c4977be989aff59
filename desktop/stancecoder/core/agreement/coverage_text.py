"""Coverage in words and as a table: for every passage variable, how many of the passages the
coders gave it were compared, whose were not, and unitizing α of where it was coded beside
the α of what was coded."""

from __future__ import annotations

from stancecoder.core.agreement.apa import apa_count
from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.paper_table import Cell, Notes, PaperTable, figure_cell
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.variable_stats import VariableAgreement
from stancecoder.core.wording import counted

RULES = {
    "matched": "a passage is compared when it was matched with another coder's passage and "
    "both gave the variable a value",
    "sentence": "a passage is compared when it covers by half a sentence two coders gave a value",
    "unitizing": "unitizing compares every stretch marked",
}


def by_coder(counts: dict[str, int]) -> str:
    """ "Alice 6, Bob 4": the coders with any, in the report's order; "none" without."""
    return ", ".join(f"{coder} {n}" for coder, n in counts.items() if n) or "none"


def coverage_sentence(v: VariableAgreement) -> str:
    """ "16 of 26 passages coded for actor were compared (not compared: Alice 6, Bob 4)"."""
    c = v.coverage
    if c is None:
        return ""
    if c.total_coded == 0:
        return f"no passage was coded for {v.name}"
    coded = f"{counted(c.total_coded, 'passage')} coded for {v.name}"
    if c.total_compared == c.total_coded:
        return f"{'the' if c.total_coded == 1 else 'all'} {coded} {_were(c.total_coded)} compared"
    return (
        f"{c.total_compared} of {coded} {_were(c.total_coded)} compared "
        f"(not compared: {by_coder(c.not_compared)})"
    )


def _were(n: int) -> str:
    return "was" if n == 1 else "were"


def coverage_table(report: AgreementReport) -> PaperTable | None:
    """One row per passage variable; None when the report has none."""
    passage = [v for v in report.variables if v.coverage is not None]
    if not passage:
        return None
    notes = Notes()
    rows = []
    for v in passage:
        c = v.coverage
        assert c is not None  # only passage variables were kept
        rows.append((
            Cell(variable_title(v.name)), Cell(v.unit),
            Cell(apa_count(c.total_coded), c.total_coded),
            Cell(apa_count(c.total_compared), c.total_compared),
            Cell(apa_count(c.total_coded - c.total_compared), c.total_coded - c.total_compared),
            Cell(by_coder(c.not_compared)), Cell(apa_count(v.n_units), v.n_units),
            figure_cell(v.main, notes), figure_cell(c.where, notes),
        ))  # fmt: skip
    note = (
        f"Passages coded = passages in double-coded articles given a code of the variable; "
        f"{RULES[report.unit]}. Only compared passages enter α. Unitizing α = Krippendorff's "
        f"unitizing α (1995, 2004) of where the variable was coded, whatever the code: "
        f"agreement on where, beside α's agreement on what."
    )
    headers = ("Variable", "Unit", "Passages coded", "Compared", "Not compared",
               "Not compared by coder", "n", "α", "Unitizing α")  # fmt: skip
    caption = "What the figures rest on, per passage variable"
    return PaperTable("", caption, headers, tuple(rows), note, notes.listed())
