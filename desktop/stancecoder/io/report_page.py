"""What a report page carries beside its tables, and the paper it prints on: light enough
to import where a command is parsed, before anything is drawn or laid out."""

from __future__ import annotations

from typing import NamedTuple

PAPERS = ("a4", "letter")


class ReportFigure(NamedTuple):
    """A picture for a page: the HTML page writes it inline and the PDF prints the same."""

    title: str  # the caption
    svg: str  # an <svg> element, inlined as it is: the caller's own drawing, never user text
    alt: str  # what it shows, for a reader who cannot see it
