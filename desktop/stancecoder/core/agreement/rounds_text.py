"""The rounds comparison in words: a paper's table (variables down, rounds across) and the
one-line change per variable, shared by the command line, the exports and the window."""

from __future__ import annotations

from stancecoder.core.agreement.apa import apa, apa_interval, apa_signed
from stancecoder.core.agreement.rounds import (
    NOT_CODED,
    RoundChange,
    RoundColumn,
    RoundFigure,
    RoundsReport,
    VariableRounds,
)
from stancecoder.core.wording import counted

GAP = "  "


def figure_text(f: RoundFigure) -> str:
    """α [CI] n, as a table cell; "—" when α is not defined."""
    if f.value is None:
        return "—"
    ci = f" {apa_interval(f.ci95)}" if f.ci95 else ""
    return f"{apa(f.value)}{ci} n={f.n_units}"


def cell_text(f: RoundFigure) -> str:
    """What a table shows for a variable in a round: the figure, or why there is none in
    two words when the round is simply not coded yet."""
    if f.value is None and f.reason == NOT_CODED:
        return "not coded yet"
    return figure_text(f)


def change_text(c: RoundChange) -> str:
    """E.g. ".58 → .84 (+.26) over 3 rounds"."""
    first, last = apa(c.first_value), apa(c.last_value)
    return f"{first} → {last} ({apa_signed(c.value)}) over {c.rounds} rounds"


def change_line(variable: VariableRounds) -> str | None:
    """The change with the variable and the rounds it runs between; None without two
    rounds where α is defined."""
    c = variable.change
    if c is None:
        return None
    return f"{variable.name}: {change_text(c)}, {c.first} to {c.last}"


def round_heading(r: RoundColumn) -> str:
    """Under a round's name: articles double-coded of those drawn, and open or closed."""
    return f"{r.n_articles}/{counted(r.sample_size, 'article')}, {'closed' if r.closed else 'open'}"


def rounds_paragraph(report: RoundsReport) -> str:
    """What the comparison is about, in one paragraph for the top of an export."""
    names = ", ".join(f"\u201c{r.name}\u201d" for r in report.rounds)
    changes = [line for v in report.variables if (line := change_line(v))]
    parts = [
        f"Krippendorff's α per reliability round ({names}) of the project {report.project}, "
        f"codebook version {report.codebook_version or 'unversioned'}, each round on its own "
        f"articles and coders.",
        f"Passage-level variables were compared as {report.unit_definition}.",
        f"Intervals are from {report.replicates:,} bootstrap replicates with seed {report.seed}.",
    ]
    if changes:
        first_to_last = "Change from the first to the last round with a defined α"
        parts.append(f"{first_to_last}: {'; '.join(changes)}.")
    parts.append(f"Computed with StanceCoder on {report.date}.")
    return " ".join(parts)


def rounds_lines(report: RoundsReport) -> list[str]:
    """Variables as rows, rounds as columns; an undefined α points to a note saying why."""
    notes: dict[str, str] = {}

    def cell(f: RoundFigure) -> str:
        if f.value is not None:
            return figure_text(f)
        mark = notes.setdefault(f.reason, str(len(notes) + 1))
        return f"— ({mark})"

    header = ["variable", *(r.name for r in report.rounds)]
    under = ["", *(f"({round_heading(r)})" for r in report.rounds)]
    body = [[f"{v.name} ({v.level})", *(cell(f) for f in v.figures)] for v in report.variables]
    widths = [max(len(row[i]) for row in [header, under, *body]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        return GAP.join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()

    statistic = "α (unitizing α for passages)" if report.unit == "unitizing" else "α"
    lines = [
        f"project: {report.project}   codebook: {report.codebook_version}   date: {report.date}",
        f"unit: {report.unit_definition}",
        f"Krippendorff's {statistic} [95% CI] n units, per round ({report.replicates} bootstrap "
        f"replicates, seed {report.seed}); under each round: articles double-coded of those drawn",
        "",
        line(header),
        line(under),
        *(line(row) for row in body),
    ]
    changes = [text for v in report.variables if (text := change_line(v))]
    if changes:
        lines += ["", "change:", *(f"  {text}" for text in changes)]
    if notes:
        lines += ["", "notes:", *(f"  ({mark}) {reason}" for reason, mark in notes.items())]
    return lines
