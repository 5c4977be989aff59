"""`check` finds damage that the app itself would never write."""

from __future__ import annotations

from sqlalchemy import update

from stancecoder.db.models import Article, Passage
from stancecoder.services.articles import list_articles
from stancecoder.services.check import check_project
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project


def test_a_sound_project_has_no_problems(seeded: Project) -> None:
    article = list_articles(seeded)[0]
    add_passage(seeded, article.id, "Alice", 0, 7, {"topic": "Sanctions"})
    assert check_project(seeded) == []


def test_a_quote_that_no_longer_matches_is_reported(seeded: Project) -> None:
    article = list_articles(seeded)[0]
    ref = add_passage(seeded, article.id, "Alice", 0, 7, {"topic": "Sanctions"})
    with seeded.transaction() as session:
        session.execute(update(Passage).where(Passage.id == ref.id).values(start=1, end=8))
    problems = check_project(seeded)
    assert problems == [f"passage {ref.id}: quote differs from the text at [1, 8)"]


def test_problems_are_found_in_every_batch_of_articles(seeded: Project) -> None:
    """The texts are read a batch of articles at a time: with batches of one article, a
    damaged quote on each article is still found, once, as with one batch for all."""
    articles = list_articles(seeded)
    refs = [add_passage(seeded, a.id, "Alice", 0, 7, {"topic": "Sanctions"}) for a in articles]
    add_passage(seeded, articles[-1].id, "Alice", 8, 12, {"topic": "Sanctions"})
    with seeded.transaction() as session:
        for ref in refs:
            session.execute(update(Passage).where(Passage.id == ref.id).values(start=1, end=8))
        last = session.get(Article, articles[-1].id)
        assert last is not None
        last.text_sha256 = "0" * 64
    expected = [f"article {articles[-1].id}: its text changed after import"] + [
        f"passage {ref.id}: quote differs from the text at [1, 8)" for ref in refs
    ]
    assert len(articles) >= 2
    assert check_project(seeded, batch=1) == expected
    assert check_project(seeded) == expected
