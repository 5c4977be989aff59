"""Bootstrap interval for alpha: reproducible, plausible and fast enough for the report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from stancecoder.core.agreement import ReliabilityData, ReliabilityDataError, bootstrap_alpha

VECTORS = json.loads(
    (Path(__file__).parent / "data" / "agreement-vectors.json").read_text(encoding="utf-8")
)


def _k2011() -> ReliabilityData:
    vector = next(v for v in VECTORS if v["id"] == "kalpha_k2011_nominal")
    return ReliabilityData(vector["data"]["matrix"], vector["data"]["categories"])


def _forty_units(seed: int = 3) -> ReliabilityData:
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, 40)
    coders = [np.where(rng.random(40) < 0.8, truth, rng.integers(1, 6, 40)) for _ in range(3)]
    return ReliabilityData(np.stack(coders, axis=1).tolist(), categories=[1, 2, 3, 4, 5])


def test_same_seed_same_interval() -> None:
    first = bootstrap_alpha(_k2011(), "nominal", seed=7)
    second = bootstrap_alpha(_k2011(), "nominal", seed=7)
    other = bootstrap_alpha(_k2011(), "nominal", seed=8)
    assert first == second
    assert first.extra != other.extra


def test_interval_contains_alpha_and_matches_the_published_procedure() -> None:
    result = bootstrap_alpha(_k2011(), "nominal", replicates=10_000, seed=11)
    assert result.ci95 is not None
    low, high = result.ci95
    assert low < result.value < high
    # The notes' simulation (B = 10,000, M = 60): CI ≈ [.615, .872], q(.800) ≈ .78.
    assert (low, high) == pytest.approx((0.615, 0.872), abs=0.02)
    assert result.extra["p_below_0.800"] == pytest.approx(0.78, abs=0.03)
    assert result.extra["draws_per_replicate"] == 60
    assert 0.0 <= result.extra["p_below_0.667"] <= result.extra["p_below_0.800"]


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_interval_on_forty_units(level: str) -> None:
    result = bootstrap_alpha(_forty_units(), level, replicates=1000, seed=5)
    assert result.ci95 is not None
    assert result.ci95[0] <= result.value <= result.ci95[1]


def test_too_few_replicates_are_refused() -> None:
    with pytest.raises(ReliabilityDataError, match="at least 100 replicates"):
        bootstrap_alpha(_k2011(), "nominal", replicates=10)


def test_perfect_agreement_in_one_category_pattern_gives_zero_not_one() -> None:
    # Only one diagonal cell is occupied: replicates that drew only agreements are set to 0.
    data = ReliabilityData([[1, 1], [1, 1], [1, 1], [1, 2]], categories=[1, 2])
    result = bootstrap_alpha(data, "nominal", replicates=1000, seed=2)
    assert result.ci95 is not None
    assert result.ci95[1] < 1.0
