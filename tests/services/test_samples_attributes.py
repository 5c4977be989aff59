"""Samples stratified by an attribute, on both back ends: the drawn articles' values are
counted from the stored rows here and compared with quotas worked out by hand."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Article
from stancecoder.services.coders import add_coder
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project
from stancecoder.services.samples import draw_sample, list_rounds

SECTIONS = ["A"] * 30 + ["B"] * 7 + ["C"] * 2 + ["D"]


@pytest.fixture
def sectioned(project: Project, tmp_path: Path) -> Project:
    """Forty articles whose section is A (30), B (7), C (2) or D (1); two coders."""
    path = tmp_path / "sections.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text", "section"])
        for number, section in enumerate(SECTIONS, 1):
            writer.writerow([f"Report {number}", f"Report {number} from section {section}.",
                             section])  # fmt: skip
    assert import_corpus(project, [path]).ok
    add_coder(project, "Alice")
    add_coder(project, "Bob")
    return project


def sections_of(project: Project, ids: tuple[int, ...]) -> Counter[str]:
    with project.reading() as session:
        rows = session.execute(select(Article.extra).where(Article.id.in_(ids))).scalars()
        return Counter(json.loads(extra)["section"] for extra in rows)


def test_a_sample_by_attribute_is_proportional_with_one_of_each(sectioned: Project) -> None:
    info = draw_sample(sectioned, "by section", count=8, coders=["Alice", "Bob"], seed=4,
                       stratify_by="attribute:section")  # fmt: skip
    # shares 6, 1.4, .4, .2: see the core's test of the same allocation
    assert sections_of(sectioned, info.article_ids) == {"A": 5, "B": 1, "C": 1, "D": 1}
    assert "by the attribute 'section' (A: 5, B: 1, C: 1, D: 1)" in info.description
    assert "at least one from each (C, D raised to one)" in info.description
    again = draw_sample(sectioned, "again", count=8, coders=["Alice", "Bob"], seed=4,
                        stratify_by="attribute:section", exclude_sampled=False)  # fmt: skip
    assert again.article_ids == info.article_ids  # the seed reproduces it


def test_without_room_for_one_of_each_the_shares_decide(sectioned: Project) -> None:
    info = draw_sample(sectioned, "small", count=3, coders=["Alice", "Bob"], seed=1,
                       stratify_by="attribute:section")  # fmt: skip
    # shares 2.25, .525, .15, .075 → A: 2, then B the largest remainder
    assert sections_of(sectioned, info.article_ids) == {"A": 2, "B": 1}
    assert "raised" not in info.description


@pytest.mark.parametrize(
    ("stratify_by", "said"),
    [
        ("attribute:colour", "no article to sample from has the attribute 'colour'"),
        ("attribute:", "unknown stratification 'attribute:'"),
    ],
)
def test_an_attribute_no_article_has_is_refused(
    sectioned: Project, stratify_by: str, said: str
) -> None:
    with pytest.raises(ValidationError, match=said):
        draw_sample(sectioned, "x", count=4, coders=["Alice", "Bob"], stratify_by=stratify_by)
    assert list_rounds(sectioned) == []  # nothing drawn, nothing assigned
