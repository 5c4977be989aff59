"""Contrast of a highlight against the page, measured as WCAG measures it.

A code's colour is chosen for the codebook, not for the page it lands on: a pale beige
blended over white all but vanishes, and a pale yellow over a dark page leaves its light
text too little contrast. The tints and marks are moved towards the ink or the page until
they meet the thresholds below, keeping their hue.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor

# WCAG 2 sets no ratio for a highlight behind text: a tint must stand apart from the page
# enough to be seen, and the text on it keep the ratio normal text needs (1.4.3, AA).
TINT_CONTRAST = 1.25
TEXT_CONTRAST = 4.5
# margin bars and their initials: the ratio of small text (1.4.3), above that of graphics (1.4.11)
MARK_CONTRAST = 4.5
STEP = 0.03  # share of ink (or page) added per step: fine enough to stop near the threshold


def luminance(colour: QColor) -> float:
    """Relative luminance, WCAG 2's formula for sRGB."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(one: QColor, other: QColor) -> float:
    """From 1 (the same) to 21 (black on white), whichever is lighter."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: QColor, base: QColor, share: float) -> QColor:
    """`colour` laid over `base` at `share` opacity, as an opaque colour.

    Opaque, because the text layout paints backgrounds of neighbouring pieces edge to
    edge; translucent ones would darken where they touch.
    """
    keep = 1.0 - share
    return QColor(
        round(colour.red() * share + base.red() * keep),
        round(colour.green() * share + base.green() * keep),
        round(colour.blue() * share + base.blue() * keep),
    )


def readable_tint(colour: QColor, page: QColor, ink: QColor, share: float) -> QColor:
    """`colour` over the page at `share`, moved towards the ink until it shows on the page,
    and back towards the page while the ink on it would read too faintly."""
    return QColor.fromRgba(_readable_tint(colour.rgba(), page.rgba(), ink.rgba(), share))


@cache  # a refresh asks for the same few colours again for every passage
def _readable_tint(colour: int, page: int, ink: int, share: float) -> int:
    paper, pen = QColor.fromRgba(page), QColor.fromRgba(ink)
    tint = blend(QColor.fromRgba(colour), paper, share)
    for _ in range(round(1 / STEP)):
        if contrast_ratio(tint, paper) < TINT_CONTRAST:
            tint = blend(pen, tint, STEP)
        elif contrast_ratio(tint, pen) < TEXT_CONTRAST:
            tint = blend(paper, tint, STEP)
        else:
            break
    return tint.rgba()


def legible_mark(colour: QColor, page: QColor, ink: QColor) -> QColor:
    """`colour` deepened towards the ink until it stands out from the page as text would:
    a bar, or the initials on it, in the code's own hue."""
    return QColor.fromRgba(_legible_mark(colour.rgba(), page.rgba(), ink.rgba()))


@cache
def _legible_mark(colour: int, page: int, ink: int) -> int:
    paper, pen = QColor.fromRgba(page), QColor.fromRgba(ink)
    mark = QColor.fromRgba(colour)
    for _ in range(round(1 / STEP)):
        if contrast_ratio(mark, paper) >= MARK_CONTRAST:
            break
        mark = blend(pen, mark, STEP)
    return mark.rgba()
