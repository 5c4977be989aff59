"""The article list narrowed by a date range and by an attribute's values, on both back
ends, against the stored rows read and compared in plain Python here."""

from __future__ import annotations

import calendar
import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article
from stancecoder.services.article_filters import (
    AttributeFilter,
    DateRange,
    attribute_values,
    date_range,
)
from stancecoder.services.articles import ArticleQuery, list_articles
from stancecoder.services.project import Project


def stored(project: Project) -> list[tuple[int, str | None, dict[str, str]]]:
    with project.reading() as session:
        rows = session.execute(select(Article.id, Article.published, Article.extra)).all()
    return [(i, published, json.loads(extra)) for i, published, extra in rows]


def listed(project: Project, **query: object) -> list[int]:
    return [row.id for row in list_articles(project, "Alice", ArticleQuery(**query))]  # type: ignore[arg-type]


def set_date(project: Project, title: str, published: str) -> None:
    with project.transaction() as session:
        session.execute(update(Article).where(Article.title == title).values(published=published))


def test_an_attribute_keeps_the_articles_with_one_of_its_values(attributed: Project) -> None:
    chosen = ("World", "Business")
    expected = sorted(i for i, _d, extra in stored(attributed) if extra.get("section") in chosen)
    assert len(expected) == 2
    assert listed(attributed, attribute=AttributeFilter("section", chosen)) == expected
    region = [i for i, _d, extra in stored(attributed) if extra.get("region") == "Europe"]
    assert listed(attributed, attribute=AttributeFilter("region", ("Europe",))) == region
    assert listed(attributed, attribute=AttributeFilter("region", ())) == listed(attributed)


def test_the_values_offered_are_counted_from_the_rows(attributed: Project) -> None:
    counts: dict[str, dict[str, int]] = {}
    for _i, _d, extra in stored(attributed):
        for key, value in extra.items():
            if value:
                counts.setdefault(key, {}).setdefault(value, 0)
                counts[key][value] += 1
    offered = attribute_values(attributed)
    assert {key: dict(values) for key, values in offered.items()} == counts
    assert offered["region"][0] == ("Europe", 2)  # the most frequent first


@pytest.mark.parametrize(
    ("start", "end"),
    [("2024-06-20", "2024-07-31"), ("2024-06", "2024-06"), ("2024", ""), ("", "2024-06-19"),
     ("2024-06-21", "2024-08-14"), ("2023-12-31", "2023-12-31")],
)  # fmt: skip
def test_a_date_range_keeps_the_dates_in_it(attributed: Project, start: str, end: str) -> None:
    first = dt.date.fromisoformat((start or "0001") + "-01-01"[len(start or "0001") - 4 :])
    last = dt.date.max
    if end:
        year, month, day = [*end.split("-"), None, None][:3]
        month_end = calendar.monthrange(int(year), int(month or 12))[1]
        last = dt.date(int(year), int(month or 12), int(day or month_end))

    def inside(published: str | None) -> bool:  # the fixture's dates are whole
        return published is not None and first <= dt.date.fromisoformat(published) <= last

    expected = [i for i, published, _e in stored(attributed) if inside(published)]
    assert listed(attributed, dates=date_range(start, end)) == expected


def test_a_partial_date_stands_for_its_whole_period(attributed: Project) -> None:
    set_date(attributed, "Talks in Pyongyang", "2024-06")
    set_date(attributed, "Summit ends", "2024")
    june = [row.id for row in list_articles(attributed) if row.title in {
        "Talks in Pyongyang", "Summit ends"}]  # fmt: skip
    assert listed(attributed, dates=date_range("2024-06-10", "2024-06-12")) == june
    assert listed(attributed, dates=DateRange(end="2023-12-31")) == [
        row.id for row in list_articles(attributed) if row.title == "Untold"
    ]


def test_an_article_without_a_date_is_in_no_range(attributed: Project) -> None:
    with attributed.transaction() as session:
        session.execute(update(Article).values(published=None))
    assert listed(attributed, dates=date_range("1900", "2100")) == []
    assert len(listed(attributed)) == 5


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        ("June", "", "cannot read the start of the date range, 'June', as a date"),
        ("", "2024-13-01", "cannot read the end of the date range, '2024-13-01'"),
        ("2024-07", "2024-06-30", "the date range starts (2024-07) after it ends (2024-06-30)"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused_in_one_line(start: str, end: str, said: str) -> None:
    with pytest.raises(ValidationError, match=said.replace("(", r"\(").replace(")", r"\)")):
        date_range(start, end)


def test_attributes_that_are_not_an_object_match_nothing_and_hide_nothing_else(
    attributed: Project,
) -> None:
    broken = min(i for i, _d, _e in stored(attributed))
    with attributed.transaction() as session:
        session.execute(update(Article).where(Article.id == broken).values(extra="{broken"))
    assert broken not in listed(attributed, attribute=AttributeFilter("section", ("World",)))
    assert broken in listed(attributed)
    assert "World" not in dict(attribute_values(attributed)["section"])
