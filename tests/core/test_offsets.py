"""Code points versus Qt's UTF-16 positions, checked against Python's own UTF-16 codec."""

from __future__ import annotations

import pytest

from stancecoder.core.offsets import OffsetMap

TEXTS = [
    "plain ASCII text",
    "Kim said 👍🏽 to 푸틴 — e\u0301 and 😀😀 end",
    "😀",
    "",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math letters and ﬁ ligature",
]


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_at_every_position(text: str) -> None:
    offsets = OffsetMap(text)
    assert offsets.qt_length == utf16_units(text)
    for point in range(len(text) + 1):
        unit = utf16_units(text[:point])
        assert offsets.to_qt(point) == unit
        assert offsets.from_qt(unit) == point


def test_the_middle_of_a_surrogate_pair_rounds_down() -> None:
    offsets = OffsetMap("a😀b")
    assert offsets.from_qt(2) == 1  # between the two halves of the emoji
    assert offsets.from_qt(3) == 2
