"""Every coding-statistic vector of the published examples in data/, within its own tolerance."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.core.agreement import (
    ReliabilityData,
    Result,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    percent_agreement,
    weighted_kappa,
)

VECTORS = json.loads(
    (Path(__file__).parent / "data" / "agreement-vectors.json").read_text(encoding="utf-8")
)
CODING_VECTORS = [v for v in VECTORS if not v["statistic"].startswith("unitizing")]

STATISTICS: dict[str, Callable[[ReliabilityData, dict], Result]] = {
    "percent_agreement": lambda data, v: percent_agreement(data),
    "cohen_kappa": lambda data, v: cohen_kappa(data),
    "weighted_kappa": lambda data, v: weighted_kappa(data, v["weights"]),
    "fleiss_kappa": lambda data, v: fleiss_kappa(data),
    # The public fleiss_kappa is Gwet's generalisation, which tolerates missing codes.
    "fleiss_kappa_generalized_missing": lambda data, v: fleiss_kappa(data),
    "krippendorff_alpha": lambda data, v: krippendorff_alpha(data, v["level"]),
    "gwet_ac1": lambda data, v: gwet_ac1(data),
    "gwet_ac2": lambda data, v: gwet_ac2(data, v["weights"]),
    "brennan_prediger": lambda data, v: brennan_prediger(data),
}


def test_the_file_has_coding_vectors_for_every_statistic() -> None:
    assert {v["statistic"] for v in CODING_VECTORS} == set(STATISTICS)


@pytest.mark.parametrize("vector", CODING_VECTORS, ids=lambda v: v["id"])
def test_vector(vector: dict) -> None:
    statistic = STATISTICS.get(vector["statistic"])
    if statistic is None:
        pytest.fail(f"no implementation for statistic {vector['statistic']!r}")
    data = ReliabilityData(vector["data"]["matrix"], vector["data"]["categories"])
    result = statistic(data, vector)
    assert result.value == pytest.approx(vector["expected"], abs=vector["tolerance"])


@pytest.mark.parametrize(
    ("vector_id", "observed", "expected"),
    [("kalpha_k2004_binary", 0.400, 0.442), ("kalpha_k2011_nominal", 0.200, 0.779)],
)
def test_alpha_reports_its_disagreements(vector_id: str, observed: float, expected: float):
    vector = next(v for v in VECTORS if v["id"] == vector_id)
    data = ReliabilityData(vector["data"]["matrix"], vector["data"]["categories"])
    extra = krippendorff_alpha(data, vector["level"]).extra
    assert extra["observed_disagreement"] == pytest.approx(observed, abs=5e-4)
    assert extra["expected_disagreement"] == pytest.approx(expected, abs=5e-4)


def test_contingency_tables_match_the_matrices() -> None:
    for vector in (v for v in CODING_VECTORS if "contingency_table" in v["data"]):
        data = ReliabilityData(vector["data"]["matrix"], vector["data"]["categories"])
        table = [[0] * data.n_categories for _ in range(data.n_categories)]
        for first, second in data.codes:
            table[first][second] += 1
        assert table == vector["data"]["contingency_table"], vector["id"]
