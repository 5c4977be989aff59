"""A table for a statistics program, before any program's rules: each column with the
words it is named by, its label, its kind and level of measurement, and the labels of its
values; and the plain records the two shapes are built from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Kind = Literal["int", "float", "text", "date"]
Measure = Literal["nominal", "ordinal", "scale"]
SHAPES = ("passages", "articles")


@dataclass(frozen=True)
class StatColumn:
    """`wanted` is the name in the codebook's words ("n_actor_South Korea"); each program
    makes its own name of it. `value_labels` name the numbers of a categorical column;
    `labels_in_csv` marks a nominal code, which the CSV for R holds as its label."""

    wanted: str
    label: str
    kind: Kind
    measure: Measure
    value_labels: tuple[tuple[int, str], ...] = ()
    labels_in_csv: bool = False

    @property
    def ordered(self) -> bool:
        return self.measure == "ordinal"


@dataclass(frozen=True)
class StatTable:
    """`unit` says what one row is; `notes` what a reader of the file must know."""

    shape: str
    unit: str
    columns: tuple[StatColumn, ...]
    rows: Sequence[tuple[object, ...]]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleFacts:
    id: int
    title: str
    source: str | None
    published: str | None


class CodedPassage(Protocol):
    """A passage of one coder with the ids of its codes."""

    @property
    def passage_id(self) -> int: ...
    @property
    def article_id(self) -> int: ...
    @property
    def coder(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def code_ids(self) -> tuple[int, ...]: ...
