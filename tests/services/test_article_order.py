"""The article list as ids: the filters and the order the window asks for, on both back
ends, against orders written out by hand for the charts' small dated corpus."""

from __future__ import annotations

import pytest

from stancecoder.services.article_order import ArticleOrder, article_ids
from stancecoder.services.articles import ArticleQuery, list_articles
from stancecoder.services.codings import set_status
from stancecoder.services.project import Project


def titled(project: Project, ids: list[int]) -> list[str]:
    titles = {row.id: row.title for row in list_articles(project)}
    return [titles[article_id] for article_id in ids]


@pytest.fixture
def begun(charted: Project) -> Project:
    """Coding began every article Alice coded (all of them) and all but Archive of Bob's;
    then Alice put Visit back to do and finished Treaty, Bob finished Drills."""
    ids = {row.title: row.id for row in list_articles(charted)}
    set_status(charted, ids["Visit"], "Alice", "todo")
    set_status(charted, ids["Treaty"], "Alice", "done")
    set_status(charted, ids["Drills"], "Bob", "done")
    return charted


IMPORTED = ["Summit", "Visit", "Treaty", "Drills", "Review", "Archive"]


@pytest.mark.parametrize(
    ("column", "descending", "expected"),
    [
        ("title", False, ["Archive", "Drills", "Review", "Summit", "Treaty", "Visit"]),
        ("title", True, ["Visit", "Treaty", "Summit", "Review", "Drills", "Archive"]),
        # equals stay in import order, whichever way
        ("source", False, ["Visit", "Drills", "Summit", "Treaty", "Review", "Archive"]),
        ("source", True, ["Summit", "Treaty", "Review", "Archive", "Visit", "Drills"]),
        # a month alone sorts before its days; no date first
        ("published", False, ["Archive", "Summit", "Visit", "Treaty", "Review", "Drills"]),
        # Alice's passages: Treaty 3, Summit and Visit 2, the others 1
        ("passages", True, ["Treaty", "Summit", "Visit", "Drills", "Review", "Archive"]),
        ("status", False, ["Visit", "Summit", "Drills", "Review", "Archive", "Treaty"]),
        ("status", True, ["Treaty", "Summit", "Drills", "Review", "Archive", "Visit"]),
    ],
)
def test_an_order_sorts_by_what_the_list_shows(
    begun: Project, column: str, descending: bool, expected: list[str]
) -> None:
    ids = article_ids(begun, "Alice", order=ArticleOrder(column, descending))
    assert titled(begun, ids) == expected


def test_without_an_order_the_ids_come_in_import_order(begun: Project) -> None:
    assert titled(begun, article_ids(begun, "Alice")) == IMPORTED


def test_the_status_filter_counts_an_article_never_given_as_to_do(begun: Project) -> None:
    def having(status: str, coder: str | None = "Alice") -> list[str]:
        return titled(begun, article_ids(begun, coder, ArticleQuery(status=status)))

    assert having("todo") == ["Visit"]
    assert having("doing") == ["Summit", "Drills", "Review", "Archive"]
    assert having("done") == ["Treaty"]
    assert having("todo", "Bob") == ["Archive"]  # never given to Bob
    assert having("done", "Bob") == ["Drills"]
    assert having("todo", None) == IMPORTED  # without a coder, everything is to do
    assert having("done", None) == []


def test_filters_and_order_together(begun: Project) -> None:
    query = ArticleQuery(source="Yonhap", status="doing")
    ids = article_ids(begun, "Alice", query, ArticleOrder("title", descending=True))
    assert titled(begun, ids) == ["Summit", "Review", "Archive"]


@pytest.mark.parametrize(
    "query",
    [
        ArticleQuery(),
        ArticleQuery(status="todo"),
        ArticleQuery(status="done", source="Yonhap"),
        ArticleQuery(status="doing", source="TASS"),
        ArticleQuery(assigned=True),
    ],
)
def test_the_ids_are_those_of_the_rows_the_list_reads(begun: Project, query: ArticleQuery) -> None:
    """The window holds these ids and reads their rows as they are shown: both agree."""
    rows = list_articles(begun, "Alice", query)
    assert article_ids(begun, "Alice", query) == [row.id for row in rows]
    assert all(row.status == query.status for row in rows if query.status)


def test_assigned_to_me_with_a_status_and_an_order(begun: Project) -> None:
    """The list's start for a coder with work to do, read from the coder's assignments:
    Bob was never given Archive, finished Drills and began the rest."""

    def bobs(query: ArticleQuery, order: ArticleOrder | None = None) -> list[str]:
        return titled(begun, article_ids(begun, "Bob", query, order))

    assert bobs(ArticleQuery(assigned=True)) == ["Summit", "Visit", "Treaty", "Drills", "Review"]
    assert bobs(ArticleQuery(assigned=True, status="done")) == ["Drills"]
    assert bobs(ArticleQuery(assigned=True, status="doing")) == [
        "Summit",
        "Visit",
        "Treaty",
        "Review",
    ]
    assert bobs(ArticleQuery(assigned=True, status="todo")) == []  # Archive is no one's of his
    by_status = ArticleOrder("status", descending=True)
    assert bobs(ArticleQuery(assigned=True), by_status) == [
        "Drills",
        "Summit",
        "Visit",
        "Treaty",
        "Review",
    ]
    by_title = ArticleOrder("title")
    assert bobs(ArticleQuery(assigned=True), by_title) == [
        "Drills",
        "Review",
        "Summit",
        "Treaty",
        "Visit",
    ]
