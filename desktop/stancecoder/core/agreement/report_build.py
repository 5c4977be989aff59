"""The agreement report computed from codings already read: units made, every statistic
drawn, the disagreements listed and the methods paragraph written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date

import numpy as np

from stancecoder.core.agreement import LEVELS, Result, unitizing_alpha_all
from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.agreement.codings import Codings
from stancecoder.core.agreement.coverage import (
    matched_coverage,
    sentence_coverage,
    unitized_coverage,
)
from stancecoder.core.agreement.matched import matched_table, matched_units
from stancecoder.core.agreement.report import (
    AgreementReport,
    ReportStopped,
    VariableProgress,
    check_unit,
    unit_definition,
)
from stancecoder.core.agreement.report_text import methods_paragraph
from stancecoder.core.agreement.unit_table import rows_table
from stancecoder.core.agreement.units import (
    Scale,
    article_rows,
    sentence_left_out,
    sentence_rows,
    unitizing_units,
)
from stancecoder.core.agreement.variable_stats import (
    Bootstrap,
    Disagreement,
    VariableAgreement,
    variable_agreement,
)
from stancecoder.core.codebook_view import VariableView
from stancecoder.core.context import InContext, in_context
from stancecoder.core.errors import ValidationError


def build_report(
    codings: Codings,
    unit: str = "matched",
    *,
    overlap: float = 0.5,
    replicates: int = 1000,
    seed: int = DEFAULT_SEED,
    round: str | None = None,
    levels: Mapping[str, str] | None = None,
    progress: VariableProgress | None = None,
) -> AgreementReport:
    """`round` only names the sample the codings were narrowed to. `levels` overrides a
    variable's level of measurement (the lead's choice, reported). `progress` hears of
    each variable before it is computed, and stops the report (`ReportStopped`) by
    returning False."""
    check_unit(unit)
    codings.variables = overridden_levels(codings.variables, levels or {})
    double = codings.double_coded()
    used = sorted({c for a in double for c in codings.coded_by[a]})
    report = AgreementReport(
        project=codings.project,
        unit=unit,
        unit_definition=unit_definition(unit, overlap),
        codebook_version=codings.codebook_version,
        coders=used,
        n_articles=len(double),
        date=date.today().isoformat(),
        seed=seed,
        replicates=replicates,
        round=round,
    )
    boot: Bootstrap = {"replicates": replicates, "seed": seed}
    passage_vars = [v for v in codings.variables if v.scope == "passage"]
    article_vars = [v for v in codings.variables if v.scope == "article"]
    total = len(passage_vars) + len(article_vars)
    if unit == "matched":
        units = matched_units(codings, overlap)
        left = np.bincount(codings.passages.coder[units.unmatched], minlength=len(codings.coders))
        report.unmatched = {c: int(left[codings.coders.index(c)]) for c in used}
        for variable in _announced(passage_vars, 0, total, progress):
            scale = Scale(variable)
            table = matched_table(codings, units, scale, used)
            result = variable_agreement(scale, "matched passages", table, used, boot)
            result.disagreements = _disagreements(codings, result, table.disputed())
            result.coverage = matched_coverage(codings, scale, used, units)
            report.variables.append(result)
    elif unit == "sentence":
        report.left_out = sentence_left_out(codings)
        for variable in _announced(passage_vars, 0, total, progress):
            scale = Scale(variable)
            rows = sentence_rows(codings, scale)
            table = rows_table(rows, scale, used)
            result = variable_agreement(scale, "sentences", table, used, boot)
            result.coverage = sentence_coverage(codings, scale, used, rows)
            report.variables.append(result)
    else:
        report.variables += [
            _unitizing(codings, Scale(v), used)
            for v in _announced(passage_vars, 0, total, progress)
        ]
    for variable in _announced(article_vars, len(passage_vars), total, progress):
        scale = Scale(variable)
        table = rows_table(article_rows(codings, scale), scale, used)
        report.variables.append(variable_agreement(scale, "articles", table, used, boot))
    if progress is not None:
        progress(total, total, "")
    report.methods = methods_paragraph(report)
    return report


def _announced(
    variables: Sequence[VariableView], first: int, total: int, progress: VariableProgress | None
) -> Iterator[VariableView]:
    """The variables one by one, each told to `progress` first; stopped when it says so."""
    for done, variable in enumerate(variables, start=first):
        if progress is not None and not progress(done, total, variable.name):
            raise ReportStopped(f"the agreement report was stopped before {variable.name}")
        yield variable


def overridden_levels(
    variables: tuple[VariableView, ...], levels: Mapping[str, str]
) -> tuple[VariableView, ...]:
    """A variable on a scale may be analysed at another level; a nominal one has no scale."""
    known = {v.name: v for v in variables}
    for name, level in levels.items():
        if name not in known:
            raise ValidationError(f"no variable {name!r} (variables: {', '.join(known)})")
        if level not in LEVELS:
            raise ValidationError(f"unknown level {level!r} (choose {', '.join(LEVELS)})")
        if known[name].level == "nominal" and level != "nominal":
            raise ValidationError(f"{name} is nominal: its codes have no values to order")
    return tuple(replace(v, level=levels.get(v.name, v.level)) for v in variables)


def _unitizing(codings: Codings, scale: Scale, coders: list[str]) -> VariableAgreement:
    v = scale.variable
    out = VariableAgreement(v.name, v.scope, v.level, "unitized spans", coders, [])
    out.coverage = unitized_coverage(codings, scale, coders)
    units, length = unitizing_units(codings, scale)
    if length == 0 or len(coders) < 2:
        reason = "no article was coded by two coders"
        out.results = [Result("unitizing_alpha", None, None, 0, len(coders), reason=reason)]
        return out
    results = unitizing_alpha_all(units, 0, length, coders=coders)
    out.results, out.per_code = results[:1], results[1:]
    return out


QUOTE_LIMIT = 90  # characters of a disagreement's words shown in a list
AROUND = 50  # characters of text either side of them: a few words


def _covered(text: str, spans: Iterable[tuple[int, int]]) -> InContext:
    found = list(spans)
    if not found:
        return InContext("", "", "")
    start, end = min(s for s, _ in found), max(e for _, e in found)
    return in_context(text, start, end, QUOTE_LIMIT, AROUND)


def _disagreements(
    codings: Codings, result: VariableAgreement, disputed: np.ndarray
) -> list[Disagreement]:
    """The `disputed` units (by their values) whose coders' labels differ."""
    rows: list[Disagreement] = []
    for unit in disputed.tolist():
        article, where, labels, spans = result.raw[unit]
        given = {c: label for c, label in labels.items() if label}
        if len(set(given.values())) > 1:
            words = _covered(codings.texts.get(article, ""), spans.values())
            rows.append(
                {
                    "article": article,
                    "title": codings.titles.get(article, ""),
                    "where": where,
                    "variable": result.name,
                    "codes": given,
                    "spans": {c: spans[c] for c in given if c in spans},
                    "quote": words.quote.strip(),
                    "before": words.before,
                    "after": words.after,
                }
            )
    return rows
