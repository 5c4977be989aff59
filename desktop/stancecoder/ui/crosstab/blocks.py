"""The crosstabs and co-occurrences of a layer as the grid's blocks: the cell's figure,
its tip in words, and the filter that finds its passages."""

from __future__ import annotations

from stancecoder.core.crosstab import Cell, Value
from stancecoder.core.crosstab_text import TOTAL, cell_text, mean_text
from stancecoder.core.wording import counted
from stancecoder.services.crosstab import (
    Cooccurrences,
    Crosstabs,
    Scope,
    cell_filter,
    pair_filter,
)
from stancecoder.ui.crosstab.grid import Block

OPEN_HINT = "Enter or a double-click lists them"


def crosstab_blocks(tabs: Crosstabs, value: Value) -> tuple[list[str], list[Block]]:
    """The columns, and each coder's table under them (the columns any coder has, so the
    tables line up); the inner cells with passages open them, the totals do not (a total
    also counts passages of no cell of the other dimension)."""
    keys = tabs.column_keys
    blocks = []
    for coder_table in tabs.tables:
        table = coder_table.table
        rows = []
        for row in (*table.row_keys, None):
            cells = []
            for column in (*keys, None):
                cell = table.cell(row, column)
                where = f"{row or TOTAL} × {column or TOTAL}"
                inner = row is not None and column is not None and cell.passages > 0
                target = cell_filter(tabs, coder_table, row, column) if inner else None
                tip = f"{where}: {_in_words(cell)}" + (f"\n{OPEN_HINT}" if inner else "")
                cells.append((cell_text(cell, value), tip, target))
            rows.append(cells)
        labels = [*table.row_keys, TOTAL]
        blocks.append(Block(coder_table.title, labels, rows))
    return [*keys, TOTAL], blocks


def cooccurrence_blocks(co: Cooccurrences, scope: Scope) -> tuple[list[str], list[Block]]:
    """The codes any coder used, and each coder's matrix of passages (or articles)
    holding both."""
    used = {k for t in co.tables for k in t.matrix.keys}
    keys = [k for k in co.codes if k in used]
    blocks = []
    noun = "passage" if scope == "passage" else "article"
    for coder_matrix in co.tables:
        matrix = coder_matrix.matrix
        rows = []
        for first in keys:
            cells = []
            for second in keys:
                ids = (
                    matrix.in_passages(first, second) if scope == "passage"
                    else matrix.in_articles(first, second)
                )  # fmt: skip
                target = pair_filter(co, coder_matrix, first, second, scope) if ids else None
                tip = f"{first} and {second}: {counted(len(ids), noun)}"
                cells.append((str(len(ids)), tip + (f"\n{OPEN_HINT}" if ids else ""), target))
            rows.append(cells)
        blocks.append(Block(coder_matrix.title, keys, rows))
    return keys, blocks


def _in_words(cell: Cell) -> str:
    if not cell.passages:
        return "no passage"
    return (
        f"{counted(cell.passages, 'passage')} in {counted(cell.articles, 'article')}; "
        f"mean stance {mean_text(cell.stance)}"
    )
