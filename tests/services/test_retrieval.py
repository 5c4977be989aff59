"""Retrieval across the corpus on a small hand-made project: each filter's matches checked
against the same question asked of the raw rows with plain pandas."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from stancecoder.core.errors import OutputError, ValidationError
from stancecoder.services.codings import set_status
from stancecoder.services.project import Project
from stancecoder.services.retrieval import RetrievalFilter, find_passages
from stancecoder.services.retrieval_export import export_passages

ARTICLES = [
    ("Summit", "Yonhap", "2024-06-17",
     "Seoul said on Monday that President Vladimir Putin will arrive in Pyongyang for talks "
     "with Kim Jong-un, who welcomed the visit as a turning point for the two countries."),
    ("Sanctions", "TASS", "2024-06-20",
     "Moscow rejected new sanctions on Thursday. Vladimir Putin called them illegal and "
     "said trade with Pyongyang would grow despite the pressure from Washington."),
    ("Treaty", "Yonhap", "2024-07",
     "Analysts in Washington warned that the treaty signed by Kim Jong-un and the Russian "
     "leader may oblige Moscow to defend the North in a war on the peninsula."),
]  # fmt: skip

CODINGS = [  # article index, coder, phrase, codes
    (0, "Alice", "Vladimir Putin will arrive", {"actor": "Russia › Vladimir Putin",
     "topic": "Diplomacy and dialogue", "stance": "+1"}),
    (0, "Bob", "Vladimir Putin will arrive", {"actor": "Russia › Vladimir Putin",
     "topic": "Diplomacy and dialogue", "stance": "0"}),
    (0, "Alice", "welcomed the visit", {"actor": "North Korea › Kim Jong-un",
     "topic": "Strategic partnership treaty", "stance": "+2"}),
    (1, "Alice", "Moscow rejected new sanctions", {"actor": "Russia",
     "topic": "Sanctions", "stance": "-2"}),
    (1, "Bob", "called them illegal", {"actor": "Russia › Vladimir Putin",
     "topic": "Sanctions", "stance": "-1"}),
    (2, "Bob", "Analysts in Washington warned", {"actor": "Analysts",
     "topic": "Strategic partnership treaty"}),
]  # fmt: skip


@pytest.fixture
def corpus(project: Project, coded_by_hand: Callable[..., list[int]]) -> Project:
    ids = coded_by_hand(project, ARTICLES, CODINGS)
    set_status(project, ids[1], "Bob", "done")
    set_status(project, ids[2], "Bob", "todo")  # coded, then put back
    return project


def raw(project: Project) -> pd.DataFrame:
    """Passages with coder, article, stance value and the set of code labels and their
    ancestors' labels, read straight from the tables."""
    with project.store.engine.connect() as connection:
        t = {name: pd.read_sql_table(name, connection) for name in (
            "passage", "coder", "passage_code", "code", "article", "assignment")}  # fmt: skip
    labels = t["code"].set_index("id")["label"]
    parent = t["code"].set_index("id")["parent_id"]

    def lineage(code_id: int) -> set[str]:
        names = {labels[code_id]}
        while pd.notna(parent[code_id]):
            code_id = int(parent[code_id])
            names.add(labels[code_id])
        return names

    codes = t["passage_code"].groupby("passage_id")["code_id"].apply(list)
    values = t["code"].set_index("id")["value"]
    frame = t["passage"].merge(t["coder"][["id", "name"]], left_on="coder_id",
                               right_on="id", suffixes=("", "_c"))  # fmt: skip
    frame = frame.merge(t["article"][["id", "source", "published"]], left_on="article_id",
                        right_on="id", suffixes=("", "_a"))  # fmt: skip
    frame["labels"] = [set().union(*(lineage(c) for c in codes[p])) for p in frame["id"]]
    frame["stance"] = [
        next((values[c] for c in codes[p] if pd.notna(values[c])), None) for p in frame["id"]
    ]
    status = t["assignment"].set_index(["article_id", "coder_id"])["status"]
    frame["status"] = [
        status.get((a, c), "todo")
        for a, c in zip(frame["article_id"], frame["coder_id"], strict=True)
    ]
    return frame


def found(project: Project, **filters: object) -> set[int]:
    return {m.passage_id for m in find_passages(project, RetrievalFilter(**filters)).matches}


