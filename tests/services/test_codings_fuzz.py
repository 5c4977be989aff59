"""Property-based tests of the two importers that take files written by hand or by other
tools: whatever the file holds, the user gets a `StanceCoderError` of one line (one line per
row problem for codings) or a clean import, and a refused file changes nothing.

The suite runs the "quick" profile; `pytest --hypothesis-profile=thorough` runs them long.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from stancecoder.core.errors import StanceCoderError
from stancecoder.db.models import Base
from stancecoder.services.check import check_project
from stancecoder.services.codebook import import_codebook
from stancecoder.services.codings import add_passage
from stancecoder.services.codings_import import CodingsImportError, import_codings
from stancecoder.services.project import Project

FIXTURES_PER_TEST = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def snapshot(project: Project) -> dict[str, list[tuple]]:
    """Every row of every table, to tell whether a refused file changed anything."""
    with project.transaction() as session:
        return {
            table.name: sorted(map(tuple, session.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def assert_user_error_or_sound(project: Project, action, before: dict) -> None:  # type: ignore[no-untyped-def]
    """`action()` either succeeds, leaving a sound project, or is refused as the user sees
    it: a `StanceCoderError` in one line (one per problem) and the project untouched."""
    try:
        action()
    except StanceCoderError as exc:
        lines = exc.problems if isinstance(exc, CodingsImportError) else [str(exc)]
        assert all(line and "\n" not in line for line in lines), str(exc)
        assert not isinstance(exc.__cause__, DBAPIError), "checked by the database only"
        assert snapshot(project) == before
        event(f"refused: {type(exc).__name__}")
    else:
        assert check_project(project) == []
        event("imported")


# --- codings ---------------------------------------------------------------------------

COLUMNS = [
    "article", "article_id", "source_id", "coder", "quote", "occurrence", "start", "end",
    "memo", "actor", "topic", "stance", "genre", "Article", "nonsense", "",
]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(
        ["1", "2", "3", "0", "-1", "99999999999999999999", "1.5", " 2 ", "Alice", "Bob",
         "Putin", "dangerous partnership", "Victor Cha", "Russia › Vladimir Putin",
         "Russia ›", "Sanctions", "Military cooperation", "−2", "+2", "2", "News report",
         "B" * 201, "Q" * 5000, "", " ", "\n", "٣", "²", "𝟙", "1e3", "nan", "inf"]
    ),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)  # fmt: skip


NUMBERS = st.integers(min_value=-5, max_value=3000).map(str)
BY_COLUMN = {
    "article": st.sampled_from(["1", "2", "3", " 1 ", "0", "Putin"]),
    "article_id": st.sampled_from(["1", "2", "3", "01", "x"]),
    "source_id": st.sampled_from(["000_86a7881312a3fa15", "1", "2"]),
    "coder": st.sampled_from(["Alice", "Bob", "Carol", "B" * 201, " "]),
    "quote": st.sampled_from(["dangerous partnership", "Putin", "Victor Cha", "Kim Jong-un"]),
    "occurrence": st.sampled_from(["1", "2", "0", "40", "²", "٣", "-1"]),
    "start": st.one_of(NUMBERS, st.sampled_from(["²", "٣", "1_0", " 7 ", "1e3"])),
    "end": st.one_of(NUMBERS, st.sampled_from(["²", "٣", "1_0", " 70 ", "4.0"])),
    "memo": st.sampled_from(["a memo", "M" * 100_000]),
    "actor": st.sampled_from(["Russia", "Russia › Vladimir Putin", "South Korea", "Atlantis"]),
    "topic": st.sampled_from(["Sanctions", "Military cooperation", "Sanctions; Other"]),
    "stance": st.sampled_from(["−2", "-1", "0", "+1", "2", "3", "1.0"]),
    "genre": st.sampled_from(["News report", "Interview", "Opinion"]),
}


@st.composite
def codings_tables(draw: st.DrawFn) -> list[list[str]]:
    """Mostly tables an importer would take, with values that mostly mean something, so
    that the rows get checked and written, not only the header refused."""
    if draw(st.integers(min_value=0, max_value=4)):
        where = draw(st.sampled_from([["quote"], ["start", "end"], ["quote", "start", "end"]]))
        which = draw(
            st.sampled_from([["article"], ["article_id"], ["source_id"], ["article", "article_id"]])
        )
        extra = draw(
            st.sets(st.sampled_from(["occurrence", "memo", "actor", "topic", "stance", "genre"]))
        )
        header = [*which, "coder", *where, *sorted(extra)]
    else:
        header = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=8))
    row = st.tuples(*(st.one_of(BY_COLUMN.get(c, CELLS), CELLS) for c in header))
    rows = draw(st.lists(row.map(list), max_size=6))
    return [header, *rows]


def write_codings_csv(path: Path, table: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    return path


def write_codings_xlsx(path: Path, table: list[list[str]]) -> Path:
    book = Workbook()
    for row in table:
        book.active.append([_xlsx_value(ILLEGAL_CHARACTERS_RE.sub("", v)) for v in row])
    book.save(path)
    return path


def _xlsx_value(text: str) -> str | int | float:
    """Numbers typed in Excel arrive as numbers, not text."""
    try:
        return int(text) if abs(int(text)) < 2**53 else text
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


@pytest.fixture
def coded(seeded: Project, tmp_path: Path) -> Project:
    """The sample, its codes with known uids, and one passage, so that files meet codes
    and coders already in use."""
    book = tmp_path / "uids.yaml"
    book.write_text(yaml.safe_dump(SAMPLE_CODEBOOK, allow_unicode=True), encoding="utf-8")
    import_codebook(seeded, book)
    add_passage(seeded, 1, "Alice", 0, 7, {"actor": "Russia", "topic": "Sanctions"})
    return seeded


@FIXTURES_PER_TEST
@given(table=codings_tables(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_codings_table_is_imported_or_refused_whole(
    coded: Project, tmp_path: Path, table: list[list[str]], suffix: str
) -> None:
    write = write_codings_csv if suffix == ".csv" else write_codings_xlsx
    path = write(tmp_path / f"codings{suffix}", table)
    assert_user_error_or_sound(coded, lambda: import_codings(coded, path), snapshot(coded))


@FIXTURES_PER_TEST
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_any_bytes_as_a_codings_file_are_refused_or_imported(
    coded: Project, tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"codings{suffix}"
    path.write_bytes(data)
    assert_user_error_or_sound(coded, lambda: import_codings(coded, path), snapshot(coded))


# --- codebooks -------------------------------------------------------------------------

VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(),
        st.text(max_size=20),
        st.sampled_from(
            ["Russia", "Sanctions", "nominal", "ordinal", "interval", "article", "passage",
             "#ff0000", "red", "Ctrl+1", "1", "F1", "x" * 201, "v" * 41, "a › b",
             "4f50a126f59f469a9b603277fe95fdab", "0" * 32, "u" * 33]
        ),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)  # fmt: skip


def paths_in(node: object, path: tuple = ()) -> list[tuple]:
    """Every place in a document: keys of mappings and indexes of lists."""
    found = [path]
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, child in children:
        found.extend(paths_in(child, (*path, key)))
    return found


@st.composite
def edited_codebooks(draw: st.DrawFn, document: dict) -> dict:
    """The project's codebook with a few edits a hand or a tool might make: values
    replaced, entries dropped or repeated, keys added."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        path = draw(st.sampled_from(paths_in(document)))
        if not path:
            continue
        *parents, key = path
        parent = document
        for step in parents:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "drop", "repeat", "add key", "move"]))
        if action == "move":  # a code cut from one variable and pasted into another
            variables = [v for v in document.get("variables", []) if isinstance(v, dict)]
            sources = [v for v in variables if isinstance(v.get("codes"), list) and v["codes"]]
            targets = [v for v in variables if isinstance(v.get("codes"), list)]
            if sources:
                code = draw(st.sampled_from(sources))["codes"].pop()
                draw(st.sampled_from(targets))["codes"].append(code)
        elif action == "replace":
            parent[key] = draw(VALUES)
        elif action == "drop":
            del parent[key]
        elif action == "repeat" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif action == "add key" and isinstance(parent[key], dict):
            parent[key][draw(st.sampled_from(["label", "name", "children", "extra"]))] = draw(
                VALUES
            )
    return document


