"""The date a stored publication date stands for in a column of dates."""

from __future__ import annotations

from datetime import date

import pytest

from stancecoder.core.periods import first_day


@pytest.mark.parametrize(
    ("published", "day"),
    [
        ("2024-06-17", date(2024, 6, 17)),
        ("2024-06-17T10:00:00+03:00", date(2024, 6, 17)),
        ("2024-06", date(2024, 6, 1)),
        ("2024", date(2024, 1, 1)),
        ("", None),
        (None, None),
        ("June 2024", None),
        ("2024-02-30", None),
    ],
)
def test_a_month_or_a_year_alone_falls_on_its_first_day(
    published: str | None, day: date | None
) -> None:
    assert first_day(published) == day
