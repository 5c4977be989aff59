"""Periods and each chart's numbers from hand-made passages, checked against the same
question asked with plain pandas; what is left out is said."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from stancecoder.core.charts.data import Scale
from stancecoder.core.charts.series import (
    MOST_LINES,
    Observation,
    Request,
    code_frequencies,
    coder_means,
    stance_distribution,
    stance_over_time,
)
from stancecoder.core.periods import period_of

SCALE = Scale("stance", ((-1.0, "Against"), (0.0, "Neutral"), (1.0, "For")))
ROWS = [  # coder, published, stance, actors
    ("Ann", "2024-01-30", 1.0, ("Oslo",)),
    ("Ann", "2024-02-01", -1.0, ("Oslo",)),
    ("Ann", "2024-02-02", 0.0, ("Oslo", "Rome")),
    ("Ben", "2024-02-05", 1.0, ("Oslo",)),
    ("Ben", "2024-02", 1.0, ("Rome",)),
    ("Ben", "", 0.0, ("Rome",)),
    ("Ben", "2024-02-06", None, ("Oslo",)),
    ("Ann", "2024-02-07", 1.0, ()),
]


def observations() -> list[Observation]:
    return [Observation(i, c, d, s, {"actor": a}) for i, (c, d, s, a) in enumerate(ROWS)]


def frame() -> pd.DataFrame:
    rows = pd.DataFrame(ROWS, columns=["coder", "published", "stance", "actor"])
    return rows.rename_axis("passage").reset_index().explode("actor").dropna(subset=["actor"])


@pytest.mark.parametrize(
    ("published", "by", "wanted"),
    [
        ("2024-06-17", "month", ("2024-06", date(2024, 6, 1))),
        ("2024-06", "month", ("2024-06", date(2024, 6, 1))),
        ("2024", "month", None),
        ("2024-06", "week", None),
        ("2024-06-17", "week", ("2024-W25", date(2024, 6, 17))),
        ("2024-12-30", "week", ("2025-W01", date(2024, 12, 30))),  # ISO week 1 of 2025
        ("2021-01-03", "week", ("2020-W53", date(2020, 12, 28))),
        ("2024-13-01", "month", None),
        ("", "week", None),
        ("soon", "month", None),
    ],
)
def test_period_of_a_date(published: str, by: str, wanted: object) -> None:
    assert period_of(published, by) == wanted


def test_stance_over_time_one_coder() -> None:
    chart = stance_over_time(observations(), Request("Ann's codings", False, "actor"), SCALE,
                             "month")  # fmt: skip
    rows = frame().dropna(subset=["stance"])
    rows = rows[rows["published"].str.len() >= 7]
    wanted = rows.groupby(["actor", rows["published"].str[:7]])["stance"].agg(["mean", "size"])
    found = {(line.label, p.period): (p.estimate.mean, p.estimate.n)
             for line in chart.lines for p in line.points}  # fmt: skip
    assert found == {key: (row["mean"], row["size"]) for key, row in wanted.iterrows()}
    assert chart.passages == rows["passage"].nunique()  # one passage in two groups counts once
    assert chart.title == "Mean stance per month by actor — Ann's codings"
    assert chart.notes == (
        "1 passage without a stance left out",
        "1 passage without a code of actor left out",
        "1 passage without a date to the month left out",
        "a month with one passage has no interval",
    )


def test_each_coder_splits_every_line() -> None:
    chart = stance_over_time(observations(), Request("each coder separately", True, "actor"),
                             SCALE, "week")  # fmt: skip
    assert {line.label for line in chart.lines} == {"Oslo · Ann", "Rome · Ann", "Oslo · Ben"}
    oslo = next(line for line in chart.lines if line.label == "Oslo · Ann")
    assert [(p.period, p.estimate.n) for p in oslo.points] == [("2024-W05", 3)]
    assert oslo.points[0].estimate.low is not None


def test_only_the_largest_groups_are_drawn_and_the_rest_said() -> None:
    rows = [Observation(i, "Ann", "2024-01-01", 1.0, {"actor": (f"Actor {i}",)}) for i in range(8)]
    rows += [Observation(8, "Ann", "2024-01-02", 0.0, {"actor": ("Actor 7",)})]
    chart = stance_over_time(rows, Request("Ann's codings", False, "actor"), SCALE, "month")
    assert len(chart.lines) == MOST_LINES and chart.lines[0].label == "Actor 7"
    left = 8 - MOST_LINES
    assert f"{left} smaller series not drawn (filter by code to see one)" in chart.notes


def test_a_group_is_drawn_with_all_its_coders_or_not_at_all() -> None:
    pairs = [(i, coder) for i in range(4) for coder in ("Ann", "Ben") * (4 - i)]
    rows = [
        Observation(n, coder, "2024-01-01", 1.0, {"actor": (f"Actor {i}",)})
        for n, (i, coder) in enumerate(pairs)
    ]
    chart = stance_over_time(rows, Request("each", True, "actor"), SCALE, "month")
    assert [line.label for line in chart.lines] == [
        f"Actor {i} · {coder}" for i in range(3) for coder in ("Ann", "Ben")
    ]
    assert "2 smaller series not drawn (filter by code to see one)" in chart.notes


def test_stance_distribution_counts_each_point() -> None:
    chart = stance_distribution(observations(), Request("x", False, "actor"), SCALE)
    rows = frame().dropna(subset=["stance"])
    wanted = rows.groupby(["actor", "stance"]).size()
    found = {(row.label, SCALE.points[i][0]): n for row in chart.rows
             for i, n in enumerate(row.counts) if n}  # fmt: skip
    assert found == dict(wanted.items())
    assert chart.passages == rows["passage"].nunique()


def test_a_value_off_the_scale_gets_a_point_of_its_own() -> None:
    rows = [Observation(1, "Ann", "", 0.5, {"actor": ("Oslo",)})]
    chart = stance_distribution(rows, Request("x", False, "actor"), SCALE)
    assert [value for value, _ in chart.scale.points] == [-1.0, 0.0, 0.5, 1.0]
    assert chart.rows[0].counts == (0, 0, 1, 0)


def test_code_frequencies_count_each_code_of_a_passage() -> None:
    chart = code_frequencies(observations(), Request("each coder separately", True, "actor"),
                             ["Oslo", "Rome", "Paris"])  # fmt: skip
    wanted = frame().groupby(["coder", "actor"]).size()
    found = {(bars.label, code): n for bars in chart.bars
             for code, n in zip(chart.codes, bars.counts, strict=True) if n}  # fmt: skip
    assert found == dict(wanted.items())
    assert chart.codes == ("Oslo", "Rome")
    assert chart.passages == len(frame()["passage"].unique())
    assert chart.notes == ("1 passage without a code of actor left out",
                           "1 code never coded left out",
                           "a passage with several codes counts once for each")  # fmt: skip


def test_coder_means_side_by_side() -> None:
    chart = coder_means(observations(), Request("each coder separately", True, "actor"), SCALE)
    wanted = frame().dropna(subset=["stance"]).groupby(["coder", "actor"])["stance"].mean()
    found = {(row.coder, group): e.mean for row in chart.coders
             for group, e in zip(chart.groups, row.estimates, strict=True) if e}  # fmt: skip
    assert found == pytest.approx(dict(wanted.items()))


def test_the_scale_names_its_range() -> None:
    assert SCALE.unit == "stance (−1 Against … +1 For)"
