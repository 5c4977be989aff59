"""Copies of one story found in a project on SQLite and on the PostgreSQL server: the
clusters and their figures checked against word 5-grams counted here, marks kept across
runs and never deleting an article, excluded copies left out of samples and of new
codings, another copy kept, and the refusals."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import func, select

from stancecoder.core.actor import Actor
from stancecoder.core.errors import NotYoursError, ValidationError
from stancecoder.db.models import Article, ChangeLog, DuplicateCopy, History
from stancecoder.services.article_order import article_ids
from stancecoder.services.article_rows_by_id import rows_by_id
from stancecoder.services.articles import ArticleQuery, list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes, set_status
from stancecoder.services.commands import CreatePassage, SetArticleCodes
from stancecoder.services.corpus import import_corpus
from stancecoder.services.duplicate_marks import (
    ExcludedCopyError,
    KeepCopy,
    SetExcluded,
    read_clusters,
)
from stancecoder.services.duplicates import find_duplicates
from stancecoder.services.live import newest_change
from stancecoder.services.project import Project
from stancecoder.services.samples import draw_sample, pool_size, split_rest

RNG = random.Random(5)
VOCABULARY = [f"word{i}" for i in range(5000)]


def paragraph() -> str:
    return " ".join(RNG.choice(VOCABULARY) for _ in range(40)) + "."


STORY_A = [paragraph() for _ in range(8)]
STORY_B = [paragraph() for _ in range(6)]
FILES = {  # title -> body; the title is the file's first line
    "A original": STORY_A,
    "A ORIGINAL": [p.upper() for p in STORY_A],
    "A short": STORY_A[:3],
    "A updated": [*STORY_A, paragraph(), paragraph()],
    "B original": STORY_B,
    "B wire": ["SEOUL (AP) — " + paragraph(), *STORY_B[1:]],
    "other one": [paragraph() for _ in range(6)],
    "other two": [paragraph() for _ in range(6)],
}
STORIES = {"A": {"A original", "A ORIGINAL", "A short", "A updated"}, "B": {"B original", "B wire"}}


def grams(text: str) -> set[tuple[str, ...]]:
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}


@pytest.fixture
def planted(project: Project, tmp_path: Path) -> dict[str, int]:
    """The files imported; each title's article id."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, (title, body) in enumerate(FILES.items()):
        (folder / f"{number}.txt").write_text(title + "\n\n" + "\n\n".join(body) + "\n")
    assert len(import_corpus(project, [folder]).imported) == len(FILES)
    add_coder(project, "Alice")
    add_coder(project, "Bob")
    return {row.title: row.id for row in list_articles(project)}


def test_the_planted_copies_are_found_with_the_longest_kept(
    project: Project, planted: dict[str, int]
) -> None:
    report = find_duplicates(project)
    assert report is not None and report.articles == len(FILES)
    texts = {title: read_article(project, i).text for title, i in planted.items()}
    clusters = read_clusters(project)
    found = {frozenset(c.article_id for c in cluster.copies) for cluster in clusters}
    assert found == {frozenset(planted[t] for t in story) for story in STORIES.values()}
    for cluster in clusters:
        titles = [t for t, i in planted.items() if i in {c.article_id for c in cluster.copies}]
        longest = max(titles, key=lambda t: len(texts[t]))
        assert cluster.kept == planted[longest] == cluster.copies[0].article_id
        kept = grams(texts[longest])
        for copy in cluster.copies[1:]:
            other = grams(read_article(project, copy.article_id).text)
            shared = len(kept & other)
            assert copy.jaccard == pytest.approx(shared / len(kept | other))
            assert copy.containment == pytest.approx(shared / min(len(kept), len(other)))
            assert not copy.excluded
    kinds = {c.article_id: c.kind for cluster in clusters for c in cluster.copies[1:]}
    # "A ORIGINAL" equals "A original" once case is set aside; the kept copy is "A updated"
    assert set(kinds.values()) == {"near"}
    KeepCopy(planted["A original"]).apply(project)
    again = {c.article_id: c.kind for cluster in read_clusters(project) for c in cluster.copies}
    assert again[planted["A ORIGINAL"]] == "exact"


def test_marks_stay_across_runs_and_no_article_is_ever_deleted(
    project: Project, planted: dict[str, int]
) -> None:
    find_duplicates(project)
    SetExcluded((planted["A short"],), True).apply(project)
    before = read_clusters(project)
    report = find_duplicates(project, jaccard=0.95, containment=0.99)
    assert report is not None and report.new_copies == 0
    assert read_clusters(project) == before  # a stricter run unmarks nothing
    with project.reading() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == len(FILES)
        assert session.scalar(select(func.count()).select_from(DuplicateCopy)) == 6


def test_excluded_copies_leave_samples_and_the_split(
    project: Project, planted: dict[str, int]
) -> None:
    find_duplicates(project, exclude_copies=True)
    copies = {planted[t] for t in ("A original", "A ORIGINAL", "A short", "B original")}
    with project.reading() as session:
        recorded = session.scalars(select(History.article_id).where(History.action == "copy"))
        assert set(recorded) == copies  # each exclusion in the history
    assert pool_size(project) == len(FILES) - len(copies)
    drawn = draw_sample(project, "all", share=1.0, coders=["Alice", "Bob"], seed=3)
    assert set(drawn.article_ids) == set(planted.values()) - copies
    SetExcluded((planted["A short"],), False).apply(project)
    assert set(split_rest(project, ["Alice"])["Alice"]) == {planted["A short"]}


