"""The agreement report printed: the PDF opens, has the paper asked for, starts each
section after the first on a page of its own, carries the figures, and its numbers, read
back from the text, are the report's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from stancecoder.core.errors import StanceCoderError
from stancecoder.io.report_html import cell_text, render_html
from stancecoder.io.report_pdf import pdf_page, printable, write_pdf
from stancecoder.io.sheets import Column, Sheet
from stancecoder.services.agreement.export import report_sheets
from stancecoder.services.agreement.figures import report_figures

MM = 72 / 25.4  # points per millimetre


@pytest.fixture(scope="module")
def page(hand_report) -> str:
    report = hand_report.report
    sheets = report_sheets(report)
    return render_html("Agreement: planted", [report.methods], sheets, report_figures(report))


@dataclass(frozen=True)
class Printed:
    reader: PdfReader
    pages: list[str]  # each page's text, read once: a page of vector figures reads slowly


@pytest.fixture(scope="module")
def printed(page: str, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(path, page)
    reader = PdfReader(path)
    return Printed(reader, [p.extract_text() for p in reader.pages])


def body(text: str) -> str:
    """A page's text without its number, which the foot frame puts first."""
    return re.sub(r"^page \d+\n", "", text)


def test_each_section_after_the_first_opens_a_page_of_its_own(
    hand_report, printed: Printed
) -> None:
    pages = printed.pages
    first, *titles = [s.title for s in report_sheets(hand_report.report)]
    assert f"\n{first}\n" in pages[0]  # under the title and the methods paragraph
    starts = [0]
    for title in titles:
        found = [i for i, text in enumerate(pages) if body(text).startswith(f"{title}\n")]
        assert found, f"no page begins with the section {title!r}"
        starts.append(found[0])
    assert starts == sorted(starts) and len(set(starts)) == len(titles) + 1
    assert body(pages[0]).startswith("Agreement: planted")
    assert all(text.startswith(f"page {n}\n") for n, text in enumerate(pages, start=1))
    box = printed.reader.pages[0].mediabox
    width, height = box.width, box.height
    assert (float(width), float(height)) == pytest.approx((210 * MM, 297 * MM), abs=1)


def section(pages: list[str], title: str, following: str) -> str:
    whole = "\n".join(pages)
    start = whole.index(f"{title}\n")
    return whole[start : whole.index(f"{following}\n", start)]


def test_the_numbers_read_back_are_the_reports(hand_report, printed: Printed) -> None:
    report = hand_report.report
    pages = printed.pages
    expected = [
        cell_text(number)
        for v in report.variables for r in v.results
        for number in (r.value, *(r.ci95 or ())) if number is not None
    ]  # fmt: skip
    found = re.findall(r"-?\d+\.\d{4}", section(pages, "Variables", "Codes"))
    assert found == expected
    assert report.methods.split(". ")[0] in " ".join(pages[0].split())


def test_the_figures_are_printed_under_their_captions(hand_report, printed: Printed) -> None:
    figures = report_figures(hand_report.report)
    pages = printed.pages
    whole = " ".join(" ".join(pages).split())
    for figure in figures:
        assert figure.title in whole
    drawn = [i for i, text in enumerate(pages) if "Figure 1." in text]
    plain = [i for i, text in enumerate(pages) if not re.search(r"Figure \d\.", text)]
    content = [len(printed.reader.pages[i].get_contents().get_data())
               for i in (drawn[0], plain[-1])]  # fmt: skip
    assert content[0] > 5 * content[1]  # the vector drawing is on the page, not only its words


def test_letter_paper(hand_report, tmp_path: Path) -> None:
    report = hand_report.report
    write_pdf(tmp_path / "letter.pdf", render_html("Agreement", [], report_sheets(report)[:1]),
              "letter")  # fmt: skip
    box = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_the_print_page_holds_no_inline_svg_and_no_outside_reference(page: str) -> None:
    printable = pdf_page(page)
    assert "<svg" not in printable
    assert printable.count('src="data:image/svg+xml;base64,') == page.count("<svg")
    assert not re.search(r'(?:src|href)="(?:https?:|//)', printable)


def test_an_unknown_paper_is_refused_before_anything_is_written(page: str, tmp_path: Path) -> None:
    with pytest.raises(StanceCoderError, match="unknown paper size 'a5'"):
        write_pdf(tmp_path / "a5.pdf", page, "a5")
    assert not (tmp_path / "a5.pdf").exists()


def test_a_long_table_is_cut_for_print_and_says_where_the_rest_is() -> None:
    columns = [Column("unit"), Column("code")]
    long = Sheet("Raw data", columns, ([f"unit {n}", "a"] for n in range(305)))
    short = Sheet("Codes", columns, [["unit", "b"]])
    cut, kept = printable([long, short], most=300)
    rows = list(cut.rows)
    assert len(rows) == 301 and rows[299] == ["unit 299", "a"]
    assert rows[300] == ["… 5 more rows: every row is in the Excel export", None]
    assert list(kept.rows) == [["unit", "b"]] and (cut.title, cut.columns) == ("Raw data", columns)


def test_greek_cyrillic_and_the_scales_signs_print_as_text(tmp_path: Path) -> None:
    words = "Krippendorff's α, Cohen's κ, Путин, −2 Strongly negative, Russia › Putin …"
    write_pdf(tmp_path / "words.pdf", f"<html><head></head><body><p>{words}</p></body></html>")
    assert words in PdfReader(tmp_path / "words.pdf").pages[0].extract_text()
