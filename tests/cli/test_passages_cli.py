"""`stancecoder passages` and `export --layer`, run as a user would, in a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project


@pytest.fixture
def coded(seeded: Project, project_target: str | Path) -> str:
    add_coder(seeded, "Bob")
    first, second = (a.id for a in list_articles(seeded))
    for article_id, coder, phrase, codes in (
        (first, "Alice", "Vladimir Putin", {"actor": "Russia › Vladimir Putin", "stance": "+2"}),
        (first, "Bob", "Vladimir Putin", {"actor": "Russia › Vladimir Putin", "stance": "-1"}),
        (second, "Bob", "analysts said Monday", {"actor": "Analysts", "topic": "Sanctions"}),
    ):
        start = read_article(seeded, article_id).text.index(phrase)
        add_passage(seeded, article_id, coder, start, start + len(phrase), codes)
    return str(project_target)


def test_json_lists_the_matches_with_their_context(coded: str, stancecoder_cli) -> None:
    done = stancecoder_cli("passages", coded, "--code", "actor=Russia", "--json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [(r["coder"], r["stance"]) for r in records] == [("Alice", 2.0), ("Bob", -1.0)]
    assert records[0]["codes"]["actor"] == ["Russia › Vladimir Putin"]
    assert "“Vladimir Putin”" in records[0]["in_context"]
    narrowed = stancecoder_cli("passages", coded, "--coder", "Bob", "--stance-max", "0", "--json")
    assert [r["coder"] for r in json.loads(narrowed.stdout)] == ["Bob"]


def test_the_table_and_a_file(coded: str, stancecoder_cli, tmp_path: Path) -> None:
    done = stancecoder_cli("passages", coded, "--words", "ANALYSTS")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "article\tcoder\tpassage in context\tcodes"
    assert len(lines) == 2 and "\tBob\t" in lines[1] and "Analysts; Sanctions" in lines[1]
    assert done.stderr.strip() == "1 passage"
    out = tmp_path / "p.xlsx"
    written = stancecoder_cli("passages", coded, "--coder", "Alice", "--out", out)
    assert written.stdout.strip() == f"wrote {out} (1 passage)"
    rows = list(load_workbook(out)["Passages"].iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][rows[0].index("coder")] == "Alice"


def test_bad_filters_say_so_in_one_line(coded: str, stancecoder_cli) -> None:
    for args, message in (
        (("--code", "actor"), "--code takes VARIABLE=CODE"),
        (("--code", "actor=Zorro"), "actor has no code 'Zorro'"),
        (("--coder", "Zed"), "no coder called 'Zed'"),
    ):
        done = stancecoder_cli("passages", coded, *args)
        assert done.returncode == 1 and message in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_export_layer(coded: str, stancecoder_cli, tmp_path: Path) -> None:
    out = tmp_path / "bob.xlsx"
    done = stancecoder_cli("export", coded, out, "--layer", "Bob")
    assert done.returncode == 0, done.stderr
    summary = list(load_workbook(out)["Summary"].iter_rows(values_only=True))
    assert {row[0] for row in summary[1:]} == {"Bob's codings"}
    refused = stancecoder_cli("export", coded, tmp_path / "c.xlsx", "--layer", "consensus")
    assert refused.returncode == 1 and "no consensus yet" in refused.stderr
