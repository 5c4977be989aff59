"""The agreement reports and the calculator's statistics as JSON documents: plain values
only, the same numbers the text, Excel and HTML show."""

from __future__ import annotations

from stancecoder.core.agreement import Result
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.rounds import RoundFigure, RoundsReport
from stancecoder.core.agreement.variable_stats import interpret


def results_as_json(results: list[Result]) -> dict[str, object]:
    """The `--json` document: undefined values carry their reason."""
    return {"statistics": [result_as_json(result) for result in results]}


def result_as_json(result: Result) -> dict[str, object]:
    entry: dict[str, object] = {
        "name": result.name,
        "level": result.level,
        "value": result.value,
        "ci95": list(result.ci95) if result.ci95 else None,
        "n_units": result.n_units,
        "n_coders": result.n_coders,
    }
    if result.value is None:
        entry["reason"] = result.reason
    if result.category is not None:
        entry["category"] = result.category
    return entry


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
            **results_as_json(v.results + v.per_code),
            "coder_pairs": [
                {"coders": [a, b], "krippendorff_alpha": alpha.value, "percent_agreement": p.value}
                for a, b, alpha, p in v.per_pair
            ],
            "disagreements": v.disagreements,
        }
        if (c := v.coverage) is not None:
            entry["coverage"] = {
                "passages_coded": c.coded,
                "passages_compared": c.compared,
                "unitizing_alpha_where": result_as_json(c.where),
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
        "left_out_passages": report.left_out,
        "methods": report.methods,
        "variables": variables,
    }


def rounds_as_json(rounds: RoundsReport) -> dict[str, object]:
    """Per variable one entry per round, in the order the rounds were drawn."""
    return {
        "project": rounds.project,
        "unit": rounds.unit,
        "unit_definition": rounds.unit_definition,
        "codebook_version": rounds.codebook_version,
        "date": rounds.date,
        "seed": rounds.seed,
        "replicates": rounds.replicates,
        "rounds": [
            {"name": r.name, "kind": r.kind, "closed": r.closed, "coders": list(r.coders),
             "sample_size": r.sample_size, "n_articles": r.n_articles,
             "drawn": r.description, "created_at": r.created_at.isoformat()}
            for r in rounds.rounds
        ],
        "variables": [
            {"name": v.name, "scope": v.scope, "level": v.level, "unit": v.unit,
             "statistic": v.statistic, "rounds": [_figure_json(f) for f in v.figures],
             "change": None if v.change is None else {
                 "from": v.change.first, "to": v.change.last, "rounds": v.change.rounds,
                 "value": v.change.value}}
            for v in rounds.variables
        ],
    }  # fmt: skip


def _figure_json(f: RoundFigure) -> dict[str, object]:
    entry: dict[str, object] = {
        "round": f.round,
        "value": f.value,
        "ci95": list(f.ci95) if f.ci95 else None,
        "n_units": f.n_units,
        "n_coders": f.n_coders,
        "percent_agreement": f.percent_agreement,
        "interpretation": f.interpretation,
    }
    if f.value is None:
        entry["reason"] = f.reason
    return entry
