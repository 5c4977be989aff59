"""The project summary counts every code in use, passage-level and article-level."""

from __future__ import annotations

from stancecoder.services.articles import list_articles
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.info import project_info
from stancecoder.services.project import Project


def test_codes_of_both_levels_are_counted(seeded: Project) -> None:
    first, second = (row.id for row in list_articles(seeded))
    set_article_codes(seeded, first, "Alice", {"genre": "News report"})
    set_article_codes(seeded, second, "Alice", {"genre": "News report"})
    add_passage(seeded, first, "Alice", 0, 20, {"topic": "Sanctions"})
    info = project_info(seeded)
    assert info.variables["genre"]["News report"] == 2
    assert info.variables["topic"]["Sanctions"] == 1
    assert "genre: News report 2" in "\n".join(info.lines())
