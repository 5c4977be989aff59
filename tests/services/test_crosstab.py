"""Crosstabs and co-occurrence on a small hand-made project, on SQLite and PostgreSQL:
every cell checked against the same figure computed with plain pandas from the raw rows,
and every cell's retrieval against the cell."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from stancecoder.core.errors import OutputError, ValidationError
from stancecoder.core.layer import Layer
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.crosstab import (
    cell_filter,
    cooccurrences,
    crosstabs,
    dimensions,
    pair_filter,
)
from stancecoder.services.crosstab_export import (
    crosstab_records,
    export_cooccurrence,
    export_crosstab,
)
from stancecoder.services.project import Project, create_project
from stancecoder.services.retrieval import RetrievalFilter, find_passages

CODEBOOK = """\
name: Tiny
version: "1"
variables:
  - name: actor
    level: nominal
    codes:
      - label: Russia
        children:
          - label: Putin
      - label: Korea
      - label: Analysts
  - name: frame
    level: nominal
    multiple: true
    codes:
      - label: Threat
      - label: Economy
      - label: History
  - name: stance
    level: ordinal
    codes:
      - label: Negative
        value: -1
      - label: Neutral
        value: 0
      - label: Positive
        value: 1
  - name: genre
    level: nominal
    scope: article
    codes:
      - label: News
      - label: Opinion