def test_each_filter_matches_the_raw_rows(corpus: Project) -> None:
    rows = raw(corpus)

    def ids(mask: pd.Series) -> set[int]:
        return set(rows.loc[mask, "id"])

    assert found(corpus) == ids(rows["id"] > 0) and len(rows) == len(CODINGS)
    assert found(corpus, coders=["Bob"]) == ids(rows["name"] == "Bob")
    russia = rows["labels"].apply(lambda s: "Russia" in s)
    assert found(corpus, codes={"actor": ["Russia"]}) == ids(russia)
    assert len(ids(russia)) == 4  # Russia itself and Vladimir Putin, its sub-code
    sanctions = rows["labels"].apply(lambda s: "Sanctions" in s)
    assert found(corpus, codes={"actor": ["Russia"], "topic": ["Sanctions"]}) == ids(
        russia & sanctions
    )
    either = rows["labels"].apply(lambda s: bool({"Analysts", "Kim Jong-un"} & s))
    assert found(corpus, codes={"actor": ["Analysts", "Kim Jong-un"]}) == ids(either)
    assert found(corpus, stance_min=0) == ids(rows["stance"].fillna(-99) >= 0)
    assert found(corpus, stance_min=-2, stance_max=-1) == ids(rows["stance"].between(-2, -1))
    assert found(corpus, sources=["TASS"]) == ids(rows["source"] == "TASS")
    june = rows["published"].str.startswith("2024-06")
    assert found(corpus, date_from="2024-06-18", date_to="2024-06-30") == ids(
        june & (rows["published"] >= "2024-06-18")
    )
    assert found(corpus, date_from="2024-07") == ids(rows["published"] >= "2024-07")
    # a day to a month: the rest of that month, at the coarser precision
    assert found(corpus, date_from="2024-06-18", date_to="2024-06") == ids(
        june & (rows["published"] >= "2024-06-18")
    )
    for status in ("todo", "doing", "done"):
        assert found(corpus, status=status) == ids(rows["status"] == status)
    assert len(ids(rows["status"] == "todo")) == 1
    words = rows["quote"].str.lower().str.contains("putin") & rows["quote"].str.contains("arrive")
    assert found(corpus, words="PUTIN arrive") == ids(words)


def test_a_match_carries_its_words_in_context_codes_and_article(corpus: Project) -> None:
    retrieved = find_passages(corpus, RetrievalFilter(coders=["Bob"], sources=["TASS"]))
    (match,) = retrieved.matches
    assert match.quote == "called them illegal"
    assert match.context.before.endswith("Vladimir Putin ")
    assert match.context.after.startswith(" and said trade")
    assert match.codes["actor"] == ("Russia › Vladimir Putin",)
    assert match.stance == -1 and match.title == "Sanctions" and match.coder == "Bob"
    assert retrieved.stance_variable == "stance"


def test_bad_filters_are_refused_plainly(corpus: Project) -> None:
    with pytest.raises(ValidationError, match="actor has no code 'Zorro'"):
        find_passages(corpus, RetrievalFilter(codes={"actor": ["Zorro"]}))
    with pytest.raises(ValidationError, match="no coder called 'Zed'"):
        find_passages(corpus, RetrievalFilter(coders=["Zed"]))
    with pytest.raises(ValidationError, match="range 2 to 1 is empty"):
        find_passages(corpus, RetrievalFilter(stance_min=2, stance_max=1))
    with pytest.raises(ValidationError, match="2024-07 to 2024-06 are reversed"):
        find_passages(corpus, RetrievalFilter(date_from="2024-07", date_to="2024-06"))
    with pytest.raises(ValidationError, match="2024-07-02 to 2024-06 are reversed"):
        find_passages(corpus, RetrievalFilter(date_from="2024-07-02", date_to="2024-06"))
    with pytest.raises(ValidationError, match="not a date: 'June'"):
        find_passages(corpus, RetrievalFilter(date_from="June"))
    with pytest.raises(ValidationError, match="unknown article attribute 'day'"):
        find_passages(corpus, RetrievalFilter(attributes={"day": "17"}))


def test_an_article_code_finds_the_passages_of_its_coder_on_that_article(
    corpus: Project,
) -> None:
    from stancecoder.services.codings import set_article_codes

    rows = raw(corpus)
    first = int(rows["article_id"].min())
    genre = "News report"
    assert not find_passages(corpus, RetrievalFilter(codes={"genre": [genre]})).matches
    set_article_codes(corpus, first, "Alice", {"genre": genre})
    mine = rows[(rows["article_id"] == first) & (rows["name"] == "Alice")]
    assert found(corpus, codes={"genre": [genre]}) == set(mine["id"]) != set()
    assert found(corpus, attributes={"month": "2024-06"}, article_ids=[first]) == set(
        rows[rows["article_id"] == first]["id"]
    )


def test_the_matches_export_to_xlsx_and_csv(corpus: Project, tmp_path: Path) -> None:
    retrieved = find_passages(corpus, RetrievalFilter(codes={"topic": ["Sanctions"]}))
    xlsx, table = tmp_path / "p.xlsx", tmp_path / "p.csv"
    assert export_passages(corpus, retrieved, xlsx) == 2
    assert export_passages(corpus, retrieved, table) == 2
    rows = list(load_workbook(xlsx)["Passages"].iter_rows(values_only=True))
    sheet = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["quote"] for r in sheet] == ["Moscow rejected new sanctions", "called them illegal"]
    assert [r["stance value"] for r in sheet] == [-2, -1]
    read = pd.read_csv(table, encoding="utf-8-sig")
    assert list(read["coder"]) == ["Alice", "Bob"] and list(read["topic"]) == ["Sanctions"] * 2
    with pytest.raises(ValidationError, match=r"use a \.xlsx or \.csv"):
        export_passages(corpus, retrieved, tmp_path / "p.txt")
    table.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        export_passages(corpus, retrieved, table)
