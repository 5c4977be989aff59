"""Adjudication on a real project with two coders and planted (dis)agreements."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from stancecoder.cli import main
from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Coder, Passage, PassageCode
from stancecoder.services.agreement.adjudication import (
    AcceptVersion,
    EditConsensus,
    WriteConsensus,
    comparison,
    consensus_coder,
)
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coders import add_coder, list_coders
from stancecoder.services.codings import add_passage
from stancecoder.services.commands import CreatePassage, DeletePassage
from stancecoder.services.passages import passages_of, set_blind_mode
from stancecoder.services.project import Project


def sentence(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, text.index(".", start) + 1


@pytest.fixture
def planted(seeded: Project) -> tuple[Project, int]:
    """Four sites: full agreement, a stance dispute, a span dispute, a passage only Alice
    marked."""
    add_coder(seeded, "Bob")
    article = list_articles(seeded)[0].id
    text = read_article(seeded, article).text
    same = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation"}
    first, second = sentence(text, "Russian President"), sentence(text, "The visit")
    third, fourth = sentence(text, "In this regard"), sentence(text, "According to the two")
    for coder, stance in (("Alice", "+2"), ("Bob", "+2")):
        add_passage(seeded, article, coder, *first, {**same, "stance": stance})
    for coder, stance in (("Alice", "+2"), ("Bob", "-1")):
        add_passage(seeded, article, coder, *second, {**same, "stance": stance}, memo=coder)
    add_passage(seeded, article, "Alice", *third, same)
    add_passage(seeded, article, "Bob", third[0], third[1] - 10, same)
    add_passage(seeded, article, "Alice", *fourth, {"topic": "Diplomacy and dialogue"})
    return seeded, article


def originals(project: Project) -> list[tuple]:
    with project.transaction() as session:
        passages = session.execute(select(Passage).order_by(Passage.id)).scalars()
        rows = [
            (p.id, p.uid, p.coder_id, p.start, p.end, p.quote, p.memo, p.version, p.updated_at)
            for p in passages
        ]
        links = session.execute(select(PassageCode.passage_id, PassageCode.code_id)).all()
        return rows + sorted(tuple(link) for link in links)


def coders_codings(project: Project) -> list[tuple]:
    """Every column of Alice's and Bob's passages, with their codes."""
    with project.transaction() as session:
        coders = select(Coder.id).where(Coder.name.in_(["Alice", "Bob"]))
        passages = session.execute(
            select(Passage).where(Passage.coder_id.in_(coders)).order_by(Passage.id)
        ).scalars()
        return [
            (p.id, p.uid, p.coder_id, p.start, p.end, p.quote, p.memo, p.version, p.updated_at,
             tuple(sorted(session.scalars(
                 select(PassageCode.code_id).where(PassageCode.passage_id == p.id)))))
            for p in passages
        ]  # fmt: skip


def test_consensus_coder_is_made_once_as_lead(seeded: Project) -> None:
    assert consensus_coder(seeded) == "Consensus"
    assert consensus_coder(seeded) == "Consensus"
    made = [c for c in list_coders(seeded) if c.name == "Consensus"]
    assert [(c.role, c.initials) for c in made] == [("lead", "C")]


def test_sites_show_where_and_on_what_coders_differ(planted: tuple[Project, int]) -> None:
    project, article = planted
    result = comparison(project, article)
    assert result.coders == ("Alice", "Bob")
    assert result.consensus_coder == "Consensus"
    summary = [(sorted(s.passages), s.span_agrees, s.differing) for s in result.sites]
    assert summary == [
        (["Alice", "Bob"], True, ()),
        (["Alice", "Bob"], True, ("stance",)),
        (["Alice", "Bob"], False, ()),
        (["Alice"], False, ()),
    ]
    assert [s.agrees for s in result.sites] == [True, False, False, False]
    assert all(s.consensus is None for s in result.sites)


def test_the_lead_sees_every_coder_even_in_blind_mode(planted: tuple[Project, int]) -> None:
    project, article = planted
    set_blind_mode(project, True)
    assert comparison(project, article).coders == ("Alice", "Bob")


def test_accepting_copies_span_codes_and_memo_and_undoes(planted: tuple[Project, int]) -> None:
    project, article = planted
    bob = comparison(project, article).sites[1].passages["Bob"]
    undo, changes = AcceptVersion(bob.uid).apply(project)
    assert changes.articles == {article}
    site = comparison(project, article).sites[1]
    assert site.consensus is not None
    assert (site.consensus.start, site.consensus.end) == (bob.start, bob.end)
    assert (site.consensus.codes, site.consensus.memo) == (bob.codes, "Bob")

    undo.apply(project)
    assert comparison(project, article).sites[1].consensus is None


def test_accepting_another_version_replaces_the_consensus(planted: tuple[Project, int]) -> None:
    project, article = planted
    site = comparison(project, article).sites[1]
    undo_first, _ = AcceptVersion(site.passages["Alice"].uid).apply(project)
    undo_second, _ = AcceptVersion(site.passages["Bob"].uid).apply(project)
    consensus = [p for p in passages_of(project, article, None) if p.coder == "Consensus"]
    assert [p.codes for p in consensus] == [site.passages["Bob"].codes]

    undo_second.apply(project)
    restored = comparison(project, article).sites[1].consensus
    assert restored is not None and restored.codes == site.passages["Alice"].codes
    undo_first.apply(project)  # the passage's version moved on twice in between
    assert comparison(project, article).sites[1].consensus is None


def test_accepting_a_shorter_span_and_fewer_codes_clears_the_rest(
    planted: tuple[Project, int],
) -> None:
    project, article = planted
    site = comparison(project, article).sites[2]
    AcceptVersion(site.passages["Alice"].uid).apply(project)
    AcceptVersion(site.passages["Bob"].uid).apply(project)
    consensus = comparison(project, article).sites[2].consensus
    bob = site.passages["Bob"]
    assert consensus is not None
    assert (consensus.end, consensus.codes) == (bob.end, bob.codes)


def test_original_codings_never_change(planted: tuple[Project, int]) -> None:
    project, article = planted
    before = originals(project)
    for site in comparison(project, article).sites:
        for passage in site.passages.values():
            undo, _ = AcceptVersion(passage.uid).apply(project)
    undo.apply(project)
    consensus = consensus_coder(project)
    remaining = [p for p in passages_of(project, article, None) if p.coder == consensus]
    for passage in remaining:
        DeletePassage(passage.uid).apply(project)
    assert len(remaining) == 3
    assert originals(project) == before


def test_a_consensus_passage_matching_no_coder_is_a_site_of_its_own(
    planted: tuple[Project, int],
) -> None:
    project, article = planted
    CreatePassage(article, consensus_coder(project), 0, 7).apply(project)
    result = comparison(project, article)
    alone = [s for s in result.sites if not s.passages]
    assert len(result.sites) == 5
    assert len(alone) == 1 and alone[0].consensus is not None and alone[0].consensus.end == 7


def test_export_writes_the_consensus_layer_as_its_own_coder(
    planted: tuple[Project, int], tmp_path: Path
) -> None:
    project, article = planted
    bob = comparison(project, article).sites[1].passages["Bob"]
    AcceptVersion(bob.uid).apply(project)
    out = tmp_path / "consensus.xlsx"
    location = project.store.target
    project.close()
    assert main(["export", str(location), str(out), "--coder", "Consensus"]) == 0
    rows = list(load_workbook(out)["Codings"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert len(records) == 1
    assert records[0]["coder"] == "Consensus"
    assert (records[0]["start"], records[0]["end"]) == (bob.start, bob.end)
    assert (records[0]["stance"], records[0]["memo"]) == ("Negative", "Bob")


def test_accepting_refuses_a_missing_or_consensus_passage(planted: tuple[Project, int]) -> None:
    project, article = planted
    with pytest.raises(ValidationError, match="no longer exists"):
        AcceptVersion("no-such-uid").apply(project)
    alice = comparison(project, article).sites[0].passages["Alice"]
    AcceptVersion(alice.uid).apply(project)
    consensus = comparison(project, article).sites[0].consensus
    assert consensus is not None
    with pytest.raises(ValidationError, match="consensus already"):
        AcceptVersion(consensus.uid).apply(project)


def test_comparing_a_missing_article_says_so(seeded: Project) -> None:
    with pytest.raises(ValidationError, match="no article with id 999"):
        comparison(seeded, 999)


def test_agreement_leaves_the_consensus_layer_out(planted: tuple[Project, int]) -> None:
    from stancecoder.services.agreement.report import project_agreement

    project, article_id = planted
    site = next(s for s in comparison(project, article_id).sites if not s.agrees)
    AcceptVersion(next(iter(site.passages.values())).uid).apply(project)
    report = project_agreement(project, "matched", replicates=100, seed=1)
    assert "Consensus" not in report.coders
    assert set(report.coders) == {"Alice", "Bob"}


def test_a_site_offers_its_extent_and_the_codes_every_coder_gave(
    planted: tuple[Project, int],
) -> None:
    project, article = planted
    book = codebook_view(project)
    ids = {(c.variable, c.label): c.id for v in book.variables for c in v.codes}
    sites = comparison(project, article).sites
    alice, bob = sites[2].passages["Alice"], sites[2].passages["Bob"]
    assert sites[2].extent() == (alice.start, alice.end) != (bob.start, bob.end)
    agreed = {"actor": [ids[("actor", "Vladimir Putin")]]}
    agreed["topic"] = [ids[("topic", "Military cooperation")]]
    assert sites[1].agreed_codes(book) == {**agreed, "stance": []}  # the stance is disputed
    assert sites[0].agreed_codes(book) == {
        **agreed,
        "stance": [ids[("stance", "Strongly positive")]],
    }
    assert sites[3].agreed_codes(book) == {
        "actor": [], "topic": [ids[("topic", "Diplomacy and dialogue")]], "stance": []
    }  # fmt: skip


def test_writing_a_consensus_puts_it_in_the_layer_and_undoes_and_redoes(
    planted: tuple[Project, int],
) -> None:
    project, article = planted
    before = coders_codings(project)
    text = read_article(project, article).text
    start = text.index("dangerous partnership")
    book = codebook_view(project)
    sanctions = next(c.id for c in book.passage_variables()[1].codes if c.label == "Sanctions")
    write = WriteConsensus(article, start, start + 21, {"topic": [sanctions]}, "new reading")
    undo, changes = write.apply(project)
    assert changes.articles == {article} and write.uid in changes.versions
    alone = [s for s in comparison(project, article).sites if not s.passages]
    assert len(alone) == 1 and alone[0].consensus is not None
    written = alone[0].consensus
    assert (written.coder, written.quote, written.memo) == (
        "Consensus",
        "dangerous partnership",
        "new reading",
    )
    assert written.codes == (sanctions,)

    undo.apply(project)
    assert not [s for s in comparison(project, article).sites if not s.passages]
    write.apply(project)  # a redo brings back the same passage
    again = [p for p in passages_of(project, article, None) if p.coder == "Consensus"]
    assert [p.uid for p in again] == [written.uid]
    assert coders_codings(project) == before


def test_editing_the_consensus_changes_only_what_is_given_and_undoes(
    planted: tuple[Project, int],
) -> None:
    project, article = planted
    alice = comparison(project, article).sites[2].passages["Alice"]
    AcceptVersion(alice.uid).apply(project)
    consensus = comparison(project, article).sites[2].consensus
    assert consensus is not None
    before = coders_codings(project)
    edit = EditConsensus(consensus.uid, consensus.version, span=(alice.start, alice.end - 10))
    undo, _ = edit.apply(project)
    edited = comparison(project, article).sites[2].consensus
    assert edited is not None and edited.end == alice.end - 10
    assert (edited.codes, edited.memo) == (alice.codes, alice.memo)
    undo.apply(project)
    restored = comparison(project, article).sites[2].consensus
    assert restored is not None and (restored.start, restored.end) == (alice.start, alice.end)
    assert coders_codings(project) == before


def test_editing_refuses_a_coders_passage(planted: tuple[Project, int]) -> None:
    project, article = planted
    before = coders_codings(project)
    bob = comparison(project, article).sites[1].passages["Bob"]
    with pytest.raises(ValidationError, match="only the consensus is edited here"):
        EditConsensus(bob.uid, bob.version, memo="overruled").apply(project)
    assert coders_codings(project) == before


def test_writing_outside_the_article_says_so(planted: tuple[Project, int]) -> None:
    project, article = planted
    with pytest.raises(ValidationError, match="outside the text"):
        WriteConsensus(article, 10, 10**6, {}).apply(project)
    assert not [p for p in passages_of(project, article, None) if p.coder == "Consensus"]
