"""Agreement on one reliability round (its articles and coders only, named in the report),
and every round side by side."""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stancecoder.core.agreement.report_json import report_as_json, rounds_as_json
from stancecoder.core.agreement.rounds import NOT_CODED, RoundFigure, RoundsReport
from stancecoder.core.agreement.rounds_text import figure_text, rounds_lines
from stancecoder.core.agreement.variable_stats import interpret
from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.export import write_report, write_rounds_report
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.agreement.rounds import report_with_rounds, rounds_agreement
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project
from stancecoder.services.samples import close_round, draw_sample


@pytest.fixture
def rounds(seeded: Project) -> Project:
    """Both seed articles coded by Alice, Bob and Carol; 'training 1' holds one of them
    and only Alice and Bob."""
    for name in ("Bob", "Carol"):
        add_coder(seeded, name)
    for article in list_articles(seeded):
        for coder, topic in [("Alice", "Sanctions"), ("Bob", "Sanctions"), ("Carol", "Other")]:
            add_passage(seeded, article.id, coder, 0, 40, {"topic": topic})
    draw_sample(seeded, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    return seeded


def topic(report):
    return next(v for v in report.variables if v.name == "topic")


def test_a_round_limits_articles_and_coders(rounds: Project) -> None:
    everything = project_agreement(rounds, seed=1)
    assert everything.n_articles == 2 and everything.coders == ["Alice", "Bob", "Carol"]
    assert everything.round is None
    report = project_agreement(rounds, seed=1, round="training 1")
    assert report.round == "training 1"
    assert report.n_articles == 1 and report.coders == ["Alice", "Bob"]
    assert topic(report).n_units == 1
    assert {d["article"] for d in topic(everything).disagreements} == {
        a.id for a in list_articles(rounds)
    }
    assert topic(report).disagreements == []


def test_the_round_is_named_in_the_methods_paragraph_and_the_exports(
    rounds: Project, tmp_path: Path
) -> None:
    report = project_agreement(rounds, seed=1, round=" training 1 ")
    assert "of the reliability sample \u201ctraining 1\u201d of the project" in report.methods
    assert "reliability sample" not in project_agreement(rounds, seed=1).methods
    assert report_as_json(report)["round"] == "training 1"
    write_report(rounds, report, tmp_path / "r.xlsx")
    summary = dict(load_workbook(tmp_path / "r.xlsx")["Summary"].iter_rows(values_only=True))
    assert summary["round"] == "training 1" and summary["methods"] == report.methods


def test_coders_asked_for_narrow_the_round(rounds: Project) -> None:
    report = project_agreement(rounds, seed=1, round="training 1", coders=["Alice", "Carol"])
    assert report.coders == ["Alice", "Carol"] and report.n_articles == 1
    assert topic(report).main.value is not None


def test_an_unknown_round_is_a_clear_error(rounds: Project) -> None:
    expected = r"no sample called 'final' \(samples: 'training 1'\)"
    with pytest.raises(ValidationError, match=expected):
        project_agreement(rounds, round="final")


# ---- every round side by side ---------------------------------------------------------

SITES = [(0, 40), (80, 120), (160, 200), (240, 280)]
# per site: Alice's topic and stance, Bob's topic and stance
FIRST_ROUND = [  # half the topics and most stances disagree
    ("Sanctions", "-2", "Sanctions", "0"),
    ("Military cooperation", "-1", "Diplomacy and dialogue", "-1"),
    ("Sanctions", "0", "Military cooperation", "1"),
    ("Economic cooperation", "1", "Economic cooperation", "-1"),
]
SECOND_ROUND = [  # every topic agrees; one stance is a step apart
    ("Sanctions", "-2", "Sanctions", "-2"),
    ("Military cooperation", "-1", "Military cooperation", "-1"),
    ("Diplomacy and dialogue", "1", "Diplomacy and dialogue", "2"),
    ("Economic cooperation", "2", "Economic cooperation", "2"),
]
ROUNDS = ["training 1", "training 2", "final"]


def news_project(project: Project, folder: Path, articles: int) -> Project:
    """`articles` short reports and the coders Alice and Bob."""
    path = folder / "news.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text"])
        for n in range(1, articles + 1):
            text = " ".join(f"Sentence {i} of report {n} tells of the talks." for i in range(12))
            writer.writerow([f"Report {n}", text])
    assert import_corpus(project, [path]).ok
    for name in ("Alice", "Bob"):
        add_coder(project, name)
    return project


def code_round(project: Project, article_ids: tuple[int, ...], plan: list[tuple]) -> None:
    for article in article_ids:
        for (start, end), (topic_a, stance_a, topic_b, stance_b) in zip(SITES, plan, strict=True):
            add_passage(
                project, article, "Alice", start, end, {"topic": topic_a, "stance": stance_a}
            )
            add_passage(project, article, "Bob", start, end, {"topic": topic_b, "stance": stance_b})


