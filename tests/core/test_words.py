"""Selections snap to whole words and shed surrounding white space."""

from __future__ import annotations

import pytest

from stancecoder.core.words import snap_to_words

TEXT = "Putin’s aide Yuri Ushakov said, “this treaty is needed.”  푸틴 대통령"


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ("tin’s ai", "Putin’s aide"),
        (" Yuri Ushak", "Yuri Ushakov"),
        ("said, ", "said,"),
        ("treaty is needed", "treaty is needed"),
        ("틴 대", "푸틴 대통령"),
    ],
)
def test_snapping(selected: str, expected: str) -> None:
    start, end = snap_to_words(TEXT, *span(selected))
    assert TEXT[start:end] == expected


def test_white_space_only_collapses_and_reversed_spans_are_ordered() -> None:
    start, end = snap_to_words(TEXT, *span("  "))
    assert start == end
    assert snap_to_words(TEXT, 5, 0) == (0, 7)


def test_a_combining_accent_stays_with_its_letter() -> None:
    text = "the cafe\u0301 was"
    start, end = snap_to_words(text, 5, 7)
    assert text[start:end] == "cafe\u0301"
