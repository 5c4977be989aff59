"""Each chart's numbers from plain passages (`Observation`s of one layer).

A passage counts once in each group it is coded with (an actor) and, for each coder
separately, once in its coder's series; nothing is pooled across coders unless the layer
is a single coder or the consensus. The largest groups are drawn, each with all its
coders' series, the rest named in a note, since a figure with twenty lines is read by
nobody.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from stancecoder.core.charts.data import (
    Bars,
    CodeFrequencies,
    CoderMeans,
    CoderRow,
    DistributionRow,
    Line,
    PeriodPoint,
    Scale,
    StanceDistribution,
    StanceOverTime,
)
from stancecoder.core.charts.interval import estimate
from stancecoder.core.periods import period_of
from stancecoder.core.wording import counted

MOST_LINES = 6
MOST_ROWS = 12
SEPARATOR = " · "
Key = tuple[str, str | None]
"""A series: its group (an actor) and, each coder separately, its coder."""


@dataclass(frozen=True)
class Observation:
    """One passage: its id, its coder, its article's date (ISO, maybe partial or empty), its
    stance value (None where it has none) and per variable the paths of its codes."""

    passage: int
    coder: str
    published: str
    stance: float | None
    codes: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Request:
    """What every chart is asked for: the layer's words for its title, whether the layer
    is each coder separately (then every series is split by coder), and the variable whose
    codes make the groups."""

    layer: str
    each_coder: bool
    group: str


def stance_over_time(
    rows: Sequence[Observation], request: Request, scale: Scale, by: str
) -> StanceOverTime:
    """Mean stance per period for each group (with each coder's apart in the each-coder
    layer), its 95% interval and n."""
    values: dict[Key, dict[tuple[str, date], list[float]]] = defaultdict(lambda: defaultdict(list))
    members: dict[Key, set[int]] = defaultdict(set)
    undated = 0
    for row in _with_stance(rows):
        period = period_of(row.published, by)
        if period is None:
            undated += 1
            continue
        for key in _keys(row, request):
            values[key][period].append(_stance(row))
            members[key].add(row.passage)
    sizes = {key: sum(map(len, found.values())) for key, found in values.items()}
    chosen, rest = _largest(sizes, MOST_LINES)
    lines = tuple(
        Line(_label(key), tuple(
            PeriodPoint(name, start, estimate(found))
            for (name, start), found in sorted(values[key].items(), key=lambda i: i[0][1])
        ))
        for key in chosen
    )  # fmt: skip
    notes = _notes(rows, request, rest)
    if undated:
        notes.append(f"{counted(undated, 'passage')} without a date to the {by} left out")
    if any(p.estimate.n == 1 for line in lines for p in line.points):
        notes.append(f"a {by} with one passage has no interval")
    title = f"Mean {scale.name} per {by} by {request.group} — {request.layer}"
    return StanceOverTime(title, request.layer, _drawn(members, chosen), tuple(notes), scale,
                          request.group, by, lines)  # fmt: skip


def stance_distribution(
    rows: Sequence[Observation], request: Request, scale: Scale
) -> StanceDistribution:
    """How many passages of each group sit at each point of the scale."""
    points = [value for value, _ in scale.points]
    counts: dict[Key, Counter[float]] = defaultdict(Counter)
    members: dict[Key, set[int]] = defaultdict(set)
    for row in _with_stance(rows):
        for key in _keys(row, request):
            counts[key][_stance(row)] += 1
            members[key].add(row.passage)
    off = {v for c in counts.values() for v in c if v not in points}
    if off:
        extra = tuple((v, f"{v:g}") for v in sorted(off))
        scale = Scale(scale.name, tuple(sorted(scale.points + extra)))
        points = [value for value, _ in scale.points]
    chosen, rest = _largest({label: c.total() for label, c in counts.items()}, MOST_ROWS)
    rows_out = tuple(
        DistributionRow(_label(key), tuple(counts[key][p] for p in points)) for key in chosen
    )
    title = f"{scale.name.capitalize()} by {request.group} — {request.layer}"
    return StanceDistribution(title, request.layer, _drawn(members, chosen),
                              tuple(_notes(rows, request, rest)), scale, request.group,
                              rows_out)  # fmt: skip


def code_frequencies(
    rows: Sequence[Observation], request: Request, codes: Sequence[str]
) -> CodeFrequencies:
    """Passages coded with each code of the variable (`codes`: its paths in codebook
    order), one set of bars per coder in the each-coder layer."""
    variable = request.group
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        series = row.coder if request.each_coder else request.layer
        counts[series].update(row.codes.get(variable, ()))
    used = [code for code in codes if any(c[code] for c in counts.values())]
    bars = tuple(Bars(label, tuple(counts[label][code] for code in used))
                 for label in sorted(counts))  # fmt: skip
    coded = [row for row in rows if row.codes.get(variable)]
    notes = []
    if len(coded) < len(rows):
        notes.append(
            f"{counted(len(rows) - len(coded), 'passage')} without a code of {variable} left out"
        )
    if len(used) < len(codes):
        notes.append(f"{counted(len(codes) - len(used), 'code')} never coded left out")
    if any(len(row.codes.get(variable, ())) > 1 for row in rows):
        notes.append("a passage with several codes counts once for each")
    title = f"Passages per {variable} — {request.layer}"
    return CodeFrequencies(title, request.layer, len(coded), tuple(notes), variable,
                           tuple(used), bars)  # fmt: skip


def coder_means(rows: Sequence[Observation], request: Request, scale: Scale) -> CoderMeans:
    """Each coder's mean stance for each group, side by side."""
    values: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    members: dict[Key, set[int]] = defaultdict(set)
    for row in _with_stance(rows):
        for group in row.codes.get(request.group, ()):
            values[group][row.coder].append(_stance(row))
            members[(group, None)].add(row.passage)
    sizes: dict[Key, int] = {(g, None): sum(map(len, c.values())) for g, c in values.items()}
    largest, rest = _largest(sizes, MOST_ROWS)
    chosen = [group for group, _ in largest]
    coders = sorted({coder for by_coder in values.values() for coder in by_coder})
    coder_rows = tuple(
        CoderRow(coder, tuple(
            estimate(values[group][coder]) if values[group].get(coder) else None
            for group in chosen
        ))
        for coder in coders
    )  # fmt: skip
    title = f"Mean {scale.name} by {request.group}, coders side by side — {request.layer}"
    return CoderMeans(title, request.layer, _drawn(members, largest),
                      tuple(_notes(rows, request, rest)), scale, request.group,
                      tuple(chosen), coder_rows)  # fmt: skip


