"""Labels cut to a program's room with "…" at the end, counted in bytes or characters as
the program counts, never splitting a character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stancecoder.core.stats_export.labels import MARK, cut_label, fits
from stancecoder.core.stats_export.programs import SPSS, STATA, LabelLimit


def test_a_label_that_fits_is_kept_whole() -> None:
    text = "x" * 120
    assert cut_label(text, SPSS.value_label) == text
    assert cut_label("é" * 80, STATA.variable_label) == "é" * 80
    assert cut_label("anything", None) == "anything"


def test_spss_value_labels_are_cut_to_120_bytes_with_the_mark() -> None:
    cut = cut_label("a" * 200, SPSS.value_label)
    assert cut == "a" * 117 + MARK
    assert len(cut.encode("utf-8")) == 120


def test_a_cut_in_bytes_never_splits_a_character() -> None:
    cut = cut_label("한국어" * 30, SPSS.value_label)  # three bytes a character
    assert cut.endswith(MARK)
    assert len(cut.encode("utf-8")) <= 120
    assert cut[:-1] == ("한국어" * 30)[: len(cut) - 1]


def test_stata_variable_labels_are_cut_to_80_characters() -> None:
    cut = cut_label("é" * 81, STATA.variable_label)
    assert cut == "é" * 79 + MARK and len(cut) == 80


def test_trailing_space_before_the_mark_is_dropped() -> None:
    assert cut_label("word " * 10, LabelLimit(11, "characters")) == "word word…"


@given(text=st.text(max_size=300), size=st.integers(4, 150), unit=st.sampled_from(
    ["bytes", "characters"]))  # fmt: skip
def test_any_label_fits_after_cutting(text: str, size: int, unit: str) -> None:
    limit = LabelLimit(size, unit)
    cut = cut_label(text, limit)
    assert fits(cut, limit)
    assert cut == text or cut.endswith(MARK)