def test_a_new_coding_of_an_excluded_copy_is_refused_until_it_is_included(
    project: Project, planted: dict[str, int]
) -> None:
    short = planted["A short"]
    add_passage(project, short, "Alice", 0, 7, {})
    find_duplicates(project)
    SetExcluded((short,), True).apply(project)
    with pytest.raises(ExcludedCopyError, match=f"code article {planted['A updated']}"):
        add_passage(project, short, "Alice", 8, 12, {})
    with pytest.raises(ExcludedCopyError):
        CreatePassage(short, "Bob", 0, 7).apply(project)
    with pytest.raises(ExcludedCopyError):
        SetArticleCodes(short, "Bob", {"genre": [1]}).apply(project)
    with pytest.raises(ExcludedCopyError):
        set_article_codes(project, short, "Bob", {"genre": "News report"})
    assert [row.passages for row in rows_by_id(project, None, [short])] == [1]  # kept
    SetExcluded((short,), False).apply(project)
    add_passage(project, short, "Alice", 8, 12, {})


def test_keeping_another_copy_swaps_their_marks_and_undoes(
    project: Project, planted: dict[str, int]
) -> None:
    find_duplicates(project, exclude_copies=True)
    inverse, changes = KeepCopy(planted["A short"]).apply(project)
    cluster = next(c for c in read_clusters(project) if c.kept == planted["A short"])
    marks = {c.article_id: c.excluded for c in cluster.copies}
    assert not marks[planted["A short"]] and marks[planted["A updated"]]
    assert changes.articles == {planted[t] for t in STORIES["A"]}
    short = grams(read_article(project, planted["A short"]).text)
    original = grams(read_article(project, planted["A original"]).text)
    figures = next(c for c in cluster.copies if c.article_id == planted["A original"])
    assert figures.containment == pytest.approx(len(short & original) / len(short))
    inverse.apply(project)
    cluster = next(c for c in read_clusters(project) if planted["A short"] in
                   {copy.article_id for copy in c.copies})  # fmt: skip
    assert cluster.kept == planted["A updated"]
    assert {c.article_id for c in cluster.copies if c.excluded} == {
        planted[t] for t in ("A original", "A ORIGINAL", "A short")
    }


def test_exclusions_are_in_the_history_and_the_change_log(
    project: Project, planted: dict[str, int]
) -> None:
    find_duplicates(project)
    last = newest_change(project)
    wire = planted["B original"]  # the copy of "B wire", whose new lead is longer
    inverse, _ = SetExcluded((wire,), True).apply(project)
    inverse.apply(project)
    with project.reading() as session:
        logged = session.scalars(select(ChangeLog.articles).where(ChangeLog.id > last)).all()
        assert logged == [f"[{wire}]", f"[{wire}]"]  # named, so open windows refresh the row
        rows = session.execute(
            select(History.action, History.article_id, History.after).order_by(History.id)
        ).all()
    assert [tuple(r) for r in rows[-2:]] == [
        ("copy", wire, '{"excluded": true}'),
        ("copy", wire, '{"excluded": false}'),
    ]


def test_the_article_list_marks_copies_and_hides_the_excluded_on_request(
    project: Project, planted: dict[str, int]
) -> None:
    find_duplicates(project)
    SetExcluded((planted["B original"],), True).apply(project)
    rows = {row.id: row for row in list_articles(project)}
    assert rows[planted["B original"]].copy_of == planted["B wire"]
    assert rows[planted["B original"]].excluded
    assert rows[planted["A short"]].copy_of == planted["A updated"]
    assert rows[planted["A updated"]].copy_of is None  # the kept copy is no copy of another
    assert rows_by_id(project, None, list(rows)) == list(rows.values())  # read by id alike
    hidden = {row.id for row in list_articles(project, query=ArticleQuery(copies=False))}
    assert hidden == set(planted.values()) - {planted["B original"]}
    for article_id in planted.values():  # every one given to Alice: her list hides it too
        set_status(project, article_id, "Alice", "doing")
    mine = article_ids(project, "Alice", ArticleQuery(assigned=True, copies=False))
    assert mine == sorted(hidden)


def test_refusals_leave_the_marks_as_they_were(project: Project, planted: dict[str, int]) -> None:
    for jaccard, containment in ((0.0, 0.8), (1.5, 0.8), (0.5, -1.0)):
        with pytest.raises(ValidationError, match="must lie above 0 and at most 1"):
            find_duplicates(project, jaccard=jaccard, containment=containment)
    assert read_clusters(project) == []
    assert find_duplicates(project, progress=lambda _d, _t, _n: False) is None  # cancelled
    assert read_clusters(project) == []
    find_duplicates(project)
    before = read_clusters(project)
    with pytest.raises(ValidationError, match="the copy kept for coding"):
        SetExcluded((planted["A updated"],), True).apply(project)
    with pytest.raises(ValidationError, match="no marked copy"):
        SetExcluded((planted["other one"],), True).apply(project)
    with pytest.raises(ValidationError, match="no marked copy"):
        KeepCopy(planted["other two"]).apply(project)
    project.actor = Actor("Alice")  # a coder, not a lead
    with pytest.raises(NotYoursError, match="only a lead"):
        SetExcluded((planted["A short"],), True).apply(project)
    with pytest.raises(NotYoursError, match="only a lead"):
        find_duplicates(project)
    project.actor = None
    assert read_clusters(project) == before
