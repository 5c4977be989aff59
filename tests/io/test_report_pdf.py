"""The agreement report printed: the PDF opens, has the paper asked for, keeps the methods
and Table 1 on the first page and starts every later section on a page of its own, runs a
long list over as many pages as it needs, carries the figures, and its numbers, read back
from the text, are the report's."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.variable_stats import interpret
from stancecoder.core.errors import StanceCoderError
from stancecoder.io.agreement_page import render_report_page
from stancecoder.io.report_html import render_html
from stancecoder.io.report_pdf import FONTS, pdf_page, printable, write_pdf
from stancecoder.io.sheets import Column, Sheet
from stancecoder.services.agreement.figures import report_figures

MM = 72 / 25.4  # points per millimetre
FACES = ("DejaVuSans", "DejaVuSans-Bold")  # the table's cells and headings
# each section of the page after Table 1, by the words that head it
LATER_SECTIONS = {"coverage": "Coverage", "figures": "Figures", "table-2": "Table 2",
                  "disagreements": "Disagreements", "warnings": "Warnings"}  # fmt: skip


@pytest.fixture(scope="module")
def page(hand_report) -> str:
    report = hand_report.report
    return render_report_page(report, report_figures(report), widths=True)  # as it is printed


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


def by_hand(value: float | None) -> str:
    """APA written out: two decimals, no leading zero, a minus sign, a dash for nothing."""
    if value is None:
        return "—"
    text = f"{abs(value):.2f}".removeprefix("0")
    return "\u2212" + text if value < 0 and text != ".00" else text


def test_table_1_shares_the_first_page_and_each_later_section_opens_a_page(
    page: str, printed: Printed
) -> None:
    pages = printed.pages
    assert body(pages[0]).startswith("Inter-coder agreement: planted")
    assert "\nMethods\n" in pages[0] and "\nTable 1\n" in pages[0]
    shown = [key for key in re.findall(r'<section id="([\w-]+)"', page) if key in LATER_SECTIONS]
    assert shown == list(LATER_SECTIONS)  # the hand report has every section
    starts = []
    for key in shown:
        found = [i for i, text in enumerate(pages) if body(text).startswith(LATER_SECTIONS[key])]
        assert found, f"no page begins with the section {key!r}"
        starts.append(found[0])
    assert starts[0] > 0 and starts == sorted(set(starts))
    assert all(text.startswith(f"page {n}\n") for n, text in enumerate(pages, start=1))
    box = printed.reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((210 * MM, 297 * MM), abs=1)


def test_table_1_read_back_holds_the_reports_numbers(hand_report, printed: Printed) -> None:
    report = hand_report.report
    first = " ".join(printed.pages[0].split())
    assert " ".join(report.methods.split()[:12]) in first
    table = first[first.index("Table 1") : first.index("Note. n = units")]
    titles = [variable_title(v.name) for v in report.variables]
    starts = [table.index(f" {title} ") for title in titles]
    rows = [table[a:b].strip() for a, b in zip(starts, [*starts[1:], len(table)], strict=True)]
    for v, row in zip(report.variables, rows, strict=True):
        main = v.main
        assert row.startswith(
            f"{variable_title(v.name)} {v.level} {v.unit} {v.n_units} {main.n_coders} "
            f"{by_hand(main.value)}"
        ), row
        if main.ci95 is not None:
            assert f"[{by_hand(main.ci95[0])}, {by_hand(main.ci95[1])}]" in row
        if main.value is not None:
            assert row.endswith(interpret(main))
        agreement = next(r for r in v.results if r.name == "percent_agreement")
        assert f" {100 * agreement.value:.1f} " in f"{row} "


@dataclass(frozen=True)
class Run:
    """A line of text as the page draws it: where it starts, in points from the left."""

    text: str
    x: float
    font: str
    size: float


def runs(printed: Printed, page: int) -> list[Run]:
    found = []

    def seen(text: str, cm: list[float], tm: list[float], font: dict | None, size: float) -> None:
        if text.strip() and font is not None:
            name = str(font["/BaseFont"]).split("+")[-1]
            found.append(Run(text.strip(), cm[4] + tm[4] * cm[0], name, size * tm[0] * cm[0]))

    printed.reader.pages[page].extract_text(visitor_text=seen)
    return found


def test_table_1s_columns_fit_their_content_within_the_margins(
    hand_report, printed: Printed
) -> None:
    drawn = runs(printed, 0)
    width = float(printed.reader.pages[0].mediabox.width)
    faces = {name: TTFont(name, FONTS / f"{name}.ttf") for name in FACES}

    def end(run: Run) -> float:
        return run.x + faces[run.font].stringWidth(run.text, run.size)

    texts = {r.text for r in drawn}
    assert {"Unitizing α", "Interpretation"} <= texts  # each a line of its own
    unitizing, verdict = (next(r for r in drawn if r.text == text)
                          for text in ("Unitizing α", "Interpretation"))  # fmt: skip
    assert end(unitizing) < verdict.x
    assert end(verdict) <= width - 18 * MM  # the page's right margin
    for v in hand_report.report.variables:  # neither the variable nor its unit wraps
        assert {variable_title(v.name), v.unit} <= texts, v.unit


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


def test_a_list_longer_than_a_page_runs_on_and_is_cut_where_asked(
    hand_report, tmp_path: Path
) -> None:
    report = hand_report.report
    topic = next(v for v in report.variables if v.name == "topic")
    many = [dict(topic.disagreements[0], title=f"Story {n}") for n in range(120)]
    longer = replace(report, variables=[replace(topic, disagreements=many)])
    write_pdf(tmp_path / "long.pdf", render_report_page(longer, listed=100))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "long.pdf").pages]
    first = next(i for i, text in enumerate(pages) if "Story 0:" in text)
    last = next(i for i, text in enumerate(pages) if "Story 99:" in text)
    assert last > first  # on a later page, not drawn past the foot of the first one
    whole = " ".join(pages)
    assert "Story 100:" not in whole
    assert "… 20 more: every disagreement is in the Excel export" in whole


def test_letter_paper(hand_report, tmp_path: Path) -> None:
    write_pdf(tmp_path / "letter.pdf", render_report_page(hand_report.report), "letter")
    box = PdfReader(tmp_path / "letter.pdf").pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_a_sheets_page_prints_each_table_on_a_page_of_its_own(tmp_path: Path) -> None:
    columns = [Column("round"), Column("alpha", "float")]
    tables = [Sheet(name, columns, [[name, 0.5]]) for name in ("Rounds", "Change")]
    write_pdf(tmp_path / "rounds.pdf", render_html("Over rounds", ["About them."], tables))
    pages = [body(p.extract_text()) for p in PdfReader(tmp_path / "rounds.pdf").pages]
    assert len(pages) == 3 and pages[0].startswith("Over rounds\nAbout them.")
    assert pages[1].startswith("Rounds\n") and pages[2].startswith("Change\n")


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


def test_greek_cyrillic_and_the_scales_signs_print_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # from a folder the installed fonts are not in, as a user's working directory is
    monkeypatch.chdir(tmp_path)
    words = "Krippendorff's α, Cohen's κ, Путин, −2 Strongly negative, Russia › Putin …"
    write_pdf(tmp_path / "words.pdf", f"<html><head></head><body><p>{words}</p></body></html>")
    assert words in PdfReader(tmp_path / "words.pdf").pages[0].extract_text()
