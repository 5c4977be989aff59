"""Fuzzing every importer: no input escapes as anything but a one-line user error, and a
refused file leaves the project as it was, on SQLite and PostgreSQL alike.

The suite runs the "quick" profile (a few dozen examples per importer); run
`pytest tests/services/test_import_fuzz.py --hypothesis-profile=thorough` for thousands.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from stancecoder.core.errors import StanceCoderError
from stancecoder.core.printable import printable
from stancecoder.db.models import Article
from stancecoder.io.corpus import read_corpus_file
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io" / "news"))

from news_fixtures import (
    PDF_PAGES,
    STORIES,
    WIRES,
    factiva_html,
    factiva_rtf,
    pdf_article,
    proquest_txt,
    web_page,
)

# The project and folder fixtures live for the whole test; each example checks itself
# against the state it found.
fixtures = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "cp949", "latin-1")
# What a Word or Excel document can hold at all: XML 1.0 characters, no lone surrogates.
xml_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=300,
)
# Text as articles hold it: any character but the controls that make a file binary, with
# the ones a table or a JSON string must quote.
cell_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('\t\n\r,;"\\'),
    max_size=60,
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | cell_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    text = draw(st.text(max_size=400))
    return text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` as it is (half the time), or with a few bytes overwritten or cut short.

    Positions are drawn independently of the length: a package written now differs in
    length from one written a second ago (its timestamps), and a replay must draw alike.
    """
    if draw(st.booleans()):
        return data
    mutable = bytearray(data)
    for _ in range(draw(st.integers(0, 6))):
        mutable[draw(st.integers(0, 2**32)) % len(mutable)] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        del mutable[draw(st.integers(0, 2**32)) % len(mutable) + 1 :]
    return bytes(mutable)


def snapshot(project: Project) -> list[tuple]:
    with project.transaction() as session:
        return list(session.execute(select(Article.id, Article.text_sha256).order_by(Article.id)))


def kind_of(reason: str) -> str:
    """A refusal without its particulars, for --hypothesis-show-statistics: "row N: the
    text is empty", "duplicate column name(s)"."""
    kind = re.sub(r"\d+", "N", reason.split(" (")[0])
    head, _, rest = kind.partition(": ")
    return f"{head}: {rest.split(': ')[0]}" if head in ("row N", "line N") and rest else head


def import_one(project: Project, path: Path, data: bytes) -> None:
    """The properties every importer must have, for one file holding `data`."""
    path.write_bytes(data)
    try:
        read_corpus_file(path)
    except StanceCoderError as error:
        assert "\n" not in str(error)
    before = snapshot(project)
    report = import_corpus(project, [path])
    after = snapshot(project)
    for name, reason in report.failed:
        assert printable(name) == name and printable(reason) == reason, "not escaped"
    if report.failed:
        assert after == before, "a refused file changed the project"
        event("refused: " + kind_of(report.failed[0][1]))
    else:
        assert len(after) == len(before) + len(report.imported)
        event("imported" if report.imported else "skipped: already in the project")


@fixtures
@given(data=st.one_of(st.binary(max_size=600), encoded_text()))
def test_txt(project: Project, tmp_path: Path, data: bytes) -> None:
    import_one(project, tmp_path / "fuzz.txt", data)


@fixtures
@given(data=encoded_text())
def test_md(project: Project, tmp_path: Path, data: bytes) -> None:
    import_one(project, tmp_path / "fuzz.md", b"# " + data)


@fixtures
@given(paragraphs=st.lists(xml_text, max_size=5), raw=st.data())
def test_docx(
    project: Project,
    tmp_path: Path,
    office_files: SimpleNamespace,
    paragraphs: list[str],
    raw: st.DataObject,
) -> None:
    from docx import Document

    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    stream = io.BytesIO()
    document.save(stream)
    import_one(project, tmp_path / "fuzz.docx", raw.draw(mutated(stream.getvalue())))


@fixtures
@given(
    body=st.binary(max_size=300)
    | st.builds(lambda text: text.encode(), st.text(max_size=300))
    | st.builds(lambda text: text.encode(errors="surrogatepass"), xml_text),
    whole=st.booleans(),
)
def test_docx_document_part(
    project: Project, tmp_path: Path, office_files: SimpleNamespace, body: bytes, whole: bool
) -> None:
    """Whatever stands in the document part of an otherwise sound package: any bytes, or
    any text in the place of a paragraph's (markup, entities and all)."""
    part = body if whole else office_files.word_document(body)
    package = office_files.rezipped(office_files.docx(), {"word/document.xml": part})
    import_one(project, tmp_path / "fuzz.docx", package)


@fixtures
@given(rows=st.lists(st.lists(cell_text, max_size=5), max_size=6), raw=st.data())
def test_csv(project: Project, tmp_path: Path, rows: list[list[str]], raw: st.DataObject) -> None:
    stream = io.StringIO()
    csv.writer(stream, delimiter=raw.draw(st.sampled_from(",;\t"))).writerows(
        [["title", "text", "source", "url", "author"], *rows] if raw.draw(st.booleans()) else rows
    )
    data = stream.getvalue().encode(raw.draw(st.sampled_from(ENCODINGS)), errors="replace")
    import_one(project, tmp_path / "fuzz.csv", raw.draw(mutated(data)) if data else data)


@fixtures
@given(
    rows=st.lists(st.lists(xml_text | st.integers() | st.floats(), max_size=4), max_size=5),
    raw=st.data(),
)
def test_xlsx(
    project: Project,
    tmp_path: Path,
    office_files: SimpleNamespace,
    rows: list[list[object]],
    raw: st.DataObject,
) -> None:
    package = office_files.xlsx([["title", "text", "source", "url"], *rows])
    import_one(project, tmp_path / "fuzz.xlsx", raw.draw(mutated(package)))


@fixtures
@given(
    lines=st.lists(
        st.dictionaries(st.sampled_from(["text", "Text", "title", "id", "x"]), json_values)
        | json_values,
        max_size=5,
    ),
    raw=st.data(),
)
def test_jsonl(project: Project, tmp_path: Path, lines: list[object], raw: st.DataObject) -> None:
    text = "\n".join(json.dumps(line, ensure_ascii=raw.draw(st.booleans())) for line in lines)
    data = text.encode("utf-8", errors="surrogatepass")
    import_one(project, tmp_path / "fuzz.jsonl", raw.draw(mutated(data)) if data else data)


@fixtures
@given(
    kind=st.sampled_from(["rtf", "html", "plain.html", "txt", "page.html", "pdf"]),
    title=cell_text,
    body=st.lists(cell_text, max_size=3),
    raw=st.data(),
)
def test_news_exports(
    project: Project, tmp_path: Path, kind: str, title: str, body: list[str], raw: st.DataObject
) -> None:
    """A Factiva or ProQuest export, or a saved web page, of articles with any title and
    text, or a PDF, as written or with a few bytes overwritten or cut short."""
    wires = [replace(WIRES[0], title=title, body=body), WIRES[1]]
    source = tmp_path / f"export.{kind}"
    writers = {
        "rtf": lambda: factiva_rtf(source, wires),
        "html": lambda: factiva_html(source, wires),
        "plain.html": lambda: factiva_html(source, wires, indexed=False),
        "txt": lambda: proquest_txt(source, wires),
        "page.html": lambda: web_page(source, replace(STORIES[0], title=title, body=body)),
        "pdf": lambda: pdf_article(source, PDF_PAGES, title="Bike lanes"),
    }
    data = writers[kind]().read_bytes()
    import_one(project, tmp_path / f"fuzz.{kind.split('.')[-1]}", raw.draw(mutated(data)))
