"""Searching the article list: case-insensitive in every script the corpus may hold."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from stancecoder.db.models import Article
from stancecoder.services.article_rows_by_id import rows_by_id
from stancecoder.services.articles import list_articles, matching_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_status
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project

TEXTS = {
    "tass.txt": "Путин прибыл в Пхеньян.\n\nВизит длился два дня.",
    "caps.txt": "ПУТИН И КИМ ПОДПИСАЛИ ДОГОВОР.\n\nThe treaty was signed.",
    "yonhap.txt": "푸틴 대통령이 평양에 도착했다.\n\nA 50% rise in trade_volume.",
    "english.txt": "Pyongyang welcomed the Russian President.\n\nÉlysée kept quiet.",
}


@pytest.fixture
def corpus(project: Project, tmp_path: Path) -> Project:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_corpus(project, [folder])
    return project


def found(project: Project, words: str) -> set[str]:
    ids = matching_articles(project, words)
    return {row.title.split()[0] for row in list_articles(project) if row.id in ids}


@pytest.mark.parametrize(
    ("words", "titles"),
    [
        ("pyongyang", {"Pyongyang"}),
        ("PYONGYANG", {"Pyongyang"}),
        ("путин", {"Путин", "ПУТИН"}),  # lower case finds Capitalised and CAPITALS
        ("Путин", {"Путин", "ПУТИН"}),
        ("평양", {"푸틴"}),
        ("élysée", {"Pyongyang"}),
        ("50%", {"푸틴"}),  # % and _ are letters to look for, not patterns
        ("trade_volume", {"푸틴"}),
        ("e_volume", {"푸틴"}),
        ("x%", set()),
        ("путин договор", {"ПУТИН"}),  # every word must occur
    ],
)
def test_search_ignores_case_in_every_script(corpus: Project, words: str, titles: set[str]) -> None:
    assert found(corpus, words) == titles


def test_the_rows_of_some_articles_are_those_of_the_whole_list(corpus: Project) -> None:
    """Read by id (after an action, or as the list scrolls) with the coder's status and
    count, everyone's count without a coder, and the copies marked."""
    everything = list_articles(corpus)
    ids = [row.id for row in everything]
    add_coder(corpus, "Alice")
    add_coder(corpus, "Bob")
    add_passage(corpus, ids[1], "Alice", 0, 5, {})
    add_passage(corpus, ids[1], "Bob", 0, 5, {})
    add_passage(corpus, ids[3], "Bob", 0, 5, {})
    set_status(corpus, ids[3], "Alice", "done")
    chosen = [ids[3], ids[1], ids[0]]
    for coder in ("Alice", "Bob", None):
        whole = [row for row in list_articles(corpus, coder) if row.id in chosen]
        assert rows_by_id(corpus, coder, chosen) == whole
    alices = {row.id: row for row in rows_by_id(corpus, "Alice", chosen)}
    assert (alices[ids[3]].status, alices[ids[3]].passages) == ("done", 0)
    assert [row.passages for row in rows_by_id(corpus, None, [ids[1]])] == [2]
    assert rows_by_id(corpus, "Alice", ()) == []


def test_an_article_without_a_title_is_listed_by_its_first_words(corpus: Project) -> None:
    """Only untitled articles have their text's opening read; a title, empty or missing,
    gives way to it, and the others keep their titles."""
    rows = list_articles(corpus)
    with corpus.transaction() as session:
        session.execute(update(Article).where(Article.id == rows[0].id).values(title=""))
        session.execute(update(Article).where(Article.id == rows[1].id).values(title=None))
        session.execute(update(Article).where(Article.id == rows[2].id).values(title="Kept"))
    titles = [row.title for row in list_articles(corpus)]
    texts = [read_article(corpus, row.id).text for row in rows[:2]]
    assert titles[:3] == [" ".join(texts[0].split()), " ".join(texts[1].split()), "Kept"]
    assert titles[3:] == [row.title for row in rows[3:]]
