"""The change log's notices as a window reads them: the row itself, its id alone when it was
too long, and anything else (a newer app's notice) as unreadable, which sends the window to
the log."""

from __future__ import annotations

import pytest

from stancecoder.db.change_notice import Notice, read_notice


def test_a_notice_carries_its_row() -> None:
    payload = '[12, "[3, 4]", "[7]", false, true]'
    assert read_notice(payload) == Notice(12, "[3, 4]", "[7]", False, True, whole=True)


def test_a_row_too_long_is_announced_by_its_id() -> None:
    notice = read_notice("[12]")
    assert notice == Notice(12) and not notice.whole


@pytest.mark.parametrize(
    "payload",
    ["", "12", "{}", "[]", '["12"]', "[true]", "[12, 1, 2]", '[12, [3], "[7]", false, false]'],
)
def test_anything_else_is_unreadable(payload: str) -> None:
    assert read_notice(payload) is None
