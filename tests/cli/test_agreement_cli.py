"""`stancecoder agreement` prints and exports the same figures as the service."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from stancecoder.cli import main
from stancecoder.db.models import Article
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.project import Project
from stancecoder.services.samples import draw_sample


@pytest.fixture
def coded(seeded: Project, project_target: str | Path) -> str:
    add_coder(seeded, "Bob")
    with seeded.transaction() as session:
        first, second = session.scalars(select(Article.id).order_by(Article.id)).all()
    for start, alice, bob in [(0, "Sanctions", "Sanctions"), (60, "Sanctions", "Other"),
                              (130, "War in Ukraine", "War in Ukraine")]:  # fmt: skip
        add_passage(seeded, first, "Alice", start, start + 50, {"topic": alice})
        add_passage(seeded, first, "Bob", start, start + 50, {"topic": bob})
    add_passage(seeded, first, "Bob", 300, 340, {"topic": "Other"})
    for article, genre in [(first, "News report"), (second, "Interview")]:
        set_article_codes(seeded, article, "Alice", {"genre": genre})
        set_article_codes(seeded, article, "Bob", {"genre": "News report"})
    return str(project_target)


def topic_alpha(document: dict) -> dict:
    topic = next(v for v in document["variables"] if v["variable"] == "topic")
    return next(s for s in topic["statistics"] if s["name"] == "krippendorff_alpha")


def test_json_output_matches_the_service(
    seeded: Project, coded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", coded, "--json", "--seed", "5"]) == 0
    document = json.loads(capsys.readouterr().out)
    report = project_agreement(seeded, "matched", seed=5)
    topic = next(v for v in report.variables if v.name == "topic")
    alpha = topic_alpha(document)
    assert alpha["value"] == pytest.approx(topic.main.value)
    assert alpha["ci95"] == pytest.approx(list(topic.main.ci95))
    assert document["unmatched_passages"] == {"Alice": 0, "Bob": 1}
    assert document["coders"] == ["Alice", "Bob"]


def test_text_and_exports_agree(
    coded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["agreement", coded, "--json", "--seed", "2", "--out", str(tmp_path / "a.xlsx")]) == 0
    )
    alpha = topic_alpha(json.loads(capsys.readouterr().out))
    rows = load_workbook(tmp_path / "a.xlsx")["Variables"].iter_rows(values_only=True)
    cell = next(r for r in rows if r[0] == "topic" and r[4] == "Krippendorff's α")
    assert cell[5] == pytest.approx(alpha["value"])
    assert main(["agreement", coded, "--seed", "2", "--out", str(tmp_path / "a.html")]) == 0
    text = capsys.readouterr().out
    label = "Krippendorff's α"
    assert f"{label:<38} {alpha['value']:6.3f}" in text
    assert "wrote" in text and "Two coders (Alice, Bob)" in text
    shown = f"{alpha['value']:.2f}".replace("-", "\u2212").replace("0.", ".", 1)
    assert f'<td class="num">{shown}</td>' in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_units_and_coder_filter(coded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreement", coded, "--unit", "unitizing", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    names = {s["name"] for s in next(v for v in document["variables"]
                                     if v["variable"] == "topic")["statistics"]}  # fmt: skip
    assert names == {"unitizing_alpha"}
    assert main(["agreement", coded, "--coder", "Alice", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert all(s["value"] is None and s["reason"] for v in document["variables"]
               for s in v["statistics"])  # fmt: skip


def test_errors_are_one_line(
    coded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", coded, "--coder", "Zoe"]) == 1
    assert "unknown coder(s) Zoe" in capsys.readouterr().err
    assert main(["agreement", coded, "--out", str(tmp_path / "a.docx")]) == 1
    assert "use .xlsx, .html or .pdf" in capsys.readouterr().err
    assert main(["agreement", coded, "--overlap", "2"]) == 1
    assert "overlap threshold" in capsys.readouterr().err


def test_round_option(seeded: Project, coded: str, capsys: pytest.CaptureFixture[str]) -> None:
    draw_sample(seeded, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    assert main(["agreement", coded, "--round", "training 1", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["round"] == "training 1" and document["n_articles"] == 1
    assert "reliability sample \u201ctraining 1\u201d" in document["methods"]
    assert main(["agreement", coded, "--round", "final"]) == 1
    assert "no sample called 'final'" in capsys.readouterr().err


@pytest.fixture
def two_rounds(seeded: Project, coded: str) -> str:
    """Each seed article in a round of its own."""
    draw_sample(seeded, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    draw_sample(seeded, "training 2", count=1, coders=["Alice", "Bob"], seed=3)
    return coded


def test_rounds_json_holds_each_rounds_own_figures(
    seeded: Project, two_rounds: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", two_rounds, "--rounds", "--json", "--seed", "5"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in document["rounds"]] == ["training 1", "training 2"]
    assert all(r["n_articles"] == 1 for r in document["rounds"])
    compared = 0
    for name in ("training 1", "training 2"):
        alone = project_agreement(seeded, seed=5, round=name)
        for v in alone.variables:
            entry = next(e for e in document["variables"] if e["name"] == v.name)
            assert entry["level"] == v.level
            shown = next(r for r in entry["rounds"] if r["round"] == name)
            assert shown["value"] == v.main.value and shown["n_units"] == v.main.n_units
            assert shown["ci95"] == (list(v.main.ci95) if v.main.ci95 else None)
            assert ("reason" in shown) == (v.main.value is None)
            compared += v.main.value is not None
    assert compared >= 2
    assert main(["agreement", two_rounds, "--rounds", "--coder", "Alice", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert all(r["value"] is None and r["n_coders"] <= 1 for v in document["variables"]
               for r in v["rounds"])  # fmt: skip


def test_rounds_as_a_table_and_exported(
    two_rounds: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rounds.xlsx"
    assert main(["agreement", two_rounds, "--rounds", "--seed", "2", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    header = next(line for line in text.splitlines() if line.startswith("variable "))
    assert header.split() == ["variable", "training", "1", "training", "2"]
    assert any(line.startswith("topic (nominal)") for line in text.splitlines())
    assert f"wrote {out}" in text
    rows = list(load_workbook(out)["Rounds"].iter_rows(values_only=True))
    assert {(r[0], r[4]) for r in rows[1:]} >= {("topic", "training 1"), ("genre", "training 2")}
    page = tmp_path / "rounds.html"
    assert (
        main(["agreement", two_rounds, "--rounds", "--unit", "sentence", "--out", str(page)]) == 0
    )
    shown = html.unescape(page.read_text(encoding="utf-8"))
    assert "sentences: each coder" in shown
    assert shown.count("<figure>") == 1 and "Figure 1. Krippendorff's α per round" in shown


def test_the_page_carries_the_figures_and_the_pdf_prints_it(
    seeded: Project, coded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, printed = tmp_path / "a.html", tmp_path / "a.pdf"
    assert main(["agreement", coded, "--seed", "2", "--out", str(page)]) == 0
    report = project_agreement(seeded, "matched", seed=2)
    heatmaps = [v for v in report.variables if v.coincidences]
    shown = page.read_text(encoding="utf-8")
    assert shown.count("<figure>") == 1 + len(heatmaps)  # the forest plot and one per variable
    assert shown.count('<div role="img" aria-label="') == 1 + len(heatmaps)
    assert (
        main(["agreement", coded, "--seed", "2", "--out", str(printed), "--paper", "letter"]) == 0
    )
    assert f"wrote {printed}" in capsys.readouterr().out
    reader = PdfReader(printed)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    topic = next(v for v in report.variables if v.name == "topic")
    low, high = (f"{x:.2f}".replace("0.", ".", 1).replace("-", "\u2212") for x in topic.main.ci95)
    assert (
        f"Topic nominal matched passages {topic.n_units} 2" in text and f"[{low}, {high}]" in text
    )
    assert "Figure 1. Krippendorff's α per variable" in text
    with pytest.raises(SystemExit):
        main(["agreement", coded, "--out", str(printed), "--paper", "a5"])
    assert "invalid choice: 'a5'" in capsys.readouterr().err


def test_rounds_errors_are_one_line(
    coded: str, seeded: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", coded, "--rounds"]) == 1
    error = capsys.readouterr().err
    assert "no reliability samples yet; draw one with: stancecoder sample draw" in error
    assert len(error.strip().splitlines()) == 1
    draw_sample(seeded, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    assert main(["agreement", coded, "--rounds", "--round", "training 1"]) == 1
    error = capsys.readouterr().err
    assert "--round reports one sample and --rounds compares them all" in error
    assert len(error.strip().splitlines()) == 1


def test_without_a_seed_two_runs_agree_and_the_methods_say_which(
    coded: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window's default seed is the command line's, so a figure can be found again."""
    runs = []
    for _ in range(2):
        assert main(["agreement", coded, "--json"]) == 0
        runs.append(json.loads(capsys.readouterr().out))
    assert topic_alpha(runs[0])["ci95"] == topic_alpha(runs[1])["ci95"]
    assert "1,000 bootstrap replicates with seed 1 " in runs[0]["methods"]
