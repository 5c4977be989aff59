"""The agreement report as a reviewer reads it, on a two-coder project made by hand: the
coverage counted here passage by passage, and every number of the web page and the workbook
read back and compared with the report's own values, formatted here."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

import stancecoder
from stancecoder.core.agreement import Unit, unitizing_alpha
from stancecoder.core.agreement.report_json import report_as_json
from stancecoder.io.agreement_page import ReportFigure, render_report_page
from stancecoder.services.agreement.export import write_report
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes

# (coder, start, end, codes) on the first article. Matched: both coders' [0, 50) and
# Alice's [60, 120) with Bob's [62, 120); every other passage has no partner.
PASSAGES = [
    ("Alice", 0, 50, {"actor": "Russia", "topic": "Sanctions"}),
    ("Bob", 0, 50, {"actor": "Russia", "topic": "Sanctions"}),
    ("Alice", 60, 120, {"actor": "Russia", "topic": "Sanctions"}),
    ("Bob", 62, 120, {"actor": "North Korea"}),
    ("Alice", 300, 340, {"actor": "North Korea"}),
    ("Alice", 500, 540, {"topic": "Diplomacy and dialogue"}),
    ("Bob", 700, 760, {"actor": "Russia"}),
    ("Bob", 800, 830, {"actor": "Russia"}),
]
# counted by hand from PASSAGES: actor passages per coder, and those in a unit both coded
CODED = {"actor": {"Alice": 3, "Bob": 4}, "topic": {"Alice": 3, "Bob": 1}}
COMPARED = {"actor": {"Alice": 2, "Bob": 2}, "topic": {"Alice": 1, "Bob": 1}}
SEED, REPLICATES = 5, 200


@pytest.fixture
def coded(seeded):
    add_coder(seeded, "Bob")
    first, second = (a.id for a in list_articles(seeded))
    for coder, start, end, codes in PASSAGES:
        add_passage(seeded, first, coder, start, end, codes)
    for article, alice in [(first, "News report"), (second, "Interview")]:
        set_article_codes(seeded, article, "Alice", {"genre": alice})
        set_article_codes(seeded, article, "Bob", {"genre": "News report"})
    return seeded


@pytest.fixture
def report(coded):
    return project_agreement(coded, "matched", seed=SEED, replicates=REPLICATES)


def by_hand(value: float | None) -> str:
    """APA written out: two decimals, no leading zero, a minus sign, a dash for nothing."""
    if value is None:
        return "—"
    text = f"{abs(value):.2f}".removeprefix("0")
    return "\u2212" + text if value < 0 and text != ".00" else text


def verdict(value: float | None) -> str:
    if value is None:
        return "—"
    return "reliable" if value >= 0.8 else "tentative" if value >= 0.667 else "discard"


def variable(report, name):
    return next(v for v in report.variables if v.name == name)


def stat(v, name):
    return next((r for r in v.results if r.name == name), None)


def test_coverage_is_what_was_counted_by_hand(coded, report) -> None:
    for name in CODED:
        c = variable(report, name).coverage
        assert c.coded == CODED[name] and c.compared == COMPARED[name]
    assert variable(report, "actor").n_units == 2 and variable(report, "topic").n_units == 1
    assert variable(report, "genre").coverage is None  # article codes mark no text
    # where actor was coded, as units on the first article (the second has no passage)
    first, second = (read_article(coded, a.id) for a in list_articles(coded))
    units = [Unit(c, s, e, "coded") for c, s, e, codes in PASSAGES if "actor" in codes]
    where = unitizing_alpha(units, 0, len(first.text) + len(second.text), "coded")
    assert variable(report, "actor").coverage.where.value == pytest.approx(where.value)
    shown = next(v for v in report_as_json(report)["variables"] if v["variable"] == "actor")
    assert shown["coverage"]["passages_compared"] == COMPARED["actor"]
    assert shown["coverage"]["unitizing_alpha_where"]["value"] == pytest.approx(where.value)


def test_the_methods_paragraph_states_coverage_seed_unit_and_versions(report) -> None:
    text = report.methods
    assert "4 of 7 passages coded for actor were compared (not compared: Alice 1, Bob 2)" in text
    assert "2 of 4 passages coded for topic were compared (not compared: Alice 2)" in text
    assert f"{REPLICATES:,} bootstrap replicates with seed {SEED}" in text
    assert "compared as matched passages" in text and "codebook version 1.0" in text
    assert f"StanceCoder {stancecoder.__version__}" in text


class Page(HTMLParser):
    """The page's paper tables as rows of (text, note letter), and every reference out."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, str]]]] = []
        self.headers: list[list[str]] = []
        self.where: list[str] = []  # the tags open now
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.where.append(tag)
        self.links += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "table" and ("class", "paper") in attrs:
            self.tables.append([])
            self.headers.append([])
        elif tag == "tr" and self.tables and "tbody" in self.where:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            cell = ("", "")
            (self.tables[-1][-1] if tag == "td" else self.headers[-1]).append(cell)

    def handle_endtag(self, tag) -> None:
        self.where.pop()

    def handle_data(self, data) -> None:
        if not self.tables or "table" not in self.where:
            return
        if "td" in self.where:
            row = self.tables[-1][-1]
            text, mark = row[-1]
            row[-1] = (text, mark + data) if "sup" in self.where else (text + data, mark)
        elif "th" in self.where:
            text, _ = self.headers[-1][-1]
            self.headers[-1][-1] = (text + data, "")


