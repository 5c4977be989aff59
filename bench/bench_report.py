"""The agreement report's pictures and its PDF: the figures drawn as SVG for the page, the
page written, and the same page printed through xhtml2pdf, for a report on N matched
passages of two coders (actor, topic, stance, genre), built in memory from synthetic
codings so that only the export is timed.

    python bench/bench_report.py [--units 1000] [--runs 3]

The peer of the PDF is the HTML page of the same report: what printing adds is the layout
of every line (each variable's disagreements cut at `PRINTED_ROWS`) and svglib's drawing of
the figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from functools import partial
from pathlib import Path

from measure import Figure, measured, table

from stancecoder.core.agreement.codings import Codings, Passages, PassageTuple
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_build import build_report
from stancecoder.core.codebook_view import CodeView, VariableView
from stancecoder.io.agreement_page import render_report_page, write_report_page
from stancecoder.io.report_pdf import PRINTED_ROWS, write_pdf
from stancecoder.services.agreement.figures import report_figures

CODERS = ("Alice", "Bob")
PER_ARTICLE = 10


def _variable(number: int, name: str, level: str, scope: str, labels: list[str]) -> VariableView:
    values = [float(v) for v in range(-2, 3)] if level == "ordinal" else [None] * len(labels)
    pairs = enumerate(zip(labels, values, strict=True))
    codes = tuple(
        CodeView(100 * number + n, name, label, (label,), None, 0, v, "#ffffff", None, "", True)
        for n, (label, v) in pairs
    )
    return VariableView(number, name, level, scope, False, "", codes)


VARIABLES = (
    _variable(1, "actor", "nominal", "passage", [f"Actor {n}" for n in range(8)]),
    _variable(2, "topic", "nominal", "passage", [f"Topic {n}" for n in range(6)]),
    _variable(3, "stance", "ordinal", "passage", ["−2", "−1", "0", "+1", "+2"]),
    _variable(4, "genre", "nominal", "article", ["News", "Interview", "Comment"]),
)


def synthetic_report(units: int, seed: int = 1) -> AgreementReport:
    """Both coders mark the same passages and agree on about four codes in five."""
    rng = random.Random(seed)
    articles = max(1, units // PER_ARTICLE)
    codings = Codings("bench", "1.0", VARIABLES, list(CODERS))
    rows: list[PassageTuple] = []
    for article in range(1, articles + 1):
        codings.titles[article] = f"Article {article}"
        codings.texts[article] = "x" * (60 * PER_ARTICLE)
        codings.coded_by[article] = set(CODERS)
        for place in range(PER_ARTICLE):
            truth = {v.name: rng.choice(v.codes).id for v in VARIABLES}
            for coder in CODERS:
                codes = {
                    v.name: (truth[v.name] if rng.random() < 0.8 else rng.choice(v.codes).id,)
                    for v in VARIABLES[:3]
                }
                rows.append((len(rows), article, coder, 60 * place, 60 * place + 50, codes))
                codings.article_codes[(article, coder, "genre")] = (truth["genre"],)
    codings.passages = Passages.from_rows(codings.coders, rows)
    return build_report(codings, "matched", replicates=200, seed=seed)


def report_figures_of(units: int, runs: int) -> list[Figure]:
    report = synthetic_report(units)
    figures = report_figures(report)  # matplotlib's import, untimed
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        drawn = measured(Figure("the figures drawn as SVG (forest, 4 heatmaps)", "s"),
                         partial(report_figures, report), runs)  # fmt: skip
        page = measured(
            Figure(f"the HTML page of {units:,} units, figures ready", "s"),
            partial(write_report_page, folder / "report.html", report, figures),
            runs,
        )  # fmt: skip
        printed_page = render_report_page(report, figures, listed=PRINTED_ROWS, widths=True)
        write_pdf(folder / "first.pdf", printed_page)  # xhtml2pdf's import, untimed
        printed = Figure("the same page printed to PDF", "s", peer=page)
        measured(printed, partial(write_pdf, folder / "report.pdf", printed_page), runs)
    return [drawn, page, printed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(table(report_figures_of(args.units, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
