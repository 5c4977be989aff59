"""A picture for a report page: its caption, its SVG markup and the words that stand for
it where it cannot be seen. The HTML page writes it inline and the PDF carries the same."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageFigure:
    title: str
    svg: str  # an <svg> element, self-contained, ids unique on the page (`charts.svg_markup`)
    alt: str
