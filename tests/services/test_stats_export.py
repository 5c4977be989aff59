"""SPSS, Stata and R files of a small hand-made project, on SQLite and PostgreSQL: read back
with pyreadstat and pandas.read_stata, every value, label and level checked against the
raw rows of the project's tables and the codebook file, counted and averaged here with
plain arithmetic."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
import yaml

from stancecoder.core.errors import OutputError, ValidationError
from stancecoder.core.layer import Layer
from stancecoder.db.store import set_setting
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes, set_status
from stancecoder.services.project import Project, create_project
from stancecoder.services.stats_export import export_stats

LONG = "Analysts of a think tank whose name runs on " * 4 + "and on"  # 182 characters
CODEBOOK = f"""\
name: Tiny
version: "2"
variables:
  - name: actor
    level: nominal
    codes:
      - label: Russia
        children:
          - label: Putin
      - label: 북한
      - label: {LONG}
  - name: frame
    level: nominal
    multiple: true
    codes:
      - label: Threat
      - label: Economy
  - name: stance
    level: ordinal
    codes:
      - {{label: Strongly against, value: -2}}
      - {{label: Against, value: -1}}
      - {{label: Neutral, value: 0}}
      - {{label: For, value: 1}}
      - {{label: Strongly for, value: 2}}
  - name: genre
    level: nominal
    scope: article
    codes:
      - label: News
      - label: Opinion
"""
ARTICLES = [  # title, source, date, text
    ("One", "Yonhap", "2024-06-17", "Putin arrives in Pyongyang. Analysts see a threat. "
     "Korea hails the visit."),
    ("Two", "TASS", "2024-06", "Russia signs a treaty. Then trade grows."),
    ("Three", "Yonhap", "", "Nothing to code here."),
]  # fmt: skip
CODINGS = [  # article index, coder, phrase, codes
    (0, "Alice", "Putin arrives", {"actor": "Russia › Putin", "frame": ["Threat"],
     "stance": "-2"}),
    (0, "Alice", "Analysts see", {"actor": LONG, "stance": "1"}),
    (0, "Alice", "Korea hails", {"actor": "북한", "frame": ["Threat", "Economy"], "stance": "2"}),
    (1, "Alice", "Russia signs", {"actor": "Russia", "stance": "0"}),
    (1, "Alice", "trade grows", {"actor": "Russia", "frame": ["Economy"]}),
    (0, "Bob", "Putin arrives", {"actor": "Russia", "stance": "-1"}),
    (1, "Bob", "Russia signs", {"actor": "Russia › Putin", "frame": ["Economy"],
     "stance": "2"}),
]  # fmt: skip
GENRES = [(0, "Alice", "News"), (1, "Alice", "Opinion"), (0, "Bob", "Opinion")]


@pytest.fixture
def coded(
    project_target: str | Path, tmp_path: Path, coded_by_hand: Callable[..., list[int]]
) -> Iterator[Project]:
    """Alice and Bob code two articles; Bob marks the third done without a passage; the
    consensus settles one passage."""
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    project = create_project(project_target, tmp_path / "codebook.yaml")
    ids = coded_by_hand(project, ARTICLES, CODINGS)
    for index, coder, genre in GENRES:
        set_article_codes(project, ids[index], coder, {"genre": genre})
    set_status(project, ids[2], "Bob", "done")
    start = read_article(project, ids[0]).text.index("Putin arrives")
    add_passage(project, ids[0], consensus_coder(project), start, start + 13,
                {"actor": "Russia › Putin", "stance": "-1"})  # fmt: skip
    yield project
    project.close()


def raw(project: Project) -> dict[int, dict]:
    """Each passage by id, from the tables themselves: its article's facts, its coder,
    span and words, and per variable its codes' paths (the parent's label first) and
    values; article-level codes come from the coder's codes of the article."""
    with project.store.engine.connect() as connection:
        t = {name: pd.read_sql_table(name, connection) for name in (
            "passage", "coder", "passage_code", "code", "variable", "article",
            "article_code")}  # fmt: skip
    variables = dict(zip(t["variable"]["id"], t["variable"]["name"], strict=True))
    codes = {row.id: row for row in t["code"].itertuples()}

    def path(code_id: int) -> str:
        code = codes[code_id]
        parent = codes[int(code.parent_id)].label + " › " if pd.notna(code.parent_id) else ""
        return parent + code.label

    coders = dict(zip(t["coder"]["id"], t["coder"]["name"], strict=True))
    articles = {row.id: row for row in t["article"].itertuples()}
    found = {}
    for p in t["passage"].itertuples():
        article = articles[p.article_id]
        found[p.id] = {
            "article_id": p.article_id, "title": article.title, "source": article.source,
            "published": article.published, "coder": coders[p.coder_id], "start": p.start,
            "end": p.end, "quote": p.quote, "codes": defaultdict(list),
        }  # fmt: skip
    links = t["passage_code"].itertuples()
    for link in links:
        code = codes[link.code_id]
        found[link.passage_id]["codes"][variables[code.variable_id]].append(
            (path(link.code_id), code.value)
        )
    for given in t["article_code"].itertuples():
        code = codes[given.code_id]
        for passage in found.values():
            if (passage["article_id"], passage["coder"]) == (given.article_id,
                                                            coders[given.coder_id]):  # fmt: skip
                passage["codes"][variables[code.variable_id]].append((path(given.code_id), None))
    return found


