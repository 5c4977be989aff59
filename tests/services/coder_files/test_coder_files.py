"""A coder's file packed, coded as that coder in its own project, and merged home: what
comes home is what the test did there, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from stancecoder.core.actor import Actor
from stancecoder.core.errors import NotYoursError, StanceCoderError, ValidationError
from stancecoder.db.copy_rows import project_tables, read_rows
from stancecoder.db.models import Article, Code, Coder, History, Passage, PassageCode, Setting
from stancecoder.db.store import set_setting
from stancecoder.services.coder_files.merge import merge_coder_files
from stancecoder.services.coder_files.package import package_for_coder
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import (
    add_passage,
    delete_passage,
    set_article_codes,
    set_status,
    update_passage,
)
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.services.samples import split_rest

CODES = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation", "stance": "+1"}


def span(project: Project, article_id: int, phrase: str) -> tuple[int, int]:
    with project.reading() as session:
        text = session.get(Article, article_id).text
    start = text.index(phrase)
    return start, start + len(phrase)


def articles(project: Project) -> list[int]:
    with project.reading() as session:
        return list(session.scalars(select(Article.id).order_by(Article.id)))


def passages(project: Project, coder: str) -> dict[str, tuple]:
    """uid -> (article uid, quote, memo, code uids) of one coder's passages."""
    with project.reading() as session:
        rows = session.execute(
            select(Passage.uid, Article.uid, Passage.quote, Passage.memo, Code.uid)
            .join(Article, Article.id == Passage.article_id)
            .join(Coder, Coder.id == Passage.coder_id)
            .outerjoin(PassageCode, PassageCode.passage_id == Passage.id)
            .outerjoin(Code, Code.id == PassageCode.code_id)
            .where(Coder.name == coder)
        ).all()
    found: dict[str, tuple] = {}
    for uid, article, quote, memo, code in rows:
        codes = found.get(uid, (article, quote, memo, frozenset()))[3]
        found[uid] = (article, quote, memo, codes | ({code} if code else set()))
    return found


def everything(project: Project) -> dict[str, list[dict]]:
    with project.reading() as session:
        connection = session.connection()
        return {t.name: read_rows(connection, t) for t in project_tables()}


def home_with_work(project: Project) -> tuple[int, int]:
    """Alice and Bob code the first article; Alice is assigned both, Bob none."""
    add_coder(project, "Bob")
    first, second = articles(project)
    split_rest(project, ["Alice"])
    alice = add_passage(project, first, "Alice", *span(project, first, "Putin"), CODES)
    add_passage(project, first, "Bob", *span(project, first, "Putin"), CODES)
    add_passage(project, second, "Alice", 0, 5, {"stance": "-1"}, memo="opening")
    return first, alice.id


@pytest.fixture
def packed(seeded: Project, tmp_path: Path) -> tuple[Project, Path]:
    home_with_work(seeded)
    out = tmp_path / "alice.stance"
    package_for_coder(seeded, "Alice", out)
    return seeded, out


def as_coder(path: Path, coder: str = "Alice") -> Project:
    project = open_project(path)
    project.actor = Actor(coder)
    return project


def test_the_file_holds_the_coders_share_and_the_same_codebook(packed) -> None:
    home, out = packed
    with as_coder(out) as file, file.reading() as session, home.reading() as at_home:
        assert session.scalar(select(Setting.value).where(Setting.key == "name")).endswith(
            " (Alice)"
        )
        assert list(session.scalars(select(Coder.name))) == ["Alice"]
        assert sorted(session.scalars(select(Code.uid))) == sorted(
            at_home.scalars(select(Code.uid))
        )
        for key in ("codebook_version", "project_uid"):
            query = select(Setting.value).where(Setting.key == key)
            same = session.scalar(query) == at_home.scalar(query)
            assert same is (key == "codebook_version")
        assert session.scalar(select(func.count()).select_from(Article)) == 2
    with as_coder(out) as file:
        assert passages(file, "Alice") == passages(home, "Alice")
        assert passages(file, "Bob") == {}


def history_of(project: Project, coder: str) -> set[tuple[object, ...]]:
    """The coder's history rows as they read, wherever they were written."""
    with project.reading() as session:
        rows = session.execute(
            select(History.actor, History.action, History.passage_uid, History.after).where(
                History.coder == coder
            )
        )
        return {tuple(row) for row in rows}


