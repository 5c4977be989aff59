"""Copies of one story found among a corpus with planted duplicates: the time, the share of
planted copies found with their original (recall) and the articles put with a story not
theirs (false merges).

    python bench/bench_duplicates.py [--articles 10000] [--large] [--project]

The corpus: stories whose body mixes the synthetic corpus's stock sentences (the wording
news agencies repeat) with sentences of common English words, and for a sixth of them
planted copies: the same text with another case, spacing and quotes (exact once
normalised), a wire copy with another outlet's dateline and a new lead paragraph, a
shortened version (its first half to four fifths), an updated version (a new lead and
paragraphs added) and a copy with 3 % of its words changed. `--large` adds the run at
100,000 articles; `--project` also times the whole command on a SQLite project (read,
find, mark) at the first size.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from measure import Figure, memory_growth
from synthetic_text import _sentence, make_article
from wordfreq import top_n_list, zipf_frequency

from stancecoder.services.duplicates import FoundCluster, find_copies

PLANTED_SHARE = 1 / 6  # of the stories, each given one to three copies
RECALL_TARGET = 0.97
LIMITS = {10_000: 30.0, 100_000: 300.0}  # seconds, the targets
_VOCABULARY = 20_000


@dataclass(frozen=True)
class Planted:
    """The corpus as (id, text, published) and each article's story."""

    articles: list[tuple[int, str, str | None]]
    story: dict[int, int]  # article id -> the id of the story's original

    @property
    def copies(self) -> list[int]:
        return [article for article, story in self.story.items() if article != story]


class _Words:
    def __init__(self) -> None:
        self.words = top_n_list("en", _VOCABULARY)
        weights = [10 ** zipf_frequency(word, "en") for word in self.words]
        total, running = sum(weights), 0.0
        self.cumulative = []
        for weight in weights:
            running += weight / total
            self.cumulative.append(running)

    def sentence(self, rng: random.Random) -> str:
        chosen = rng.choices(self.words, cum_weights=self.cumulative, k=rng.randint(8, 24))
        return " ".join(chosen).capitalize() + "."


def make_corpus(size: int, seed: int = 1) -> Planted:
    """`size` articles, the planted copies among them; the same seed, the same corpus."""
    words, rng = _Words(), random.Random(seed)
    articles: list[tuple[int, str, str | None]] = []
    story: dict[int, int] = {}
    while len(articles) < size:
        number = len(articles) + 1
        base = make_article(seed, number)
        paragraphs = _paragraphs(rng, words)
        text = "\n\n".join(paragraphs)
        articles.append((number, text, base.published.isoformat()))
        story[number] = number
        if rng.random() >= PLANTED_SHARE:
            continue
        for make in rng.sample(VARIANTS, rng.randint(1, 3)):
            if len(articles) >= size:
                break
            copy_id = len(articles) + 1
            published = base.published + timedelta(days=rng.randint(0, 2))
            articles.append((copy_id, make(rng, words, paragraphs), published.isoformat()))
            story[copy_id] = number
    return Planted(articles, story)


def _paragraphs(rng: random.Random, words: _Words) -> list[str]:
    count = rng.randint(4, 12)
    return [
        " ".join(
            _sentence(rng, 1.0) if rng.random() < 0.25 else words.sentence(rng)
            for _ in range(rng.randint(2, 5))
        )
        for _ in range(count)
    ]


def _exact(rng: random.Random, _words: _Words, paragraphs: list[str]) -> str:
    text = "\n\n".join(paragraphs).replace("“", '"').replace("”", '"').replace(" ", "  ")
    return text.upper() if rng.random() < 0.5 else text


def _wire(rng: random.Random, words: _Words, paragraphs: list[str]) -> str:
    dateline = f"{rng.choice(['LONDON', 'PARIS', 'SEOUL'])} ({rng.choice(['AP', 'AFP'])}) — "
    return "\n\n".join([dateline + words.sentence(rng) + " " + words.sentence(rng),
                        *paragraphs[1:]])  # fmt: skip


def _shortened(rng: random.Random, _words: _Words, paragraphs: list[str]) -> str:
    """The first paragraphs, half to four fifths of the text, as a print edition cuts."""
    share, kept = rng.uniform(0.5, 0.8) * sum(map(len, paragraphs)), []
    for paragraph in paragraphs:
        if sum(map(len, kept)) >= share:
            break
        kept.append(paragraph)
    return "\n\n".join(kept)


