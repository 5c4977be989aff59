"""Whose codings a table counts: the export's Summary per layer, checked against counts
made here with plain pandas from the raw rows, and the blind rules of a coder's reads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from stancecoder.core.actor import Actor
from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coded_data import default_layer
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.export import export
from stancecoder.services.export_rows import ExportFilter
from stancecoder.services.passages import set_blind_mode
from stancecoder.services.project import Project
from stancecoder.services.samples import close_round, draw_sample

PUTIN = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation"}


def span(project: Project, article_id: int, phrase: str) -> tuple[int, int]:
    start = read_article(project, article_id).text.index(phrase)
    return start, start + len(phrase)


def code(project: Project, article_id: int, coder: str, phrase: str, codes: dict) -> None:
    add_passage(project, article_id, coder, *span(project, article_id, phrase), codes)


@pytest.fixture
def team(seeded: Project) -> Project:
    """Alice and Bob code one span each way, the consensus settles it; two more passages."""
    add_coder(seeded, "Bob")
    first, second = (a.id for a in list_articles(seeded))
    code(seeded, first, "Alice", "Vladimir Putin", {**PUTIN, "stance": "+2"})
    code(seeded, first, "Bob", "Vladimir Putin", {**PUTIN, "stance": "-1"})
    code(seeded, first, "Alice", "Kim Jong-un", {"actor": "North Korea › Kim Jong-un",
         "topic": "Strategic partnership treaty", "stance": "0"})  # fmt: skip
    code(seeded, second, "Bob", "analysts said Monday", {"actor": "Analysts", "topic": "Sanctions"})
    return seeded


def with_consensus(project: Project) -> Project:
    name = consensus_coder(project)
    first = list_articles(project)[0].id
    code(project, first, name, "Vladimir Putin", {**PUTIN, "stance": "+1"})
    return project


def raw_codings(project: Project) -> pd.DataFrame:
    """One row per passage with its coder and its actor, topic and stance, from the tables
    themselves; the code's path built from its parent as the codebook nests them."""
    with project.store.engine.connect() as connection:
        frames = {
            name: pd.read_sql_table(name, connection)
            for name in ("passage", "coder", "passage_code", "code", "variable")
        }
    codes = frames["code"].merge(
        frames["variable"][["id", "name"]].rename(columns={"id": "variable_id", "name": "var"})
    )
    parents = codes.set_index("id")["label"]
    codes["path"] = [
        f"{parents[p]} › {label}" if pd.notna(p) else label
        for p, label in zip(codes["parent_id"], codes["label"], strict=True)
    ]
    links = frames["passage_code"].merge(codes[["id", "var", "path", "value"]],
                                         left_on="code_id", right_on="id")  # fmt: skip
    wide = links.pivot(index="passage_id", columns="var", values="path")
    stance = links[links["var"] == "stance"].set_index("passage_id")["value"]
    passages = frames["passage"].merge(
        frames["coder"][["id", "name"]].rename(columns={"id": "coder_id", "name": "coder"})
    )
    table = passages.set_index("id").join(wide).join(stance.rename("stance_value"))
    return table.reset_index(names="passage_id")


def expected_summary(raw: pd.DataFrame, coders: list[str]) -> dict[tuple, tuple]:
    chosen = raw[raw["coder"].isin(coders)]
    grouped = chosen.groupby(["coder", "actor", "topic"], dropna=False)
    return {
        key: (len(group), None if group["stance_value"].isna().all()
              else round(group["stance_value"].mean(), 3))
        for key, group in grouped
    }  # fmt: skip


