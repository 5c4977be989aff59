"""The period an article's date falls in: a calendar month or an ISO week (Monday to
Sunday, numbered as ISO 8601 does, so week 1 of a year may begin in December)."""

from __future__ import annotations

from datetime import date


def period_of(published: str, by: str) -> tuple[str, date] | None:
    """The period's name and first day, or None where the date is too coarse for it (a
    year alone, or a month for weeks) or not a date."""
    parts = published.split("-")
    try:
        numbers = [int(part) for part in parts]
        if by == "month" and len(numbers) >= 2:
            first = date(numbers[0], numbers[1], 1)
            return f"{first:%Y-%m}", first
        if by == "week" and len(numbers) == 3:
            year, week, _ = date(*numbers).isocalendar()
            return f"{year}-W{week:02d}", date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return None


def first_day(published: str | None) -> date | None:
    """The date a stored publication date stands for in a column of dates: a month or a
    year alone falls on its first day (as in `stancecoder.open`), anything else is none."""
    try:
        numbers = [int(part) for part in (published or "")[:10].split("-")]
        if 1 <= len(numbers) <= 3:
            return date(*numbers, *[1] * (3 - len(numbers)))
    except ValueError:
        return None
    return None
