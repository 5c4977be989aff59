"""Codings from a spreadsheet: located by quote or offsets, all rows or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from stancecoder.core.errors import InputFileError
from stancecoder.db.models import Article, Passage
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import list_coders
from stancecoder.services.codings_import import CodingsImportError, import_codings
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project


def passages(project: Project) -> int:
    with project.transaction() as session:
        return session.scalar(select(func.count()).select_from(Passage))


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_quotes_offsets_and_occurrences(seeded: Project, tmp_path: Path) -> None:
    first, second = list_articles(seeded)
    text = read_article(seeded, first.id).text
    start = text.index("Yuri Ushakov")
    path = write_csv(
        tmp_path / "codings.csv",
        "article,coder,quote,occurrence,start,end,actor,topic,stance,genre,memo\n"
        f'{first.id},Bob,"dangerous partnership",,,,South Korea,Military cooperation,−2,,\n'
        f"{first.id},Bob,,,{start},{start + 12},Russia › Yuri Ushakov,"
        "Strategic partnership treaty,0,,\n"
        f'{first.id},Carol,"Putin",2,,,Russia › Vladimir Putin,Diplomacy and dialogue,1,'
        "News report,n\n"
        f'"{second.title}",Carol,"Victor Cha",,,,Analysts › Victor Cha,,,,\n',
    )
    report = import_codings(seeded, path)
    assert report.passages == 4
    assert report.article_codes == 1
    assert sorted(report.coders_created) == ["Bob", "Carol"]
    assert {c.name for c in list_coders(seeded)} == {"Alice", "Bob", "Carol"}
    with seeded.transaction() as session:
        quotes = session.scalars(select(Passage.quote).order_by(Passage.id)).all()
    assert quotes == ["dangerous partnership", "Yuri Ushakov", "Putin", "Victor Cha"]


def test_problems_are_reported_by_row_and_nothing_is_written(
    seeded: Project, tmp_path: Path
) -> None:
    article = list_articles(seeded)[0]
    path = write_csv(
        tmp_path / "bad.csv",
        "article,coder,quote,actor,topic\n"
        f"{article.id},Bob,dangerous partnership,South Korea,Sanctions\n"
        f"{article.id},Bob,words that are nowhere,South Korea,Sanctions\n"
        f"{article.id},Bob,Putin,South Korea,Sanctions\n"
        f"{article.id},Bob,dangerous partnership,Atlantis,Sanctions\n"
        "no such article,Bob,Putin,Russia,Sanctions\n",
    )
    with pytest.raises(CodingsImportError) as caught:
        import_codings(seeded, path)
    problems = caught.value.problems
    assert problems[0].startswith("row 3: quote not found")
    assert problems[1].startswith("row 4: quote found") and "occurrence" in problems[1]
    assert problems[2] == "row 5: actor has no code 'Atlantis'"
    assert problems[3].startswith("row 6: no article 'no such article'")
    assert passages(seeded) == 0
    assert {c.name for c in list_coders(seeded)} == {"Alice"}


def test_xlsx_codings_and_missing_columns(seeded: Project, tmp_path: Path) -> None:
    article = list_articles(seeded)[0]
    book = Workbook()
    book.active.append(["article", "coder", "quote", "stance"])
    book.active.append([article.id, "Dana", "Kim Jong-un", -1])
    book.save(tmp_path / "codings.xlsx")
    assert import_codings(seeded, tmp_path / "codings.xlsx").passages == 1

    write_csv(tmp_path / "nocoder.csv", "article,quote\n1,Putin\n")
    with pytest.raises(Exception, match="missing column"):
        import_codings(seeded, tmp_path / "nocoder.csv")
    write_csv(tmp_path / "typo.csv", "article,coder,quote,actr\n1,Bob,Putin,Russia\n")
    with pytest.raises(CodingsImportError, match=r"unknown column.*actr"):
        import_codings(seeded, tmp_path / "typo.csv")


CORPUS_WITH_IDS = (
    "id,title,text\n"
    '1,First wire,"Seoul and Tokyo held talks on sanctions today."\n'
    '2,Second wire,"Moscow announced new payment mechanisms."\n'
    '3,Third wire,"Beijing stayed silent on the treaty."\n'
)


@pytest.fixture
def numbered(seeded: Project, tmp_path: Path) -> Project:
    """The sample articles (ids 1, 2), then a corpus whose own ids 1-3 are stored as 3-5."""
    report = import_corpus(seeded, [write_csv(tmp_path / "corpus.csv", CORPUS_WITH_IDS)])
    assert report.imported == [3, 4, 5]
    return seeded


def coded_titles(project: Project) -> list[str]:
    with project.transaction() as session:
        query = select(Article.title).join(Passage).order_by(Passage.id)
        return list(session.scalars(query))


def test_a_number_that_is_both_an_id_and_a_source_id_is_refused_naming_both(
    numbered: Project, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", "article,coder,start,end\n3,Bob,0,7\n")
    with pytest.raises(CodingsImportError) as caught:
        import_codings(numbered, path)
    assert caught.value.problems == [
        "row 2: article '3' could mean article 3 (First wire, source id 1) or "
        "article 5 (Third wire, source id 3); name it in an article_id or source_id column"
    ]
    assert passages(numbered) == 0


def test_article_id_and_source_id_columns_say_which_id_is_meant(
    numbered: Project, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        "article_id,source_id,article,coder,quote\n"
        "3,,,Bob,Seoul\n"
        ",3,,Bob,Beijing\n"
        "4,2,,Bob,Moscow\n"
        ",,Third wire,Bob,treaty\n"
        ",,5,Bob,silent\n",  # no source id is 5: one meaning only
    )
    assert import_codings(numbered, path).passages == 5
    assert coded_titles(numbered) == [
        "First wire", "Third wire", "Second wire", "Third wire", "Third wire"
    ]  # fmt: skip


def test_columns_that_disagree_or_name_nothing_are_refused(
    numbered: Project, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        "article_id,source_id,coder,quote\n3,3,Bob,Seoul\n9,,Bob,Seoul\n,7,Bob,Seoul\nx,,Bob,a\n",
    )
    with pytest.raises(CodingsImportError) as caught:
        import_codings(numbered, path)
    assert caught.value.problems == [
        "row 2: article_id '3' and source_id '3' name different articles: "
        "article 3 (First wire, source id 1) and article 5 (Third wire, source id 3)",
        "row 3: no article with id '9'",
        "row 4: no article with source id '7'",
        "row 5: no article with id 'x'",
    ]
    write_csv(tmp_path / "none.csv", "id,coder,quote\n3,Bob,Seoul\n")
    with pytest.raises(InputFileError, match=r"missing column\(s\): article_id or source_id or"):
        import_codings(numbered, tmp_path / "none.csv")
    assert passages(numbered) == 0


def test_a_source_id_shared_by_two_articles_is_refused(numbered: Project, tmp_path: Path) -> None:
    again = "id,title,text\n3,Fourth wire,Pyongyang welcomed the guest.\n"
    import_corpus(numbered, [write_csv(tmp_path / "more.csv", again)])
    path = write_csv(tmp_path / "c.csv", "source_id,coder,quote\n3,Bob,the\n")
    with pytest.raises(CodingsImportError, match=r"source id '3' is shared by article 5 .* and "):
        import_codings(numbered, path)


def test_a_refused_row_leaves_nothing_that_fails_the_next(seeded: Project, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv", f"article,coder,quote\n1,{'B' * 201},Putin\n1,Carol,no such words\n"
    )
    with pytest.raises(CodingsImportError) as caught:
        import_codings(seeded, path)
    assert caught.value.problems[0] == "row 2: coder name is longer than 200 characters"
    assert caught.value.problems[1].startswith("row 3: quote not found")
    assert {c.name for c in list_coders(seeded)} == {"Alice"}


def test_numbers_are_plain_digits(seeded: Project, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        "article,coder,quote,occurrence,start,end\n1,Bob,Putin,²,,\n1,Bob,,,٣,1_0\n",
    )
    with pytest.raises(CodingsImportError) as caught:
        import_codings(seeded, path)
    assert caught.value.problems == [
        "row 2: occurrence must be a whole number, got '²'",
        "row 3: start/end must be whole numbers, got '٣'/'1_0'",
    ]
