"""Codings from a spreadsheet: located by quote or offsets, all rows or none."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from stancecoder.db.models import Passage
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import list_coders
from stancecoder.services.codings_import import CodingsImportError, import_codings
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
