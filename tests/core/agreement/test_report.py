"""The agreement report computed from codings built by hand: no project, no database."""

from __future__ import annotations

import krippendorff
import pytest

from stancecoder.core.agreement import Unit, unitizing_alpha_all
from stancecoder.core.agreement.apa import apa
from stancecoder.core.agreement.codings import Codings, Passages, PassageTuple
from stancecoder.core.agreement.report import ReportStopped
from stancecoder.core.agreement.report_build import build_report
from stancecoder.core.agreement.report_json import report_as_json
from stancecoder.core.agreement.report_text import report_lines
from stancecoder.core.codebook_view import CodeView, VariableView
from stancecoder.core.errors import ValidationError

TOPICS = ["Sanctions", "Diplomacy", "Trade"]
STANCES = [-1.0, 0.0, 1.0]
GENRES = ["News", "Interview"]
# per site: the span, Alice's topic and stance, Bob's topic and stance (2 of 3 topics agree)
SITES = [
    ((0, 40), "Sanctions", -1.0, "Sanctions", -1.0),
    ((50, 90), "Diplomacy", 0.0, "Trade", 1.0),
    ((100, 140), "Trade", 1.0, "Trade", 1.0),
]


def codes(variable: str, labels: list[str], values: list[float | None], first: int) -> tuple:
    return tuple(
        CodeView(first + n, variable, label, (label,), None, 0, value, "#ffffff", None, "", True)
        for n, (label, value) in enumerate(zip(labels, values, strict=True))
    )


TOPIC = VariableView(1, "topic", "nominal", "passage", False, "", codes(
    "topic", TOPICS, [None] * 3, 10))  # fmt: skip
STANCE = VariableView(2, "stance", "ordinal", "passage", False, "", codes(
    "stance", [f"{v:+g}" for v in STANCES], list(STANCES), 20))  # fmt: skip
GENRE = VariableView(3, "genre", "nominal", "article", False, "", codes(
    "genre", GENRES, [None] * 2, 30))  # fmt: skip


def code_id(variable: VariableView, label: str | float) -> int:
    return next(c.id for c in variable.codes if label in (c.label, c.value))


def codings() -> Codings:
    out = Codings("planted", "1.0", (TOPIC, STANCE, GENRE), ["Alice", "Bob"])
    out.titles, out.texts = {1: "First"}, {1: "x" * 200}
    out.coded_by = {1: {"Alice", "Bob"}}
    rows: list[PassageTuple] = []
    for n, ((start, end), *coded) in enumerate(SITES):
        for coder, (topic, stance) in zip(["Alice", "Bob"], [coded[:2], coded[2:]], strict=True):
            ids = {"topic": (code_id(TOPIC, topic),), "stance": (code_id(STANCE, stance),)}
            rows.append((len(rows), 1, coder, start, end, ids))
        if n == 0:  # one passage only Alice marked: unmatched, not compared
            rows.append((99, 1, "Alice", 160, 180, {}))
    out.passages = Passages.from_rows(out.coders, rows)
    out.article_codes = {(1, "Alice", "genre"): (30,), (1, "Bob", "genre"): (31,)}
    return out


def variable(report, name):
    return next(v for v in report.variables if v.name == name)


def test_matched_figures_equal_the_reference_computation() -> None:
    report = build_report(codings(), "matched", replicates=100, seed=1)
    topic, stance = variable(report, "topic"), variable(report, "stance")
    names = {t: i for i, t in enumerate(TOPICS)}
    coded = [[names[site[1]] for site in SITES], [names[site[3]] for site in SITES]]
    expected = krippendorff.alpha(reliability_data=coded, level_of_measurement="nominal")
    assert topic.main.value == pytest.approx(expected) and topic.main.n_units == 3
    values = [[site[2] for site in SITES], [site[4] for site in SITES]]
    expected = krippendorff.alpha(
        reliability_data=values, level_of_measurement="ordinal", value_domain=STANCES
    )
    assert stance.main.value == pytest.approx(expected)
    assert report.unmatched == {"Alice": 1, "Bob": 0}
    (disagreement,) = topic.disagreements
    assert disagreement["codes"] == {"Alice": "Diplomacy", "Bob": "Trade"}
    assert disagreement["title"] == "First" and disagreement["spans"]["Bob"] == (50, 90)
    assert variable(report, "genre").unit == "articles"


