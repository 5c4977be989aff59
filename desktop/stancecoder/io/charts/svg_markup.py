"""A figure as SVG markup to write inside an HTML page: no XML prolog, text drawn as paths
(so the page needs no font and makes no request), a title a browser shows on hover, and
every id prefixed so several figures on one page never point at each other's glyphs or clip
paths. The page that holds it gives it its role and alt text (`report_html.figure_html`)."""

from __future__ import annotations

import io
import re
from html import escape

from matplotlib import rc_context
from matplotlib.figure import Figure

PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
REFERENCE = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')
SALT = "stancecoder"  # ids follow from the figure alone, so the same report gives the same page


def svg_markup(figure: Figure, title: str, prefix: str) -> str:
    """`prefix` (letters, digits, hyphens) must differ between the figures of one page."""
    buffer = io.StringIO()
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": SALT}):
        figure.savefig(buffer, format="svg", facecolor=figure.get_facecolor(),
                       metadata={"Date": None})  # fmt: skip
    markup = METADATA.sub("", PROLOG.sub("", buffer.getvalue(), count=1), count=1)
    markup = REFERENCE.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", markup)
    head = markup.index(">") + 1
    return f"{markup[:head]}\n<title>{escape(title)}</title>{markup[head:]}"
