"""Every use case that is not an undoable command is one transaction per user action too,
counted where transactions begin on the project's engine: codebook edits and merges,
samples, coders, an article's facts, blind mode, an import of codings; an import of
articles is one per chunk of files, and a chunk the database refuses one per file, so
that a bad file costs only itself."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from stancecoder.core.codebook import iter_codes
from stancecoder.services import corpus
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook import (
    delete_code,
    export_codebook,
    import_codebook,
    rename_code,
)
from stancecoder.services.codebook_edit import codebook_for_editing, merge_code, save_codebook
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.coding_view import coding_view
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.codings_import import import_codings
from stancecoder.services.corpus import CHUNK_ARTICLES, import_corpus, update_article
from stancecoder.services.passages import blind_mode, set_blind_mode
from stancecoder.services.project import Project
from stancecoder.services.samples import close_round, draw_sample, list_rounds, split_rest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
Counter = Callable[[Project], AbstractContextManager[list[int]]]
UseCase = Callable[[Project, Path], Callable[[], object]]


def uid_of(project: Project, variable: str, label: str) -> str:
    """A code's uid, which the codebook editor names codes by."""
    spec = codebook_for_editing(project)
    found = next(v for v in spec.variables if v.name == variable)
    return next(c.uid for _, c in iter_codes(found) if c.label == label) or ""


# Each builder prepares the project and returns the user action, to be counted alone.


def _save_codebook(project: Project, _folder: Path) -> Callable[[], object]:
    spec = codebook_for_editing(project)
    spec.variables[0].description = "Edited in the codebook editor"
    return lambda: save_codebook(project, spec)


def _import_codebook(project: Project, folder: Path) -> Callable[[], object]:
    path = folder / "codebook.yaml"
    export_codebook(project, path)
    return lambda: import_codebook(project, path)


def _rename_code(project: Project, _folder: Path) -> Callable[[], object]:
    return lambda: rename_code(project, "actor", "Kremlin", "The Kremlin")


def _delete_code(project: Project, _folder: Path) -> Callable[[], object]:
    return lambda: delete_code(project, "actor", "TASS")


def _merge_code(project: Project, _folder: Path) -> Callable[[], object]:
    article = list_articles(project)[0].id
    add_passage(project, article, "Alice", 0, 7, {"actor": "Russia › Vladimir Putin"})
    set_article_codes(project, article, "Alice", {"genre": "News report"})
    report = uid_of(project, "genre", "News report")
    analysis = uid_of(project, "genre", "News analysis")
    return lambda: merge_code(project, report, analysis)


def _draw_sample(project: Project, _folder: Path) -> Callable[[], object]:
    add_coder(project, "Bob")
    return lambda: draw_sample(project, "training 1", count=1, coders=["Alice", "Bob"], seed=3)


def _split_rest(project: Project, _folder: Path) -> Callable[[], object]:
    add_coder(project, "Bob")
    return lambda: split_rest(project, ["Alice", "Bob"])


def _close_round(project: Project, _folder: Path) -> Callable[[], object]:
    add_coder(project, "Bob")
    draw_sample(project, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    return lambda: close_round(project, "training 1")


def _add_coder(project: Project, _folder: Path) -> Callable[[], object]:
    return lambda: add_coder(project, "Carol")


def _update_article(project: Project, _folder: Path) -> Callable[[], object]:
    article = list_articles(project)[0].id
    return lambda: update_article(project, article, title="A better title")


def _blind_mode(project: Project, _folder: Path) -> Callable[[], object]:
    return lambda: set_blind_mode(project, True)


def _import_codings(project: Project, folder: Path) -> Callable[[], object]:
    first, second = list_articles(project)
    path = folder / "codings.csv"
    path.write_text(
        "article,coder,quote,occurrence,actor,genre\n"
        f'{first.id},Bob,"Putin",1,Russia › Vladimir Putin,News analysis\n'
        f'{second.id},Carol,,,,"Interview"\n',
        encoding="utf-8",
    )
    return lambda: import_codings(project, path)


@pytest.mark.parametrize(
    "build",
    [
        _save_codebook, _import_codebook, _rename_code, _delete_code, _merge_code,
        _draw_sample, _split_rest, _close_round, _add_coder, _update_article, _blind_mode,
        _import_codings,
    ],
    ids=[
        "save codebook", "import codebook", "rename code", "delete code", "merge code",
        "draw sample", "split rest", "close round", "add coder", "update article",
        "blind mode", "import codings",
    ],
)  # fmt: skip
def test_a_use_case_opens_one_transaction(
    seeded: Project, tmp_path: Path, build: UseCase, transactions_begun: Counter
) -> None:
    action = build(seeded, tmp_path)
    with transactions_begun(seeded) as begun:
        action()
    assert len(begun) == 1


def test_what_the_counted_use_cases_did_is_there(
    seeded: Project, tmp_path: Path, code_id: Callable[[Project, str, str], int]
) -> None:
    """The counts above are of actions that wrote: each leaves its mark."""
    merge = _merge_code(seeded, tmp_path)
    article = list_articles(seeded)[0].id
    before = coding_view(seeded, "Alice", article_id=article).coding
    merge()
    after = coding_view(seeded, "Alice", article_id=article).coding
    assert before is not None and after is not None
    assert after.codes["genre"] == [code_id(seeded, "genre", "News analysis")]
    assert after.version == before.version + 1  # article codes rewritten: a new version
    for build in (_close_round, _update_article, _blind_mode, _import_codings):
        build(seeded, tmp_path)()
    assert list_rounds(seeded)[0].is_open is False
    assert read_article(seeded, list_articles(seeded)[0].id).title == "A better title"
    assert blind_mode(seeded)
    assert {c.name for c in list_coders(seeded)} >= {"Bob", "Carol"}


def test_an_import_of_articles_is_one_transaction_per_chunk(
    project: Project, transactions_begun: Counter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus, "CHUNK_SECONDS", 3600.0)  # chunks cut by their articles alone
    for number in range(CHUNK_ARTICLES + 1):
        (tmp_path / f"{number}.txt").write_text(f"Article number {number}.\n", encoding="utf-8")
    with transactions_begun(project) as begun:
        report = import_corpus(project, [tmp_path])
    assert len(report.imported) == CHUNK_ARTICLES + 1
    assert len(begun) == 2


def test_files_that_come_slowly_are_stored_without_waiting_for_a_chunk(
    project: Project, transactions_begun: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corpus, "CHUNK_SECONDS", 0.0)  # every file slower than the bound
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 2
    with transactions_begun(project) as begun:
        report = import_corpus(project, [SEEDS])
    assert len(report.imported) == 2
    assert len(begun) == len(files)
