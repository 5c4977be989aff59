"""What a report page carries beside its tables, and the paper it prints on: light enough
to import where a command is parsed, before anything is drawn or laid out."""

from __future__ import annotations

from dataclasses import dataclass

PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class PageFigure:
    """A picture for the page: its caption, its SVG markup and the words that stand for
    it where it cannot be seen. The HTML page writes it inline and the PDF carries the
    same."""

    title: str
    svg: str  # an <svg> element, self-contained, ids unique on the page (`charts.svg_markup`)
    alt: str