"""

ARTICLES = [  # title, source, date, text
    ("One", "Yonhap", "2024-06-17", "Putin arrives in Pyongyang. Analysts see a threat. "
     "Korea hails the visit. Russia signs deals."),
    ("Two", "TASS", "2024-06-20", "Russia signs a treaty on trade and history with Korea. "
     "Putin praises the talks."),
    ("Three", "Yonhap", "2024-07", "Analysts warn of an arms race. Korea denies it."),
    ("Four", "TASS", "2024", "Russia and Korea meet again."),
]  # fmt: skip

CODINGS = [  # article index, coder, phrase, codes
    (0, "Alice", "Putin arrives", {"actor": "Putin", "stance": "Neutral"}),
    (0, "Alice", "Analysts see a threat", {"actor": "Analysts", "frame": ["Threat"],
     "stance": "Negative"}),
    (0, "Alice", "Korea hails the visit", {"actor": "Korea", "frame": ["Threat", "History"],
     "stance": "Positive"}),
    (0, "Alice", "Russia signs deals", {"actor": "Russia", "frame": ["Economy"],
     "stance": "Positive"}),
    (1, "Alice", "trade and history", {"actor": "Russia", "frame": ["History", "Economy"],
     "stance": "Negative"}),
    (1, "Alice", "Putin praises", {"actor": "Putin", "frame": ["Economy"], "stance": "Negative"}),
    (2, "Alice", "arms race", {"actor": "Analysts", "frame": ["Threat"], "stance": "Negative"}),
    (2, "Alice", "Korea denies", {"actor": "Korea"}),
    (3, "Alice", "Russia and Korea meet", {"frame": ["History"], "stance": "Neutral"}),
    (0, "Bob", "Putin arrives", {"actor": "Russia › Putin", "frame": ["Threat"],
     "stance": "Positive"}),
    (1, "Bob", "Russia signs a treaty", {"actor": "Russia", "frame": ["Economy"],
     "stance": "Positive"}),
    (3, "Bob", "meet again", {"actor": "Korea", "frame": ["History", "Threat"],
     "stance": "Neutral"}),
]  # fmt: skip
GENRES = [(0, "Alice", "News"), (1, "Alice", "Opinion"), (2, "Alice", "News"), (0, "Bob", "News")]


@pytest.fixture
def coded(
    project_target: str | Path, tmp_path: Path, coded_by_hand: Callable[..., list[int]]
) -> Iterator[Project]:
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    project = create_project(project_target, tmp_path / "codebook.yaml")
    ids = coded_by_hand(project, ARTICLES, CODINGS)
    for index, coder, genre in GENRES:
        set_article_codes(project, ids[index], coder, {"genre": genre})
    start = read_article(project, ids[0]).text.index("Putin arrives")
    add_passage(project, ids[0], consensus_coder(project), start, start + 13,
                {"actor": "Putin", "frame": ["Threat"], "stance": "Neutral"})  # fmt: skip
    yield project
    project.close()


def raw(project: Project) -> pd.DataFrame:
    """One row per passage and code, read straight from the tables: coder, article, its
    source and date, the code's variable, label and top label, and the passage's stance."""
    with project.store.engine.connect() as connection:
        t = {name: pd.read_sql_table(name, connection) for name in (
            "passage", "coder", "passage_code", "code", "variable", "article",
            "article_code")}  # fmt: skip
    code = (
        t["code"]
        .rename(columns={"id": "code_id"})
        .merge(
            t["variable"][["id", "name"]].rename(columns={"id": "variable_id"}), on="variable_id"
        )
    )
    label = code.set_index("code_id")["label"]
    code["top"] = [label[p] if pd.notna(p) else label[i]
                   for i, p in zip(code["code_id"], code["parent_id"], strict=True)]  # fmt: skip
    code = code[["code_id", "name", "label", "top", "value"]]
    passages = t["passage"][["id", "article_id", "coder_id"]]
    passages = passages.merge(t["coder"][["id", "name"]].rename(
        columns={"id": "coder_id", "name": "coder"}), on="coder_id")  # fmt: skip
    passages = passages.merge(t["article"][["id", "source", "published"]].rename(
        columns={"id": "article_id"}), on="article_id")  # fmt: skip
    own = t["passage_code"][["passage_id", "code_id"]].merge(code, on="code_id")
    stance = own[own["name"] == "stance"].set_index("passage_id")["value"]
    passages["stance"] = passages["id"].map(stance)
    on_article = passages[["id", "article_id", "coder_id"]].merge(
        t["article_code"][["article_id", "coder_id", "code_id"]], on=["article_id", "coder_id"]
    )
    on_article = on_article.rename(columns={"id": "passage_id"}).merge(code, on="code_id")
    links = pd.concat([own, on_article])[["passage_id", "name", "label", "top"]]
    return passages.merge(links, left_on="id", right_on="passage_id", how="left")


def by(rows: pd.DataFrame, variable: str, column: str = "top") -> pd.DataFrame:
    """Each passage with its categories of `variable`: one row per category."""
    found = rows[rows["name"] == variable][["id", column]].drop_duplicates()
    return found.rename(columns={column: variable})


def expected_cells(rows: pd.DataFrame, coder: str, a: str, b: str) -> pd.DataFrame:
    """Passages, articles, mean and t-interval of the stance per pair, with plain pandas."""
    passages = rows[rows["coder"] == coder].drop_duplicates("id")
    passages = passages[["id", "article_id", "stance", "source", "published"]]
    passages["month"] = passages["published"].where(passages["published"].str.len() >= 7)
    passages["month"] = passages["month"].str[:7]
    mine = rows[rows["coder"] == coder]
    sides = [by(mine, d) if d not in ("source", "month") else passages[["id", d]].dropna()
             for d in (a, b)]  # fmt: skip
    joined = passages.drop(columns=[c for c in ("source", "month") if c in (a, b)])
    joined = joined.merge(sides[0], on="id").merge(sides[1], on="id")
    grouped = joined.groupby([a, b])
    table = pd.DataFrame({
        "passages": grouped["id"].nunique(), "articles": grouped["article_id"].nunique(),
        "mean": grouped["stance"].mean(), "sd": grouped["stance"].std(),
        "n": grouped["stance"].count(),
    })  # fmt: skip
    return table


T_975 = {1: 12.7062047, 2: 4.3026527, 3: 3.1824463, 4: 2.7764451, 5: 2.5705818}
"""Student's t for a two-sided 95% interval, from a printed table."""


