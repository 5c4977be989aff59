"""Coding passages: every rule checked, every refused action leaves nothing behind."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Passage, PassageCode
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codings import (
    add_passage,
    delete_passage,
    set_article_codes,
    set_status,
    update_passage,
)
from stancecoder.services.project import Project

CODES = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation", "stance": "+1"}


def first_article(project: Project):
    return read_article(project, list_articles(project)[0].id)


def count(project: Project, table) -> int:
    with project.transaction() as session:
        return session.scalar(select(func.count()).select_from(table))


def span_of(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def test_a_coded_passage_stores_its_quote_and_codes(seeded: Project) -> None:
    article = first_article(seeded)
    start, end = span_of(article.text, "Vladimir Putin")
    ref = add_passage(seeded, article.id, "Alice", start, end, CODES, memo="lead sentence")
    assert ref.quote == article.text[start:end] == "Vladimir Putin"
    with seeded.transaction() as session:
        passage = session.get(Passage, ref.id)
        assert passage.codebook_version == "1.0"
        assert len(passage.codes) == 3
    rows = {row.id: row for row in list_articles(seeded, "Alice")}
    assert rows[article.id].passages == 1
    assert rows[article.id].status == "doing"


@pytest.mark.parametrize(
    ("span", "codes", "message"),
    [
        ((-1, 5), CODES, "outside the text"),
        ((5, 5), CODES, "or empty"),
        ((0, 10**6), CODES, "outside the text"),
        ((0, 10), {"actor": "Nobody in particular"}, "actor has no code 'Nobody in particular'"),
        ((0, 10), {"topic": ["Sanctions", "Military cooperation"]}, "takes one code"),
        ((0, 10), {"stance": "7"}, "stance has no code '7'"),
        ((0, 10), {"mood": "happy"}, "unknown variable 'mood'"),
        ((0, 10), {"genre": "Opinion / commentary"}, "coded per article"),
    ],
)
def test_invalid_codings_are_refused_and_write_nothing(
    seeded: Project, span, codes, message
) -> None:
    article = first_article(seeded)
    with pytest.raises(ValidationError, match=message):
        add_passage(seeded, article.id, "Alice", *span, codes)
    assert count(seeded, Passage) == 0
    assert count(seeded, PassageCode) == 0


def test_unknown_coder_and_article_are_refused(seeded: Project) -> None:
    article = first_article(seeded)
    with pytest.raises(ValidationError, match="no coder called 'Bob'"):
        add_passage(seeded, article.id, "Bob", 0, 5, CODES)
    with pytest.raises(ValidationError, match="no article with id 999"):
        add_passage(seeded, 999, "Alice", 0, 5, CODES)


def test_recode_resize_and_memo_bump_the_version(seeded: Project) -> None:
    article = first_article(seeded)
    ref = add_passage(seeded, article.id, "Alice", *span_of(article.text, "Putin"), CODES)
    new_span = span_of(article.text, "Vladimir Putin")
    updated = update_passage(
        seeded, ref.id, ref.version, codes={"stance": "-2"}, span=new_span, memo="sceptical"
    )
    assert updated.version == ref.version + 1
    assert updated.quote == "Vladimir Putin"
    with seeded.transaction() as session:
        passage = session.get(Passage, ref.id)
        labels = sorted(pc.code_id for pc in passage.codes)
        assert len(labels) == 3  # actor and topic kept, stance replaced
        assert passage.memo == "sceptical"


def test_a_stale_edit_is_refused_instead_of_overwriting(seeded: Project) -> None:
    article = first_article(seeded)
    ref = add_passage(seeded, article.id, "Alice", 0, 7, CODES)
    update_passage(seeded, ref.id, ref.version, memo="first window")
    with pytest.raises(ValidationError, match="changed this passage in the meantime"):
        update_passage(seeded, ref.id, ref.version, memo="second window")
    with pytest.raises(ValidationError, match="changed this passage"):
        delete_passage(seeded, ref.id, ref.version)
    assert count(seeded, Passage) == 1


def test_delete_removes_the_passage_and_its_codes(seeded: Project) -> None:
    article = first_article(seeded)
    ref = add_passage(seeded, article.id, "Alice", 0, 7, CODES)
    delete_passage(seeded, ref.id, ref.version)
    assert count(seeded, Passage) == 0
    assert count(seeded, PassageCode) == 0


def test_article_codes_and_status(seeded: Project) -> None:
    article = first_article(seeded)
    set_article_codes(seeded, article.id, "Alice", {"genre": "News report"})
    set_article_codes(seeded, article.id, "Alice", {"genre": "News analysis"})
    set_status(seeded, article.id, "Alice", "done")
    row = next(r for r in list_articles(seeded, "Alice") if r.id == article.id)
    assert row.status == "done"
    with pytest.raises(ValidationError, match="unknown status"):
        set_status(seeded, article.id, "Alice", "finished")
    with pytest.raises(ValidationError, match="coded per passage"):
        set_article_codes(seeded, article.id, "Alice", {"topic": "Sanctions"})


def test_offsets_count_code_points_in_any_script(project: Project, tmp_path) -> None:
    from stancecoder.services.coders import add_coder
    from stancecoder.services.corpus import import_corpus

    text = "Kim said 👍🏽 to 푸틴 and e\u0301 — then \u00a0Putin spoke.\n"
    (tmp_path / "unicode.txt").write_text(text, encoding="utf-8")
    import_corpus(project, [tmp_path / "unicode.txt"])
    add_coder(project, "Alice")
    article = first_article(project)
    start, end = span_of(article.text, "Putin")
    ref = add_passage(project, article.id, "Alice", start, end, CODES)
    assert ref.quote == "Putin"
    assert article.text[ref.start : ref.end] == "Putin"


def test_blind_mode_shows_a_coder_only_their_own_passages(seeded: Project) -> None:
    from stancecoder.services.coders import add_coder
    from stancecoder.services.passages import passages_of, set_blind_mode

    add_coder(seeded, "Bob")
    article = first_article(seeded)
    add_passage(seeded, article.id, "Alice", 0, 7, CODES)
    add_passage(seeded, article.id, "Bob", 8, 17, CODES)
    assert len(passages_of(seeded, article.id, "Alice")) == 2
    set_blind_mode(seeded, True)
    assert [p.coder for p in passages_of(seeded, article.id, "Alice")] == ["Alice"]
    assert len(passages_of(seeded, article.id, None)) == 2  # the lead's view, adjudication
