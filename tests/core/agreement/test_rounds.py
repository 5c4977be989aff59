"""Rounds side by side from each round's own report: no project, no database."""

from __future__ import annotations

from datetime import datetime

import pytest

from stancecoder.core.agreement import Result
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.rounds import (
    NOT_CODED,
    RoundColumn,
    RoundFigure,
    change,
    side_by_side,
)
from stancecoder.core.agreement.rounds_text import change_line, rounds_lines
from stancecoder.core.agreement.variable_stats import VariableAgreement

ROUNDS = ["training 1", "training 2", "final"]


def round_report(alpha: float | None, n_articles: int) -> AgreementReport:
    """A round's report with one variable whose α is `alpha`, or undefined when None."""
    reason = "" if alpha is not None else "no unit was coded by two coders"
    main = Result("krippendorff_alpha", "nominal", alpha, 10, 2, reason=reason)
    percent = Result("percent_agreement", "nominal", alpha, 10, 2)
    topic = VariableAgreement("topic", "passage", "nominal", "matched passages",
                              ["Alice", "Bob"], [main, percent])  # fmt: skip
    report = AgreementReport("news", "matched", "matched passages", "1.0", ["Alice", "Bob"],
                             n_articles, "2026-01-01", seed=1, replicates=100)  # fmt: skip
    report.variables.append(topic)
    return report


def column(name: str, n_articles: int) -> RoundColumn:
    return RoundColumn(name, "reliability", False, "drawn", 5, ("Alice", "Bob"), 2,
                       n_articles, datetime(2026, 1, 1))  # fmt: skip


def test_each_figure_is_the_headline_of_its_rounds_report() -> None:
    reports = [round_report(0.5, 2), round_report(0.9, 2), round_report(None, 0)]
    computed = [(column(n, r.n_articles), r) for n, r in zip(ROUNDS, reports, strict=True)]
    rounds = side_by_side(computed)
    assert [r.name for r in rounds.rounds] == ROUNDS and rounds.reports["final"] is reports[2]
    (topic,) = rounds.variables
    first, second, final = topic.figures
    assert (first.value, first.percent_agreement, first.verdict) == (0.5, 0.5, "discard")
    assert second.verdict == "reliable"
    assert final.value is None and final.reason == NOT_CODED
    assert topic.change is not None and topic.change.value == pytest.approx(0.4)
    assert change_line(topic) == "topic: .50 → .90 (+.40) over 2 rounds, training 1 to training 2"
    assert f"  (1) {NOT_CODED}" in rounds_lines(rounds)


def test_the_change_runs_between_the_rounds_where_alpha_is_defined() -> None:
    def at(round_: str, value: float | None) -> RoundFigure:
        return RoundFigure(round_, value, None, 4, 2, None, "")

    order = ["a", "b", "c", "d"]
    found = change([at("a", None), at("b", 0.5), at("c", None), at("d", 0.75)], order)
    assert found is not None and (found.first, found.last, found.rounds) == ("b", "d", 3)
    assert found.value == pytest.approx(0.25)
    assert change([at("a", 0.5), at("b", None)], order) is None