def check_table(project: Project, tabs, rows: pd.DataFrame) -> None:
    for coder_table in tabs.tables:
        expected = expected_cells(rows, coder_table.coder, tabs.rows, tabs.columns)
        table = coder_table.table
        found = {
            (r, c): table.cell(r, c) for r in table.row_keys for c in table.column_keys
            if table.cell(r, c).passages
        }  # fmt: skip
        assert set(found) == set(expected.index), coder_table.title
        for key, cell in found.items():
            want = expected.loc[key]
            assert (cell.passages, cell.articles) == (want["passages"], want["articles"])
            assert cell.stance.n == want["n"]
            if want["n"]:
                assert cell.stance.mean == pytest.approx(want["mean"])
            if want["n"] >= 2:
                half = T_975[int(want["n"]) - 1] * want["sd"] / math.sqrt(want["n"])
                assert cell.stance.low == pytest.approx(want["mean"] - half)
                assert cell.stance.high == pytest.approx(want["mean"] + half)
            else:
                assert cell.stance.low is None
            retrieved = find_passages(project, cell_filter(tabs, coder_table, *key)).matches
            assert sorted(m.passage_id for m in retrieved) == sorted(cell.passage_ids)


def test_the_dimensions_are_the_variables_then_the_article_attributes(coded: Project) -> None:
    assert dimensions(coded) == ["actor", "frame", "stance", "genre", "source", "year", "month",
                                 "week"]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "columns"),
    [("actor", "frame"), ("frame", "actor"), ("actor", "source"), ("actor", "month"),
     ("frame", "genre"), ("genre", "month")],
)  # fmt: skip
def test_each_coder_table_matches_the_raw_rows(coded: Project, rows: str, columns: str) -> None:
    tabs = crosstabs(coded, rows, columns, Layer.each_coder())
    assert [t.coder for t in tabs.tables] == ["Alice", "Bob"]
    union = {k for t in tabs.tables for k in t.table.column_keys}
    assert set(tabs.column_keys) == union and len(tabs.column_keys) == len(union)
    assert [t.title for t in tabs.tables] == ["Alice's codings", "Bob's codings"]
    assert tabs.title == f"{rows} × {columns}, each coder separately"
    check_table(coded, tabs, raw(coded))


def test_a_multiple_choice_passage_counts_in_each_row_and_once_in_the_total(
    coded: Project,
) -> None:
    table = crosstabs(coded, "frame", "actor", Layer.of_coder("alice")).tables[0].table
    rows = raw(coded)
    alice = rows[(rows["coder"] == "Alice")]
    frames = by(alice, "frame").merge(by(alice, "actor"), on="id")
    assert (
        table.cell("Threat", None).passages == frames[frames["frame"] == "Threat"]["id"].nunique()
    )
    assert table.cell(None, None).passages == frames["id"].nunique()
    assert sum(table.cell(r, None).passages for r in table.row_keys) > frames["id"].nunique()
    passages = set(alice["id"])
    assert table.left_out == len(passages) - frames["id"].nunique() == 3
    assert table.row_keys == ("Threat", "Economy", "History")  # the codebook's order
    assert table.column_keys == ("Russia", "Korea", "Analysts")  # Putin rolled up to Russia
    stances = crosstabs(coded, "actor", "stance", Layer.each_coder())
    assert stances.column_keys == ("Negative", "Neutral", "Positive")  # whoever used which


def test_sub_codes_apart_when_asked(coded: Project) -> None:
    tabs = crosstabs(coded, "actor", "source", Layer.of_coder("Alice"), detail=True)
    table = tabs.tables[0].table
    assert table.row_keys == ("Russia", "Russia › Putin", "Korea", "Analysts")
    rows = raw(coded)
    alice = rows[(rows["coder"] == "Alice") & (rows["name"] == "actor")]
    putin = alice[alice["label"] == "Putin"]
    assert table.cell("Russia › Putin", None).passages == putin["id"].nunique() == 2
    for row in table.row_keys:  # Russia alone, without Putin, its sub-code
        for column in table.column_keys:
            cell = table.cell(row, column)
            found = find_passages(coded, cell_filter(tabs, tabs.tables[0], row, column))
            assert [m.passage_id for m in found.matches] == list(cell.passage_ids)
    russia = alice[alice["label"] == "Russia"]
    assert table.cell("Russia", None).passages == russia["id"].nunique() == 2
    co = cooccurrences(coded, ["actor"], Layer.of_coder("Alice"), detail=True)
    alone = pair_filter(co, co.tables[0], "Russia", "Russia", "passage")
    assert alone is not None and {m.passage_id for m in find_passages(coded, alone).matches} == (
        set(russia["id"])
    )


