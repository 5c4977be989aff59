from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.core.newsmeta import NewsHeader, normalise_date, split_news_header
from stancecoder.core.text import canonical_text

SEEDS = Path(__file__).parents[2] / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return canonical_text(path.read_text(encoding="utf-8"))


def test_seed_with_label_title_dateline_and_source_line() -> None:
    text = seed_text("002")
    header = split_news_header(text)
    assert header.title == (
        "(LEAD) (News Focus) Putin\u2019s N.K. trip raises security uncertainties, "
        "dims N.K. dialogue prospects"
    )
    assert header.dateline == "WASHINGTON, June 17 (Yonhap)"
    assert header.source == "Yonhap"
    assert header.published is None
    assert text[header.body_start :].startswith("Russian President Vladimir Putin\u2019s imminent")


def test_seed_that_opens_with_its_body_has_no_header() -> None:
    assert split_news_header(seed_text("000")) == NewsHeader()


def test_the_title_is_the_short_line_the_body_follows() -> None:
    text = "World\n\nSummit ends without a deal\n\nLeaders left Hanoi early on Thursday."
    header = split_news_header(text)
    assert header.title == "Summit ends without a deal"
    assert text[header.body_start :] == "Leaders left Hanoi early on Thursday."


def test_date_and_byline_lines_are_not_titles() -> None:
    text = (
        "Summit ends without a deal\n\nBy Kim Soo-yeon, Yonhap reporter\n\n"
        "Published: June 17, 2024\n\nUpdated: June 18, 2024 10:00 KST\n\nLeaders left early."
    )
    header = split_news_header(text)
    assert header.title == "Summit ends without a deal"
    assert header.author == "Kim Soo-yeon"
    assert header.published == "2024-06-17"
    assert text[header.body_start :] == "Leaders left early."


def test_a_line_ending_with_a_period_is_body_not_title() -> None:
    text = "Leaders met.\n\nThey talked for hours."
    assert split_news_header(text) == NewsHeader()


def test_only_short_lines_means_no_body_and_no_title() -> None:
    assert split_news_header("General\n\nAnother label\n\nThird") == NewsHeader()


def test_a_long_first_paragraph_without_period_is_body() -> None:
    text = "x" * 201 + "\n\nMore."
    assert split_news_header(text).title is None


@pytest.mark.parametrize(
    ("text", "dateline", "source", "published", "body"),
    [
        ("SEOUL (Reuters) - North Korea fired.", "SEOUL (Reuters)", "Reuters", None, "North"),
        ("NEW YORK, Jan. 5 -- Stocks fell.", "NEW YORK, Jan. 5", None, None, "Stocks"),
        (
            "JACKSON, Miss., June 17, 2024 (AP) \u2014 The governor said.",
            "JACKSON, Miss., June 17, 2024 (AP)",
            "AP",
            "2024-06-17",
            "The",
        ),
        ("ST. PETERSBURG (TASS)\u2014Putin spoke.", "ST. PETERSBURG (TASS)", "TASS", None, "Putin"),
    ],
)
def test_datelines(
    text: str, dateline: str, source: str | None, published: str | None, body: str
) -> None:
    header = split_news_header(text)
    assert (header.dateline, header.source, header.published) == (dateline, source, published)
    assert text[header.body_start :].startswith(body)


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON \u2014 The president said.",  # neither date nor agency
        "NATO, Foo 17 \u2014 text.",  # not a month
        "Washington, June 17 (Yonhap) \u2014 not in capitals.",
        "The U.S. (and its allies) \u2014 said.",
    ],
)
def test_not_datelines(text: str) -> None:
    header = split_news_header(text)
    assert header.dateline is None
    assert header.body_start == 0


def test_a_source_line_gives_the_source_when_no_agency_does() -> None:
    text = "Title here\n\nThe body.\n\nSOURCE: Korea Herald"
    assert split_news_header(text).source == "Korea Herald"


def test_the_dateline_agency_wins_over_a_source_line() -> None:
    text = "SEOUL, June 17 (Yonhap) \u2014 Text.\n\nSource: Yonhap News Agency"
    assert split_news_header(text).source == "Yonhap"


def test_a_source_line_without_body_still_counts() -> None:
    assert split_news_header("Source: AFP").source == "AFP"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-06-17", "2024-06-17"),
        (" 17.06.2024 ", "2024-06-17"),
        ("June 17, 2024", "2024-06-17"),
        ("Jun. 17, 2024", "2024-06-17"),
        ("June 17th, 2024", "2024-06-17"),
        ("17 June 2024", "2024-06-17"),
        ("Monday, June 17, 2024", "2024-06-17"),
        ("Mon, 17 Jun 2024 10:00:00 +0000", "2024-06-17"),
        ("2024-06-17T10:30:00Z", "2024-06-17"),
        ("2024-06-17 10:30", "2024-06-17"),
        ("Jun 17, 2024 10:23 AM", "2024-06-17"),
        ("2024/6/7", "2024-06-07"),
        ("2024.06.17.", "2024-06-17"),
        ("2024\ub144 6\uc6d4 17\uc77c", "2024-06-17"),
        ("06/17/2024", "2024-06-17"),
        ("17/06/2024", "2024-06-17"),
        ("06/06/2024", "2024-06-06"),
        ("2024-06", "2024-06"),
        ("June 2024", "2024-06"),
        ("Sept. 2024", "2024-09"),
        ("2024", "2024"),
    ],
)
def test_dates_are_normalised(raw: str, iso: str) -> None:
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    ["", "yesterday", "06/07/2024", "2024-02-30", "2024-13", "0000", "Foo 17, 2024", "17 Ju 2024"],
)
def test_unreadable_or_ambiguous_dates_are_none(raw: str) -> None:
    assert normalise_date(raw) is None
