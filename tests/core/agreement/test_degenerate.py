"""Data on which a statistic is not defined: a reason, never a crash or a made-up number."""

from __future__ import annotations

import pytest

from stancecoder.core.agreement import (
    ReliabilityData,
    all_statistics,
    bootstrap_alpha,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac2,
    krippendorff_alpha,
    weighted_kappa,
)

ONE_CATEGORY = ReliabilityData([[1, 1], [1, 1], [1, None]])
ONE_CODER_CODED = ReliabilityData([[1, None], [2, None], [3, None]])
NOTHING_PAIRABLE = ReliabilityData([[1, None], [None, 2], [3, None]])


@pytest.mark.parametrize("data", [ONE_CATEGORY, ONE_CODER_CODED, NOTHING_PAIRABLE])
def test_every_statistic_gives_a_reason_or_a_number(data: ReliabilityData) -> None:
    for result in all_statistics(data, "ordinal"):
        assert (result.value is None) == bool(result.reason), result


def test_alpha_with_one_category_is_undefined() -> None:
    result = krippendorff_alpha(ONE_CATEGORY, "nominal")
    assert result.value is None
    assert "expected disagreement is zero" in result.reason


def test_alpha_with_identical_interval_values_is_undefined() -> None:
    data = ReliabilityData([[2, 2], [2, 2]], categories=[1, 2, 3])
    assert "expected disagreement is zero" in krippendorff_alpha(data, "interval").reason


def test_alpha_with_a_single_coder_is_undefined() -> None:
    result = krippendorff_alpha(ONE_CODER_CODED, "nominal")
    assert result.value is None
    assert "only one coder" in result.reason


def test_alpha_without_pairable_values_is_undefined() -> None:
    result = krippendorff_alpha(NOTHING_PAIRABLE, "nominal")
    assert result.value is None
    assert "no pairable values" in result.reason
    assert result.n_units == 0


def test_ratio_alpha_on_a_scale_with_negative_values_is_undefined() -> None:
    data = ReliabilityData([[-2, -1], [0, 1], [2, 2]], categories=[-2, -1, 0, 1, 2])
    assert "negative values" in krippendorff_alpha(data, "ratio").reason


def test_kappa_when_both_coders_used_one_category() -> None:
    result = cohen_kappa(ONE_CATEGORY)
    assert result.value is None
    assert "chance agreement is 1" in result.reason


def test_kappa_needs_exactly_two_coders() -> None:
    data = ReliabilityData([[1, 2, 1], [2, 2, 2]])
    assert "exactly 2 coders" in cohen_kappa(data).reason
    assert weighted_kappa(data, "quadratic").value is None


def test_kappa_without_a_unit_both_coded() -> None:
    assert "no unit was coded by both" in cohen_kappa(NOTHING_PAIRABLE).reason


def test_fleiss_with_one_category_is_undefined() -> None:
    assert "chance agreement is 1" in fleiss_kappa(ONE_CATEGORY).reason


def test_ac1_needs_two_categories() -> None:
    assert "at least 2 categories" in gwet_ac1(ONE_CATEGORY).reason


def test_ac1_with_one_used_category_of_two_is_perfect() -> None:
    # Gwet's chance term vanishes here, unlike kappa's: the value is defined and equals 1.
    data = ReliabilityData([[1, 1], [1, 1]], categories=[1, 2])
    assert gwet_ac1(data).value == pytest.approx(1.0)


def test_unknown_weights_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown weights 'cubic'"):
        gwet_ac2(ONE_CATEGORY, "cubic")


def test_bootstrap_of_undefined_alpha_has_no_interval() -> None:
    result = bootstrap_alpha(ONE_CATEGORY, "nominal", seed=1)
    assert result.value is None
    assert result.ci95 is None