def test_the_consensus_is_the_default_layer_once_it_exists(coded: Project) -> None:
    tabs = crosstabs(coded, "actor", "frame")
    assert tabs.layer == Layer.consensus() and tabs.title == "actor × frame, consensus"
    assert len(tabs.tables) == 1
    assert tabs.tables[0].table.cell("Russia", "Threat").passages == 1


def test_a_month_or_week_cell_leaves_out_articles_dated_less_precisely(coded: Project) -> None:
    tabs = crosstabs(coded, "actor", "week", Layer.of_coder("Alice"))
    table = tabs.tables[0].table
    assert table.column_keys == ("2024-W25",)  # 17 and 20 June 2024; July and 2024 have no week
    for row in table.row_keys:
        cell = cell_filter(tabs, tabs.tables[0], row, "2024-W25")
        found = find_passages(coded, cell).matches
        assert sorted(m.passage_id for m in found) == sorted(
            table.cell(row, "2024-W25").passage_ids
        )
    years = crosstabs(coded, "frame", "year", Layer.of_coder("Bob")).tables[0].table
    assert years.column_keys == ("2024",) and years.cell(None, "2024").passages == 3


def test_cooccurrence_in_passages_and_articles_matches_the_raw_rows(coded: Project) -> None:
    co = cooccurrences(coded, ["frame"], Layer.each_coder())
    assert co.title == "frame together, each coder separately"
    rows = raw(coded)
    for table in co.tables:
        frames = by(rows[rows["coder"] == table.coder], "frame")
        frames = frames.merge(rows[["id", "article_id"]].drop_duplicates(), on="id")
        pairs = frames.merge(frames, on="id")
        article_pairs = frames.merge(frames, on="article_id")
        for first in co.codes:
            for second in co.codes:
                both = pairs[(pairs["frame_x"] == first) & (pairs["frame_y"] == second)]
                assert table.matrix.in_passages(first, second) == tuple(sorted(set(both["id"])))
                same = article_pairs[(article_pairs["frame_x"] == first)
                                     & (article_pairs["frame_y"] == second)]  # fmt: skip
                assert table.matrix.in_articles(first, second) == tuple(
                    sorted(set(same["article_id"]))
                )
                found = find_passages(coded, pair_filter(co, table, first, second, "passage"))
                assert sorted(m.passage_id for m in found.matches) == sorted(set(both["id"]))
    alice = co.tables[0].matrix
    assert alice.in_passages("Threat", "History") and alice.in_articles("Economy", "Threat")


def test_cooccurrence_across_variables_names_each_code_with_its_variable(coded: Project) -> None:
    co = cooccurrences(coded, layer=Layer.of_coder("Alice"))
    assert co.dimensions == ("actor", "frame")  # the nominal passage variables
    matrix = co.tables[0].matrix
    assert matrix.keys[0] == "actor: Russia" and "frame: Threat" in matrix.keys
    rows = raw(coded)
    alice = rows[rows["coder"] == "Alice"]
    both = by(alice, "actor").merge(by(alice, "frame"), on="id")
    expected = set(both[(both["actor"] == "Analysts") & (both["frame"] == "Threat")]["id"])
    assert set(matrix.in_passages("actor: Analysts", "frame: Threat")) == expected
    articles = pair_filter(co, co.tables[0], "actor: Korea", "frame: Economy", "article")
    assert articles is not None
    found = find_passages(coded, articles).matches
    assert {m.article_id for m in found} == set(
        matrix.in_articles("actor: Korea", "frame: Economy")
    )
    assert {m.coder for m in found} == {"Alice"}
    bob = cooccurrences(coded, ["frame"], Layer.of_coder("Bob"))
    assert not bob.tables[0].matrix.in_articles("Economy", "History")
    assert pair_filter(bob, bob.tables[0], "Economy", "History", "article") is None