def _updated(rng: random.Random, words: _Words, paragraphs: list[str]) -> str:
    """A later version: a sentence before the lead and one or two paragraphs added."""
    lead = f"UPDATE 2: {words.sentence(rng)} {paragraphs[0]}"
    added = [" ".join(words.sentence(rng) for _ in range(3)) for _ in range(rng.randint(1, 2))]
    return "\n\n".join([lead, *paragraphs[1:], *added])


def _edited(rng: random.Random, words: _Words, paragraphs: list[str]) -> str:
    tokens = "\n\n".join(paragraphs).split(" ")
    for index in rng.sample(range(len(tokens)), max(1, len(tokens) * 3 // 100)):
        tokens[index] = rng.choice(words.words[:2000])
    return " ".join(tokens)


VARIANTS: list[Callable[[random.Random, _Words, list[str]], str]] = [
    _exact, _wire, _shortened, _updated, _edited,
]  # fmt: skip


@dataclass(frozen=True)
class Score:
    planted: int
    found: int  # planted copies in one cluster with their original
    false_merges: int  # articles in a cluster whose kept copy is of another story

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0


def score(corpus: Planted, clusters: list[FoundCluster]) -> Score:
    cluster_of: dict[int, int] = {}
    for cluster in clusters:
        cluster_of[cluster.kept] = cluster.kept
        for copy in cluster.copies:
            cluster_of[copy.article_id] = cluster.kept
    found = sum(
        1
        for copy in corpus.copies
        if copy in cluster_of and cluster_of[copy] == cluster_of.get(corpus.story[copy])
    )
    false = sum(
        1
        for cluster in clusters
        for copy in cluster.copies
        if corpus.story[copy.article_id] != corpus.story[cluster.kept]
    )
    return Score(len(corpus.copies), found, false)


def duplicates_figure(size: int, label: str = "") -> tuple[Figure, Score]:
    """Time finding the copies among `size` articles, the corpus made beforehand."""
    corpus = make_corpus(size)
    figure = Figure(f"find copies among {size:,} articles{label}", "s", limit=LIMITS.get(size))
    with memory_growth() as growth:
        began = time.perf_counter()
        clusters = find_copies(corpus.articles, len(corpus.articles))
        figure.samples.append(time.perf_counter() - began)
    figure.memory_mb = growth[0]
    assert clusters is not None
    return figure, score(corpus, clusters)


def checked(figure: Figure, found: Score) -> Figure:
    """The figure, failed when recall or false merges miss the issue's targets."""
    if found.recall < RECALL_TARGET or found.false_merges:
        figure.error = f"recall {found.recall:.3f}, {found.false_merges} false merges"
    return figure


def run_figure(size: int) -> Figure:
    """The figure `run.py` shows: failed on recall or false merges from 1,000 articles on,
    below which a planted copy or two decide the share."""
    figure, found = duplicates_figure(size)
    return checked(figure, found) if size >= 1_000 else figure


def project_figure(size: int) -> Figure:
    """The whole `stancecoder duplicates` work on a SQLite project: read, find, mark."""
    from stancecoder.db.models import Article
    from stancecoder.services.duplicates import find_duplicates
    from stancecoder.services.project import create_project

    corpus = make_corpus(size)
    figure = Figure(f"find and mark copies in a project of {size:,}", "s", limit=LIMITS.get(size))
    with (
        tempfile.TemporaryDirectory() as scratch,
        create_project(Path(scratch) / "copies.stance") as project,
    ):
        with project.transaction() as session:
            session.add_all(
                Article(id=i, text=text, published=day, text_sha256=f"{i:064x}")
                for i, text, day in corpus.articles
            )
        began = time.perf_counter()
        find_duplicates(project)
        figure.samples.append(time.perf_counter() - began)
    return figure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--large", action="store_true", help="also at 100,000 articles")
    parser.add_argument("--project", action="store_true", help="also the whole command")
    args = parser.parse_args()
    sizes = [args.articles] + ([100_000] if args.large else [])
    print("| articles | time | target | memory | planted copies | recall | false merges |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    failed = False
    for size in sizes:
        figure, found = duplicates_figure(size)
        limit = f"< {figure.limit:.0f} s" if figure.limit else ""
        memory = f"{figure.memory_mb:.0f} MB" if figure.memory_mb is not None else ""
        print(f"| {size:,} | {figure.median:.1f} s | {limit} | {memory} | {found.planted:,} | "
              f"{found.recall:.3f} | {found.false_merges} |", flush=True)  # fmt: skip
        failed |= bool(checked(figure, found).error or figure.missed())
    if args.project:
        whole = project_figure(args.articles)
        print(f"\n{whole.name}: {whole.median:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
