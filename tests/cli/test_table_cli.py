"""`stancecoder table`, run as a user would, in a real process: the layer named in every
header, the figures against the raw rows, JSON and files, and one line per bad choice."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project, open_project

CODINGS = [  # article (first or second), coder, phrase, codes
    (0, "Alice", "Vladimir Putin", {"actor": "Russia › Vladimir Putin", "topic": "Sanctions",
     "stance": "+2"}),
    (0, "Alice", "North Korea", {"actor": "North Korea", "topic": "Sanctions", "stance": "-1"}),
    (0, "Bob", "Vladimir Putin", {"actor": "Russia › Vladimir Putin", "stance": "-1"}),
    (1, "Bob", "analysts said Monday", {"actor": "Analysts", "topic": "Sanctions"}),
    (1, "Bob", "Vladimir Putin", {"actor": "Russia", "topic": "Sanctions", "stance": "+1"}),
]  # fmt: skip


@pytest.fixture
def coded(seeded: Project, project_target: str | Path) -> str:
    add_coder(seeded, "Bob")
    articles = [a.id for a in list_articles(seeded)]
    for index, coder, phrase, codes in CODINGS:
        start = read_article(seeded, articles[index]).text.index(phrase)
        add_passage(seeded, articles[index], coder, start, start + len(phrase), codes)
    return str(project_target)


def counts(target: str, coder: str) -> dict[tuple[str, str], int]:
    """Passages per top actor and topic of `coder`, from the raw rows."""
    with open_project(target) as project, project.store.engine.connect() as connection:
        expected = {t: pd.read_sql_table(t, connection) for t in ("passage", "coder", "code",
                                                                  "passage_code")}  # fmt: skip
    code = expected["code"].set_index("id")
    top = {i: code.loc[p, "label"] if pd.notna(p) else code.loc[i, "label"]
           for i, p in code["parent_id"].items()}  # fmt: skip
    variable = code["variable_id"]
    coder_id = expected["coder"].set_index("name").loc[coder, "id"]
    mine = expected["passage"][expected["passage"]["coder_id"] == coder_id]["id"]
    links = expected["passage_code"][expected["passage_code"]["passage_id"].isin(mine)]
    by_passage: dict[int, dict[int, str]] = {}
    for passage, code_id in zip(links["passage_id"], links["code_id"], strict=True):
        by_passage.setdefault(passage, {})[variable[code_id]] = top[code_id]
    actor, topic = (int(code[code["label"] == label]["variable_id"].iloc[0])
                    for label in ("Russia", "Sanctions"))  # fmt: skip
    found: dict[tuple[str, str], int] = {}
    for codes in by_passage.values():
        if actor in codes and topic in codes:
            key = (codes[actor], codes[topic])
            found[key] = found.get(key, 0) + 1
    return found


def test_each_coder_gets_a_table_of_their_own(coded: str, stancecoder_cli) -> None:
    done = stancecoder_cli("table", coded, "--rows", "actor", "--cols", "topic")
    assert done.returncode == 0, done.stderr
    blocks = done.stdout.strip().split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "actor × topic, Alice's codings (each coder separately): number of passages",
        "actor × topic, Bob's codings (each coder separately): number of passages",
    ]
    for coder, block in zip(("Alice", "Bob"), blocks, strict=True):
        lines = block.splitlines()
        assert lines[1].split() == ["actor", "\\", "topic", "Sanctions", "Total"]
        shown = {
            (line.rsplit(None, 2)[0], "Sanctions"): int(line.split()[-2])
            for line in lines[2:] if not line.startswith(("Total", "1 passage"))
        }  # fmt: skip
        assert shown == counts(coded, coder)
    assert "1 passage without a category of actor or topic left out" in blocks[1]


def test_one_coder_json_and_the_mean(coded: str, stancecoder_cli) -> None:
    done = stancecoder_cli("table", coded, "--rows", "actor", "--cols", "topic",
                           "--coder", "alice", "--value", "mean-stance")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("actor × topic, Alice's codings: mean stance [95% CI]")
    # +2 and −1: their mean ± 12.706 × 2.121 / √2
    assert lines[-1].startswith("Total") and "+0.50 [−18.56, +19.56] n=2" in lines[-1]
    data = json.loads(stancecoder_cli("table", coded, "--rows", "actor", "--cols", "topic",
                                      "--coder", "Bob", "--json").stdout)  # fmt: skip
    assert data["layer"] == "Bob's codings" and data["tables"][0]["left_out"] == 1
    cells = {(c["row"], c["column"]): c["passages"] for c in data["tables"][0]["cells"]}
    assert {k: v for k, v in cells.items() if None not in k} == counts(coded, "Bob")


def test_a_file_names_the_layer_in_every_row(coded: str, stancecoder_cli, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    done = stancecoder_cli("table", coded, "--rows", "topic", "--cols", "actor", "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("rows, each coder separately)")
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("layer", "topic", "actor")
    assert {row[0] for row in rows[1:]} == {"Alice's codings", "Bob's codings"}


def test_bad_choices_say_so_in_one_line(coded: str, stancecoder_cli, tmp_path: Path) -> None:
    for args, message in (
        (("--rows", "actor", "--cols", "colour"), "unknown dimension 'colour'"),
        (("--rows", "actor", "--cols", "actor"), "both actor"),
        (("--rows", "actor", "--cols", "topic", "--consensus"), "no consensus yet"),
        (("--rows", "actor", "--cols", "topic", "--coder", "Zed"), "no coder called 'Zed'"),
        (("--rows", "actor", "--cols", "topic", "--out", tmp_path / "t.txt"), "use a .xlsx"),
    ):
        done = stancecoder_cli("table", coded, *args)
        assert done.returncode == 1 and message in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    both = stancecoder_cli("table", coded, "--rows", "actor", "--cols", "topic", "--coder",
                           "Bob", "--each-coder")  # fmt: skip
    assert both.returncode == 2 and "not allowed with argument" in both.stderr


def test_cooccurrence_as_a_matrix_as_json_and_in_a_file(
    coded: str, stancecoder_cli, tmp_path: Path
) -> None:
    done = stancecoder_cli("cooccurrence", coded, "--coder", "Alice")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "actor and topic together in the same passage, Alice's codings"
    keys = ["actor: Russia", "actor: North Korea", "topic: Sanctions"]
    rows = {line[: line.index("  ")]: line.split()[-3:] for line in lines[2:]}
    # Alice: Putin (Russia) on Sanctions and North Korea on Sanctions, in one article
    assert {k: rows[k] for k in keys} == {
        "actor: Russia": ["1", "0", "1"],
        "actor: North Korea": ["0", "1", "1"],
        "topic: Sanctions": ["1", "1", "2"],
    }
    articles = json.loads(stancecoder_cli("cooccurrence", coded, "--in", "article", "--json",
                                          "--each-coder").stdout)  # fmt: skip
    assert articles["layer"] == "each coder separately" and articles["in"] == "article"
    alice = {(p["first"], p["second"]): p["articles"] for p in articles["tables"][0]["pairs"]}
    assert alice[("actor: Russia", "actor: North Korea")] == 1
    bob = {(p["first"], p["second"]): p["articles"] for p in articles["tables"][1]["pairs"]}
    assert bob[("actor: Russia", "actor: Russia")] == 2  # Bob coded Russia in both articles
    out = tmp_path / "pairs.xlsx"
    written = stancecoder_cli("cooccurrence", coded, "--coder", "Bob", "--out", out)
    assert written.returncode == 0 and written.stdout.strip().endswith("rows, Bob's codings)")
    sheet = list(load_workbook(out).active.iter_rows(values_only=True))
    assert sheet[0] == ("layer", "code", "with code", "passages", "articles")
    assert ("Bob's codings", "actor: Russia", "actor: Russia", 2, 2) in sheet
    refused = stancecoder_cli("cooccurrence", coded, "--variable", "source")
    assert refused.returncode == 1 and "source is no variable" in refused.stderr