def test_the_words_and_the_json_carry_the_same_numbers() -> None:
    report = build_report(codings(), "matched", replicates=100, seed=1)
    topic = variable(report, "topic")
    assert report.methods.startswith("Two coders (Alice, Bob) independently coded 1 article ")
    assert f"was {apa(topic.main.value)}, 95% CI" in report.methods
    assert any(line.startswith("topic (passage, nominal") for line in report_lines(report))
    document = report_as_json(report)
    shown = next(v for v in document["variables"] if v["variable"] == "topic")
    assert shown["statistics"][0]["value"] == topic.main.value


def test_unitizing_lays_the_articles_end_to_end() -> None:
    report = build_report(codings(), "unitizing")
    topic = variable(report, "topic")
    units = [
        Unit(coder, start, end, topic_)
        for (start, end), a, _, b, _ in SITES
        for coder, topic_ in (("Alice", a), ("Bob", b))
    ]
    expected = unitizing_alpha_all(units, 0, 200)
    assert topic.main.name == "unitizing_alpha"
    assert topic.main.value == pytest.approx(expected[0].value)


def test_levels_can_be_overridden_but_not_beyond_what_the_codes_allow() -> None:
    report = build_report(codings(), levels={"stance": "interval"}, replicates=100, seed=1)
    assert variable(report, "stance").level == "interval"
    with pytest.raises(ValidationError, match="topic is nominal"):
        build_report(codings(), levels={"topic": "ordinal"})
    with pytest.raises(ValidationError, match="unknown unit"):
        build_report(codings(), "paragraph")


def test_what_was_not_compared_is_said_in_the_methods_and_in_numbers() -> None:
    """Alice's passage at [160, 180) has no partner; with sentences as units, a passage
    covering less than half of every sentence it touches is left out and counted."""
    matched = build_report(codings(), "matched", replicates=0)
    assert matched.unmatched == {"Alice": 1, "Bob": 0}
    assert "1 passage (Alice 1) had no partner and was not compared" in matched.methods
    sentences = codings()
    sentences.texts = {1: "Sanctions were imposed. Talks went on. Trade grew fast. The end came."}
    sentences.passages = Passages.from_rows(
        sentences.coders,
        [
            (1, 1, "Alice", 0, 23, {"topic": (10,)}),  # the whole first sentence
            (2, 1, "Bob", 0, 23, {"topic": (10,)}),
            (3, 1, "Bob", 56, 59, {"topic": (11,)}),  # "The" of "The end came."
        ],
    )
    report = build_report(sentences, "sentence", replicates=0)
    assert report.left_out == {"Alice": 0, "Bob": 1}
    assert "1 passage (Bob 1) covered no sentence by half and was not compared" in report.methods
    assert "left out: 1 passage (Bob 1) covering no sentence by half" in report_lines(report)


def test_progress_hears_of_each_variable_and_can_stop_the_report() -> None:
    heard: list[tuple[int, int, str]] = []

    def listen(done: int, total: int, name: str) -> bool:
        heard.append((done, total, name))
        return True

    report = build_report(codings(), "matched", replicates=0, progress=listen)
    assert heard == [(0, 3, "topic"), (1, 3, "stance"), (2, 3, "genre"), (3, 3, "")]
    assert [v.name for v in report.variables] == ["topic", "stance", "genre"]
    with pytest.raises(ReportStopped, match="before stance"):
        build_report(codings(), "unitizing", progress=lambda done, total, name: done < 1)
