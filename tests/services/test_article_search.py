"""The article search through the index (SQLite FTS5 trigram, PostgreSQL pg_trgm) finds
what the plain substring search finds, and the index follows every change of the articles."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import and_, delete, select, update

from stancecoder.db.models import Article
from stancecoder.db.text_search import search_index
from stancecoder.services.articles import contains_word, matching_articles
from stancecoder.services.corpus import import_corpus
from stancecoder.services.info import project_info
from stancecoder.services.project import Project

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from synthetic import write_files  # noqa: E402

SEARCHES = ("treaty", "ushakov", "rail links", "조약", "взаиморасчётов", "no such word")
SHORT_AND_MIXED = ("in", "조약 treaty", "Путин", "ПУТИН", "rail", "x", "50%")


def substring_search(project: Project, words: str) -> set[int]:
    """Today's search without the index: every word a substring of the title or text."""
    with project.reading() as session:
        dialect = session.connection().dialect.name
        holding = [
            contains_word(Article.title, word, dialect) | contains_word(Article.text, word, dialect)
            for word in words.split()
        ]
        return set(session.scalars(select(Article.id).where(and_(*holding))))


@pytest.fixture
def corpus(project: Project, tmp_path: Path) -> Project:
    import_corpus(project, write_files(tmp_path / "corpus", 120))
    return project


def test_the_index_is_there_on_both_databases(corpus: Project) -> None:
    with corpus.reading() as session:
        assert search_index(session.connection()) is not None
    assert project_info(corpus).search.startswith("indexed")


@pytest.mark.parametrize("words", SEARCHES + SHORT_AND_MIXED)
def test_indexed_search_finds_what_the_substring_search_finds(corpus: Project, words: str) -> None:
    assert matching_articles(corpus, words) == substring_search(corpus, words)


def test_the_benchmark_words_are_found_in_the_corpus(corpus: Project) -> None:
    """The comparison above means something only if most searches find articles."""
    hits = {words: len(matching_articles(corpus, words)) for words in SEARCHES}
    assert hits["no such word"] == 0
    assert all(hits[words] > 0 for words in ("treaty", "rail links", "조약"))


def test_the_index_follows_inserts_changes_and_deletions(corpus: Project, tmp_path: Path) -> None:
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "new.txt").write_text("Quixotic zeppelins над Пхеньяном.", encoding="utf-8")
    import_corpus(corpus, [folder])
    (new,) = matching_articles(corpus, "zeppelins")
    assert matching_articles(corpus, "пхеньяном") == {new}
    with corpus.transaction() as session:
        session.execute(update(Article).where(Article.id == new).values(title="Blimp story"))
    assert matching_articles(corpus, "blimp zeppelins") == {new}
    assert matching_articles(corpus, "quixotic") == {new}  # the text is still indexed
    with corpus.transaction() as session:
        session.execute(delete(Article).where(Article.id == new))
    assert matching_articles(corpus, "zeppelins") == set()
