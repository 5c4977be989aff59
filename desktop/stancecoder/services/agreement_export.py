"""The agreement report as JSON, Excel and HTML, all built from the same rows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.errors import ValidationError
from stancecoder.io.report_html import write_html
from stancecoder.io.sheets import Column, Sheet
from stancecoder.io.xlsx_writer import write_xlsx
from stancecoder.services.agreement_stats import interpret
from stancecoder.services.reliability_calc import as_json

if TYPE_CHECKING:
    from stancecoder.services.agreement import AgreementReport

F, N = "float", "int"


def report_as_json(report: AgreementReport) -> dict[str, object]:
    """Per variable the calculator's `{"statistics": [...]}`, plus what the report is about."""
    variables = []
    for v in report.variables:
        entry: dict[str, object] = {
            "variable": v.name,
            "scope": v.scope,
            "level": v.level,
            "unit": v.unit,
            "interpretation": interpret(v.main),
            "warnings": v.warnings,
            **as_json(v.results + v.per_code),
            "coder_pairs": [
                {"coders": [a, b], "krippendorff_alpha": alpha.value, "percent_agreement": p.value}
                for a, b, alpha, p in v.per_pair
            ],
            "disagreements": v.disagreements,
        }
        variables.append(entry)
    return {
        "project": report.project,
        "unit": report.unit,
        "unit_definition": report.unit_definition,
        "codebook_version": report.codebook_version,
        "round": report.round,
        "coders": report.coders,
        "n_articles": report.n_articles,
        "date": report.date,
        "unmatched_passages": report.unmatched,
        "methods": report.methods,
        "variables": variables,
    }


def report_sheets(report: AgreementReport) -> list[Sheet]:
    summary = [
        ["project", report.project], ["date", report.date], ["unit", report.unit],
        ["unit definition", report.unit_definition], ["codebook version", report.codebook_version],
        ["round", report.round or "all double-coded articles"],
        ["coders", ", ".join(report.coders)],
        ["articles coded by 2+ coders", str(report.n_articles)],
        *[[f"unmatched passages of {c}", str(n)] for c, n in report.unmatched.items()],
        *[["warning", w] for v in report.variables for w in v.warnings],
        ["methods", report.methods],
    ]  # fmt: skip
    stats = [
        [v.name, v.scope, v.level, v.unit, r.name, r.value, *(r.ci95 or (None, None)),
         r.n_units, r.n_coders, interpret(r) if r is v.main else (r.reason or "")]
        for v in report.variables for r in v.results
    ]  # fmt: skip
    codes = [
        [v.name, r.category, r.name, r.value, r.n_units, interpret(r)]
        for v in report.variables for r in v.per_code
    ]  # fmt: skip
    pairs = [
        [v.name, a, b, alpha.value, p.value, alpha.n_units, interpret(alpha)]
        for v in report.variables for a, b, alpha, p in v.per_pair
    ]  # fmt: skip
    coincidences = [
        [v.name, row_label, col_label, count]
        for v in report.variables
        for row_label, row in zip(v.categories, v.coincidences, strict=False)
        for col_label, count in zip(v.categories, row, strict=True) if count
    ]  # fmt: skip
    disagreements = [
        [d["variable"], d["article"], d["title"], coder, _span(d, coder), label]
        for v in report.variables for d in v.disagreements
        for coder, label in d["codes"].items()  # type: ignore[attr-defined]
    ]  # fmt: skip
    raw = [
        [v.name, article, where, *(labels.get(c, "") for c in report.coders)]
        for v in report.variables for article, where, labels, _ in v.raw
    ]  # fmt: skip
    return [
        Sheet("Summary", [Column("item"), Column("value", width=80, wrap=True)], summary),
        Sheet("Variables", _cols("variable scope level unit statistic", [F, F, F, N, N],
              ["value", "ci95 low", "ci95 high", "units", "coders"], ["interpretation"]), stats),
        Sheet("Codes", _cols("variable code statistic", [F, N], ["value", "units"],
              ["interpretation"]), codes),
        Sheet("Coder pairs", _cols("variable coder coder", [F, F, N],
              ["alpha", "percent agreement", "units"], ["interpretation"]), pairs),
        Sheet("Coincidences", _cols("variable value value", [F], ["count"], []),
              coincidences),
        Sheet("Disagreements", [Column("variable"), Column("article", "int"), Column("title"),
              Column("coder"), Column("span"), Column("code")], disagreements),
        Sheet("Raw data", [Column("variable"), Column("article", "int"), Column("unit"),
              *[Column(c) for c in report.coders]], raw),
    ]  # fmt: skip


def write_report(report: AgreementReport, path: Path) -> None:
    """`.xlsx` (one sheet per section) or `.html` (one standalone page)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(path, report_sheets(report))
    elif suffix in (".html", ".htm"):
        title = f"Agreement: {report.project}"
        write_html(path, title, [report.methods], report_sheets(report))
    else:
        raise ValidationError(f"cannot write the report as {path.name}: use .xlsx or .html")


def _cols(texts: str, kinds: list[str], numeric: list[str], after: list[str]) -> list[Column]:
    return (
        [Column(h) for h in texts.split()]
        + [Column(h, k) for h, k in zip(numeric, kinds, strict=True)]  # type: ignore[arg-type]
        + [Column(h, wrap=True, width=60) for h in after]
    )


def _span(disagreement: dict[str, object], coder: str) -> str:
    spans = disagreement.get("spans") or {}
    span = spans.get(coder)  # type: ignore[attr-defined]
    return f"[{span[0]}, {span[1]})" if span else ""
