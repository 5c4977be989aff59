"""The counting behind the crosstabs, on units written by hand: each figure checked against
the number worked out in the test."""

from __future__ import annotations

import math
import statistics

import pytest

from stancecoder.core.crosstab import Mean, Unit, article_category, cooccurrence, crosstab
from stancecoder.core.crosstab_text import aligned, cell_text, mean_text, notes


def test_a_mean_with_its_interval() -> None:
    values = [-1.0, 0.0, 2.0, 1.0]
    mean = Mean.of(values)
    half = 3.1824463 * statistics.stdev(values) / math.sqrt(4)
    assert (mean.n, mean.mean) == (4, 0.5)
    assert (mean.low, mean.high) == (pytest.approx(0.5 - half), pytest.approx(0.5 + half))
    assert Mean.of([2.0]) == Mean(1, 2.0, None, None)
    assert Mean.of([]) == Mean(0, None, None, None)
    assert mean_text(mean) == "+0.50 [−1.55, +2.55] n=4"
    assert mean_text(Mean.of([-0.004])) == "0.00 n=1"
    assert mean_text(Mean.of([])) == "–"


def unit(pid: int, article: int, stance: float | None = None, **categories: str) -> Unit:
    return Unit(pid, article, {k: tuple(v.split("|")) for k, v in categories.items()}, stance)


UNITS = [
    unit(1, 10, -1, actor="Russia", topic="Sanctions|Trade"),
    unit(2, 10, 1, actor="Russia", topic="Trade"),
    unit(3, 11, None, actor="Korea", topic="Trade"),
    unit(4, 11, 2, actor="Korea"),  # no topic: left out
    unit(5, 12, 0, actor="Russia|Russia", topic="Trade"),  # two sub-codes rolled up to one
]


def test_a_crosstab_counts_passages_articles_and_the_mean() -> None:
    table = crosstab(UNITS, "actor", "topic", {"topic": ["Trade", "Sanctions", "War"]})
    assert table.row_keys == ("Korea", "Russia") and table.column_keys == ("Trade", "Sanctions")
    trade = table.cell("Russia", "Trade")
    assert (trade.passages, trade.articles, trade.passage_ids) == (3, 2, (1, 2, 5))
    assert trade.stance.mean == 0 and trade.stance.n == 3
    assert table.cell("Korea", "Trade").stance == Mean(0, None, None, None)
    assert table.cell("Korea", "Sanctions").passages == 0
    assert table.cell("Russia", None).passages == 3  # passage 1 once, though in two columns
    assert table.cell(None, None).passages == 4 and table.left_out == 1
    assert table.cell(None, "Trade").passages + table.cell(None, "Sanctions").passages == 5


def test_the_text_of_a_table() -> None:
    table = crosstab(UNITS, "actor", "topic")
    assert aligned(table, "passages") == [
        "actor \\ topic  Sanctions  Trade  Total",
        "Korea                  0      1      1",
        "Russia                 1      3      3",
        "Total                  1      4      4",
    ]
    assert cell_text(table.cell("Korea", "Sanctions"), "mean-stance") == "–"
    assert cell_text(table.cell("Russia", "Trade"), "articles") == "2"
    assert notes(table, ["topic"]) == [
        "1 passage without a category of actor or topic left out",
        "a passage with several codes of topic counts once under each, so the topic "
        "categories add up to more than the total",
    ]


def test_cooccurrence_in_a_passage_and_in_an_article() -> None:
    matrix = cooccurrence(UNITS, ["topic"], ["Trade", "Sanctions"])
    assert matrix.keys == ("Trade", "Sanctions")
    assert matrix.in_passages("Trade", "Sanctions") == (1,)
    assert matrix.in_passages("Trade", "Trade") == (1, 2, 3, 5)
    assert matrix.in_articles("Sanctions", "Trade") == (10,)
    both = cooccurrence(UNITS, ["actor", "topic"])
    assert both.in_passages("actor: Korea", "topic: Trade") == (3,)
    assert both.in_articles("actor: Korea", "actor: Korea") == (11,)
    assert both.in_passages("actor: Korea", "actor: Russia") == ()


@pytest.mark.parametrize(
    ("dimension", "source", "published", "category"),
    [("source", "TASS", None, "TASS"), ("source", "", "2024", None),
     ("year", None, "2024-06-17", "2024"), ("year", None, "", None),
     ("month", None, "2024-06-17", "2024-06"), ("month", None, "2024", None),
     ("week", None, "2024-06-17", "2024-W25"), ("week", None, "2024-12-30", "2025-W01"),
     ("week", None, "2024-06", None)],
)  # fmt: skip
def test_an_article_attribute(
    dimension: str, source: str | None, published: str | None, category: str | None
) -> None:
    assert article_category(dimension, source, published) == category
