"""Narrowing the article list by date and by attribute: "June 2024", "section: World or
Politics".

Dates are ISO text, possibly partial ("2024", "2024-06"), so a date stands for its whole
period and an article is in a range when its period and the range overlap: "2024-06" is
in 10–20 June, and a range ending "2024-06" runs to the end of June. Compared as text
with "~" (after every digit and "-") closing a period, that is two comparisons on the
indexed column, the same on SQLite and PostgreSQL. An article without a date is in no
range.

Attributes are JSON in `article.extra` and are matched in Python as the list's rows are
read (`core.attributes.read_attributes`, the one reading the header and the export use).
At 10,000 articles (`bench/bench_attributes.py`) that adds about 10 ms on SQLite and 25 ms
on PostgreSQL to a list read of 170–200 ms. Matching the JSON in SQL is not needed for
that, and would cost more than it saves: its functions differ between the two back ends,
and one malformed value fails the whole query, so the list would vanish for one bad row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, select

from stancecoder.core.attributes import read_attributes
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article

if TYPE_CHECKING:
    from stancecoder.services.project import Project

CLOSE = "~"  # sorts after digits and "-": "2024-06~" follows every day of June 2024


@dataclass(frozen=True)
class DateRange:
    """ISO dates, possibly partial; either end may be open (None)."""

    start: str | None = None
    end: str | None = None

    def __bool__(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class AttributeFilter:
    """Articles whose attribute `key` has one of `values`; no values: no filter."""

    key: str = ""
    values: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.key and self.values)

    def keeps(self, extra: str | None) -> bool:
        return read_attributes(extra).get(self.key) in self.values


def date_range(start: str = "", end: str = "") -> DateRange:
    """The range between two dates as a user writes them ("2024-06", "17 June 2024"); an
    empty one is open. Refuses a date it cannot read and a start after the end."""
    bounds = [_bound(text, which) for text, which in ((start, "start"), (end, "end"))]
    first, last = bounds
    if first is not None and last is not None and first > last + CLOSE:
        raise ValidationError(f"the date range starts ({first}) after it ends ({last})")
    return DateRange(first, last)


def _bound(text: str, which: str) -> str | None:
    if not text.strip():
        return None
    # only now: compiling its date patterns on import cost the window's start 40-80 ms, loaded
    from stancecoder.core.newsmeta import normalise_date

    iso = normalise_date(text)
    if iso is None:
        raise ValidationError(
            f"cannot read the {which} of the date range, {text.strip()[:40]!r}, as a date "
            "(write it as 2024, 2024-06 or 2024-06-17)"
        )
    return iso


def date_conditions(dates: DateRange) -> list[ColumnElement[bool]]:
    """Conditions on `Article.published` for the overlap of periods described above."""
    conditions: list[ColumnElement[bool]] = []
    if dates.start is not None:
        conditions.append((Article.published + CLOSE) >= dates.start)
    if dates.end is not None:
        conditions.append(Article.published <= dates.end + CLOSE)
    return conditions


def attribute_values(project: Project) -> dict[str, list[tuple[str, int]]]:
    """Each attribute key in the project with its values and how many articles have each,
    the most frequent first: what the filter offers to choose from."""
    counts: dict[str, Counter[str]] = {}
    with project.reading() as session:
        for extra in session.execute(select(Article.extra)).scalars():
            for key, value in read_attributes(extra).items():
                counts.setdefault(key, Counter())[value] += 1
    return {
        key: sorted(found.items(), key=lambda item: (-item[1], item[0]))
        for key, found in sorted(counts.items())
    }
