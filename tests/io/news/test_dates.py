"""Date lines of news exports: read only when written out in full, never guessed."""

from __future__ import annotations

import pytest

from stancecoder.io.news.dates import language_code, read_date_line


@pytest.mark.parametrize(
    ("line", "iso", "rest"),
    [
        ("July 2, 2019 Tuesday 9:33 AM GMT", "2019-07-02", "Tuesday 9:33 AM GMT"),
        ("May 2, 2002, Thursday,, FINAL EDITION", "2002-05-02", "Thursday,, FINAL EDITION"),
        ("November 5, 2002 4:38 AM EST", "2002-11-05", "4:38 AM EST"),
        ("Friday, March 5, 2021", "2021-03-05", ""),
        ("4. Juli 2019 Donnerstag", "2019-07-04", "Donnerstag"),
        ("4. März 2021", "2021-03-04", ""),
        ("4 oktober 2017 woensdag", "2017-10-04", "woensdag"),
        ("29 décembre 2011", "2011-12-29", ""),
        ("4 de julio de 2019", "2019-07-04", ""),
        ("2021-03-04", "2021-03-04", ""),
    ],
)
def test_a_date_written_out_is_read(line: str, iso: str, rest: str) -> None:
    assert read_date_line(line) == (iso, rest)


@pytest.mark.parametrize(
    "line", ["Spring 2021", "03/04/2021", "February 30, 2021", "Thursday", "Smarch 4, 2021"]
)
def test_anything_else_is_not_a_date(line: str) -> None:
    assert read_date_line(line) == (None, line)


def test_language_names_become_codes_and_unknown_ones_stay() -> None:
    assert [language_code(n) for n in ("ENGLISH", "Deutsch", "Français", "Klingon")] == [
        "en",
        "de",
        "fr",
        "Klingon",
    ]
