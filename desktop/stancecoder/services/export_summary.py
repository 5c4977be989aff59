"""The Summary sheet of an export: actor × topic, counted from the Codings rows' stream."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import chain, repeat
from statistics import fmean

from stancecoder.core.layer import Layer
from stancecoder.io.sheets import Column
from stancecoder.services.export_rows import CodingRows

_NOT_CODED = "(not coded)"


def summary_sheet(coding: CodingRows) -> tuple[list[Column], Iterator[list[object]]]:
    """Actor × topic: passage count and mean stance, for the first two nominal passage
    variables and the first ordinal/interval one of the codebook, over the layer's codings
    only; each coder separately gives each coder's rows. The first column names the layer
    in every row, so a table copied out of the sheet still says whose codings it counts.

    The rows are made when the sheet is written, from the passages counted per combination
    of codes as the Codings rows passed: no passage is held."""
    nominal = [v for v in coding.variables if v.level == "nominal"]
    scaled = [v for v in coding.variables if v.level != "nominal"]
    if len(nominal) < 2:
        note = "The codebook has fewer than two nominal passage variables: nothing to cross."
        return [Column("note", width=80)], iter([[note]])
    first, second = nominal[0], nominal[1]
    scale = scaled[0] if scaled else None
    columns = [Column("layer", width=24), Column(first.name, width=36),
               Column(second.name, width=30), Column("passages", "int", width=10)]  # fmt: skip
    if scale:
        columns.append(Column(f"mean {scale.name}", "float", width=12))

    def rows() -> Iterator[list[object]]:
        labels_a = {c.id: coding.labels[c.id] for c in first.codes}
        labels_b = {c.id: coding.labels[c.id] for c in second.codes}
        scale_values = {c.id: c.value for c in scale.codes} if scale else {}
        # per cell: how many passages have each value of the scale (None: no value)
        cells: dict[tuple[str, str, str], Counter[float | None]] = defaultdict(Counter)
        for (coder, codes), passages in coding.combinations().items():
            owner = Layer.of_coder(coder).title if coder is not None else coding.layer.title
            rows_a = [labels_a[i] for i in codes if i in labels_a] or [_NOT_CODED]
            rows_b = [labels_b[i] for i in codes if i in labels_b] or [_NOT_CODED]
            value = next((scale_values[i] for i in codes if i in scale_values), None)
            for label_a in rows_a:
                for label_b in rows_b:
                    cells[owner, label_a, label_b][value] += passages
        for (owner, a, b), values in sorted(cells.items()):
            row: list[object] = [owner, a, b, values.total()]
            if scale:
                numbers = list(chain.from_iterable(
                    repeat(v, n) for v, n in values.items() if v is not None
                ))  # fmt: skip
                row.append(round(fmean(numbers), 3) if numbers else None)
            yield row

    return columns, rows()
