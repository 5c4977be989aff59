import pytest

from stancecoder.core.matching import Marked, match_passages, overlap_share


def m(key: str, coder: str, start: int, end: int, article: int = 1) -> Marked:
    return Marked(key, coder, article, start, end)


def test_overlap_share_is_intersection_over_union() -> None:
    assert overlap_share(m("a", "A", 0, 10), m("b", "B", 5, 15)) == pytest.approx(5 / 15)
    assert overlap_share(m("a", "A", 0, 10), m("b", "B", 10, 20)) == 0.0
    assert overlap_share(m("a", "A", 0, 10), m("b", "B", 0, 10)) == 1.0


def test_exact_matching_pairs_identical_spans_only() -> None:
    result = match_passages([m("a1", "A", 0, 10), m("b1", "B", 0, 10), m("b2", "B", 20, 30),
                             m("a2", "A", 21, 30)], threshold=1.0)  # fmt: skip
    assert result.units == [{"A": "a1", "B": "b1"}]
    assert sorted(p.key for p in result.unmatched) == ["a2", "b2"]


def test_greedy_best_first_is_one_to_one() -> None:
    # b1 overlaps a1 fully and a2 partly: a1 gets it, a2 stays unmatched.
    passages = [m("a2", "A", 0, 8), m("a1", "A", 0, 10), m("b1", "B", 0, 10)]
    result = match_passages(passages, threshold=0.5)
    assert result.units == [{"A": "a1", "B": "b1"}]
    assert [p.key for p in result.unmatched] == ["a2"]


def test_threshold_is_share_of_the_union_and_articles_are_kept_apart() -> None:
    passages = [m("a", "A", 0, 10), m("b", "B", 5, 15), m("c", "B", 0, 10, article=2)]
    assert match_passages(passages, threshold=0.33).units == [{"A": "a", "B": "b"}]
    assert match_passages(passages, threshold=0.5).units == []


def test_three_coders_chain_into_one_unit() -> None:
    passages = [m("a", "A", 0, 10), m("b", "B", 0, 10), m("c", "C", 1, 10)]
    assert match_passages(passages).units == [{"A": "a", "B": "b", "C": "c"}]


def test_chain_with_two_passages_of_one_coder_falls_back_to_pairs() -> None:
    passages = [m("a1", "A", 0, 10), m("b", "B", 2, 12), m("c", "C", 4, 14), m("a2", "A", 5, 14)]
    units = match_passages(passages, threshold=0.6).units
    assert all(len(unit) == 2 for unit in units)
    assert {"A": "a1", "B": "b"} in units


def test_bad_threshold_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="above 0 and at most 1"):
        match_passages([], threshold=0.0)
    with pytest.raises(ValueError, match="above 0 and at most 1"):
        match_passages([], threshold=1.5)
