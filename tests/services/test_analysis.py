"""The pandas API on a small hand-made project: the frames' columns, dtypes, category
order and values, checked against the raw rows read with plain SQL."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text

import stancecoder
from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import read_article
from stancecoder.services.codings import add_passage
from stancecoder.services.project import create_project, open_project

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
"""

ARTICLES = [
    ("One", "Yonhap", "2024-06-17", "Putin arrives in Pyongyang. Analysts see a threat."),
    ("Two", "TASS", "2024-06", "Russia signs a treaty on trade and history with the North."),
]
CODINGS = [  # article index, coder, phrase, codes
    (0, "Alice", "Putin arrives", {"actor": "Putin", "stance": "Neutral"}),
    (0, "Bob", "Putin arrives", {"actor": "Russia › Putin", "stance": "Positive"}),
    (0, "Alice", "Analysts see a threat", {"actor": "Analysts", "frame": ["Threat"],
     "stance": "Negative"}),
    (1, "Bob", "trade and history", {"actor": "Russia", "frame": ["History", "Economy"]}),
]  # fmt: skip


Build = Callable[..., list[int]]


@pytest.fixture
def target(project_target: str | Path, tmp_path: Path, coded_by_hand: Build) -> str | Path:
    return build(project_target, tmp_path, coded_by_hand)


def build(project_target: str | Path, tmp_path: Path, coded_by_hand: Build) -> str | Path:
    """Two articles coded by Alice and Bob, and a consensus on one passage."""
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    with create_project(project_target, tmp_path / "codebook.yaml") as project:
        one, _ = coded_by_hand(project, ARTICLES, CODINGS)
        start = read_article(project, one).text.index("Putin arrives")
        add_passage(project, one, consensus_coder(project), start, start + 13,
                    {"actor": "Putin", "stance": "0"})  # fmt: skip
    return project_target


def raw(target: str | Path, query: str) -> list[tuple]:
    with open_project(target) as project, project.store.engine.connect() as db:
        return [tuple(row) for row in db.execute(text(query))]


def test_codings_of_each_coder(target: str | Path) -> None:
    with stancecoder.open(target) as project:
        frame = project.codings()
    expected = raw(target, "SELECT p.id, c.name, p.start, p.\"end\", p.quote FROM passage p "
                   "JOIN coder c ON c.id = p.coder_id WHERE c.name <> 'Consensus'")  # fmt: skip
    assert sorted(frame[["passage_id", "coder", "start", "end", "quote"]].itertuples(
        index=False, name=None)) == sorted(expected)  # fmt: skip
    assert list(frame.columns[:7]) == ["article_id", "coder", "passage_id", "start", "end",
                                       "quote", "memo"]  # fmt: skip
    assert list(frame["actor"].cat.categories) == ["Russia", "Russia › Putin", "Analysts"]
    assert frame["actor"].cat.ordered
    assert list(frame["stance"].cat.categories) == ["Negative", "Neutral", "Positive"]
    assert frame["stance_value"].dtype == "float64"
    assert frame["frame"].dtype == object and "frame_value" not in frame
    by_quote = frame.set_index(["coder", "quote"])
    assert by_quote.loc[("Bob", "trade and history"), "frame"] == ("Economy", "History")
    assert by_quote.loc[("Alice", "Analysts see a threat"), "stance_value"] == -1
    assert pd.isna(by_quote.loc[("Bob", "trade and history"), "stance"])
    assert frame.explode("frame")["frame"].dropna().tolist() == ["Threat", "Economy", "History"]


def test_a_coder_or_the_consensus(target: str | Path) -> None:
    with stancecoder.open(target) as project:
        bob = project.codings(coder="Bob")
        consensus = project.codings(consensus=True)
        with pytest.raises(ValidationError, match="not both"):
            project.codings(coder="Bob", consensus=True)
    assert set(bob["coder"]) == {"Bob"} and len(bob) == 2
    assert consensus["quote"].tolist() == ["Putin arrives"]
    assert consensus["stance_value"].tolist() == [0.0]


def test_articles_codebook_and_agreement(target: str | Path) -> None:
    with stancecoder.open(target) as project:
        articles = project.articles()
        codebook = project.codebook()
        agreement = project.agreement()
    assert articles["title"].tolist() == ["One", "Two"]
    assert pd.api.types.is_datetime64_any_dtype(articles["date"])
    assert articles["date"].tolist() == [pd.Timestamp("2024-06-17"), pd.Timestamp("2024-06-01")]
    assert articles["published"].tolist() == ["2024-06-17", "2024-06"]
    assert codebook["path"].tolist()[:3] == ["Russia", "Russia › Putin", "Analysts"]
    assert set(codebook["variable"]) == {"actor", "frame", "stance"}
    alpha = agreement[agreement["statistic"] == "krippendorff_alpha"]
    assert set(alpha["variable"]) >= {"actor", "stance"}


def test_reading_writes_nothing(tmp_path: Path, coded_by_hand: Build) -> None:
    target = build(tmp_path / "read.stance", tmp_path, coded_by_hand)
    assert isinstance(target, Path)
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    with stancecoder.open(target) as project:
        project.codings()
        project.articles()
        assert not hasattr(project, "transaction")
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_import_stays_cheap() -> None:
    code = "import sys, stancecoder; print(sorted({'pandas', 'PySide6'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