def with_uids(document: dict) -> dict:
    """The codebook with a fixed uid on every code, as an exported one has them."""

    def mark(codes: list[dict], where: str) -> None:
        for code in codes:
            code["uid"] = hashlib.md5(f"{where}/{code['label']}".encode()).hexdigest()
            mark(code.get("children", []), f"{where}/{code['label']}")

    for variable in document["variables"]:
        mark(variable.get("codes", []), variable["name"])
    return document


# edits start from this file, not from the project, whose codebook successful examples change
SAMPLE_CODEBOOK = with_uids(
    yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "seeds" / "codebook.yaml").read_text("utf-8")
    )
)


@FIXTURES_PER_TEST
@given(data=st.data(), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_edit_of_the_codebook_is_imported_or_refused_whole(
    coded: Project, tmp_path: Path, data: st.DataObject, suffix: str
) -> None:
    document = data.draw(edited_codebooks(SAMPLE_CODEBOOK))
    path = tmp_path / f"codebook{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    assert_user_error_or_sound(coded, lambda: import_codebook(coded, path), snapshot(coded))


@FIXTURES_PER_TEST
@given(text=st.text(max_size=200), suffix=st.sampled_from([".yaml", ".json"]))
def test_any_text_as_a_codebook_file_is_refused_or_imported(
    coded: Project, tmp_path: Path, text: str, suffix: str
) -> None:
    path = tmp_path / f"codebook{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_user_error_or_sound(coded, lambda: import_codebook(coded, path), snapshot(coded))
