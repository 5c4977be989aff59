"""The data of a chart of the coded data, for one layer (see `core.layer`), as the person
acting may see it.

The passages come from the retrieval (`retrieval.retrieve`, which reads through
`coded_data`), so a chart takes the same filters as the list of passages and obeys the
same blind rules; the layer decides whose codings they are, and the chart's title says it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from stancecoder.core.charts.data import (
    CODE_FREQUENCIES,
    CODERS,
    FILE_SUFFIXES,
    KINDS,
    PERIODS,
    STANCE_DISTRIBUTION,
    STANCE_OVER_TIME,
    ChartData,
    Scale,
)
from stancecoder.core.charts.series import (
    Observation,
    Request,
    code_frequencies,
    coder_means,
    stance_distribution,
    stance_over_time,
)
from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.services.code_lookup import CodeLookup, Variable
from stancecoder.services.coded_data import layer_coders, resolve_layer
from stancecoder.services.output_target import check_output
from stancecoder.services.retrieval import RetrievalFilter, select_codings, stance_variable

if TYPE_CHECKING:
    from stancecoder.services.project import Project

GROUP = "actor"  # the variable a chart groups by unless asked for another


def chart_data(
    project: Project,
    kind: str,
    layer: Layer | None = None,
    filters: RetrievalFilter | None = None,
    by: str = "month",
    per: str | None = None,
) -> ChartData:
    """The numbers of a chart of `kind` (see `core.charts.data.KINDS`) on `layer` (by
    default the consensus once it exists, else each coder separately; for coders side by
    side always each coder separately), of the passages
    meeting `filters`, grouped by the variable `per` (by default the actor) and, over time,
    by calendar month or ISO week."""
    if kind not in KINDS:
        raise ValidationError(f"unknown chart {kind!r} (choose {', '.join(KINDS)})")
    if by not in PERIODS:
        raise ValidationError(f"unknown period {by!r} (choose {' or '.join(PERIODS)})")
    filters = filters or RetrievalFilter()
    if filters.coders:
        raise ValidationError(
            "a chart's coders are its layer: choose the layer, not a coder filter"
        )
    if kind == CODERS and layer is None:
        layer = Layer.each_coder()
    with project.reading() as session:
        layer = resolve_layer(session, layer)
        if kind == CODERS and layer.kind != "each":
            raise ValidationError(
                f"the coders chart puts each coder side by side: choose each-coder, "
                f"not {layer.title}"
            )
        lookup = CodeLookup(session)
        group = _group(lookup, per)
        request = Request(layer.title, layer.kind == "each", group.name)
        rows = _observations(session, layer, filters)
        if kind == CODE_FREQUENCIES:
            codes = [" › ".join(lookup.path(code)) for code in group.codes]
            return code_frequencies(rows, request, codes)
        scale = _scale(lookup)
    if kind == STANCE_OVER_TIME:
        return stance_over_time(rows, request, scale, by)
    if kind == STANCE_DISTRIBUTION:
        return stance_distribution(rows, request, scale)
    return coder_means(rows, request, scale)


def check_chart_path(path: Path) -> None:
    """Refuse a name whose suffix names no format a chart is written in."""
    if Path(path).suffix.lower() not in FILE_SUFFIXES:
        raise ValidationError(
            f"cannot write a chart to {Path(path).name}: use a .pdf, .svg or .png name"
        )


def save_chart(project: Project, chart: ChartData, path: Path) -> None:
    """Write `chart` to `path` (.pdf, .svg or .png at 300 dpi) on a light page, as a paper
    prints it, whatever the window's theme."""
    check_chart_path(path)
    check_output(path, project)
    from stancecoder.io.charts.figure import write_chart  # matplotlib: imported when first used

    write_chart(chart, Path(path))


def chart_variables(project: Project) -> list[str]:
    """The variables a chart may group by: the nominal passage variables, the default
    (the actor) first."""
    with project.reading() as session:
        names = [v.name for v in _groupable(CodeLookup(session))]
    return sorted(names, key=lambda name: name != GROUP)


def _observations(session: Session, layer: Layer, filters: RetrievalFilter) -> list[Observation]:
    coders = layer_coders(session, layer)
    if not coders:
        return []  # no coders yet: an empty filter would read everyone's
    selection = select_codings(session, replace(filters, coders=coders))
    lookup = selection.lookup
    named = {c.id: (v.name, " › ".join(lookup.path(c))) for v in selection.variables
             for c in v.codes}  # fmt: skip
    rows = []
    for coding in selection.codings:
        codes: dict[str, list[str]] = defaultdict(list)
        for code_id in coding.code_ids:
            variable, path = named[code_id]
            codes[variable].append(path)
        rows.append(Observation(
            coding.passage_id, coding.coder, selection.published[coding.article_id],
            selection.stances[coding.passage_id], {v: tuple(p) for v, p in codes.items()},
        ))  # fmt: skip
    return rows


def _groupable(lookup: CodeLookup) -> list[Variable]:
    return [v for v in lookup.variables.values() if v.scope == "passage" and v.level == "nominal"]


def _group(lookup: CodeLookup, per: str | None) -> Variable:
    choices = _groupable(lookup)
    if not choices:
        raise ValidationError("the codebook has no nominal passage variable to group by")
    if per is None:
        return next((v for v in choices if v.name == GROUP), choices[0])
    found = next((v for v in choices if v.name.casefold() == per.strip().casefold()), None)
    if found is None:
        names = ", ".join(v.name for v in choices)
        raise ValidationError(f"cannot group by {per!r} (choose {names})")
    return found


def _scale(lookup: CodeLookup) -> Scale:
    """The stance variable as the retrieval chooses it, with its points."""
    passage = [v for v in lookup.variables.values() if v.scope == "passage"]
    variable = stance_variable(passage)
    if variable is None:
        raise ValidationError("the codebook has no ordinal or interval passage variable to chart")
    points = sorted((c.value, c.label) for c in variable.codes if c.value is not None)
    return Scale(variable.name, tuple(points))
