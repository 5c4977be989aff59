"""`check` finds damage that the app itself would never write."""

from __future__ import annotations

from sqlalchemy import update

from stancecoder.db.models import Passage
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