def test_bad_choices_are_refused_in_one_line(coded: Project) -> None:
    with pytest.raises(ValidationError, match=r"unknown dimension 'topic' \(choose actor"):
        crosstabs(coded, "actor", "topic")
    with pytest.raises(ValidationError, match="both actor"):
        crosstabs(coded, "actor", "actor")
    with pytest.raises(ValidationError, match="no coder called 'Carol'"):
        crosstabs(coded, "actor", "frame", Layer.of_coder("Carol"))
    with pytest.raises(ValidationError, match="source is no variable"):
        cooccurrences(coded, ["source"])
    with pytest.raises(ValidationError, match="unknown article attribute 'day'"):
        find_passages(coded, RetrievalFilter(attributes={"day": "17"}))


def test_no_consensus_yet_is_said(project: Project) -> None:
    add_coder(project, "Alice")
    with pytest.raises(ValidationError, match="no consensus yet"):
        crosstabs(project, "actor", "topic", Layer.consensus())
    empty = crosstabs(project, "actor", "topic")
    assert [t.table.row_keys for t in empty.tables] == [()]


def test_export_and_json_name_the_layer_in_every_row(coded: Project, tmp_path: Path) -> None:
    tabs = crosstabs(coded, "actor", "frame", Layer.each_coder())
    written = export_crosstab(coded, tabs, tmp_path / "table.xlsx")
    sheet = load_workbook(tmp_path / "table.xlsx").active
    values = list(sheet.values)
    assert values[0][:5] == ("layer", "actor", "frame", "passages", "articles")
    assert len(values) - 1 == written
    assert {row[0] for row in values[1:]} == {"Alice's codings", "Bob's codings"}
    cell = tabs.tables[0].table.cell("Korea", "Threat")
    assert ("Alice's codings", "Korea", "Threat", cell.passages, cell.articles) in {
        row[:5] for row in values
    }
    export_crosstab(coded, tabs, tmp_path / "table.csv")
    frame = pd.read_csv(tmp_path / "table.csv", encoding="utf-8-sig")
    assert len(frame) == written and frame["layer"].notna().all()
    records = crosstab_records(tabs)
    assert records["layer"] == "each coder separately"
    assert [t["title"] for t in records["tables"]] == ["Alice's codings", "Bob's codings"]


def test_export_refuses_a_bad_name_or_a_read_only_file(coded: Project, tmp_path: Path) -> None:
    tabs = crosstabs(coded, "actor", "frame", Layer.of_coder("Bob"))
    with pytest.raises(ValidationError, match=r"use a \.xlsx or \.csv name"):
        export_crosstab(coded, tabs, tmp_path / "table.pdf")
    kept = tmp_path / "kept.csv"
    kept.write_text("mine", encoding="utf-8")
    kept.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        export_crosstab(coded, tabs, kept)
    assert kept.read_text(encoding="utf-8") == "mine"


def test_cooccurrence_export_a_pair_a_row(coded: Project, tmp_path: Path) -> None:
    co = cooccurrences(coded, ["frame"], Layer.each_coder())
    written = export_cooccurrence(coded, co, tmp_path / "pairs.csv")
    frame = pd.read_csv(tmp_path / "pairs.csv", encoding="utf-8-sig")
    assert list(frame.columns) == ["layer", "code", "with code", "passages", "articles"]
    assert len(frame) == written
    rows = raw(coded)
    for coder, title in (("Alice", "Alice's codings"), ("Bob", "Bob's codings")):
        frames = by(rows[rows["coder"] == coder], "frame")
        frames = frames.merge(rows[["id", "article_id"]].drop_duplicates(), on="id")
        same = frames.merge(frames, on="article_id")
        expected = same.groupby(["frame_x", "frame_y"])["article_id"].nunique()
        mine = frame[frame["layer"] == title].set_index(["code", "with code"])["articles"]
        assert mine.sort_index().to_dict() == expected.sort_index().to_dict()
    with pytest.raises(ValidationError, match=r"use a \.xlsx or \.csv name"):
        export_cooccurrence(coded, co, tmp_path / "pairs.json")
