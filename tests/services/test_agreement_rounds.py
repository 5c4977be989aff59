"""Agreement on one reliability round: its articles and coders only, named in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement import project_agreement
from stancecoder.services.agreement_export import report_as_json, write_report
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project
from stancecoder.services.samples import draw_sample


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
    write_report(report, tmp_path / "r.xlsx")
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
