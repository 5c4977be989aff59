"""Each chart's numbers on a small hand-made project (`charted` in tests/conftest.py),
checked against the same question asked of the raw rows with plain pandas, on SQLite and
PostgreSQL; the layer named in every title; each bad request refused in one line."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from stancecoder.core.actor import Actor
from stancecoder.core.charts.data import (
    CodeFrequencies,
    CoderMeans,
    StanceDistribution,
    StanceOverTime,
)
from stancecoder.core.errors import OutputError, ValidationError
from stancecoder.core.layer import Layer
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.charts import chart_data, chart_variables, save_chart
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import set_blind_mode
from stancecoder.services.project import Project
from stancecoder.services.retrieval import RetrievalFilter

# Student's t, 97.5th percentile, as printed in any table of it
T_TABLE = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571}


def raw(project: Project) -> pd.DataFrame:
    """One row per passage: coder, article date, actor path and stance value, read from
    the tables themselves."""
    with project.store.engine.connect() as connection:
        t = {name: pd.read_sql_table(name, connection) for name in (
            "passage", "coder", "passage_code", "code", "variable", "article")}  # fmt: skip
    codes = t["code"].merge(t["variable"][["id", "name"]], left_on="variable_id",
                            right_on="id", suffixes=("", "_v"))  # fmt: skip
    labels = codes.set_index("id")["label"]
    parents = zip(codes["parent_id"], codes["label"], strict=True)
    codes["path"] = [labels[p] + " › " + label if pd.notna(p) else label for p, label in parents]
    links = t["passage_code"].merge(codes[["id", "name", "path", "value"]], left_on="code_id",
                                    right_on="id")  # fmt: skip
    actor = links[links["name"] == "actor"].set_index("passage_id")["path"]
    stance = links[links["name"] == "stance"].set_index("passage_id")["value"]
    frame = t["passage"].merge(t["coder"][["id", "name"]], left_on="coder_id", right_on="id",
                               suffixes=("", "_c"))  # fmt: skip
    frame = frame.merge(t["article"][["id", "published"]], left_on="article_id", right_on="id",
                        suffixes=("", "_a"))  # fmt: skip
    frame["actor"] = frame["id"].map(actor)
    frame["stance"] = frame["id"].map(stance)
    frame["published"] = frame["published"].fillna("")
    return frame[["id", "name", "published", "actor", "stance"]]


def expected_means(frame: pd.DataFrame, period: pd.Series) -> dict[tuple[str, str], tuple]:
    """Per (actor, period): mean, n and the 95% interval by the printed t table."""
    rated = frame.assign(period=period).dropna(subset=["stance", "period"])
    out = {}
    for (actor, when), group in rated.groupby(["actor", "period"]):
        n, mean = len(group), group["stance"].mean()
        half = T_TABLE[n - 1] * group["stance"].std(ddof=1) / math.sqrt(n) if n > 1 else None
        out[(actor, when)] = (mean, n, half)
    return out


def months(frame: pd.DataFrame) -> pd.Series:
    dated = frame["published"].str.len() >= 7
    return frame["published"].str[:7].where(dated)


def weeks(frame: pd.DataFrame) -> pd.Series:
    days = pd.to_datetime(frame["published"].where(frame["published"].str.len() == 10))
    iso = days.dt.isocalendar()
    return (iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)).where(
        days.notna()
    )


def plotted(chart: StanceOverTime) -> dict[tuple[str, str], tuple]:
    return {
        (line.label, p.period): (
            p.estimate.mean, p.estimate.n,
            None if p.estimate.high is None else p.estimate.high - p.estimate.mean,
        )
        for line in chart.lines
        for p in line.points
    }  # fmt: skip


def same(found: dict, wanted: dict) -> None:
    assert found.keys() == wanted.keys()
    for key, (mean, n, half) in wanted.items():
        assert found[key][0] == pytest.approx(mean) and found[key][1] == n, key
        assert (found[key][2] is None) == (half is None), key
        if half is not None:
            assert found[key][2] == pytest.approx(half, rel=1e-3), key


def test_stance_over_time_per_month_and_week_for_a_coder(charted: Project) -> None:
    alice = raw(charted).query("name == 'Alice'")
    for by, period in (("month", months), ("week", weeks)):
        chart = chart_data(charted, "stance-over-time", Layer.of_coder("alice"), by=by)
        assert isinstance(chart, StanceOverTime)
        assert chart.title.endswith("— Alice's codings") and f"per {by}" in chart.title
        same(plotted(chart), expected_means(alice, period(alice)))
        for line in chart.lines:
            starts = [p.start for p in line.points]
            assert starts == sorted(starts)
    week = chart_data(charted, "stance-over-time", Layer.of_coder("Alice"), by="week")
    undated = alice["stance"].notna() & weeks(alice).isna()
    assert f"{undated.sum()} passages without a date to the week left out" in week.notes
    assert "a week with one passage has no interval" in week.notes


def test_each_coder_separately_is_never_pooled(charted: Project) -> None:
    frame = raw(charted)
    chart = chart_data(charted, "stance-over-time", Layer.each_coder())
    assert chart.title.endswith("— each coder separately")
    wanted = {}
    for coder in ("Alice", "Bob"):
        rows = frame[frame["name"] == coder]
        found = expected_means(rows, months(rows))
        wanted |= {(f"{actor} · {coder}", when): v for (actor, when), v in found.items()}
    assert len({line for line, _ in wanted}) == 6  # every series fits: none is left out
    same(plotted(chart), wanted)
    assert not any("not drawn" in note for note in chart.notes)


def test_the_consensus_layer_reads_only_the_consensus(charted: Project) -> None:
    name = consensus_coder(charted)
    article = next(a for a in list_articles(charted) if a.title == "Summit")
    start = read_article(charted, article.id).text.index("Vladimir Putin spoke")
    add_passage(charted, article.id, name, start, start + 20,
                {"actor": "Russia › Vladimir Putin", "stance": "+1"})  # fmt: skip
    chart = chart_data(charted, "stance-over-time")  # the consensus is the default now
    assert chart.title.endswith("— consensus") and chart.passages == 1
    assert plotted(chart) == {("Russia › Vladimir Putin", "2024-06"): (1.0, 1, None)}
    coders = chart_data(charted, "coders")  # side by side, whatever the default
    assert [row.coder for row in coders.coders] == ["Alice", "Bob"]


def test_a_coder_in_blind_mode_charts_only_their_own(charted: Project) -> None:
    set_blind_mode(charted, True)
    charted.actor = Actor("Bob")
    bob = raw(charted).query("name == 'Bob'")
    chart = chart_data(charted, "code-frequencies", Layer.each_coder())
    assert [bars.label for bars in chart.bars] == ["Bob"] and chart.passages == len(bob)
    coders = chart_data(charted, "coders", Layer.each_coder())
    assert [row.coder for row in coders.coders] == ["Bob"]


def test_stance_distribution_per_actor(charted: Project) -> None:
    bob = raw(charted).query("name == 'Bob'").dropna(subset=["stance", "actor"])
    chart = chart_data(charted, "stance-distribution", Layer.of_coder("Bob"))
    assert isinstance(chart, StanceDistribution) and chart.title.endswith("— Bob's codings")
    points = [value for value, _ in chart.scale.points]
    assert points == [-2, -1, 0, 1, 2]
    wanted = bob.groupby(["actor", "stance"]).size()
    found = {(row.label, points[i]): n for row in chart.rows for i, n in enumerate(row.counts) if n}
    assert found == {key: n for key, n in wanted.items()}
    assert chart.passages == len(bob)
    assert [row.n for row in chart.rows] == sorted(bob.groupby("actor").size(), reverse=True)


def test_code_frequencies_per_coder(charted: Project) -> None:
    frame = raw(charted)
    chart = chart_data(charted, "code-frequencies", Layer.each_coder())
    assert isinstance(chart, CodeFrequencies) and chart.variable == "actor"
    wanted = frame.groupby(["name", "actor"]).size()
    found = {(bars.label, code): n for bars in chart.bars
             for code, n in zip(chart.codes, bars.counts, strict=True) if n}  # fmt: skip
    assert found == dict(wanted.items())
    assert chart.passages == len(frame)
    assert "never coded left out" in chart.notes[0]


def test_coders_side_by_side(charted: Project) -> None:
    frame = raw(charted).dropna(subset=["stance"])
    chart = chart_data(charted, "coders", Layer.each_coder())
    assert isinstance(chart, CoderMeans)
    assert [row.coder for row in chart.coders] == ["Alice", "Bob"]
    for row in chart.coders:
        for group, found in zip(chart.groups, row.estimates, strict=True):
            values = frame[(frame["name"] == row.coder) & (frame["actor"] == group)]["stance"]
            if values.empty:
                assert found is None
                continue
            assert found is not None and found.n == len(values)
            assert found.mean == pytest.approx(values.mean())
            if len(values) > 1:
                half = T_TABLE[len(values) - 1] * values.std(ddof=1) / math.sqrt(len(values))
                assert found.high - found.mean == pytest.approx(half, rel=1e-3)


def test_filters_narrow_the_passages_charted(charted: Project) -> None:
    frame = raw(charted)
    filters = RetrievalFilter(date_from="2024-06-05", date_to="2024-06-30", stance_min=0)
    chart = chart_data(charted, "code-frequencies", Layer.of_coder("Alice"), filters)
    june = frame["published"].str.startswith("2024-06") & (frame["published"] >= "2024-06-05")
    kept = frame[(frame["name"] == "Alice") & june & (frame["stance"] >= 0)]
    assert chart.passages == len(kept)
    assert dict(zip(chart.codes, chart.bars[0].counts, strict=True)) == dict(
        kept.groupby("actor").size().items()
    )


def test_grouping_by_another_variable(charted: Project) -> None:
    assert chart_variables(charted)[0] == "actor"
    chart = chart_data(charted, "code-frequencies", Layer.of_coder("Bob"), per="Topic")
    assert chart.title == "Passages per topic — Bob's codings"
    bob = raw(charted).query("name == 'Bob'")
    assert chart.codes == ("Sanctions",) and chart.bars[0].counts == (len(bob),)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "pie"}, "unknown chart 'pie'"),
        ({"kind": "stance-over-time", "by": "year"}, "unknown period 'year'"),
        ({"kind": "coders", "layer": Layer.of_coder("Alice")}, "choose each-coder"),
        ({"kind": "coders", "per": "stance"}, "cannot group by 'stance'"),
        ({"kind": "stance-distribution", "layer": Layer.consensus()}, "no consensus yet"),
        ({"kind": "stance-distribution", "layer": Layer.of_coder("Carol")}, "Carol"),
        ({"kind": "coders", "filters": RetrievalFilter(coders=["Alice"])}, "choose the layer"),
        ({"kind": "coders", "filters": RetrievalFilter(date_from="June")}, "not a date"),
    ],
)
def test_bad_requests_are_one_line(charted: Project, kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as raised:
        chart_data(charted, **kwargs)
    assert "\n" not in str(raised.value)


def test_bad_outputs_are_refused_and_nothing_is_written(charted: Project, tmp_path: Path) -> None:
    chart = chart_data(charted, "code-frequencies", Layer.each_coder())
    with pytest.raises(ValidationError, match=r"use a \.pdf, \.svg or \.png name"):
        save_chart(charted, chart, tmp_path / "figure.jpg")
    assert not (tmp_path / "figure.jpg").exists()
    locked = tmp_path / "locked.png"
    locked.write_bytes(b"an earlier figure")
    locked.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        save_chart(charted, chart, locked)
    assert locked.read_bytes() == b"an earlier figure"
