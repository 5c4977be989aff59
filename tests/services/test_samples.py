"""Reliability samples, rounds and assignments on a corpus of 30 imported articles."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import ArticleQuery, list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_status
from stancecoder.services.corpus import import_corpus
from stancecoder.services.passages import passages_of, set_blind_mode
from stancecoder.services.project import Project
from stancecoder.services.samples import (
    SEED_LIMIT,
    assignable_coders,
    close_round,
    draw_sample,
    list_rounds,
    pool_size,
    progress,
    rest_size,
    round_articles,
    round_progress,
    split_rest,
)

# 15 + 10 + 5 articles by source; 12 + 12 + 6 by month, crossing the sources.
SOURCES = ["Daily A"] * 15 + ["Daily B"] * 10 + ["Weekly C"] * 5
MONTHS = ["2024-05", "2024-06"] * 12 + ["2024-07"] * 6
TWO = ["Alice", "Bob"]


@pytest.fixture
def corpus(project: Project, tmp_path: Path) -> Project:
    path = tmp_path / "news.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "source", "published", "text"])
        for number, (source, month) in enumerate(zip(SOURCES, MONTHS, strict=True), start=1):
            text = f"Report {number}: Vladimir Putin met Kim Jong Un in Pyongyang. Talks went on."
            writer.writerow([f"Report {number}", source, f"{month}-{number % 28 + 1:02d}", text])
    assert import_corpus(project, [path]).ok
    for name in ("Alice", "Bob", "Carol"):
        add_coder(project, name)
    return project


def all_ids(project: Project) -> set[int]:
    return {row.id for row in list_articles(project)}


def by_field(project: Project, ids: tuple[int, ...], field: str) -> Counter[str]:
    values = Counter()
    for article_id in ids:
        article = read_article(project, article_id)
        values[article.source if field == "source" else article.published[:7]] += 1
    return values


def test_the_same_seed_draws_the_same_articles(corpus: Project) -> None:
    first = draw_sample(corpus, "training 1", share=0.2, coders=TWO, seed=7)
    again = draw_sample(
        corpus, "training 1 again", share=0.2, coders=TWO, seed=7, exclude_sampled=False
    )
    other = draw_sample(corpus, "other seed", share=0.2, coders=TWO, seed=8, exclude_sampled=False)
    assert first.article_ids == again.article_ids
    assert other.article_ids != first.article_ids
    assert first.seed == 7 and "seed 7" in first.description


def test_a_seed_is_generated_and_recorded_when_none_is_given(corpus: Project) -> None:
    info = draw_sample(corpus, "training 1", count=5, coders=TWO)
    assert 0 <= info.seed < SEED_LIMIT
    assert list_rounds(corpus)[0].seed == info.seed
    again = draw_sample(
        corpus, "redrawn", count=5, coders=TWO, seed=info.seed, exclude_sampled=False
    )
    assert again.article_ids == info.article_ids


@pytest.mark.parametrize(("share", "count", "size"), [(0.2, None, 6), (0.25, None, 8),
                                                      (1.0, None, 30), (None, 7, 7)])  # fmt: skip
def test_a_share_or_a_count_sets_the_size(
    corpus: Project, share: float | None, count: int | None, size: int
) -> None:
    info = draw_sample(corpus, "final", share=share, count=count, coders=TWO, kind="final")
    assert len(info.article_ids) == len(set(info.article_ids)) == size
    assert info.kind == "final" and info.coders == ("Alice", "Bob")
    assert round_articles(corpus, "final") == list(info.article_ids)


def test_later_samples_leave_out_earlier_ones_unless_asked(corpus: Project) -> None:
    first = draw_sample(corpus, "training 1", count=10, coders=TWO, seed=1)
    second = draw_sample(corpus, "training 2", count=20, coders=TWO, seed=1)
    assert not set(first.article_ids) & set(second.article_ids)
    assert "earlier samples excluded" in second.description
    with pytest.raises(ValidationError, match="already in an earlier sample"):
        draw_sample(corpus, "training 3", count=1, coders=TWO)
    overlap = draw_sample(corpus, "final", count=30, coders=TWO, exclude_sampled=False)
    assert len(overlap.article_ids) == 30


@pytest.mark.parametrize(
    ("field", "share", "expected"),
    [
        ("source", 0.2, {"Daily A": 3, "Daily B": 2, "Weekly C": 1}),
        ("source", 0.4, {"Daily A": 6, "Daily B": 4, "Weekly C": 2}),
        ("month", 0.5, {"2024-05": 6, "2024-06": 6, "2024-07": 3}),
    ],
)
def test_stratified_samples_are_proportional(
    corpus: Project, field: str, share: float, expected: dict[str, int]
) -> None:
    for seed in (3, 4):
        info = draw_sample(
            corpus, f"s{seed}", share=share, coders=TWO, seed=seed, stratify_by=field,
            exclude_sampled=False,
        )  # fmt: skip
        assert by_field(corpus, info.article_ids, field) == expected
        assert f"stratified proportionally by {field}" in info.description


def test_every_coder_of_a_round_gets_every_article_to_do(corpus: Project) -> None:
    info = draw_sample(corpus, "training 1", count=6, coders=["Alice", "Bob"], seed=2)
    set_status(corpus, info.article_ids[0], "Alice", "done")
    rows = {row.coder: row for row in progress(corpus)}
    assert (rows["Alice"].assigned, rows["Alice"].todo, rows["Alice"].done) == (6, 5, 1)
    assert (rows["Bob"].assigned, rows["Bob"].todo, rows["Bob"].doing) == (6, 6, 0)
    assert rows["Carol"].assigned == 0
    assert [row.coder for row in progress(corpus, "Bob")] == ["Bob"]


def test_the_rest_is_split_one_coder_each(corpus: Project) -> None:
    sample = draw_sample(corpus, "final", count=6, coders=TWO, seed=5, kind="final")
    split = split_rest(corpus, ["Alice", "Bob", "Carol"])
    given = [a for ids in split.values() for a in ids]
    assert sorted(given) == sorted(all_ids(corpus) - set(sample.article_ids))
    assert [len(ids) for ids in split.values()] == [8, 8, 8]
    assert split_rest(corpus, ["Carol"]) == {"Carol": ()}  # nothing is assigned twice
    assert {row.coder: row.assigned for row in progress(corpus)} == {
        "Alice": 14, "Bob": 14, "Carol": 8,
    }  # fmt: skip


def test_a_seeded_split_is_shuffled(corpus: Project) -> None:
    ids = sorted(all_ids(corpus))
    split = split_rest(corpus, TWO, seed=11)
    assert split["Alice"] != tuple(ids[::2])
    assert sorted(split["Alice"] + split["Bob"]) == ids
    assert len(split["Alice"]) == len(split["Bob"]) == 15


def test_an_open_round_is_blind_and_a_closed_one_is_not(corpus: Project) -> None:
    info = draw_sample(corpus, "training 1", count=3, coders=TWO, seed=9)
    inside = info.article_ids[0]
    outside = min(all_ids(corpus) - set(info.article_ids))
    for article_id in (inside, outside):
        for coder, phrase in (("Alice", "Vladimir Putin"), ("Bob", "Kim Jong Un")):
            text = read_article(corpus, article_id).text
            start = text.index(phrase)
            add_passage(corpus, article_id, coder, start, start + len(phrase), {})
    set_blind_mode(corpus, False)

    assert {p.coder for p in passages_of(corpus, inside, "Alice")} == {"Alice"}
    assert {p.coder for p in passages_of(corpus, outside, "Alice")} == {"Alice", "Bob"}
    assert {p.coder for p in passages_of(corpus, inside, None)} == {"Alice", "Bob"}

    closed = close_round(corpus, "training 1")
    assert closed.closed_at is not None and not closed.is_open
    assert {p.coder for p in passages_of(corpus, inside, "Alice")} == {"Alice", "Bob"}
    set_blind_mode(corpus, True)
    assert {p.coder for p in passages_of(corpus, outside, "Alice")} == {"Alice"}


def test_closing_twice_or_an_unknown_round_is_refused(corpus: Project) -> None:
    draw_sample(corpus, "training 1", count=3, coders=TWO, seed=9)
    close_round(corpus, "training 1")
    with pytest.raises(ValidationError, match="already closed"):
        close_round(corpus, "training 1")
    with pytest.raises(ValidationError, match="no sample called 'nope'"):
        close_round(corpus, "nope")
    with pytest.raises(ValidationError, match="no sample called"):
        round_articles(corpus, "nope")
    assert [r.is_open for r in list_rounds(corpus)] == [False]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"count": 3, "coders": ["Alice"]}, "at least two coders"),
        ({"count": 3, "coders": ["Alice", "Alice"]}, "coder named twice: Alice"),
        ({"count": 3, "coders": ["Alice", "Zed"]}, "no coder called 'Zed'"),
        ({"share": 0.2, "count": 3, "coders": TWO}, "either a share or a count"),
        ({"coders": TWO}, "either a share or a count"),
        ({"share": 1.5, "coders": TWO}, "share must be above 0"),
        ({"share": 0.01, "coders": TWO}, "is no article"),
        ({"count": 31, "coders": TWO}, "between 1 and 30, got 31"),
        ({"count": 3, "coders": TWO, "kind": "practice"}, "unknown kind 'practice'"),
        ({"count": 3, "coders": TWO, "stratify_by": "author"}, "unknown stratification"),
        ({"count": 3, "coders": TWO, "seed": -1}, "seed must be a whole number"),
        ({"count": 3, "coders": TWO, "seed": SEED_LIMIT}, "seed must be a whole number"),
    ],
)
def test_bad_requests_draw_nothing(corpus: Project, options: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        draw_sample(corpus, "training 1", **options)
    assert list_rounds(corpus) == []
    assert all(row.assigned == 0 for row in progress(corpus))


def test_names_must_be_given_and_unique(corpus: Project) -> None:
    with pytest.raises(ValidationError, match="needs a name"):
        draw_sample(corpus, "  ", count=3, coders=TWO)
    draw_sample(corpus, "final", count=3, coders=TWO)
    with pytest.raises(ValidationError, match="already a sample called 'final'"):
        draw_sample(corpus, "final", count=3, coders=TWO, exclude_sampled=False)


def test_split_and_progress_refuse_unknown_or_missing_coders(corpus: Project) -> None:
    with pytest.raises(ValidationError, match="at least one coder"):
        split_rest(corpus, [])
    with pytest.raises(ValidationError, match="no coder called 'Zed'"):
        split_rest(corpus, ["Zed"])
    with pytest.raises(ValidationError, match="no coder called 'Zed'"):
        progress(corpus, "Zed")
    assert all(row.assigned == 0 for row in progress(corpus))


def test_round_progress_counts_each_coder_on_the_rounds_articles_only(corpus: Project) -> None:
    first = draw_sample(corpus, "training 1", count=4, coders=TWO, seed=1)
    second = draw_sample(corpus, "final", count=5, coders=["Bob", "Carol"], seed=2, kind="final")
    split_rest(corpus, ["Alice"])  # more articles for Alice, outside both rounds
    set_status(corpus, first.article_ids[0], "Alice", "done")
    set_status(corpus, first.article_ids[1], "Alice", "doing")
    set_status(corpus, second.article_ids[0], "Bob", "done")
    add_passage(corpus, second.article_ids[1], "Carol", 0, 6, {})  # coding begins it

    rounds = round_progress(corpus)
    assert list(rounds) == ["training 1", "final"]
    counts = {
        name: {(r.coder, r.assigned, r.todo, r.doing, r.done) for r in rows}
        for name, rows in rounds.items()
    }
    assert counts["training 1"] == {("Alice", 4, 2, 1, 1), ("Bob", 4, 4, 0, 0)}
    assert counts["final"] == {("Bob", 5, 4, 0, 1), ("Carol", 5, 4, 1, 0)}
    assert [r.coder for r in rounds["final"]] == ["Bob", "Carol"]
    assert {row.coder: row.assigned for row in progress(corpus)}["Alice"] == 25


def test_round_progress_is_empty_without_rounds(corpus: Project) -> None:
    assert round_progress(corpus) == {}


def test_pool_and_rest_sizes_say_what_a_draw_or_a_split_would_take(corpus: Project) -> None:
    assert pool_size(corpus) == rest_size(corpus) == 30
    draw_sample(corpus, "training 1", count=6, coders=TWO, seed=3)
    assert pool_size(corpus) == 24 and pool_size(corpus, exclude_sampled=False) == 30
    assert rest_size(corpus) == 24
    split = split_rest(corpus, ["Carol"])
    assert rest_size(corpus) == 0 and len(split["Carol"]) == 24
    close_round(corpus, "training 1")
    assert rest_size(corpus) == 0  # closed, but its articles stay assigned to its coders


def test_assignable_coders_are_the_active_ones_without_the_consensus(corpus: Project) -> None:
    def names() -> list[str]:
        return [coder.name for coder in assignable_coders(corpus)]

    assert names() == ["Alice", "Bob", "Carol"]
    consensus = consensus_coder(corpus)
    add_coder(corpus, "Dora", role="lead")
    assert consensus not in names()
    assert names() == ["Alice", "Bob", "Carol", "Dora"]
    assert [c.role for c in assignable_coders(corpus)] == ["coder", "coder", "coder", "lead"]
    assert consensus not in [row.coder for row in progress(corpus)]


def test_the_article_list_narrows_to_the_coders_assignments(corpus: Project) -> None:
    sample = draw_sample(corpus, "training 1", count=5, coders=TWO, seed=4)
    split = split_rest(corpus, ["Alice", "Carol"])
    mine = ArticleQuery(assigned=True)
    alice = {row.id for row in list_articles(corpus, "Alice", mine)}
    assert alice == set(sample.article_ids) | set(split["Alice"])
    assert {row.id for row in list_articles(corpus, "Bob", mine)} == set(sample.article_ids)
    assert {row.id for row in list_articles(corpus, "Carol", mine)} == set(split["Carol"])
    set_status(corpus, sample.article_ids[0], "Bob", "done")
    done = ArticleQuery(status="done", assigned=True)
    assert [row.id for row in list_articles(corpus, "Bob", done)] == [sample.article_ids[0]]
    assert len(list_articles(corpus, None, mine)) == 30  # all coders' view: no narrowing
