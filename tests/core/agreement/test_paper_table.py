"""The paper's tables and the report's lists built from codings made by hand, no database:
APA numbers, the κ that fits the level and the number of coders, dashes with their reasons,
warnings grouped per variable."""

from __future__ import annotations

import pytest

from stancecoder.core.agreement.apa import (
    apa,
    apa_count,
    apa_interval,
    apa_percent,
    apa_signed,
)
from stancecoder.core.agreement.codings import Codings, Passages, PassageTuple
from stancecoder.core.agreement.names import variable_title
from stancecoder.core.agreement.paper_table import table_one, table_two
from stancecoder.core.agreement.report_build import build_report
from stancecoder.core.agreement.report_sections import warning_groups
from stancecoder.core.codebook_view import CodeView, VariableView

MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.7249, ".72"),
        (0.725001, ".73"),
        (-0.05, f"{MINUS}.05"),
        (1.0, "1.00"),  # nothing to drop: the leading digit is not a zero
        (-1.0, f"{MINUS}1.00"),
        (0.0, ".00"),
        (-0.001, ".00"),  # rounds to zero: no sign
        (0.9999, "1.00"),
        (None, "—"),
    ],
)
def test_a_coefficient_as_apa_prints_it(value: float | None, shown: str) -> None:
    assert apa(value) == shown


def test_other_apa_numbers() -> None:
    assert apa(0.8, 3) == ".800" and apa(0.72, bounded=False) == "0.72"
    assert apa_interval((-0.364, 1.0)) == f"[{MINUS}.36, 1.00]" and apa_interval(None) == "—"
    assert (apa_signed(0.26), apa_signed(-0.1), apa_signed(0.0)) == ("+.26", f"{MINUS}.10", "+.00")
    assert (apa_percent(0.75), apa_percent(0.996), apa_percent(None)) == ("75.0", "99.6", "—")
    assert (apa_count(8), apa_count(12345)) == ("8", "12,345")


def test_variables_are_named_as_words() -> None:
    assert variable_title("target_country") == "Target country"
    assert variable_title("stance") == "Stance"


def codes(variable: str, labels: list[str], values: list[float | None], first: int) -> tuple:
    return tuple(
        CodeView(first + n, variable, label, (label,), None, 0, value, "#ffffff", None, "", True)
        for n, (label, value) in enumerate(zip(labels, values, strict=True))
    )


TOPIC = VariableView(1, "topic", "nominal", "passage", False, "",
                     codes("topic", ["Sanctions", "Trade"], [None, None], 10))  # fmt: skip
STANCES = codes("stance", ["against", "neutral", "for"], [-1.0, 0.0, 1.0], 20)
STANCE = VariableView(2, "stance", "ordinal", "passage", False, "", STANCES)
# per site: the span, then each coder's topic and stance
SITES = [
    ((0, 40), [("Sanctions", -1.0), ("Sanctions", -1.0), ("Sanctions", 0.0)]),
    ((50, 90), [("Trade", 1.0), ("Trade", 1.0), ("Trade", 1.0)]),
    ((100, 140), [("Sanctions", 0.0), ("Trade", 0.0), ("Sanctions", 0.0)]),
]


def codings(coders: list[str]) -> Codings:
    out = Codings("hand-made", "2.1", (TOPIC, STANCE), coders)
    out.titles, out.texts = {1: "First"}, {1: "word " * 40}
    out.coded_by = {1: set(coders)}
    rows: list[PassageTuple] = []
    for (start, end), given in SITES:
        for coder, (topic, stance) in zip(coders, given, strict=False):
            ids = {"topic": (10 if topic == "Sanctions" else 11,), "stance": (21 + int(stance),)}
            rows.append((len(rows), 1, coder, start, end, ids))
    out.passages = Passages.from_rows(out.coders, rows)
    return out


def cells(table, name: str) -> dict[str, tuple[str, str]]:
    row = next(r for r in table.rows if r[0].text == name)
    return {h: (c.text, c.mark) for h, c in zip(table.headers, row, strict=True)}


def test_two_coders_get_cohens_kappa_and_a_weighted_one_for_an_ordinal_variable() -> None:
    report = build_report(codings(["Alice", "Bob"]), replicates=0)
    table = table_one(report)
    notes = dict(table.marks)
    topic, stance = cells(table, "Topic"), cells(table, "Stance")
    assert notes[topic["κ"][1]] == "Cohen's κ."
    assert notes[stance["κ"][1]] == "Cohen's weighted κ (linear weights)."
    assert topic["95% CI"] == ("—", "") and "no bootstrap interval was drawn" in table.note
    assert "Krippendorff (2004, 2019)" in table.note and ".800 reliable" in table.note
    # Table 2 has the quadratic weights and Fleiss' κ, not the κ Table 1 shows
    other = table_two(report)
    assert "Weighted κ (quadratic)" in other.headers and "Fleiss' κ" in other.headers
    assert "Weighted κ (linear)" not in other.headers


def test_three_coders_get_fleiss_kappa_and_a_reason_for_no_weighted_one() -> None:
    report = build_report(codings(["Alice", "Bob", "Carol"]), replicates=0)
    table = table_one(report)
    notes = dict(table.marks)
    topic, stance = cells(table, "Topic"), cells(table, "Stance")
    assert notes[topic["κ"][1]] == "Fleiss' κ." and topic["Coders"][0] == "3"
    assert stance["κ"][0] == "—"
    assert notes[stance["κ"][1]] == "No κ: Cohen's weighted κ compares two coders only."
    other = table_two(report)  # Fleiss' κ: topic's is in Table 1, stance's only here
    assert cells(other, "Topic")["Fleiss' κ"] == ("—", "")
    assert cells(other, "Stance")["Fleiss' κ"][0] != "—"


def test_an_undefined_alpha_is_a_dash_with_its_reason() -> None:
    report = build_report(codings(["Alice"]), replicates=0)
    table = table_one(report)
    text, mark = cells(table, "Topic")["α"]
    assert text == "—" and dict(table.marks)[mark].startswith("Not defined: ")
    assert cells(table, "Topic")["Interpretation"] == ("—", "")


def test_warnings_are_one_line_per_variable_in_words() -> None:
    report = build_report(codings(["Alice", "Bob"]), replicates=0)
    grouped = dict(warning_groups(report))
    assert list(grouped) == ["Topic", "Stance"]
    assert grouped["Topic"].startswith("Only 3 units compared (fewer than 50)")
    assert "“Trade” 3 times" in grouped["Topic"] and "1 times" not in grouped["Topic"]
    assert "“−1 against” twice" in grouped["Stance"]
