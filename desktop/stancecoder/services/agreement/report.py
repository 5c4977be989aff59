"""Agreement on a project's codings: the report a methods section can cite.

Passage-level variables are compared under one named unit of analysis (matched passages,
sentences or unitizing); article-level variables always use the articles as units. Only
articles coded by at least two of the chosen coders count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from stancecoder.core.agreement import LEVELS, Result, unitizing_alpha_all
from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.data import Codings, load_codings
from stancecoder.services.agreement.stats import (
    Bootstrap,
    Disagreement,
    VariableAgreement,
    variable_agreement,
)
from stancecoder.services.agreement.text import methods_paragraph
from stancecoder.services.agreement.units import (
    Scale,
    article_rows,
    matched_rows,
    matched_units,
    sentence_rows,
    unitizing_units,
)
from stancecoder.services.codebook_view import VariableView
from stancecoder.services.samples import list_rounds, round_info

if TYPE_CHECKING:
    from stancecoder.services.project import Project

UnitKind = Literal["matched", "sentence", "unitizing"]
UNITS = ("matched", "sentence", "unitizing")


@dataclass
class AgreementReport:
    project: str
    unit: str
    unit_definition: str
    codebook_version: str
    coders: list[str]
    n_articles: int
    date: str
    variables: list[VariableAgreement] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)
    methods: str = ""
    seed: int | None = None
    replicates: int = 1000
    round: str | None = None  # the reliability sample, or None for every double-coded article


def unit_definition(unit: str, overlap: float) -> str:
    if unit == "matched":
        rule = "identical spans" if overlap >= 1.0 else f"at least {overlap:.0%} of their union"
        return (
            "matched passages: passages of different coders paired one-to-one when they "
            f"overlap by {rule} (best overlap first); unmatched passages are counted, not compared"
        )
    if unit == "sentence":
        return (
            "sentences: each coder's codes projected onto the sentences a passage covers by at "
            "least half; a sentence without a code is 'not coded' (a value for nominal "
            "variables, missing for ordered ones)"
        )
    return (
        "unitizing: Krippendorff's unitizing α (1995/2004) on where passages were marked, "
        "the double-coded articles laid end to end as one continuum"
    )


def project_agreement(
    project: Project,
    unit: UnitKind = "matched",
    *,
    overlap: float = 0.5,
    coders: Sequence[str] | None = None,
    article_ids: Sequence[int] | None = None,
    replicates: int = 1000,
    seed: int | None = None,
    round: str | None = None,
    levels: Mapping[str, str] | None = None,
) -> AgreementReport:
    """With a `round`, only its articles and (unless `coders` is given) its coders count.
    `levels` overrides a variable's level of measurement (the lead's choice, reported)."""
    if unit not in UNITS:
        raise ValidationError(f"unknown unit {unit!r} (choose {', '.join(UNITS)})")
    if round is not None:
        round, coders, article_ids = round_scope(project, round, coders, article_ids)
    codings = load_codings(project, coders, article_ids)
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
    if unit == "matched":
        units, unmatched = matched_units(codings, overlap)
        report.unmatched = {c: sum(1 for p in unmatched if p.coder == c) for c in used}
        for variable in passage_vars:
            scale = Scale(variable)
            rows = matched_rows(units, scale)
            result = variable_agreement(scale, "matched passages", rows, used, boot)
            result.disagreements = _disagreements(codings, result)
            report.variables.append(result)
    elif unit == "sentence":
        for variable in passage_vars:
            scale = Scale(variable)
            rows = sentence_rows(codings, scale)
            report.variables.append(variable_agreement(scale, "sentences", rows, used, boot))
    else:
        report.variables += [_unitizing(codings, Scale(v), used) for v in passage_vars]
    for variable in codings.variables:
        if variable.scope == "article":
            scale = Scale(variable)
            rows = article_rows(codings, scale)
            report.variables.append(variable_agreement(scale, "articles", rows, used, boot))
    report.methods = methods_paragraph(report)
    return report


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


def round_scope(
    project: Project, name: str, coders: Sequence[str] | None, article_ids: Sequence[int] | None
) -> tuple[str, list[str], list[int]]:
    """A round's name, coders and articles, narrowed by coders or articles asked for."""
    sample = round_info(project, name)
    if sample is None:
        known = ", ".join(repr(s.name) for s in list_rounds(project)) or "none yet"
        raise ValidationError(f"no sample called {name!r} (samples: {known})")
    wanted = None if article_ids is None else set(article_ids)
    ids = [a for a in sample.article_ids if wanted is None or a in wanted]
    return sample.name, list(coders or sample.coders), ids


def _unitizing(codings: Codings, scale: Scale, coders: list[str]) -> VariableAgreement:
    v = scale.variable
    out = VariableAgreement(v.name, v.scope, v.level, "unitized spans", coders, [])
    units, length = unitizing_units(codings, scale)
    if length == 0 or len(coders) < 2:
        reason = "no article was coded by two coders"
        out.results = [Result("unitizing_alpha", None, None, 0, len(coders), reason=reason)]
        return out
    results = unitizing_alpha_all(units, 0, length, coders=coders)
    out.results, out.per_code = results[:1], results[1:]
    return out


def _disagreements(codings: Codings, result: VariableAgreement) -> list[Disagreement]:
    rows: list[Disagreement] = []
    for article, where, labels, spans in result.raw:
        given = {c: label for c, label in labels.items() if label}
        if len(set(given.values())) > 1:
            rows.append(
                {
                    "article": article,
                    "title": codings.titles.get(article, ""),
                    "where": where,
                    "variable": result.name,
                    "codes": given,
                    "spans": {c: spans[c] for c in given if c in spans},
                }
            )
    return rows
