"""What the REFI-QDA tests share: the standard's schemas, a project coded by two coders
in texts beyond ASCII, and a reading of any project's contents to compare by."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from stancecoder.core.attributes import read_attributes
from stancecoder.db.models import Article, ArticleCode, Code, Coder, Passage, PassageCode, Variable
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project

DATA = Path(__file__).resolve().parents[2] / "io" / "refi" / "data"

# non-ASCII, an emoji beyond the Basic Multilingual Plane (two UTF-16 units), Korean,
# CRLF line ends in the file (the canonical text keeps "\n")
TEXTS = {
    "Seoul warns": "Seoul 🇰🇷 warns of a “dangerous partnership”.\r\n\r\n"
    "Putin 😀 promised “alternative trade and mutual settlements mechanisms”.",
    "평양 회담": '김정은 위원장은 "새로운 시대"라고 말했다.\r\n\r\n'
    "Analysts in Séoul doubt the treaty will hold. 🚀 Sanctions remain.",
}


def validate(xml: bytes, schema: str) -> None:
    """Raise unless `xml` is valid under the standard's schema of that file name."""
    parsed = etree.XMLSchema(etree.parse(str(DATA / schema)))
    parsed.assertValid(etree.fromstring(xml))


def archive_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


@pytest.fixture
def schema_check() -> Callable[[bytes, str], None]:
    return validate


@pytest.fixture
def coded(project: Project, tmp_path: Path) -> Project:
    """Two articles from a CSV with fields and an attribute, coded by Alice and Bob: the
    same span by both, sub-codes, several topics, a memo, and article codes."""
    table = tmp_path / "corpus.csv"
    with table.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "source", "published", "url", "text", "section"])
        writer.writerow(
            [
                "Seoul warns",
                "Yonhap",
                "2024-06-19",
                "https://e.org/1",
                TEXTS["Seoul warns"],
                "World",
            ]
        )
        writer.writerow(["평양 회담", "KCNA", "2024-06", "", TEXTS["평양 회담"], ""])
    import_corpus(project, [table])
    add_coder(project, "Alice")
    add_coder(project, "Bob")
    ids = {}
    with project.reading() as session:
        for article in session.scalars(select(Article)):
            ids[article.title] = (article.id, article.text)

    def code(title: str, coder: str, quote: str, codes: dict[str, object], memo: str = "") -> None:
        article_id, text = ids[title]
        start = text.index(quote)
        add_passage(project, article_id, coder, start, start + len(quote), codes, memo)

    code(
        "Seoul warns",
        "Alice",
        "dangerous partnership",
        {"actor": "South Korea", "topic": "Military cooperation", "stance": "-2"},
        "Seoul's framing 🙂",
    )
    code("Seoul warns", "Bob", "dangerous partnership", {"actor": "South Korea", "stance": "-1"})
    code(
        "Seoul warns",
        "Alice",
        "alternative trade and mutual settlements mechanisms",
        {
            "actor": "Russia › Vladimir Putin",
            "topic": "De-dollarization and alternative payments",
            "stance": "+2",
        },
    )
    code("평양 회담", "Bob", "새로운 시대", {"actor": "North Korea › Kim Jong-un", "stance": "+2"})
    code("평양 회담", "Alice", "Sanctions remain", {"actor": "Analysts", "topic": "Sanctions"})
    set_article_codes(project, ids["Seoul warns"][0], "Alice", {"genre": "News report"})
    return project


def contents(project: Project) -> dict[str, object]:
    """Everything an exchange must carry, by titles, names and labels (never ids)."""
    with project.reading() as session:
        codes = {c.id: c for c in session.scalars(select(Code))}
        variables = {v.id: v.name for v in session.scalars(select(Variable))}

        def path(code_id: int) -> str:
            code = codes[code_id]
            labels = [code.label]
            while code.parent_id is not None:
                code = codes[code.parent_id]
                labels.insert(0, code.label)
            return f"{variables[code.variable_id]}: {' › '.join(labels)}"

        titles = {a.id: a.title for a in session.scalars(select(Article))}
        coders = {c.id: c.name for c in session.scalars(select(Coder))}
        linked: dict[int, set[str]] = {}
        for passage_id, code_id in session.execute(
            select(PassageCode.passage_id, PassageCode.code_id)
        ):
            linked.setdefault(passage_id, set()).add(path(code_id))
        # fmt: off
        return {
            "articles": {
                (a.title, a.text, a.source, a.published, a.url,
                 tuple(sorted(read_attributes(a.extra).items())))
                for a in session.scalars(select(Article))
            },
            "passages": {
                (
                    titles[p.article_id],
                    coders[p.coder_id],
                    p.start,
                    p.end,
                    p.quote,
                    p.memo,
                    frozenset(linked.get(p.id, ())),
                )
                for p in session.scalars(select(Passage))
            },
            "article codes": {
                (titles[a.article_id], coders[a.coder_id], path(a.code_id))
                for a in session.scalars(select(ArticleCode))
            },
            "codes": sorted(path(code_id) for code_id in codes),
        }
        # fmt: on


@pytest.fixture
def project_contents() -> Callable[[Project], dict[str, object]]:
    return contents


@pytest.fixture
def zipped() -> Callable[[dict[str, bytes]], bytes]:
    def build(members: dict[str, bytes]) -> bytes:
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return stream.getvalue()

    return build