def read_page(path: Path) -> tuple[str, Page]:
    html = path.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    return html, page


def rows_by_name(page: Page, index: int) -> dict[str, dict[str, str]]:
    headers = [h for h, _ in page.headers[index]]
    return {row[0][0]: {h: c[0] for h, c in zip(headers, row, strict=True)}
            for row in page.tables[index]}  # fmt: skip


def test_every_number_of_the_page_is_the_reports(coded, report, tmp_path: Path) -> None:
    write_report(coded, report, tmp_path / "report.html")
    html, page = read_page(tmp_path / "report.html")
    assert len(page.tables) == 3  # Table 1, coverage, Table 2
    table_one = rows_by_name(page, 0)
    assert list(table_one) == ["Actor", "Topic", "Stance", "Genre"]
    for v in report.variables:
        row = table_one[v.name.capitalize()]
        agreement = stat(v, "percent_agreement")
        share = agreement.value if agreement else None
        # two coders: Cohen's κ for the nominal variables, weighted for the ordinal one
        kappa = stat(v, "weighted_kappa_linear" if v.level == "ordinal" else "cohen_kappa")
        ci = v.main.ci95
        assert row["α"] == by_hand(v.main.value)
        assert row["95% CI"] == (f"[{by_hand(ci[0])}, {by_hand(ci[1])}]" if ci else "—")
        assert row["κ"] == by_hand(kappa.value if kappa else None)
        assert row["% agreement"] == ("—" if share is None else f"{100 * share:.1f}")
        assert (row["n"], row["Coders"]) == (str(v.n_units), "2")
        assert row["Interpretation"] == verdict(v.main.value)
        where = v.coverage.where.value if v.coverage else None
        assert row["Unitizing α"] == by_hand(where)
    coverage = rows_by_name(page, 1)
    assert coverage["Actor"]["Passages coded"] == "7" and coverage["Actor"]["Compared"] == "4"
    assert coverage["Actor"]["Not compared by coder"] == "Alice 1, Bob 2"
    assert coverage["Topic"]["Not compared"] == "2" and coverage["Topic"]["n"] == "1"
    table_two = rows_by_name(page, 2)
    names = {"Fleiss' κ": "fleiss_kappa", "Gwet's AC1": "gwet_ac1",
             "Brennan–Prediger κ": "brennan_prediger"}  # fmt: skip
    for v in report.variables:
        for header, name in names.items():
            found = stat(v, name)
            assert table_two[v.name.capitalize()][header] == by_hand(found and found.value)
    assert html.count(report.methods.split(". ")[0]) == 1  # the paragraph once, not twice


