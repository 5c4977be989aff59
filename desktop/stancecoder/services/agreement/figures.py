"""The agreement report's pictures for a page: the forest plot of α, a heatmap of each
variable's coincidences and, when there are rounds, α round by round, each as inline SVG
with its caption and alt text. matplotlib is imported by the first call, not by the
command line's start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.report_figures import (
    coincidence_alt,
    coincidence_tables,
    forest_alt,
    forest_rows,
    rounds_alt,
)
from stancecoder.io.report_page import ReportFigure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from stancecoder.core.agreement.report import AgreementReport
    from stancecoder.core.agreement.rounds import RoundsReport


def report_figures(
    report: AgreementReport, rounds: RoundsReport | None = None
) -> list[ReportFigure]:
    from stancecoder.io.charts.coincidences import new_coincidences
    from stancecoder.io.charts.forest import new_forest
    from stancecoder.io.charts.style import LIGHT

    out: list[ReportFigure] = []
    if report.variables:
        rows = forest_rows(report)
        caption = "Krippendorff's α per variable with its 95% confidence interval"
        out.append(_figure(len(out), caption, new_forest(rows, LIGHT), forest_alt(rows), "forest"))
    for index, table in enumerate(coincidence_tables(report), start=1):
        figure, alt = new_coincidences(table, LIGHT), coincidence_alt(table)
        caption = f"Coincidences of {variable_title(table.variable)}"
        out.append(_figure(len(out), caption, figure, alt, f"coincidences-{index}"))
    if rounds is not None:
        out += rounds_figures(rounds, before=len(out))
    return out


def rounds_figures(rounds: RoundsReport, before: int = 0) -> list[ReportFigure]:
    """α round by round; nothing when the project has no round."""
    from stancecoder.io.charts.round_lines import new_round_lines
    from stancecoder.io.charts.style import LIGHT

    if not rounds.rounds:
        return []
    caption = "Krippendorff's α per round with its 95% confidence interval"
    return [_figure(before, caption, new_round_lines(rounds, LIGHT), rounds_alt(rounds), "rounds")]


def _figure(before: int, caption: str, figure: Figure, alt: str, prefix: str) -> ReportFigure:
    """The figure numbered after the `before` ones of the page."""
    from stancecoder.io.charts.svg_markup import svg_markup

    title = f"Figure {before + 1}. {caption}"
    return ReportFigure(title, svg_markup(figure, title, prefix), alt)