def _with_stance(rows: Iterable[Observation]) -> Iterable[Observation]:
    return (row for row in rows if row.stance is not None)


def _stance(row: Observation) -> float:
    if row.stance is None:
        raise ValueError("a passage without a stance has no place on the scale")
    return row.stance


def _keys(row: Observation, request: Request) -> list[Key]:
    coder = row.coder if request.each_coder else None
    return [(group, coder) for group in row.codes.get(request.group, ())]


def _label(key: Key) -> str:
    group, coder = key
    return group if coder is None else f"{group}{SEPARATOR}{coder}"


def _drawn(members: Mapping[Key, set[int]], chosen: Iterable[Key]) -> int:
    """The passages the chosen series hold: each once, though it is in several groups."""
    return len(set().union(*(members[key] for key in chosen)))


def _largest(sizes: Mapping[Key, int], most: int) -> tuple[list[Key], int]:
    """The series of the largest groups (all of a group's coders together, ties by name)
    up to `most` of them, at least one group's; and how many series were left out."""
    totals: Counter[str] = Counter()
    for (group, _), size in sizes.items():
        totals[group] += size
    chosen: list[Key] = []
    for group in sorted(totals, key=lambda g: (-totals[g], g)):
        series = sorted(key for key in sizes if key[0] == group)
        if chosen and len(chosen) + len(series) > most:
            break
        chosen += series
    return chosen, len(sizes) - len(chosen)


def _notes(rows: Sequence[Observation], request: Request, rest: int) -> list[str]:
    notes = []
    without = sum(1 for row in rows if row.stance is None)
    if without:
        notes.append(f"{counted(without, 'passage')} without a stance left out")
    ungrouped = sum(1 for row in _with_stance(rows) if not row.codes.get(request.group))
    if ungrouped:
        notes.append(f"{counted(ungrouped, 'passage')} without a code of {request.group} left out")
    if rest:
        notes.append(f"{counted(rest, 'smaller series', 'smaller series')} not drawn (filter by "
                     "code to see one)")  # fmt: skip
    return notes
