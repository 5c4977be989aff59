"""The article list narrowed by codes, on both databases: every code named (or a sub-code)
in some passage, a variable nobody coded, and whose passages count."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from stancecoder.db.models import Code
from stancecoder.services.articles import ArticleQuery, list_articles
from stancecoder.services.code_filter import CodeFilter
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.passages import set_blind_mode
from stancecoder.services.project import Project
from stancecoder.services.samples import draw_sample

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PUTIN = "Russia › Vladimir Putin"


@pytest.fixture
def coded(project: Project, tmp_path: Path) -> tuple[Project, list[int]]:
    """Three articles: Alice codes Putin with sanctions in one passage of the first and in
    two passages of the second, with a stance on the first; Bob codes Putin, military
    cooperation and a stance on the third."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "third.txt").write_text("A third article about the visit.", encoding="utf-8")
    import_corpus(project, [SEEDS, extra])
    for coder in ("Alice", "Bob"):
        add_coder(project, coder)
    first, second, third = (row.id for row in list_articles(project))
    add_passage(
        project, first, "Alice", 0, 5, {"actor": PUTIN, "topic": "Sanctions", "stance": "+1"}
    )
    add_passage(project, second, "Alice", 0, 5, {"actor": PUTIN})
    add_passage(project, second, "Alice", 6, 12, {"topic": "Sanctions"})
    add_passage(
        project, third, "Bob", 0, 5,
        {"actor": PUTIN, "topic": "Military cooperation", "stance": "-1"},
    )  # fmt: skip
    return project, [first, second, third]


def shown(project: Project, codes: CodeFilter, coder: str | None = None) -> list[int]:
    return [row.id for row in list_articles(project, coder, ArticleQuery(codes=codes))]


def test_every_code_named_in_any_passage(
    coded: tuple[Project, list[int]], code_id: Callable[[Project, str, str], int]
) -> None:
    project, (first, second, third) = coded
    putin, sanctions = (
        code_id(project, "actor", "Vladimir Putin"),
        code_id(project, "topic", "Sanctions"),
    )
    assert shown(project, CodeFilter(codes=(putin,))) == [first, second, third]
    assert shown(project, CodeFilter(codes=(putin, sanctions))) == [first, second]
    military = code_id(project, "topic", "Military cooperation")
    assert shown(project, CodeFilter(codes=(sanctions, military))) == []


def test_a_code_finds_its_sub_codes(
    coded: tuple[Project, list[int]], code_id: Callable[[Project, str, str], int]
) -> None:
    project, (first, second, _third) = coded
    russia, sanctions = code_id(project, "actor", "Russia"), code_id(project, "topic", "Sanctions")
    assert shown(project, CodeFilter(codes=(russia, sanctions))) == [first, second]


def test_only_the_chosen_coders_passages_count(
    coded: tuple[Project, list[int]], code_id: Callable[[Project, str, str], int]
) -> None:
    project, (first, second, third) = coded
    putin = code_id(project, "actor", "Vladimir Putin")
    assert shown(project, CodeFilter(codes=(putin,), coders=("Bob",))) == [third]
    assert shown(project, CodeFilter(codes=(putin,), coders=("Alice", "Bob"))) == [
        first, second, third,
    ]  # fmt: skip


def test_articles_nobody_coded_for_a_variable(
    coded: tuple[Project, list[int]], code_id: Callable[[Project, str, str], int]
) -> None:
    project, (first, second, third) = coded
    stance = code_id(project, "stance", "Positive")
    with project.reading() as session:
        stance_variable = session.get(Code, stance).variable_id
    assert shown(project, CodeFilter(uncoded=stance_variable)) == [second]
    assert shown(project, CodeFilter(uncoded=stance_variable, coders=("Alice",))) == [
        second, third,
    ]  # fmt: skip
    putin = code_id(project, "actor", "Vladimir Putin")
    both = CodeFilter(codes=(putin,), uncoded=stance_variable)
    assert shown(project, both) == [second]
    assert shown(project, CodeFilter()) == [first, second, third]


def test_a_coder_filters_only_by_passages_the_reader_shows_them(
    coded: tuple[Project, list[int]], code_id: Callable[[Project, str, str], int]
) -> None:
    """Blind mode, or an open round, hides Bob's passages from Alice: so does the filter."""
    project, (first, second, third) = coded
    putin = code_id(project, "actor", "Vladimir Putin")
    as_alice = CodeFilter(codes=(putin,), viewer="Alice")
    assert shown(project, as_alice) == [first, second, third]
    set_blind_mode(project, True)
    assert shown(project, as_alice) == [first, second]
    assert shown(project, CodeFilter(codes=(putin,))) == [first, second, third]  # trusted
    set_blind_mode(project, False)
    draw_sample(project, "round 1", count=3, coders=["Alice", "Bob"], seed=1)
    assert shown(project, as_alice) == [first, second]
    assert shown(project, CodeFilter(codes=(putin,), viewer="Bob")) == [third]
