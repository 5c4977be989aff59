"""Stance networks of one layer's codings (see `core.networks`), as the person acting may
see them, and their files.

The passages come from the retrieval (`retrieval.select_codings`, which reads through
`coded_data`), so a network takes the filters of the list of passages and of the charts
(dates, sources, codes) and obeys the same blind rules. A network is of one coder's
codings or of the consensus: pooling coders would count one span of text coded by two
coders twice, and each coder separately would be several networks. Codes count as their
top code (Vladimir Putin as Russia) unless `detail` asks for every sub-code apart, as in
a crosstab.

`--by month` writes one file per month (FILE-2024-06.gexf, …) rather than one dynamic
GEXF: the same rule serves GraphML and CSV, which have no time, each file is a whole
network that any tool opens as it is, and each month's weights are normalised by that
month's activity, as DNA's time slices are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.core.networks.network import Network, build, by_period, check_kind
from stancecoder.core.networks.statements import Statement
from stancecoder.core.wording import counted
from stancecoder.services.code_lookup import CodeLookup, Variable
from stancecoder.services.coded_data import (
    default_layer,
    layer_choices,
    layer_coders,
    resolve_layer,
)
from stancecoder.services.coders import consensus_name
from stancecoder.services.crosstab import categories_in_order, category_of
from stancecoder.services.output_target import check_output
from stancecoder.services.retrieval import RetrievalFilter, select_codings

if TYPE_CHECKING:
    from stancecoder.services.project import Project

ACTORS, TOPICS = "actor", "topic"  # the variables a network links unless asked for others
FILE_SUFFIXES = (".gexf", ".graphml", ".csv")


@dataclass(frozen=True)
class Networks:
    """A network, or one per period with `by`; `notes` say what was left out."""

    networks: list[Network]
    by: str | None
    notes: tuple[str, ...]


def network_layers(project: Project) -> list[Layer]:
    """The layers a network may be of, the default first: the consensus where
    adjudication has begun, then each coder."""
    return [layer for layer in layer_choices(project) if layer.kind != "each"]


def stance_networks(
    project: Project,
    kind: str,
    layer: Layer | None = None,
    filters: RetrievalFilter | None = None,
    by: str | None = None,
    detail: bool = False,
    actors: str = ACTORS,
    topics: str = TOPICS,
) -> Networks:
    """The `kind` network (`core.networks.statements.KINDS`) of `layer` (by default the
    consensus once it exists, else the only coder) linking the codes of `actors` and
    `topics`, of the passages meeting `filters`; one per month or ISO week with `by`."""
    check_kind(kind)
    filters = filters or RetrievalFilter()
    if filters.coders:
        raise ValidationError("a network's coder is its layer: choose the layer, not a coder")
    with project.reading() as session:
        layer = _one_layer(session, layer)
        lookup = CodeLookup(session)
        first, second = _variable(lookup, actors), _variable(lookup, topics)
        if first is second:
            raise ValidationError(f"a network links two variables, not {actors} with itself")
        statements = _statements(session, layer, filters, first, second, detail)
        order = categories_in_order(lookup, second, detail)
    if by is None:
        return Networks([build(kind, statements, layer.title, order)], None, ())
    slices, undated = by_period(statements, by)
    networks = [build(kind, found, layer.title, order, name) for name, found in slices]
    notes = (f"{counted(undated, 'passage')} without a date to the {by} left out",)
    return Networks(networks, by, notes if undated else ())


def network_paths(networks: Networks, path: Path) -> list[Path]:
    """Where each network goes: `path` itself, or per period FILE-2024-06.gexf beside it."""
    check_network_path(path)
    path = Path(path)
    if networks.by is None:
        return [path]
    return [path.with_name(f"{path.stem}-{n.period}{path.suffix}") for n in networks.networks]


def check_network_path(path: Path) -> None:
    """Refuse a name whose suffix names no format a network is written in."""
    if Path(path).suffix.lower() not in FILE_SUFFIXES:
        raise ValidationError(
            f"cannot write a network to {Path(path).name}: use a .gexf, .graphml or .csv name"
        )


def save_networks(project: Project, networks: Networks, path: Path) -> list[Path]:
    """Write each network to its file (see `network_paths`), whole or not at all each;
    every target is checked before the first is written."""
    if not networks.networks:
        raise ValidationError(f"no passage has a date to the {networks.by}: nothing to write")
    paths = network_paths(networks, path)
    for target in paths:
        check_output(target, project)
    from stancecoder.io.networks import write_network  # networkx's writers, when first used

    for network, target in zip(networks.networks, paths, strict=True):
        write_network(network, target)
    return paths


def _one_layer(session: Session, layer: Layer | None) -> Layer:
    if layer is None:
        layer = default_layer(session)
        if layer.kind == "each":
            coders = layer_coders(session, layer)
            if len(coders) == 1:
                return Layer.of_coder(coders[0])
    layer = resolve_layer(session, layer)
    if layer.kind == "consensus" and consensus_name(session) is None:
        raise ValidationError("there is no consensus yet (adjudicate first): choose a coder")
    if layer.kind == "each":
        where = "" if consensus_name(session) is None else " or --consensus"
        raise ValidationError(
            f"a network is of one coder's codings or the consensus, never several pooled: "
            f"choose --coder NAME{where}"
        )
    return layer


def _variable(lookup: CodeLookup, name: str) -> Variable:
    choices = [v for v in lookup.variables.values() if v.scope == "passage"]
    found = next((v for v in choices if v.name.casefold() == name.strip().casefold()), None)
    if found is None or found.level != "nominal":
        names = ", ".join(v.name for v in choices if v.level == "nominal") or "none"
        raise ValidationError(
            f"a network links nominal passage variables: {name!r} is none (choose {names})"
        )
    return found


def _statements(
    session: Session,
    layer: Layer,
    filters: RetrievalFilter,
    actors: Variable,
    topics: Variable,
    detail: bool,
) -> list[Statement]:
    coders = layer_coders(session, layer)
    selection = select_codings(session, replace(filters, coders=coders))
    lookup = selection.lookup
    actor_of = {c.id: category_of(lookup, c, detail) for c in actors.codes}
    topic_of = {c.id: category_of(lookup, c, detail) for c in topics.codes}
    return [
        Statement(
            coding.passage_id, coding.article_id, selection.published[coding.article_id],
            _distinct(actor_of, coding.code_ids), _distinct(topic_of, coding.code_ids),
            selection.stances[coding.passage_id],
        )
        for coding in selection.codings
    ]  # fmt: skip


def _distinct(categories: dict[int, str], code_ids: Sequence[int]) -> tuple[str, ...]:
    """Each category once: two sub-codes rolled up to one code are one actor."""
    return tuple(dict.fromkeys(categories[i] for i in code_ids if i in categories))
