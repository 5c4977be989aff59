"""A report page printed to PDF: the same HTML the browser shows, laid out on A4 or Letter
by xhtml2pdf (pure Python on reportlab, so it installs from wheels everywhere and needs no
display, no Qt and no system library) under the page's own print style sheet, which starts
each section on a new page; the pages are numbered at the foot.

Long lists are cut for print at `PRINTED_ROWS` (a table's rows by `printable`, each
variable's disagreements by the page): the Excel export carries every row. Three things
are added for print. Its figures, inline SVG in the page, become images of the same SVG,
which svglib draws as vectors (xhtml2pdf does not read inline SVG). Its font is
matplotlib's DejaVu Sans, whose Greek and Cyrillic cover α, κ and the codes' names, where
the PDF standard fonts stop at Latin-1. Its sheet for the paper (`print_style`) follows the
page's CSS: the sheet's size, smaller type, and the blocks xhtml2pdf does not know as such.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from matplotlib import get_data_path
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.atomic_files import atomic_output
from stancecoder.io.report_page import PAPERS
from stancecoder.io.sheets import Sheet, blamed_on

SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
SVG_WIDTH = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"')
FONTS = Path(get_data_path()) / "fonts" / "ttf"
# the only files a page may read: its fonts. xhtml2pdf otherwise confines reads to the
# working directory, which an installed copy's fonts are outside of (the text then falls
# back to Helvetica, and Cyrillic prints as boxes); and nothing is fetched over a network
FONTS_ONLY = ResourceAccessPolicy(allow_remote=False, base_dir=FONTS)
FACES = (("DejaVuSans.ttf", "normal", "normal"), ("DejaVuSans-Bold.ttf", "bold", "normal"),
         ("DejaVuSans-Oblique.ttf", "normal", "italic"))  # fmt: skip
# what xhtml2pdf and svglib say about CSS they skip (the screen's) is not the reader's business
for talker in ("xhtml2pdf", "svglib"):
    logging.getLogger(talker).setLevel(logging.ERROR)
PRINTED_ROWS = 300  # of a table or a variable's disagreements; the workbook has every one
WIDEST = 480  # points: an A4 or Letter page's text width under the margins below


def print_style(paper: str) -> str:
    faces = "\n".join(
        f'@font-face {{ font-family: "DejaVu Sans"; src: url("{(FONTS / name).as_posix()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in FACES
    )
    return f"""<style>
{faces}
@page {{ size: {paper}; margin: 2cm 1.8cm 2.2cm 1.8cm;
  @frame footer {{ -pdf-frame-content: page-footer; bottom: 0.9cm; height: 0.8cm;
                  left: 1.8cm; right: 1.8cm; }} }}
body {{ font-family: "DejaVu Sans"; font-size: 9pt; margin: 0; }}
h1 {{ font-size: 16pt; }}
h2 {{ font-size: 12.5pt; }}
table {{ font-size: 7.5pt; }}
th, td {{ padding: 2pt 3pt 1pt 3pt; }}
/* a paper table's eleven columns, given widths for their content by the page */
table.paper {{ font-size: 7pt; }}
header, section, figure, figcaption {{ display: block; }}
figure {{ margin: 6pt 0 14pt 0; }}
figcaption {{ font-size: 8.5pt; color: #444444; }}
#page-footer {{ text-align: center; font-size: 8pt; color: #666666; }}
</style>"""


def printable(sheets: Sequence[Sheet], most: int = PRINTED_ROWS) -> list[Sheet]:
    """Each table cut to its first `most` rows, with a last row saying how many are left
    out: the raw data of a large study would run to thousands of pages and minutes of
    layout, and nobody reads them on paper."""
    out = []
    for sheet in sheets:
        rows = list(sheet.rows)
        if len(rows) > most:
            left = f"… {len(rows) - most:,} more rows: every row is in the Excel export"
            rows = [*rows[:most], [left, *([None] * (len(sheet.columns) - 1))]]
        out.append(replace(sheet, rows=rows))
    return out


def pdf_page(html: str, paper: str = "a4") -> str:
    """The page as xhtml2pdf reads it: figures as images, the paper's sheet, page numbers."""
    if paper not in PAPERS:
        raise StanceCoderError(f"unknown paper size {paper!r} (choose {', '.join(PAPERS)})")
    # "of N" would need a second layout pass, which doubles the time
    footer = '<div id="page-footer">page <pdf:pagenumber></div>'
    page = SVG.sub(_image, html)
    page = page.replace("</head>", f"{print_style(paper)}</head>", 1)
    return page.replace("<body>", f"<body>{footer}", 1)


def _image(found: re.Match[str]) -> str:
    svg = found.group(0)
    width = SVG_WIDTH.search(svg)
    points = min(float(width.group(1)), WIDEST) if width else WIDEST
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" width="{points:.0f}">'


def write_pdf(path: Path, html: str, paper: str = "a4") -> None:
    """Replace `path` only once the whole document is written."""
    path = Path(path)
    page = pdf_page(html, paper)
    buffer = io.BytesIO()
    status = pisa.CreatePDF(page, dest=buffer, encoding="utf-8", resource_policy=FONTS_ONLY)
    if status.err:
        raise StanceCoderError(f"could not lay out {path.name} as PDF ({status.err} errors)")
    with atomic_output(path) as temporary, blamed_on(path):
        Path(temporary).write_bytes(buffer.getvalue())