def test_the_page_stands_alone_and_prints(coded, report, tmp_path: Path) -> None:
    write_report(coded, report, tmp_path / "report.html")
    html, page = read_page(tmp_path / "report.html")
    assert not [link for link in page.links if re.match(r"\s*(https?:)?//", link)]
    # nothing to fetch: the figures' url(#…) and href="#…" point inside their own SVG
    assert not re.search(r'(?:src|href)\s*=\s*"(?!#)|url\((?!#)|@import|<script', html)
    assert "@media print" in html and "@page" in html and "break-before: page" in html
    figures = html[html.index('id="figures"') : html.index('id="table-2"')]
    assert figures.count("<figure>") == 1 + sum(1 for v in report.variables if v.coincidences)
    assert 'id="figures"' not in render_report_page(report)  # no pictures: no empty section


def test_disagreements_are_quoted_in_context_and_warnings_grouped(coded, report, tmp_path):
    write_report(coded, report, tmp_path / "report.html")
    html, _ = read_page(tmp_path / "report.html")
    first = read_article(coded, list_articles(coded)[0].id)
    # actor at Alice's [60, 120) and Bob's [62, 120): the words, and a few either side
    quote = " ".join(first.text[60:120].split())
    before = first.text[30:60].split()[-1]
    after = first.text[120:160].split()[1]
    (item,) = re.findall(r"<h3>Actor \(1\)</h3><ul[^>]*><li>(.*?)</li>", html)
    assert f"<mark>{quote}</mark>" in item and before in item and after in item
    assert (
        f"<cite>{first.title or f'article {first.id}'}</cite>" in item
        and "Alice: Russia · Bob: North Korea" in item
    )
    section = html[html.index('id="warnings"') :]
    warned = re.findall(r"<li><b>(\w+)</b>", section)
    assert sorted(warned) == sorted(set(warned))  # one line per variable
    assert "1 times" not in html and "“Interview” once" in section


def test_a_figure_has_its_place_with_caption_and_alt_text(report) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    html = render_report_page(report, [ReportFigure("Forest plot", svg, "α & its <CI>")])
    (figure,) = re.findall(r"<figure>.*?</figure>", html)
    assert svg in figure and "<figcaption>Forest plot</figcaption>" in figure
    assert 'aria-label="α &amp; its &lt;CI&gt;"' in figure
    assert html.index('id="coverage"') < html.index('id="figures"') < html.index('id="table-2"')


def test_the_workbook_carries_table_1_and_coverage_at_full_precision(coded, report, tmp_path):
    write_report(coded, report, tmp_path / "report.xlsx")
    book = load_workbook(tmp_path / "report.xlsx")
    assert book.sheetnames[:5] == ["Summary", "Table 1", "Coverage", "Table 2",
                                   "Coverage by coder"]  # fmt: skip
    rows = list(book["Table 1"].iter_rows(values_only=True))
    header, by_name = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert "95% CI low" in header and rows[-1][0].startswith("Note. n = units")
    for v in report.variables:
        row = by_name[v.name.capitalize()]
        assert row["n"] == v.n_units
        if v.main.value is None:  # an empty cell, the reason in the row's notes
            assert row["α"] is None and row["95% CI low"] is None and "α: Not" in row["notes"]
            continue
        assert row["α"] == pytest.approx(v.main.value, abs=0, rel=1e-12)
        assert (row["95% CI low"], row["95% CI high"]) == pytest.approx(v.main.ci95, rel=1e-12)
        assert row["% agreement"] == pytest.approx(100 * stat(v, "percent_agreement").value)
    counts = {
        (r[0], r[2]): (r[3], r[4], r[5])
        for r in list(book["Coverage by coder"].iter_rows(values_only=True))[1:]
    }
    for name, coded_by in CODED.items():
        for coder, n in coded_by.items():
            done = COMPARED[name][coder]
            assert counts[name, coder] == (n, done, n - done)