@pytest.fixture
def three_rounds(project: Project, tmp_path: Path) -> Project:
    """Three rounds of two articles each: the first coded with disagreements, the second
    with near agreement, the final one not coded yet."""
    news_project(project, tmp_path, 6)
    for name, plan in zip(ROUNDS, [FIRST_ROUND, SECOND_ROUND, None], strict=True):
        sample = draw_sample(project, name, count=2, coders=["Alice", "Bob"], seed=5)
        if plan is not None:
            code_round(project, sample.article_ids, plan)
    close_round(project, "training 1")
    return project


def figures(rounds: RoundsReport, name: str) -> list[RoundFigure]:
    return next(v for v in rounds.variables if v.name == name).figures


def test_the_rounds_are_columns_in_the_order_they_were_drawn(three_rounds: Project) -> None:
    rounds = rounds_agreement(three_rounds, seed=1, replicates=200)
    assert [r.name for r in rounds.rounds] == ROUNDS
    first, second, final = rounds.rounds
    assert first.closed and not second.closed and not final.closed
    assert (first.sample_size, first.n_articles, final.n_articles) == (2, 2, 0)
    assert first.coders == ("Alice", "Bob") and "seed 5" in first.description
    assert [v.name for v in rounds.variables] == ["actor", "topic", "stance", "genre"]
    assert all([f.round for f in v.figures] == ROUNDS for v in rounds.variables)
    assert rounds.unit == "matched" and "matched passages" in rounds.unit_definition
    assert not rounds.cancelled and set(rounds.reports) == set(ROUNDS)


def test_each_figure_is_the_one_of_the_rounds_own_report(three_rounds: Project) -> None:
    rounds = rounds_agreement(three_rounds, seed=4, replicates=300)
    for name in ROUNDS:
        alone = project_agreement(three_rounds, seed=4, replicates=300, round=name)
        for v in alone.variables:
            shown = next(f for f in figures(rounds, v.name) if f.round == name)
            assert shown.value == v.main.value and shown.ci95 == v.main.ci95
            assert (shown.n_units, shown.n_coders) == (v.main.n_units, v.main.n_coders)
            agreement = next((r.value for r in v.results if r.name == "percent_agreement"), None)
            assert shown.percent_agreement == agreement
            if v.main.value is not None:
                assert shown.interpretation == interpret(v.main) and shown.reason == ""


def test_agreement_improves_from_the_first_round_to_the_second(three_rounds: Project) -> None:
    rounds = rounds_agreement(three_rounds, seed=1, replicates=200)
    topic, stance = figures(rounds, "topic"), figures(rounds, "stance")
    assert topic[0].percent_agreement == pytest.approx(0.5)
    assert topic[1].percent_agreement == 1.0 and topic[1].value == pytest.approx(1.0)
    assert topic[0].verdict == "discard" and topic[1].verdict == "reliable"
    assert stance[0].value < 0.1 < 0.8 < stance[1].value
    for name, shown in [("topic", topic), ("stance", stance)]:
        change = next(v for v in rounds.variables if v.name == name).change
        assert change is not None
        assert (change.first, change.last, change.rounds) == ("training 1", "training 2", 2)
        assert change.value == pytest.approx(shown[1].value - shown[0].value) and change.value > 0
    assert next(v for v in rounds.variables if v.name == "genre").change is None


def test_a_round_not_coded_yet_says_so_instead_of_failing(three_rounds: Project) -> None:
    rounds = rounds_agreement(three_rounds, seed=1, replicates=200)
    for v in rounds.variables:
        final = v.figures[-1]
        assert final.round == "final" and final.value is None and final.ci95 is None
        assert final.reason == NOT_CODED and final.interpretation.startswith("not defined: not")
    genre = figures(rounds, "genre")[0]
    assert genre.value is None and genre.reason and genre.reason != NOT_CODED


def test_without_rounds_the_error_says_how_to_draw_one(seeded: Project) -> None:
    expected = r"^no reliability samples yet; draw one with: stancecoder sample draw "
    with pytest.raises(ValidationError, match=expected):
        rounds_agreement(seeded)
    report, rounds = report_with_rounds(seeded, seed=1)
    assert rounds is None and report is not None and report.round is None


def test_the_unit_and_the_levels_reach_every_round(three_rounds: Project) -> None:
    levels = {"stance": "interval"}
    rounds = rounds_agreement(three_rounds, seed=2, replicates=100, levels=levels)
    alone = project_agreement(
        three_rounds, seed=2, replicates=100, round="training 1", levels=levels
    )
    stance = next(v for v in rounds.variables if v.name == "stance")
    assert stance.level == "interval"
    assert (
        stance.figures[0].value == next(v for v in alone.variables if v.name == "stance").main.value
    )
    unitized = rounds_agreement(three_rounds, "unitizing")
    topic = next(v for v in unitized.variables if v.name == "topic")
    assert topic.statistic == "unitizing_alpha" and topic.unit == "unitized spans"
    alone = project_agreement(three_rounds, "unitizing", round="training 2")
    assert (
        topic.figures[1].value == next(v for v in alone.variables if v.name == "topic").main.value
    )


