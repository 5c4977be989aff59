"""An agreement report computed from codings built by hand (no project, no database), for
the report's figures, its page and its PDF: the raw codings stay at hand so a test can
work out what a figure must show without the code under test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from stancecoder.core.agreement.codings import Codings, Passages, PassageTuple
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.report_build import build_report
from stancecoder.core.agreement.rounds import RoundColumn, RoundsReport, side_by_side
from stancecoder.core.codebook_view import CodeView, VariableView

CODERS = ("Alice", "Bob")
TOPICS = ("Sanctions", "Diplomacy", "Trade", "Energy")  # nobody codes Energy
STANCES = (-2.0, -1.0, 0.0, 1.0, 2.0)  # nobody codes +2
STANCE_LABELS = ("Strongly against", "Against", "Neutral", "For", "Strongly for")
# per site: Alice's topic and stance, Bob's topic and stance
SITES = (
    ("Sanctions", -2.0, "Sanctions", -2.0),
    ("Sanctions", -1.0, "Sanctions", -2.0),
    ("Diplomacy", 0.0, "Trade", 1.0),
    ("Trade", 1.0, "Trade", 1.0),
    ("Diplomacy", 0.0, "Diplomacy", 0.0),
    ("Trade", -1.0, "Sanctions", -1.0),
    ("Diplomacy", 1.0, "Diplomacy", 0.0),
)


@dataclass(frozen=True)
class HandReport:
    """The report and the codings it was computed from, site by site."""

    report: AgreementReport
    sites: tuple[tuple[str, float, str, float], ...]


def _codes(variable: str, labels: tuple[str, ...], values: tuple[float | None, ...],
           first: int) -> tuple[CodeView, ...]:  # fmt: skip
    return tuple(
        CodeView(first + n, variable, label, (label,), None, 0, value, "#ffffff", None, "", True)
        for n, (label, value) in enumerate(zip(labels, values, strict=True))
    )


TOPIC = VariableView(1, "topic", "nominal", "passage", False, "",
                     _codes("topic", TOPICS, (None,) * len(TOPICS), 10))  # fmt: skip
STANCE = VariableView(2, "stance", "ordinal", "passage", False, "",
                      _codes("stance", STANCE_LABELS, STANCES, 20))  # fmt: skip
GENRE = VariableView(3, "genre", "nominal", "article", False, "",
                     _codes("genre", ("News", "Interview"), (None, None), 30))  # fmt: skip


def _id(variable: VariableView, label: str | float) -> int:
    return next(c.id for c in variable.codes if label in (c.label, c.value))


def hand_codings(sites: tuple[tuple[str, float, str, float], ...] = SITES) -> Codings:
    out = Codings("planted", "1.0", (TOPIC, STANCE, GENRE), list(CODERS))
    out.titles, out.texts = {1: "First"}, {1: "x" * (50 * len(sites) + 10)}
    out.coded_by = {1: set(CODERS)}
    rows: list[PassageTuple] = []
    for n, (*alice, bob_topic, bob_stance) in enumerate(sites):
        for coder, (topic, stance) in zip(CODERS, (alice, (bob_topic, bob_stance)), strict=True):
            ids = {"topic": (_id(TOPIC, topic),), "stance": (_id(STANCE, stance),)}
            rows.append((len(rows), 1, coder, 50 * n, 50 * n + 40, ids))
    out.passages = Passages.from_rows(out.coders, rows)
    # both coders give the same genre: no variation, so α is not defined for it
    out.article_codes = {(1, c, "genre"): (30,) for c in CODERS}
    return out


@pytest.fixture(scope="session")
def hand_report() -> HandReport:
    return HandReport(build_report(hand_codings(), "matched", replicates=200, seed=3), SITES)


@pytest.fixture(scope="session")
def hand_rounds() -> RoundsReport:
    """Two rounds: the first on the first four sites, the second on all of them."""
    computed = []
    for name, sites in (("training 1", SITES[:4]), ("training 2", SITES)):
        report = build_report(hand_codings(sites), "matched", replicates=200, seed=3)
        column = RoundColumn(name, "training", True, "drawn", 3, CODERS, 1, 1,
                             datetime(2026, 1, 1))  # fmt: skip
        computed.append((column, report))
    return side_by_side(computed)
