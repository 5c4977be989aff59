"""The codebook an R user reads beside the CSV: what one row is, each column's meaning and
type, the levels of every categorical column (in order for ordinal ones), and the lines
that read the file into R with those levels as factors."""

from __future__ import annotations

from collections.abc import Sequence

from stancecoder.core.stats_export.fitting import FittedColumn, FittedTable

TYPES = {"int": "integer", "float": "number", "text": "text", "date": "date (YYYY-MM-DD)"}


def r_codebook(fitted: FittedTable, csv_name: str, about: Sequence[tuple[str, str]]) -> str:
    table = fitted.table
    lines = [f"# Codebook of {csv_name}", ""]
    lines += [f"- {item}: {value}" for item, value in about]
    lines += [
        f"- one row: {table.unit}",
        "- the file: UTF-8 without a byte order mark, comma-separated, a header row; an empty "
        "field is a missing value (NA)",
        "",
        "## Columns",
        "",
        "| column | type | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| {c.name} | {_type(c)} | {_cell(c.label)} |" for c in fitted.columns]
    levelled = [c for c in fitted.columns if c.value_labels]
    if levelled:
        lines += ["", "## Levels", ""]
        for column in levelled:
            lines += [f"### {column.name}", "", _levels_heading(column), ""]
            lines += [f"- {_level(column, v, text)}" for v, text in column.value_labels]
            lines.append("")
    if table.notes:
        lines += ["## Notes", "", *(f"- {note}" for note in table.notes), ""]
    lines += ["## Reading it in R", "", "```r", *_r_lines(fitted, csv_name), "```", ""]
    return "\n".join(lines)


def _type(column: FittedColumn) -> str:
    if column.column.labels_in_csv:
        return "text (a level below)"
    return TYPES[column.column.kind]


def _levels_heading(column: FittedColumn) -> str:
    if column.column.labels_in_csv:
        return "Nominal; the CSV holds the level's name:"
    if column.column.ordered:
        return "Ordinal, levels in order (lowest first); the CSV holds the number:"
    return "The CSV holds the number:"


def _level(column: FittedColumn, value: int, text: str) -> str:
    return text if column.column.labels_in_csv else f"{value} = {text}"


def _r_lines(fitted: FittedTable, csv_name: str) -> list[str]:
    lines = [f'd <- read.csv({_r(csv_name)}, fileEncoding = "UTF-8", na.strings = "")']
    for column in fitted.columns:
        name = column.name
        if column.column.kind == "date":
            lines.append(f"d${name} <- as.Date(d${name})")
        elif column.column.labels_in_csv:
            levels = ", ".join(_r(text) for _, text in column.value_labels)
            lines.append(f"d${name} <- factor(d${name}, levels = c({levels}))")
        elif column.column.ordered and column.value_labels:
            values = ", ".join(str(v) for v, _ in column.value_labels)
            labels = ", ".join(_r(text) for _, text in column.value_labels)
            lines.append(
                f"d${name} <- factor(d${name}, levels = c({values}), labels = c({labels}), "
                "ordered = TRUE)"
            )
    return lines


def _r(text: str) -> str:
    """A string literal of R."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
