"""A table fitted to one program: every column named and labelled as the program accepts,
and every rename and cut listed in words, so the user is told what the file calls what."""

from __future__ import annotations

from dataclasses import dataclass

from stancecoder.core.stats_export.labels import cut_label
from stancecoder.core.stats_export.names import program_names
from stancecoder.core.stats_export.programs import Program
from stancecoder.core.stats_export.table import StatColumn, StatTable


@dataclass(frozen=True)
class FittedColumn:
    name: str
    column: StatColumn
    label: str
    value_labels: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class FittedTable:
    program: Program
    table: StatTable
    columns: tuple[FittedColumn, ...]
    changes: tuple[str, ...]


def fit(table: StatTable, program: Program) -> FittedTable:
    namings = program_names([c.wanted for c in table.columns], program)
    columns, changes = [], []
    for naming, column in zip(namings, table.columns, strict=True):
        if naming.reasons:
            changes.append(f"{naming.wanted!r} is named {naming.name}: {'; '.join(naming.reasons)}")
        label = cut_label(column.label, program.variable_label)
        if label != column.label and program.variable_label is not None:
            limit = program.variable_label
            changes.append(f"{naming.name}: label cut to {limit.size} {limit.unit}: {label}")
        values = tuple((v, cut_label(text, program.value_label)) for v, text in column.value_labels)
        for (value, cut), (_, whole) in zip(values, column.value_labels, strict=True):
            if cut != whole and program.value_label is not None:
                limit = program.value_label
                changes.append(
                    f"{naming.name}: label of {value} cut to {limit.size} {limit.unit}: {cut}"
                )
        columns.append(FittedColumn(naming.name, column, label, values))
    return FittedTable(program, table, tuple(columns), tuple(changes))
