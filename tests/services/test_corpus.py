"""Importing a corpus into a project: whole files, duplicates, failures, metadata edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.services import corpus
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.corpus import import_corpus, update_article
from stancecoder.services.project import Project

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seeds_import_with_wrapped_words_repaired(project: Project) -> None:
    report = import_corpus(project, [SEEDS])
    assert len(report.imported) == 2 and report.ok
    articles = [read_article(project, i) for i in report.imported]
    joined = "\n".join(a.text for a in articles)
    assert "resolution violations" in joined
    assert "defense cooperation" in joined
    assert "resolut\nion" not in joined
    yonhap = next(a for a in articles if "WASHINGTON" in a.text)
    assert yonhap.source == "Yonhap"
    assert yonhap.title is not None and "N.K. trip" in yonhap.title


def test_a_second_import_skips_duplicates(project: Project) -> None:
    import_corpus(project, [SEEDS])
    report = import_corpus(project, [SEEDS])
    assert report.imported == []
    assert len(report.skipped) == 2
    assert "same text as article" in report.skipped[0][1]
    assert len(list_articles(project)) == 2


def test_a_text_twice_in_one_import_is_stored_once_and_the_copy_names_it(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two files are stored in one transaction: the copy is found among the articles
    that transaction brings, and named by the id the database gave the first."""
    monkeypatch.setattr(corpus, "CHUNK_SECONDS", 3600.0)  # the two in one chunk
    text = "Talks in Seoul\n\nThe ministers met in Seoul on Tuesday.\n"
    (tmp_path / "1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "2.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    report = import_corpus(project, [tmp_path])
    (first,) = report.imported
    assert report.skipped == [("2.txt", f"same text as article {first} (Talks in Seoul)")]
    assert [row.id for row in list_articles(project)] == [first]


def test_a_bad_file_fails_alone(project: Project, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good article about sanctions.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "table.csv").write_text("headline,body\nA,\n", encoding="utf-8")
    report = import_corpus(project, [tmp_path])
    assert len(report.imported) == 1
    failed = dict(report.failed)
    assert set(failed) == {"empty.txt", "binary.txt", "table.csv"}
    assert "empty" in failed["empty.txt"]
    assert not report.ok
    assert report.summary() == "1 imported, 0 skipped, 3 files failed"


def test_a_csv_with_mapped_columns(project: Project, tmp_path: Path) -> None:
    (tmp_path / "news.csv").write_text(
        "headline,body,outlet,when\n"
        'Summit,"Putin and Kim met in Pyongyang.",KCNA,2024-06-19\n'
        'Treaty,"The treaty was signed.",TASS,2024-06-19\n',
        encoding="utf-8",
    )
    report = import_corpus(project, [tmp_path / "news.csv"], {"text": "body", "date": "when"})
    assert len(report.imported) == 2
    rows = list_articles(project)
    assert {r.source for r in rows} == {"KCNA", "TASS"}
    assert {r.published for r in rows} == {"2024-06-19"}


def test_cancel_stops_between_files(project: Project, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(f"Article number {n}.\n", encoding="utf-8")
    report = import_corpus(project, [tmp_path], progress=lambda done, total, name: done < 1)
    assert report.cancelled
    assert len(report.imported) == 1


def test_metadata_is_editable_but_the_text_is_not(project: Project) -> None:
    article_id = import_corpus(project, [SEEDS]).imported[0]
    update_article(project, article_id, title="A better title", source="Yonhap")
    view = read_article(project, article_id)
    assert (view.title, view.source) == ("A better title", "Yonhap")
    update_article(project, article_id, published="17 June 2024")
    assert read_article(project, article_id).published == "2024-06-17"
    with pytest.raises(ValidationError, match="cannot read 'next Tuesday' as a date"):
        update_article(project, article_id, published="next Tuesday")
    with pytest.raises(ValidationError, match="text cannot change"):
        update_article(project, article_id, text="rewritten")
    with pytest.raises(ValidationError, match="unknown article field"):
        update_article(project, article_id, colour="red")
