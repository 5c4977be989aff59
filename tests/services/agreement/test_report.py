"""Agreement on a planted sample: two coders, some codes alike, some not, some unmatched."""

from __future__ import annotations

import re
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from stancecoder.core.agreement import Unit, unitizing_alpha_all
from stancecoder.core.agreement.report_json import report_as_json
from stancecoder.core.agreement.report_text import report_lines
from stancecoder.core.errors import ValidationError
from stancecoder.core.sentences import split_sentences
from stancecoder.db.models import Article
from stancecoder.services.agreement.export import write_report
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes

TOPICS = [  # Alice's span and topic, Bob's span and topic: 3 of 4 pairs agree
    ((0, 50), "Sanctions", (0, 50), "Sanctions"),
    ((60, 120), "Military cooperation", (62, 120), "Military cooperation"),
    ((130, 200), "Sanctions", (130, 200), "Diplomacy and dialogue"),
    ((210, 260), "Economic cooperation", (205, 260), "Economic cooperation"),
]
STANCES = {0: ("-2", "-2"), 1: ("0", "1")}


def articles(project) -> list[Article]:
    with project.transaction() as session:
        found = list(session.scalars(select(Article).order_by(Article.id)))
        session.expunge_all()
        return found


@pytest.fixture
def planted(seeded):
    project = seeded
    add_coder(project, "Bob")
    first, second = articles(project)
    for i, (span_a, topic_a, span_b, topic_b) in enumerate(TOPICS):
        codes_a, codes_b = {"topic": topic_a}, {"topic": topic_b}
        if i in STANCES:
            codes_a["stance"], codes_b["stance"] = STANCES[i]
        add_passage(project, first.id, "Alice", *span_a, codes_a)
        add_passage(project, first.id, "Bob", *span_b, codes_b)
    add_passage(project, first.id, "Alice", 300, 320, {"topic": "Sanctions"})
    add_passage(project, first.id, "Bob", 400, 430, {"topic": "Sanctions"})
    set_article_codes(project, first.id, "Alice", {"genre": "News report"})
    set_article_codes(project, first.id, "Bob", {"genre": "News report"})
    set_article_codes(project, second.id, "Alice", {"genre": "Interview"})
    set_article_codes(project, second.id, "Bob", {"genre": "News report"})
    return project


def variable(report, name):
    return next(v for v in report.variables if v.name == name)


def stat(v, name):
    return next(r for r in v.results if r.name == name)


def test_matched_figures_equal_the_statistics_on_the_raw_data(planted) -> None:
    report = project_agreement(planted, "matched", seed=7)
    topic = variable(report, "topic")
    assert topic.main.name == "krippendorff_alpha" and topic.main.ci95 is not None
    assert stat(topic, "percent_agreement").value == pytest.approx(0.75)
    names = {t: i for i, t in enumerate(sorted({x for row in TOPICS for x in row[1::2]}))}
    coded = [[names[row[1]] for row in TOPICS], [names[row[3]] for row in TOPICS]]
    expected = krippendorff.alpha(reliability_data=coded, level_of_measurement="nominal")
    assert topic.main.value == pytest.approx(expected)
    assert topic.main.n_units == 4 and topic.coders == ["Alice", "Bob"]
    stance = variable(report, "stance")
    assert stance.level == "ordinal"
    values = np.array([[-2, 0, np.nan, np.nan], [-2, 1, np.nan, np.nan]])
    expected = krippendorff.alpha(
        reliability_data=values, level_of_measurement="ordinal", value_domain=[-2, -1, 0, 1, 2]
    )
    assert stance.main.value == pytest.approx(expected)
    assert report.unmatched == {"Alice": 1, "Bob": 1}


def test_pairs_codes_coincidences_and_disagreements(planted) -> None:
    topic = variable(project_agreement(planted, "matched", seed=7), "topic")
    ((a, b, alpha, percent),) = topic.per_pair
    assert (a, b) == ("Alice", "Bob") and alpha.value == pytest.approx(topic.main.value)
    assert percent.value == pytest.approx(0.75)
    assert sum(map(sum, topic.coincidences)) == pytest.approx(8)  # 4 units × 2 ordered pairs
    sanctions = topic.categories.index("Sanctions")
    diplomacy = topic.categories.index("Diplomacy and dialogue")
    assert topic.coincidences[sanctions][diplomacy] == pytest.approx(1)
    assert {r.category for r in topic.per_code} >= {"Sanctions", "Military cooperation"}
    (disagreement,) = topic.disagreements
    assert disagreement["codes"] == {"Alice": "Sanctions", "Bob": "Diplomacy and dialogue"}
    assert disagreement["spans"] == {"Alice": (130, 200), "Bob": (130, 200)}
    assert disagreement["title"]


def test_article_variable_uses_articles_and_warns_plainly(planted) -> None:
    genre = variable(project_agreement(planted, "matched", seed=7), "genre")
    assert genre.unit == "articles" and genre.main.n_units == 2
    assert stat(genre, "percent_agreement").value == pytest.approx(0.5)
    assert any("fewer than 50" in w for w in genre.warnings)
    assert any("'Interview' was used only once" in w for w in genre.warnings)


