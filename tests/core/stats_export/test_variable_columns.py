"""A variable as columns: its codes' numbers and labels, a scale kept as its own values
where Stata can label them, and missing where a row has no code of the variable."""

from __future__ import annotations

from stancecoder.core.codebook_view import CodeView, VariableView
from stancecoder.core.stats_export.variable_columns import VariableColumns, code_numbers


def variable(level: str, points: list[tuple[str, float | None]], multiple: bool = False):
    codes = tuple(
        CodeView(id=10 + i, variable="v", label=label, path=(label,), parent_id=None, depth=0,
                 value=value, colour="#ffffff", shortcut=None, description="", active=True)
        for i, (label, value) in enumerate(points)
    )  # fmt: skip
    return VariableView(1, "certainty", level, "passage", multiple, "", codes)


def test_a_scale_of_whole_values_keeps_them() -> None:
    scale = variable("ordinal", [("Low", -1), ("Mid", 0), ("High", 1)])
    assert code_numbers(scale) == ({10: -1, 11: 0, 12: 1}, None)
    [column] = VariableColumns(scale).columns
    assert column.value_labels == ((-1, "Low"), (0, "Mid"), (1, "High"))
    assert column.measure == "ordinal" and not column.labels_in_csv


def test_a_scale_stata_cannot_label_is_numbered_in_order_and_said() -> None:
    for points in ([("Low", 0.5), ("High", 1.5)], [("Low", 1), ("High", None)],
                   [("Low", 1), ("Also low", 1)]):  # fmt: skip
        numbers, note = code_numbers(variable("interval", points))
        assert numbers == {10: 1, 11: 2}
        assert note is not None and note.startswith("certainty: its codes' values are not whole")


def test_a_row_without_a_code_of_the_variable_is_missing_not_zero() -> None:
    several = VariableColumns(variable("nominal", [("A", None), ("B", None)], multiple=True))
    assert [c.wanted for c in several.columns] == ["certainty_A", "certainty_B"]
    assert several.values({11, 99}) == [0, 1]
    assert several.values({99}) == [None, None]
    one = VariableColumns(variable("nominal", [("A", None), ("B", None)]))
    assert one.values({11}) == [2] and one.values(set()) == [None]
    assert one.columns[0].labels_in_csv