def test_coding_in_the_file_comes_home(packed) -> None:
    home, out = packed
    first, second = articles(home)
    with home.reading() as session:
        opening = session.scalar(select(Passage.id).where(Passage.memo == "opening"))
        putin = session.scalar(
            select(Passage.id).join(Coder).where(Coder.name == "Alice", Passage.memo == "")
        )
    with as_coder(out) as file:
        added = add_passage(file, second, "Alice", 6, 12, {"stance": "+2"}, memo="new")
        update_passage(file, putin, 1, codes={"stance": "-2"}, memo="changed")
        delete_passage(file, opening, 1)
        set_article_codes(file, first, "Alice", {"genre": "News report"})
        set_status(file, first, "Alice", "done")
        with file.transaction() as session:  # a history row, as the window leaves one
            session.add(History(actor="Alice", action="code", coder="Alice", article_id=first))
        expected = passages(file, "Alice")
        new_history = history_of(file, "Alice") - history_of(home, "Alice")
    bob_before = passages(home, "Bob")

    report = merge_coder_files(home, [out])

    assert (report.added, report.changed, report.deleted) == (1, 1, 1)
    assert len(new_history) == 6  # five actions in the file and the row added by hand
    assert report.statuses == 1 and report.history == 6 and report.conflicts == []
    assert new_history <= history_of(home, "Alice")
    assert passages(home, "Alice") == expected
    assert added.uid in expected and passages(home, "Bob") == bob_before
    from stancecoder.services.codings import read_status

    with home.reading() as session:
        assert read_status(session, first, "Alice") == "done"


def test_a_merge_is_one_transaction_at_home(packed, transactions_begun) -> None:
    home, out = packed
    first, _ = articles(home)
    with as_coder(out) as file:
        add_passage(file, first, "Alice", *span(file, first, "Putin"), {"stance": "0"})
    with transactions_begun(home) as begun:
        assert merge_coder_files(home, [out]).added == 1
    assert len(begun) == 1


def test_merging_twice_changes_nothing(packed) -> None:
    home, out = packed
    first, _ = articles(home)
    with as_coder(out) as file:
        add_passage(file, first, "Alice", *span(file, first, "Putin"), {"stance": "0"})
        with file.transaction() as session:
            session.add(History(actor="Alice", action="code", coder="Alice", article_id=first))
    assert merge_coder_files(home, [out]).added == 1
    before = everything(home)

    again = merge_coder_files(home, [out])

    assert not again.merged_anything and again.conflicts == []
    assert "nothing to merge" in again.summary()
    assert everything(home) == before


def test_coding_on_after_a_merge_merges_again_without_conflict(packed) -> None:
    home, out = packed
    first, _ = articles(home)
    with as_coder(out) as file:
        ref = add_passage(file, first, "Alice", *span(file, first, "Putin"), {"stance": "0"})
    merge_coder_files(home, [out])
    with as_coder(out) as file:
        update_passage(file, ref.id, ref.version, memo="second thoughts")

    report = merge_coder_files(home, [out])

    assert (report.changed, report.conflicts) == (1, [])
    assert passages(home, "Alice")[ref.uid][2] == "second thoughts"


def test_a_passage_changed_on_both_sides_is_a_conflict_and_home_is_kept(packed) -> None:
    home, out = packed
    with home.reading() as session:
        passage_id = session.scalar(select(Passage.id).where(Passage.memo == "opening"))
    update_passage(home, passage_id, 1, memo="the lead's")
    with as_coder(out) as file:
        update_passage(file, passage_id, 1, memo="the coder's")
    before = everything(home)

    report = merge_coder_files(home, [out])

    assert [c.reason for c in report.conflicts] == ["changed both in the project and in the file"]
    assert "passage “" in report.conflicts[0].line() and "1 conflict" in report.summary()
    memos = {p[2] for p in passages(home, "Alice").values()}
    assert "the lead's" in memos and "the coder's" not in memos
    after = everything(home)
    assert after["passage"] == before["passage"] and after["passage_code"] == before["passage_code"]


def test_a_passage_deleted_at_home_and_changed_in_the_file_is_a_conflict(packed) -> None:
    home, out = packed
    with home.reading() as session:
        passage_id = session.scalar(select(Passage.id).where(Passage.memo == "opening"))
    delete_passage(home, passage_id, 1)
    with as_coder(out) as file:
        update_passage(file, passage_id, 1, memo="the coder's")

    report = merge_coder_files(home, [out])

    assert [c.reason for c in report.conflicts] == ["deleted in the project, changed in the file"]
    assert "opening" not in {p[2] for p in passages(home, "Alice").values()}


