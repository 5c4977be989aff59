"""The article search through the trigram index finds exactly what the substring search
(SQLite's LIKE, PostgreSQL's ILIKE) finds, whatever has been indexed yet, and the index
stays in step with imports, changes and deletions. The server's index cuts texts at
whitespace, so the corpus has words glued to punctuation and spaces of every kind.

The expected articles are computed here in plain Python from the stored rows: SQLite's
LIKE folds ASCII letters only, and today's search also tries a word in another script in
lower case, Capitalised and in CAPITALS; PostgreSQL's ILIKE lowers both sides letter by
letter."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from stancecoder.db.models import Article
from stancecoder.services.articles import matching_articles
from stancecoder.services.copy_project import copy_project
from stancecoder.services.corpus import import_corpus
from stancecoder.services.info import project_info
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.services.search_index import index_waiting, waiting_for_index

KELVIN, LONG_S = "\u212a", "\u017f"
TEXTS = {
    "kcna.txt": "Treaty signed in Pyongyang\n\nThe treaty on rail links was signed, "
    'said Ushakov. "No," he added: 50% of trade_volume (C++ e-mail) AND OR NOT NEAR *x* a^b.',
    "tass.txt": "Договор подписан\n\nДоговор о взаиморасчётах подписали Ушаков и Ким. "
    "ДОГОВОР вступит в силу. Путин прибыл.",
    "yonhap.txt": "조약 체결\n\n평양에서 조약을 체결했다. 푸틴 대통령이 도착했다. Ki met Yo.",
    "dpa.txt": "Grüße aus Köln\n\nDie STRASSE und die Straße. GRÜSSE an alle, sagte er.",
    "greek.txt": "ΟΔΟΣ ΠΡΟΣ ΤΗΝ ΕΙΡΗΝΗ\n\nΗ οδός προς την ειρήνη, είπε ο υπουργός. Σοφία.",
    "turkish.txt": "İstanbul talks\n\nTalks in İstanbul and ISTANBUL, and istanbul.",
    "odd.txt": f"Old print\n\nThe Congre{LONG_S}s met at 300 {KELVIN}, Kelvin said; "
    f"{KELVIN}CNA wrote \ufffd.",
    "short.txt": "A\n\nTo be or not to be: ok.",
    "capslock.txt": "cAPS LOCK\n\nдОГОВОР с ушАКОВЫМ, gRÜSSE.",  # found by Unicode folding only
    "quoted.txt": 'Quoted\n\nThe "treaty," they said (rail-links) \u2014 Ushakov\'s\u00a0words,'
    "\ttabbed\u3000wide\u2009thin\u200bzero-width, and/or 5/%.",
}
QUERIES = [
    "treaty", "TREATY", "Treaty signed", "rail links", "ushakov", "Ушаков", "ушаков",
    "договор", "ДОГОВОР", "Договор", "взаиморасчётах", "взаиморасчётов", "조약", "조약을 체결",
    "평양", "grüße", "GRÜSSE", "straße", "strasse", "STRASSE", "köln", "οδός", "ΟΔΟΣ", "οδοσ",
    "σοφία", "istanbul", "İstanbul", "ISTANBUL", "congress", f"congre{LONG_S}s", "kelvin",
    f"{KELVIN}elvin", "300 k", "kcna", "cna", "\ufffd", "a", "to", "ok", "ki", "be:",
    "50%", "x%", "%", "_", "trade_volume", "e_v", "c++", "e-mail", '"no,"', '"', "and",
    "near", "*x*", "a^b", "(c++", "said,", "no such word", "the treaty", "pyongyang kelvin",
    '"treaty,', 'treaty,"', '"treaty," they', "(rail-links)", "-links", "ushakov's", "words,",
    "tabbed", "wide", "thin\u200bzero", "s\u00a0w", "d\tt", "d/o", "/", "5/%", "//",
]  # fmt: skip


def ascii_folded(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)


def like_finds(haystack: str, word: str) -> bool:
    forms = [word] if word.isascii() else [word, word.lower(), word.capitalize(), word.upper()]
    return any(ascii_folded(form) in ascii_folded(haystack) for form in forms)


def ilike_finds(haystack: str, word: str) -> bool:
    def lowered(text: str) -> str:  # the server lowers letter by letter: İ -> i
        return "".join(c.lower()[0] for c in text)

    return lowered(word) in lowered(haystack)


def expected(project: Project, words: str) -> set[int]:
    with project.reading() as session:
        sqlite = session.get_bind().dialect.name == "sqlite"
        rows = session.execute(select(Article.id, Article.title, Article.text)).all()
    finds = like_finds if sqlite else ilike_finds
    return {
        article_id
        for article_id, title, text in rows
        if all(finds(title or "", word) or finds(text, word) for word in words.split())
    }


def assert_search_as_like(project: Project) -> None:
    for words in QUERIES:
        assert matching_articles(project, words) == expected(project, words), words


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(project: Project, tmp_path: Path) -> Project:
    import_corpus(project, [write_corpus(tmp_path / "corpus", TEXTS)])
    return project


def test_the_queries_find_something_and_tell_the_back_ends_apart(corpus: Project) -> None:
    found = [words for words in QUERIES if expected(corpus, words)]
    assert len(found) > len(QUERIES) * 2 // 3  # most queries are answered by some article
    assert len(expected(corpus, "STRASSE")) == 1
    sqlite = isinstance(corpus.location, str) and corpus.location.endswith(".stance")
    assert len(expected(corpus, "договор")) == (1 if sqlite else 2)


def test_the_search_is_like_before_and_after_indexing(corpus: Project) -> None:
    waiting = waiting_for_index(corpus)
    assert waiting == len(TEXTS)
    assert_search_as_like(corpus)
    assert index_waiting(corpus) == waiting
    assert waiting_for_index(corpus) == 0
    assert_search_as_like(corpus)


def test_half_indexed_the_search_is_the_same(corpus: Project, tmp_path: Path) -> None:
    index_waiting(corpus)
    more = {f"more_{name}": text.replace("\n\n", " (again)\n\n", 1) for name, text in TEXTS.items()}
    import_corpus(corpus, [write_corpus(tmp_path / "more", more)])
    assert_search_as_like(corpus)
    index_waiting(corpus)
    assert_search_as_like(corpus)


def stored_index_is_sound(project: Project) -> None:
    """FTS5's own check of its index (with rank 0 it does not compare with the articles,
    whose K and ſ it sees replaced); on a server, every article is either waiting or
    indexed, never both, and the index holds no other."""
    if isinstance(project.location, str) and project.location.endswith(".stance"):
        with closing(sqlite3.connect(project.location)) as connection:
            connection.execute(
                "INSERT INTO article_search(article_search, rank) VALUES ('integrity-check', 0)"
            )
        return
    with project.reading() as session:
        articles = set(session.scalars(select(Article.id)))
        waiting, indexed = (
            set(session.connection().exec_driver_sql(f"SELECT article_id FROM {table}").scalars())
            for table in ("article_search_pending", "article_search_tokens")
        )
    assert not waiting & indexed
    assert waiting | indexed == articles


def test_a_changed_or_deleted_article_is_searched_as_it_now_is(corpus: Project) -> None:
    index_waiting(corpus)
    with corpus.reading() as session:
        ids = dict(session.execute(select(Article.title, Article.id)).all())
    with corpus.transaction() as session:
        session.execute(delete(Article).where(Article.id == ids["Договор подписан"]))
        session.execute(
            update(Article)
            .where(Article.id == ids["Treaty signed in Pyongyang"])
            .values(title="Accord signed", text="The accord on rail links, said Kim.")
        )
    assert_search_as_like(corpus)
    assert ids["Treaty signed in Pyongyang"] not in matching_articles(corpus, "treaty")
    index_waiting(corpus)
    assert_search_as_like(corpus)
    assert matching_articles(corpus, "accord") == {ids["Treaty signed in Pyongyang"]}
    stored_index_is_sound(corpus)
    with corpus.transaction() as session:  # deleting one still waiting, and then all
        session.execute(update(Article).values(text=Article.text + " Ушаков."))
        session.execute(delete(Article).where(Article.id == ids["A"]))
    assert_search_as_like(corpus)
    index_waiting(corpus)
    assert_search_as_like(corpus)
    with corpus.transaction() as session:
        session.execute(delete(Article))
    assert matching_articles(corpus, "ушаков") == set()
    assert waiting_for_index(corpus) == 0
    stored_index_is_sound(corpus)


def test_a_copy_through_a_server_is_indexed_anew(tmp_path: Path, empty_postgres: str) -> None:
    source = tmp_path / "source.stance"
    with create_project(source) as project:
        import_corpus(project, [write_corpus(tmp_path / "corpus", TEXTS)])
        index_waiting(project)
    copy_project(source, empty_postgres)
    copy_project(empty_postgres, tmp_path / "back.stance")
    with open_project(tmp_path / "back.stance") as project:
        assert waiting_for_index(project) == len(TEXTS)  # the index is no data to copy
        assert_search_as_like(project)
        index_waiting(project)
        assert_search_as_like(project)
        stored_index_is_sound(project)


def test_info_says_how_the_search_runs(corpus: Project) -> None:
    sqlite = isinstance(corpus.location, str) and corpus.location.endswith(".stance")
    waiting = project_info(corpus).search
    assert f"{len(TEXTS)} articles not yet in it" in waiting
    assert ("with LIKE" if sqlite else "with ILIKE") in waiting
    index_waiting(corpus)
    index = "trigram index (SQLite FTS5)" if sqlite else "token index on the server"
    assert project_info(corpus).search == index


@pytest.mark.postgres
def test_a_servers_token_ids_are_kept_out_of_the_rows_the_search_reads(
    empty_postgres: str, tmp_path: Path
) -> None:
    """An article of a few hundred words has a kilobyte or two of token ids, which the
    server would keep in the row; the index's filler makes it move them out of line."""
    words = " ".join(f"word{number}" for number in range(400))
    with create_project(empty_postgres) as project:
        import_corpus(project, [write_corpus(tmp_path / "long", {"long.txt": f"Long\n\n{words}"})])
        index_waiting(project)
        with project.reading() as session:
            connection = session.connection()
            out_of_line = connection.exec_driver_sql(
                "SELECT pg_relation_size(reltoastrelid) FROM pg_class "
                "WHERE relname = 'article_search_tokens'"
            ).scalar_one()
            ids = connection.exec_driver_sql(
                "SELECT cardinality(tokens) FROM article_search_tokens"
            ).scalar_one()
        assert ids == 401 and out_of_line > 0
        assert matching_articles(project, "word399") == set(project_ids(project))


def project_ids(project: Project) -> list[int]:
    with project.reading() as session:
        return list(session.scalars(select(Article.id)))
