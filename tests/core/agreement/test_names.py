"""Every statistic a report can hold has the name a methods section would print."""

from __future__ import annotations

import numpy as np

from stancecoder.core.agreement import ReliabilityData, cohen_kappa, weighted_kappa
from stancecoder.core.agreement.names import statistic_name
from stancecoder.core.agreement.summary import all_statistics
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