def summary(path: Path) -> list[dict[str, object]]:
    rows = list(load_workbook(path)["Summary"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_each_coder_is_the_default_before_adjudication(team: Project, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export(team, path)
    expected = expected_summary(raw_codings(team), ["Alice", "Bob"])
    found = {
        (r["layer"].removesuffix("'s codings"), r["actor"], r["topic"]): (
            r["passages"], r["mean stance"])
        for r in summary(path)
    }  # fmt: skip
    assert found == expected
    assert found[("Alice", PUTIN["actor"], PUTIN["topic"])] == (1, 2)


def test_the_consensus_is_the_default_once_written(team: Project, tmp_path: Path) -> None:
    with_consensus(team)
    with team.reading() as session:
        assert default_layer(session) == Layer.consensus()
    path = tmp_path / "out.xlsx"
    export(team, path)
    rows = summary(path)
    expected = expected_summary(raw_codings(team), ["Consensus"])
    assert {("Consensus", r["actor"], r["topic"]): (r["passages"], r["mean stance"])
            for r in rows} == expected  # fmt: skip
    assert {r["layer"] for r in rows} == {"consensus"}
    # one span of text coded by two coders and adjudicated counts once, not three times
    assert sum(r["passages"] for r in rows) == 1
    codings = list(load_workbook(path)["Codings"].iter_rows(values_only=True))
    assert [row[4] for row in codings[1:]] == ["Consensus"]
    about = dict(load_workbook(path)["About"].iter_rows(values_only=True))
    assert about["codings of"] == "consensus"


@pytest.mark.parametrize("layer", ["Bob", "each-coder"])
def test_a_chosen_layer(team: Project, tmp_path: Path, layer: str) -> None:
    with_consensus(team)
    path = tmp_path / "out.xlsx"
    export(team, path, ExportFilter(layer=Layer.parse(layer)))
    coders = ["Bob"] if layer == "Bob" else ["Alice", "Bob"]
    expected = expected_summary(raw_codings(team), coders)
    rows = summary(path)
    assert {(r["layer"].removesuffix("'s codings"), r["actor"], r["topic"]): (
        r["passages"], r["mean stance"]) for r in rows} == expected  # fmt: skip
    codings = list(load_workbook(path)["Codings"].iter_rows(values_only=True))
    assert sorted({row[4] for row in codings[1:]}) == coders


def test_no_consensus_yet_is_said_plainly(team: Project, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="no consensus yet"):
        export(team, tmp_path / "out.xlsx", ExportFilter(layer=Layer.consensus()))
    with pytest.raises(ValidationError, match="no coder called 'Zed'"):
        export(team, tmp_path / "out.xlsx", ExportFilter(layer=Layer.of_coder("Zed")))
    with pytest.raises(ValidationError, match="Alice: not among the codings of Bob's codings"):
        export(team, tmp_path / "out.xlsx", ExportFilter(["Alice"], layer=Layer.of_coder("Bob")))
    assert not (tmp_path / "out.xlsx").exists()


def test_layer_words() -> None:
    assert Layer.parse("Consensus") == Layer.consensus()
    assert Layer.parse(" each-coder ") == Layer.each_coder()
    assert Layer.parse("Alice").title == "Alice's codings"
    assert Layer.each_coder().title == "each coder separately"
    with pytest.raises(ValidationError):
        Layer.parse("  ")


def test_a_coder_sees_only_their_own_in_an_open_round_or_blind_mode(
    team: Project, tmp_path: Path
) -> None:
    from stancecoder.services.retrieval import RetrievalFilter, find_passages

    everyone = {(m.article_id, m.coder) for m in find_passages(team, RetrievalFilter()).matches}
    first, second = (a.id for a in list_articles(team))
    assert everyone == {(first, "Alice"), (first, "Bob"), (second, "Bob")}
    draw_sample(team, "round 1", count=2, coders=["Alice", "Bob"], seed=1)
    set_blind_mode(team, False)
    team.actor = Actor("Alice")
    assert {m.coder for m in find_passages(team, RetrievalFilter()).matches} == {"Alice"}
    team.actor = Actor("Lee", lead=True)
    assert {m.coder for m in find_passages(team, RetrievalFilter()).matches} == {"Alice", "Bob"}
    close_round(team, "round 1")
    team.actor = Actor("Alice")
    assert {m.coder for m in find_passages(team, RetrievalFilter()).matches} == {"Alice", "Bob"}
    set_blind_mode(team, True)
    assert {m.coder for m in find_passages(team, RetrievalFilter()).matches} == {"Alice"}


def test_a_coders_export_in_an_open_round_holds_only_their_own(
    team: Project, tmp_path: Path
) -> None:
    draw_sample(team, "round 1", count=2, coders=["Alice", "Bob"], seed=1)
    team.actor = Actor("Bob")
    path = tmp_path / "bob.xlsx"
    export(team, path)
    codings = list(load_workbook(path)["Codings"].iter_rows(values_only=True))
    assert {row[4] for row in codings[1:]} == {"Bob"}
    assert {r["layer"] for r in summary(path)} == {"Bob's codings"}


def test_coders_named_alone_make_the_layer(team: Project, tmp_path: Path) -> None:
    with_consensus(team)
    path = tmp_path / "out.xlsx"
    export(team, path, ExportFilter(coders=["Consensus"]))
    assert {r["layer"] for r in summary(path)} == {"consensus"}
    export(team, path, ExportFilter(coders=["Alice", "Bob"]))
    assert {r["layer"] for r in summary(path)} == {"Alice's codings", "Bob's codings"}
    with pytest.raises(ValidationError, match="Consensus: not among the codings of each coder"):
        export(team, path, ExportFilter(coders=["Alice", "Consensus"]))
