"""Every tint and margin bar keeps its contrast against the reader's page, light and dark.

The ratios are WCAG 2's, computed from the colours the reader actually paints: the page
is read from a screenshot of the reader, the tints from the text's formats."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.passage_view import PassageView
from stancecoder.ui.widgets.contrast import (
    MARK_CONTRAST,
    TEXT_CONTRAST,
    TINT_CONTRAST,
    blend,
    contrast_ratio,
    legible_mark,
    luminance,
)
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.workbench.tinting import CODER_COLOURS


def test_the_ratio_is_wcags() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast_ratio(QColor("#777777"), QColor("#777777")) == 1
    # WCAG's worked figure: #767676 on white is the lightest grey meeting 4.5:1
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert luminance(QColor("#ffffff")) == pytest.approx(1)


def every_colour(codebook: CodebookView) -> list[str]:
    codes = {c.colour for v in codebook.passage_variables() for c in v.codes}
    return sorted(codes | set(CODER_COLOURS))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_tint_shows_on_the_page_and_keeps_its_text_readable(
    qtbot: QtBot,
    codebook: CodebookView,
    themed: Callable[..., AbstractContextManager[None]],
    dark: bool,
) -> None:
    colours = every_colour(codebook)
    words = [f"w{n:03d}" for n in range(len(colours))]
    text = " ".join(words) + "\n" + " ".join(words)
    with themed(dark):
        reader = Reader()
        qtbot.addWidget(reader)
        reader.resize(900, 600)
        reader.show()
        qtbot.waitExposed(reader)
        # each colour alone on the first line; overlapping a second passage on the next
        passages, tinted = [], {}
        for n, colour in enumerate(colours):
            start = 5 * n
            passages.append(PassageView(n, f"u{n}", 1, 1, "Alice", start, start + 4, "", "", ()))
            tinted[n] = colour
        second = len(words) * 5
        for n, colour in enumerate(colours):
            key, start = 1000 + n, second + 5 * n
            passages.append(PassageView(key, f"o{n}", 1, 1, "Bob", start, start + 4, "", "", ()))
            inner = PassageView(2000 + n, f"p{n}", 1, 1, "Bob", start, start + 2, "", "", ())
            passages.append(inner)
            tinted[key] = tinted[2000 + n] = colour
        reader.viewer = "Alice"
        reader.show_article(text, passages, tinted)
        qtbot.wait(10)
        page = reader.viewport().grab().toImage().pixelColor(2, 2)  # the page, as painted
        ink = reader.palette().color(QPalette.ColorRole.Text)
        assert page.name() == reader.palette().color(QPalette.ColorRole.Base).name()
        assert contrast_ratio(ink, page) >= 7

        backgrounds = set()
        for block in (reader.document().firstBlock(), reader.document().lastBlock()):
            for piece in block.layout().formats():
                backgrounds.add(piece.format.background().color().name())
        assert len(backgrounds) >= len(colours)
        for name in backgrounds:
            tint = QColor(name)
            assert contrast_ratio(tint, page) >= TINT_CONTRAST, f"{name} fades into {page.name()}"
            assert contrast_ratio(ink, tint) >= TEXT_CONTRAST, f"text on {name} reads faintly"

        qtbot.waitUntil(lambda: len(reader.margin.bars) == len(passages))
        for bar in reader.margin.bars:
            assert contrast_ratio(bar.colour, page) >= MARK_CONTRAST, bar.colour.name()
        for colour in colours:
            assert contrast_ratio(legible_mark(QColor(colour), page, ink), page) >= MARK_CONTRAST


def test_the_pale_codes_of_the_sample_codebook_were_the_faint_ones(codebook: CodebookView) -> None:
    """What the guard is for: blended as before, beige and yellow all but vanished on white."""
    white = QColor("#ffffff")
    faint = [
        colour
        for colour in every_colour(codebook)
        if contrast_ratio(blend(QColor(colour), white, 0.45), white) < TINT_CONTRAST
    ]
    assert "#ffffcc" in faint and "#e5d8bd" in faint
