"""The passage list cuts a cell's text from its first characters: always where Qt, given
the whole text, would cut it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from stancecoder.ui.workbench.passage_cells import cut_text

WORDS = [
    "Putin", "Pyongyang", "treaty", "iiiiiiii", "..........", "WWWWMMMM", "조약", "взаиморасчётов",
    "e\u0301\u0301\u0301", "\u200b" * 40, "a" + "\u0301" * 30, "مرحبا", "שלום", "🇰🇵", "—", "l'il",
]  # fmt: skip
"""Wide and narrow letters, marks of no width, right-to-left and joined scripts, emoji."""


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=60),
    width=st.integers(min_value=1, max_value=400),
    italic=st.booleans(),
)
def test_a_cut_from_the_first_characters_is_qts_cut_of_the_whole(
    qapp, words: list[str], width: int, italic: bool
) -> None:
    font = QFont()
    font.setItalic(italic)
    metrics = QFontMetrics(font)
    text = " ".join(words)
    assert cut_text(text, width, metrics) == metrics.elidedText(
        text, Qt.TextElideMode.ElideRight, width
    )
