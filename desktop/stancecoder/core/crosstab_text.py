"""A crosstab in words and as an aligned table of text: the cell's figure as the command
line and the window show it, and the notes that say what was counted and what was not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stancecoder.core.crosstab import Cell, Cooccurrence, Crosstab, Mean, Value
from stancecoder.core.wording import counted

TOTAL = "Total"
VALUE_WORDS = {
    "passages": "number of passages",
    "articles": "number of articles",
    "mean-stance": "mean stance [95% CI] and its number of passages",
}


def mean_text(mean: Mean) -> str:
    """ "−0.67 [−1.20, −0.14] n=12"; a mean of one passage has no interval; no passage
    with a stance, a dash."""
    if mean.mean is None:
        return "–"
    text = f"{_signed(mean.mean)} n={mean.n}"
    if mean.low is None or mean.high is None:
        return text
    return f"{_signed(mean.mean)} [{_signed(mean.low)}, {_signed(mean.high)}] n={mean.n}"


def cell_text(cell: Cell, value: Value) -> str:
    if value == "passages":
        return str(cell.passages)
    if value == "articles":
        return str(cell.articles)
    return mean_text(cell.stance) if cell.passages else "–"


def notes(table: Crosstab, multiple: Iterable[str]) -> list[str]:
    """What a reader of the table must know: passages left out, rows that overlap."""
    said = []
    if table.left_out:
        without = f"without a category of {table.rows} or {table.columns}"
        said.append(f"{counted(table.left_out, 'passage')} {without} left out")
    for name in (n for n in (table.rows, table.columns) if n in set(multiple)):
        said.append(
            f"a passage with several codes of {name} counts once under each, so the "
            f"{name} categories add up to more than the total"
        )
    return said


def aligned(table: Crosstab, value: Value) -> list[str]:
    """The table as lines of text: a row per category of the rows, a column per category
    of the columns, totals last."""
    header = [f"{table.rows} \\ {table.columns}", *table.column_keys, TOTAL]
    lines = [header]
    for row in (*table.row_keys, None):
        cells = [cell_text(table.cell(row, c), value) for c in (*table.column_keys, None)]
        lines.append([row if row is not None else TOTAL, *cells])
    return _columns(lines)


def matrix_aligned(matrix: Cooccurrence, keys: Sequence[str], in_articles: bool) -> list[str]:
    """A co-occurrence matrix as lines of text: per pair of `keys`, the passages (or the
    articles) holding both; a key's own count on the diagonal."""
    count = matrix.in_articles if in_articles else matrix.in_passages
    lines = [["", *keys]]
    lines += [[first, *(str(len(count(first, second))) for second in keys)] for first in keys]
    return _columns(lines)


def _columns(lines: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return [
        "  ".join(
            text.ljust(width) if i == 0 else text.rjust(width)
            for i, (text, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]


def _signed(number: float) -> str:
    """Two decimals with the sign a scale's points show: "+1.00", "−0.67", "0.00"."""
    rounded = round(number, 2)
    return "0.00" if rounded == 0 else f"{rounded:+.2f}".replace("-", "−")