def stance_labels() -> dict[int, str]:
    stance = next(v for v in yaml.safe_load(CODEBOOK)["variables"] if v["name"] == "stance")
    return {c["value"]: c["label"] for c in stance["codes"]}


def missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def read(path: Path) -> tuple[pd.DataFrame, object]:
    reader = pyreadstat.read_sav if path.suffix == ".sav" else pyreadstat.read_dta
    return reader(path)


@pytest.mark.parametrize("suffix", [".sav", ".dta"])
def test_a_row_per_passage_with_labels_value_labels_and_missing_values(
    coded: Project, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"passages{suffix}"
    report = export_stats(coded, path, "passages", Layer.each_coder())
    frame, meta = read(path)
    passages = {i: p for i, p in raw(coded).items() if p["coder"] in ("Alice", "Bob")}
    assert report.rows == len(frame) == len(passages) == 7
    values = meta.variable_value_labels
    assert values["stance"] == stance_labels()
    assert meta.column_names_to_labels["stance"] == "stance"
    assert meta.column_names_to_labels["frame_threat"] == "frame: Threat"
    assert meta.column_names_to_labels["genre"] == "genre (the coder's code for the article)"
    assert values["frame_threat"] == {0: "no", 1: "yes"}
    for row in frame.to_dict("records"):
        passage = passages[int(row["passage_id"])]
        for field in ("article_id", "coder", "start", "end", "quote", "title", "source"):
            assert row[field] == passage[field], field
        year, month, *day = (int(n) for n in passage["published"].split("-"))
        assert row["date"] == date(year, month, *(day or [1]))
        [(actor, _)] = passage["codes"]["actor"]
        label = values["actor"][row["actor"]]
        assert label == actor or (label.endswith("…") and actor.startswith(label[:-1]))
        stance = [value for _, value in passage["codes"]["stance"]]
        assert row["stance"] == stance[0] if stance else missing(row["stance"])
        frames = [name for name, _ in passage["codes"]["frame"]]
        for name in ("Threat", "Economy"):
            column = f"frame_{name.lower()}"
            assert row[column] == (name in frames) if frames else missing(row[column])
        genre = [name for name, _ in passage["codes"]["genre"]]
        assert values["genre"].get(row["genre"]) == (genre[0] if genre else None)
    if suffix == ".sav":
        assert meta.variable_measure["stance"] == "ordinal"
        assert meta.variable_measure["actor"] == "nominal"
        return
    labelled = pd.read_stata(path, convert_categoricals=True).set_index("passage_id")
    for passage_id, passage in passages.items():
        stance = [stance_labels()[value] for _, value in passage["codes"]["stance"]]
        got = labelled.loc[passage_id, "stance"]
        assert got == stance[0] if stance else missing(got)
    assert list(labelled["stance"].cat.categories) == list(stance_labels().values())
    assert labelled["stance"].cat.ordered


def test_a_row_per_article_and_coder_counts_and_averages_as_the_raw_rows_do(
    coded: Project, tmp_path: Path
) -> None:
    path = tmp_path / "articles.dta"
    export_stats(coded, path, "articles", Layer.each_coder())
    frame, meta = read(path)
    passages = [p for p in raw(coded).values() if p["coder"] in ("Alice", "Bob")]
    pairs = {(p["article_id"], p["coder"]) for p in passages}
    three = max(p["article_id"] for p in passages) + 1  # Bob marked it done, coding nothing
    pairs.add((three, "Bob"))
    rows = {(int(r["article_id"]), r["coder"]): r for r in frame.to_dict("records")}
    assert set(rows) == pairs

    def top(path: str) -> str:
        return path.split(" › ")[0]

    for pair, row in rows.items():
        mine = [p for p in passages if (p["article_id"], p["coder"]) == pair]
        assert row["passages"] == len(mine)
        stances = [p["codes"]["stance"][0][1] for p in mine if p["codes"]["stance"]]
        expected = sum(stances) / len(stances) if stances else None
        assert missing(row["mean_stance"]) if expected is None else math.isclose(
            row["mean_stance"], expected)  # fmt: skip
        for column, wanted in (("actor_russia", ("actor", "Russia")),
                               ("actor_bughan", ("actor", "북한")),
                               ("frame_economy", ("frame", "Economy"))):  # fmt: skip
            variable, name = wanted
            coded_so = [p for p in mine if name in {top(c) for c, _ in p["codes"][variable]}]
            assert row[f"n_{column}"] == len(coded_so), (pair, column)
            points = [p["codes"]["stance"][0][1] for p in coded_so if p["codes"]["stance"]]
            mean = row[f"mean_stance_{column}"]
            assert missing(mean) if not points else math.isclose(mean, sum(points) / len(points))
    assert rows[(three, "Bob")]["passages"] == 0 and missing(rows[(three, "Bob")]["genre"])
    assert meta.column_names_to_labels["n_actor_russia"] == "passages coded actor Russia"
    counts = pd.read_stata(path, convert_categoricals=True)
    assert counts["n_actor_russia"].sum() == sum(
        1 for p in passages if top(p["codes"]["actor"][0][0]) == "Russia"
    )
    export_stats(coded, tmp_path / "apart.sav", "articles", Layer.each_coder(), sub_codes=True)
    apart, _ = read(tmp_path / "apart.sav")
    actors = [p["codes"]["actor"][0][0] for p in passages]
    assert apart["n_actor_russia"].sum() == actors.count("Russia")
    assert apart["n_actor_russia_putin"].sum() == actors.count("Russia › Putin") > 0


@pytest.mark.parametrize("suffix", [".sav", ".dta", ".csv"])
def test_beside_each_mean_stands_the_number_of_passages_with_a_stance_it_rests_on(
    coded: Project, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"articles{suffix}"
    report = export_stats(coded, path, "articles", Layer.each_coder())
    if suffix == ".csv":
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    else:
        frame, meta = read(path)
    passages = [p for p in raw(coded).values() if p["coder"] in ("Alice", "Bob")]
    rows = {(int(r["article_id"]), r["coder"]): r for r in frame.to_dict("records")}
    differs = 0
    for pair, row in rows.items():
        mine = [p for p in passages if (p["article_id"], p["coder"]) == pair]
        with_stance = [p for p in mine if p["codes"]["stance"]]
        assert row["n_mean_stance"] == len(with_stance), pair
        for column, (variable, name) in (("actor_russia", ("actor", "Russia")),
                                         ("actor_bughan", ("actor", "북한")),
                                         ("frame_economy", ("frame", "Economy")),
                                         ("frame_threat", ("frame", "Threat"))):  # fmt: skip
            tops = [{c.split(" › ")[0] for c, _ in p["codes"][variable]} for p in with_stance]
            behind = sum(1 for found in tops if name in found)
            assert row[f"n_mean_stance_{column}"] == behind, (pair, column)
            assert missing(row[f"mean_stance_{column}"]) == (behind == 0)
            differs += behind != row[f"n_{column}"]
    assert differs >= 2  # Alice's "trade grows": Russia and Economy, no stance
    names = list(frame.columns)
    assert names[names.index("mean_stance") + 1] == "n_mean_stance"
    assert names[names.index("mean_stance_actor_russia") + 1] == "n_mean_stance_actor_russia"
    label = "n of the mean stance: the passages coded actor Russia with a stance value"
    if suffix == ".csv":
        assert report.codebook is not None
        codebook = report.codebook.read_text(encoding="utf-8")
        assert f"| n_mean_stance_actor_russia | integer | {label} |" in codebook
        assert "| n_mean_stance | integer | n of the mean stance: the coder's passages with a " \
               "stance value |" in codebook  # fmt: skip
        return
    assert meta.column_names_to_labels["n_mean_stance_actor_russia"] == label
    assert "n_mean_stance_actor_russia" not in meta.variable_value_labels  # a count, like n_
    if suffix == ".sav":
        assert meta.variable_measure["n_mean_stance_actor_russia"] == "scale"


def test_each_layer_holds_only_its_codings(coded: Project, tmp_path: Path) -> None:
    consensus = consensus_coder(coded)
    export_stats(coded, tmp_path / "alice.sav", "passages", Layer.of_coder("alice"))
    export_stats(coded, tmp_path / "consensus.sav", "passages", Layer.consensus())
    alice, _ = read(tmp_path / "alice.sav")
    settled, _ = read(tmp_path / "consensus.sav")
    everything = raw(coded)
    assert sorted(alice["passage_id"]) == sorted(
        i for i, p in everything.items() if p["coder"] == "Alice"
    )
    assert list(settled["coder"]) == [consensus]
    assert list(settled["stance"]) == [-1]


def test_the_csv_for_r_holds_labels_and_its_codebook_the_levels(
    coded: Project, tmp_path: Path
) -> None:
    path = tmp_path / "study.csv"
    report = export_stats(coded, path, "passages", Layer.of_coder("Alice"))
    assert report.codebook == tmp_path / "study.codebook.md"
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")  # R's read.csv keeps a BOM
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    passages = {i: p for i, p in raw(coded).items() if p["coder"] == "Alice"}
    for row in frame.to_dict("records"):
        passage = passages[row["passage_id"]]
        assert row["actor"] == passage["codes"]["actor"][0][0]  # the whole path, never cut
        assert row["quote"] == passage["quote"]
        stance = [value for _, value in passage["codes"]["stance"]]
        assert row["stance"] == stance[0] if stance else missing(row["stance"])
    codebook = report.codebook.read_text(encoding="utf-8")
    assert "- one row: one passage of one coder (or of the consensus)" in codebook
    assert "- codings of: Alice's codings" in codebook
    levels = "\n".join(f"- {value} = {label}" for value, label in stance_labels().items())
    assert f"Ordinal, levels in order (lowest first); the CSV holds the number:\n\n{levels}" in (
        codebook
    )
    assert "- Russia\n- Russia › Putin\n- 북한\n" in codebook
    assert ('d$stance <- factor(d$stance, levels = c(-2, -1, 0, 1, 2), labels = c("Strongly '
            'against", "Against", "Neutral", "For", "Strongly for"), ordered = TRUE)'
            ) in codebook  # fmt: skip


def test_every_rename_and_cut_is_reported(coded: Project, tmp_path: Path) -> None:
    stata = export_stats(coded, tmp_path / "a.dta", "articles", Layer.each_coder())
    long_count = "n_actor_" + LONG
    [cut] = [line for line in stata.changes if line.startswith(repr(long_count))]
    assert cut == f"{long_count!r} is named n_actor_analysts_of_a_think_tank: cut to 32 characters"
    assert "'n_actor_북한' is named n_actor_bughan: spelled in ASCII" in stata.changes
    frame, meta = read(tmp_path / "a.dta")
    assert all(len(name) <= 32 for name in frame.columns)
    assert all(len(label) <= 80 for label in meta.column_names_to_labels.values())

    spss = export_stats(coded, tmp_path / "p.sav", "passages", Layer.each_coder())
    _, meta = read(tmp_path / "p.sav")
    [long_label] = [label for label in meta.variable_value_labels["actor"].values()
                    if label.startswith("Analysts")]  # fmt: skip
    assert long_label.endswith("…") and len(long_label.encode("utf-8")) == 120
    assert f"actor: label of 4 cut to 120 bytes: {long_label}" in spss.changes


def test_bad_requests_are_refused_in_one_line(coded: Project, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"use a \.sav, \.dta or \.csv file name"):
        export_stats(coded, tmp_path / "a.xlsx", "passages", Layer.each_coder())
    with pytest.raises(ValidationError, match="unknown shape 'units'"):
        export_stats(coded, tmp_path / "a.sav", "units", Layer.each_coder())
    with pytest.raises(ValidationError, match="no coder called 'Nobody'"):
        export_stats(coded, tmp_path / "a.sav", "passages", Layer.of_coder("Nobody"))
    add_coder(coded, "Carol")
    with pytest.raises(ValidationError, match="nothing to export: Carol's codings"):
        export_stats(coded, tmp_path / "a.sav", "passages", Layer.of_coder("Carol"))
    assert list(tmp_path.glob("a.*")) == []


def test_the_project_itself_is_never_the_output(tmp_path: Path) -> None:
    target = tmp_path / "study.dta"
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    with (
        create_project(target, tmp_path / "codebook.yaml") as project,
        pytest.raises(OutputError, match="it is the project itself"),
    ):
        export_stats(project, target, "passages", Layer.each_coder())


def test_a_long_project_name_is_cut_in_the_file_label(coded: Project, tmp_path: Path) -> None:
    with coded.transaction() as session:
        set_setting(session, "name", "A study of " + "the press of many lands " * 5)
    export_stats(coded, tmp_path / "a.dta", "passages", Layer.each_coder())
    export_stats(coded, tmp_path / "a.sav", "passages", Layer.each_coder())
    stata = read(tmp_path / "a.dta")[1].file_label
    spss = read(tmp_path / "a.sav")[1].file_label
    assert len(stata) == 80 and stata.startswith("A study of the press") and stata.endswith("…")
    assert len(spss.encode("utf-8")) == 64 and spss.endswith("…")