def test_progress_names_each_round_and_can_stop_the_comparison(three_rounds: Project) -> None:
    calls: list[tuple[int, int, str]] = []
    rounds_agreement(
        three_rounds, replicates=100, progress=lambda *call: calls.append(call) or True
    )
    assert calls == [(0, 3, "training 1"), (1, 3, "training 2"), (2, 3, "final"), (3, 3, "")]
    stopped = rounds_agreement(three_rounds, replicates=100, progress=lambda done, *_: done < 1)
    assert stopped.cancelled and [r.name for r in stopped.rounds] == ["training 1"]
    assert all(len(v.figures) == 1 for v in stopped.variables)
    report, rounds = report_with_rounds(three_rounds, progress=lambda done, *_: done < 2)
    assert report is None and rounds is not None and rounds.cancelled
    heard: list[str] = []
    report, rounds = report_with_rounds(
        three_rounds, variables=lambda done, total, name: heard.append(name) or done < 1
    )
    assert report is None and rounds is not None and not rounds.cancelled
    assert heard == ["actor", "topic"]  # stopped before the second variable


def test_the_chosen_rounds_report_comes_with_the_comparison(three_rounds: Project) -> None:
    report, rounds = report_with_rounds(three_rounds, seed=3, round=" training 2 ")
    assert rounds is not None and report is rounds.reports["training 2"]
    alone = project_agreement(three_rounds, seed=3, round="training 2")
    assert [v.main for v in report.variables] == [v.main for v in alone.variables]
    everything, _ = report_with_rounds(three_rounds, seed=3)
    assert everything is not None and everything.round is None and everything.n_articles == 4


def test_the_comparison_as_json_text_excel_and_html(three_rounds: Project, tmp_path: Path) -> None:
    rounds = rounds_agreement(three_rounds, seed=1, replicates=200)
    document = rounds_as_json(rounds)
    assert [r["name"] for r in document["rounds"]] == ROUNDS
    topic = next(v for v in document["variables"] if v["name"] == "topic")
    assert topic["level"] == "nominal"
    assert [r["value"] for r in topic["rounds"]] == [f.value for f in figures(rounds, "topic")]
    assert "reason" not in topic["rounds"][0] and topic["rounds"][2]["reason"] == NOT_CODED
    assert topic["change"]["from"] == "training 1" and topic["change"]["rounds"] == 2
    json.dumps(document)  # plain values only

    lines = rounds_lines(rounds)
    header = next(line for line in lines if line.startswith("variable"))
    assert header.split() == ["variable", "training", "1", "training", "2", "final"]
    row = next(line for line in lines if line.startswith("topic (nominal)"))
    first = figures(rounds, "topic")[0]
    assert figure_text(first) in row and row.endswith("— (2)")  # (1): actor, coded by nobody
    assert f"  (2) {NOT_CODED}" in lines
    assert any(line.startswith("  topic: ") and "over 2 rounds" in line for line in lines)

    write_rounds_report(three_rounds, rounds, tmp_path / "rounds.xlsx")
    book = load_workbook(tmp_path / "rounds.xlsx")
    assert book.sheetnames == [
        "Summary", "Rounds side by side", "Rounds", "Round samples", "Change over rounds"
    ]  # fmt: skip
    table = list(book["Rounds side by side"].iter_rows(values_only=True))
    assert table[0] == ("variable", "level", *ROUNDS)
    topic_row = next(row for row in table if row[0] == "topic")
    assert topic_row[2] == figure_text(first) and topic_row[4] == "not coded yet"
    summary = dict(book["Summary"].iter_rows(values_only=True))
    assert summary["unit definition"] == rounds.unit_definition
    assert summary["codebook version"] == rounds.codebook_version
    cells = {(r[0], r[4]): r for r in book["Rounds"].iter_rows(min_row=2, values_only=True)}
    assert cells[("topic", "training 1")][6] == pytest.approx(first.value)
    assert cells[("topic", "final")][6] is None
    write_rounds_report(three_rounds, rounds, tmp_path / "rounds.html")
    page = (tmp_path / "rounds.html").read_text(encoding="utf-8")
    for text in (rounds.project, rounds.unit_definition, rounds.codebook_version, rounds.date):
        assert html.escape(text) in page
    assert f"{first.value:.4f}" in page
    with pytest.raises(ValidationError, match=r"use \.xlsx, \.html or \.pdf"):
        write_rounds_report(three_rounds, rounds, tmp_path / "rounds.docx")


def test_the_reports_export_carries_the_rounds_when_given(
    three_rounds: Project, tmp_path: Path
) -> None:
    report, rounds = report_with_rounds(three_rounds, seed=1, round="training 1")
    write_report(three_rounds, report, tmp_path / "both.xlsx", rounds)
    names = load_workbook(tmp_path / "both.xlsx").sheetnames
    assert names[0] == "Summary" and names[-3:] == ["Rounds", "Round samples", "Change over rounds"]
    write_report(three_rounds, report, tmp_path / "alone.xlsx")
    assert "Rounds" not in load_workbook(tmp_path / "alone.xlsx").sheetnames
