"""The data of each chart kind: small frozen records a figure is drawn from and a test
checks against the raw rows, without a plotting library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stancecoder.core.charts.interval import Estimate
from stancecoder.core.codebook_view import point_text

STANCE_OVER_TIME = "stance-over-time"
STANCE_DISTRIBUTION = "stance-distribution"
CODE_FREQUENCIES = "code-frequencies"
CODERS = "coders"
KINDS = (STANCE_OVER_TIME, STANCE_DISTRIBUTION, CODE_FREQUENCIES, CODERS)
PERIODS = ("month", "week")
FILE_SUFFIXES = (".pdf", ".svg", ".png")


@dataclass(frozen=True)
class Scale:
    """The stance variable: its name and its points (value, label) from low to high."""

    name: str
    points: tuple[tuple[float, str], ...]

    @property
    def unit(self) -> str:
        """What an axis of it says: the variable and its range."""
        if not self.points:
            return self.name
        low, high = self.points[0], self.points[-1]
        return f"{self.name} ({point_text(*low)} … {point_text(*high)})"


@dataclass(frozen=True)
class Chart:
    """What every chart says about itself: its title (naming the layer), the layer's
    words, how many passages it draws (each once), and what it left out and why."""

    title: str
    layer: str
    passages: int
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PeriodPoint:
    period: str
    """"2024-06" for a month, "2024-W23" for an ISO week."""
    start: date
    estimate: Estimate


@dataclass(frozen=True)
class Line:
    label: str
    points: tuple[PeriodPoint, ...]


@dataclass(frozen=True)
class StanceOverTime(Chart):
    scale: Scale
    group: str
    """The variable whose codes make the lines (the actor)."""
    by: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class DistributionRow:
    label: str
    counts: tuple[int, ...]
    """Passages at each point of the scale, in the scale's order."""

    @property
    def n(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class StanceDistribution(Chart):
    scale: Scale
    group: str
    rows: tuple[DistributionRow, ...]


@dataclass(frozen=True)
class Bars:
    label: str
    counts: tuple[int, ...]
    """Passages coded with each code, in the chart's order of codes."""


@dataclass(frozen=True)
class CodeFrequencies(Chart):
    variable: str
    codes: tuple[str, ...]
    bars: tuple[Bars, ...]


@dataclass(frozen=True)
class CoderRow:
    coder: str
    estimates: tuple[Estimate | None, ...]
    """The coder's mean stance for each group; None where they coded none of it."""


@dataclass(frozen=True)
class CoderMeans(Chart):
    scale: Scale
    group: str
    groups: tuple[str, ...]
    coders: tuple[CoderRow, ...]


ChartData = StanceOverTime | StanceDistribution | CodeFrequencies | CoderMeans