def test_several_files_merge_together_or_not_at_all(packed, tmp_path: Path) -> None:
    home, alice_file = packed
    first, _ = articles(home)
    bob_file = tmp_path / "bob.stance"
    package_for_coder(home, "Bob", bob_file)
    for coder, path in (("Alice", alice_file), ("Bob", bob_file)):
        with as_coder(path, coder) as file:
            add_passage(file, first, coder, 0, 7, {"stance": "-2"}, memo=f"{coder} away")
    with create_project(tmp_path / "elsewhere.stance") as elsewhere:
        add_coder(elsewhere, "Carol")
        package_for_coder(elsewhere, "Carol", tmp_path / "carol.stance")
    before = everything(home)

    with pytest.raises(ValidationError, match=r"carol\.stance was packaged from another project"):
        merge_coder_files(home, [alice_file, bob_file, tmp_path / "carol.stance"])
    assert everything(home) == before

    report = merge_coder_files(home, [alice_file, bob_file])
    assert report.added == 2
    memos = {c: {p[2] for p in passages(home, c).values()} for c in ("Alice", "Bob")}
    assert "Alice away" in memos["Alice"] and "Bob away" in memos["Bob"]


def test_a_file_of_another_project_is_refused(packed, tmp_path: Path) -> None:
    _, out = packed
    with create_project(tmp_path / "other.stance") as other:
        before = everything(other)
        with pytest.raises(ValidationError, match="packaged from another project"):
            merge_coder_files(other, [out])
        assert everything(other) == before


def test_a_project_that_is_no_coder_file_is_refused(packed, tmp_path: Path) -> None:
    home, _ = packed
    with create_project(tmp_path / "plain.stance"):
        pass
    with pytest.raises(ValidationError, match="is not a coder file"):
        merge_coder_files(home, [tmp_path / "plain.stance"])


def test_a_damaged_record_or_no_project_at_all_is_one_refusal(packed, tmp_path: Path) -> None:
    home, out = packed
    with open_project(out) as file, file.transaction() as session:
        set_setting(session, "coder_file", '{"source": 1}')
    with pytest.raises(ValidationError, match="its coder file record is damaged"):
        merge_coder_files(home, [out])
    noise = tmp_path / "noise.stance"
    noise.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StanceCoderError) as refused:
        merge_coder_files(home, [noise])
    assert "\n" not in str(refused.value)


def test_another_coders_work_in_the_file_stays_out(packed) -> None:
    home, out = packed
    first, _ = articles(home)
    with as_coder(out, "Carol") as file:
        add_coder(file, "Carol")
        add_passage(file, first, "Carol", *span(file, first, "Putin"), CODES)
        set_status(file, first, "Carol", "done")

    report = merge_coder_files(home, [out])

    assert not report.merged_anything
    assert passages(home, "Carol") == {}
    with home.reading() as session:
        assert session.scalar(select(Coder.id).where(Coder.name == "Carol")) is None


def test_another_codebook_version_makes_conflicts_not_overwrites(packed) -> None:
    home, out = packed
    first, _ = articles(home)
    with home.transaction() as session:
        set_setting(session, "codebook_version", "2.0")
    with as_coder(out) as file:
        add_passage(file, first, "Alice", *span(file, first, "Putin"), {"stance": "0"})
    before = everything(home)

    report = merge_coder_files(home, [out])

    assert report.added == 0
    assert [c.reason for c in report.conflicts] == [
        "coded with codebook version 1.0; the project's is 2.0"
    ]
    after = everything(home)
    assert after["passage"] == before["passage"]


def test_only_a_lead_merges_and_packages(packed, tmp_path: Path) -> None:
    home, out = packed
    home.actor = Actor("Alice")
    with pytest.raises(NotYoursError, match="only a lead"):
        merge_coder_files(home, [out])
    with pytest.raises(NotYoursError, match="only a lead"):
        package_for_coder(home, "Alice", tmp_path / "again.stance")
    home.actor = Actor("Lead", lead=True)
    assert merge_coder_files(home, [out]).conflicts == []


def test_a_coder_without_assignments_gets_every_article(packed, tmp_path: Path) -> None:
    home, _ = packed
    add_coder(home, "Dana")
    report = package_for_coder(home, "Dana", tmp_path / "dana.stance")
    assert (report.articles, report.passages) == (2, 0)
    bob = package_for_coder(home, "Bob", tmp_path / "bob.stance")  # coding assigns
    assert (bob.articles, bob.passages) == (1, 1)


def test_packing_over_an_existing_file_is_refused(packed) -> None:
    home, out = packed
    before = out.read_bytes()
    with pytest.raises(Exception, match="already exists"):
        package_for_coder(home, "Alice", out)
    assert out.read_bytes() == before


def test_history_rows_of_the_coder_come_along_once(packed) -> None:
    home, out = packed
    with home.transaction() as session:
        session.execute(insert(History), [{"actor": "Alice", "action": "code", "coder": "Alice"}])
    second = out.with_name("alice2.stance")
    package_for_coder(home, "Alice", second)
    report = merge_coder_files(home, [second])
    assert report.history == 0
    with home.reading() as session:
        by_hand = select(func.count()).select_from(History).where(History.action == "code")
        assert session.scalar(by_hand) == 1
