"""Every statistic a report can hold has the name a methods section would print."""

from __future__ import annotations

import numpy as np

from stancecoder.core.agreement import ReliabilityData, cohen_kappa, weighted_kappa
from stancecoder.core.agreement.names import statistic_name
from stancecoder.core.agreement.summary import all_statistics
from stancecoder.core.agreement.units import Scale
from stancecoder.core.codebook_view import CodeView, VariableView, code_text
from stancecoder.core.wording import counted, times


def test_every_statistic_of_every_level_has_a_name_for_people() -> None:
    matrix = np.array([[1, 2, 3, 3, 2, 1, 4, 1, 2], [1, 2, 3, 3, 2, 2, 4, 1, 2]], dtype=float)
    data = ReliabilityData(matrix)
    identifiers = {
        result.name
        for level in ("nominal", "ordinal", "interval", "ratio")
        for result in all_statistics(data, level)
    }
    identifiers |= {cohen_kappa(data).name}
    identifiers |= {weighted_kappa(data, weights).name for weights in ("linear", "quadratic")}
    assert "krippendorff_alpha" in identifiers and "weighted_kappa_quadratic" in identifiers
    names = {identifier: statistic_name(identifier) for identifier in identifiers}
    assert all(name != identifier and "_" not in name for identifier, name in names.items())
    assert names["weighted_kappa_linear"] == "Cohen's weighted κ (linear weights)"
    assert statistic_name("unitizing_alpha") == "Krippendorff's unitizing α"


def test_counts_read_as_words() -> None:
    assert [counted(n, "article") for n in (0, 1, 2)] == ["0 articles", "1 article", "2 articles"]
    assert [times(n) for n in (1, 2, 5)] == ["once", "twice", "5 times"]


def test_a_point_of_a_scale_reads_the_same_in_the_report_and_the_window() -> None:
    """ "−2 Strongly negative" everywhere: the report's labels and the window's cells."""
    labels = [(-2.0, "Strongly negative"), (0.0, "Neutral"), (1.0, "Positive")]
    codes = tuple(
        CodeView(n, "stance", label, (label,), None, 0, value, "#ffffff", None, "", True)
        for n, (value, label) in enumerate(labels)
    )
    scale = Scale(VariableView(1, "stance", "ordinal", "passage", False, "", codes))
    assert [scale.label(value) for value, _ in labels] == [
        "−2 Strongly negative",
        "0 Neutral",
        "+1 Positive",
    ]
    assert [code_text(code) for code in codes] == [scale.label(v) for v, _ in labels]