def test_interpretation_and_methods_paragraph(planted) -> None:
    report = project_agreement(planted, "matched", seed=7)
    topic = variable(report, "topic")
    text = report.methods
    assert text.startswith("Two coders (Alice, Bob) independently coded 2 articles")
    low, high = (f"{x:.2f}".replace("0.", ".") for x in topic.main.ci95)
    assert f"95% CI [{low}, {high}]" in text
    assert "codebook version 1.0" in text and report.date in text
    assert "for actor (nominal, units: matched passages) was not defined" in text


def test_excel_html_json_and_text_carry_the_same_numbers(planted, tmp_path: Path) -> None:
    report = project_agreement(planted, "matched", seed=3)
    data = report_as_json(report)
    topic_json = next(v for v in data["variables"] if v["variable"] == "topic")
    alpha = next(s for s in topic_json["statistics"] if s["name"] == "krippendorff_alpha")
    write_report(planted, report, tmp_path / "r.xlsx")
    write_report(planted, report, tmp_path / "r.html")
    sheet = load_workbook(tmp_path / "r.xlsx")["Variables"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] == "topic"]
    xlsx = next(r for r in rows if r[4] == "Krippendorff's α")
    assert xlsx[5] == pytest.approx(alpha["value"]) and [xlsx[6], xlsx[7]] == alpha["ci95"]
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert report.methods.split(".")[0] in html  # its figures: test_report_page.py
    text = "\n".join(report_lines(report))
    assert f"{alpha['value']:.3f} [{alpha['ci95'][0]:.3f}, {alpha['ci95'][1]:.3f}]" in text
    assert data["unmatched_passages"] == {"Alice": 1, "Bob": 1}
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["Summary", "Table 1", "Coverage", "Table 2", "Coverage by coder",
                               "Variables", "Codes", "Coder pairs", "Coincidences",
                               "Disagreements", "Raw data"]  # fmt: skip
    assert book["Raw data"].max_row > 1


def test_html_escapes_titles_and_quotes(planted, tmp_path: Path) -> None:
    report = project_agreement(planted, "matched", seed=3)
    report.project = "<script>alert(1)</script>"
    write_report(planted, report, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    # standalone: nothing to fetch (the SVG's namespace names are names, not requests)
    assert not re.search(r'(?:src|href)\s*=\s*"(?!#)|url\((?!#)|@import', html)


def test_sentence_projection_with_not_coded(planted) -> None:
    first = articles(planted)[0]
    start, end = split_sentences(first.text)[2]
    add_passage(planted, first.id, "Alice", start, end, {"topic": "War in Ukraine"})
    add_passage(planted, first.id, "Bob", start, end - 1, {"topic": "War in Ukraine"})
    topic = variable(project_agreement(planted, "sentence", seed=1), "topic")
    where = f"article {first.id} sentence [{start}, {end})"
    (row,) = [r for r in topic.raw if r[1] == where]
    assert row[2] == {"Alice": "War in Ukraine", "Bob": "War in Ukraine"}
    assert "not coded" in topic.categories
    second = articles(planted)[1]
    uncoded = [r for r in topic.raw if r[0] == second.id]
    assert uncoded and all(r[2] == {"Alice": "not coded", "Bob": "not coded"} for r in uncoded)


def test_unitizing_uses_articles_end_to_end(planted) -> None:
    first, second = articles(planted)
    add_passage(planted, second.id, "Alice", 0, 40, {"topic": "Sanctions"})
    report = project_agreement(planted, "unitizing")
    topic = variable(report, "topic")
    offset = len(first.text)
    units = [
        Unit(c, s, e, t)
        for (s, e), t, c in [(r[0], r[1], "Alice") for r in TOPICS]
        + [(r[2], r[3], "Bob") for r in TOPICS]
    ]
    units += [Unit("Alice", 300, 320, "Sanctions"), Unit("Bob", 400, 430, "Sanctions"),
              Unit("Alice", offset, offset + 40, "Sanctions")]  # fmt: skip
    expected = unitizing_alpha_all(units, 0, offset + len(second.text))
    assert topic.main.name == "unitizing_alpha"
    assert topic.main.value == pytest.approx(expected[0].value)
    assert [r.value for r in topic.per_code] == pytest.approx([r.value for r in expected[1:]])


def test_single_coder_gives_reasons_not_numbers(planted) -> None:
    report = project_agreement(planted, "matched", coders=["Alice"])
    assert report.n_articles == 0
    for v in report.variables:
        assert v.main.value is None and "two coders" in v.main.reason
    assert "was not defined" in report.methods


def test_article_filter_limits_the_units(planted) -> None:
    second = articles(planted)[1]
    report = project_agreement(planted, "matched", article_ids=[second.id], seed=1)
    assert report.n_articles == 1
    assert variable(report, "genre").main.n_units == 1
    assert variable(report, "topic").main.value is None


def test_bad_requests_are_refused_clearly(planted, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="unknown coder"):
        project_agreement(planted, coders=["Zoe"])
    with pytest.raises(ValidationError, match="unknown unit"):
        project_agreement(planted, "paragraph")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="overlap threshold"):
        project_agreement(planted, overlap=0)
    report = project_agreement(planted, seed=1)
    with pytest.raises(ValidationError, match=r"use \.xlsx, \.html or \.pdf"):
        write_report(planted, report, tmp_path / "r.docx")
    with pytest.raises(ValidationError, match="unknown paper size 'a5'"):
        write_report(planted, report, tmp_path / "r.pdf", paper="a5")
    assert not (tmp_path / "r.pdf").exists()
