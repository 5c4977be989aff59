"""The codebook inside a project: export, import, rename, delete and merge."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Code, PassageCode
from stancecoder.services.articles import list_articles
from stancecoder.services.codebook import (
    delete_code,
    export_codebook,
    import_codebook,
    rename_code,
)
from stancecoder.services.codings import add_passage
from stancecoder.services.info import project_info
from stancecoder.services.project import Project


def code_one_passage(project: Project, actor: str = "Russia › Vladimir Putin") -> None:
    article = list_articles(project)[0]
    add_passage(project, article.id, "Alice", 0, 7, {"actor": actor, "topic": "Sanctions"})


def test_export_and_import_round_trip(project: Project, tmp_path: Path) -> None:
    first = export_codebook(project, tmp_path / "book.yaml")
    changes = import_codebook(project, tmp_path / "book.yaml")
    second = export_codebook(project, tmp_path / "again.yaml")
    assert first == second
    assert not changes.added and not changes.removed
    assert (tmp_path / "book.yaml").read_text() == (tmp_path / "again.yaml").read_text()


def edited_codebook(project: Project, path: Path, version: str, edit: Callable) -> Path:
    """The project's codebook exported, edited as a lead would by hand, saved again."""
    export_codebook(project, path)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["version"] = version
    edit(document["variables"][0]["codes"][0]["children"])  # under actor › Russia
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_a_label_edited_in_the_file_keeps_its_codings(seeded: Project, tmp_path: Path) -> None:
    code_one_passage(seeded)

    def rename(russians: list[dict]) -> None:
        russians[0]["label"] = "President Putin"

    changes = import_codebook(
        seeded, edited_codebook(seeded, tmp_path / "book.yaml", "1.1", rename)
    )

    assert changes.version == "1.1"
    assert project_info(seeded).variables["actor"]["President Putin"] == 1


def test_import_that_drops_a_used_code_is_refused_whole(seeded: Project, tmp_path: Path) -> None:
    code_one_passage(seeded)
    # drops Vladimir Putin, who is in use
    path = edited_codebook(seeded, tmp_path / "book.yaml", "2.0", lambda russians: russians.pop(0))

    with pytest.raises(ValidationError, match=r"still in use .*Vladimir Putin.*merge"):
        import_codebook(seeded, path)

    assert export_codebook(seeded, tmp_path / "after.yaml").version == "1.0"


def rename_drop_and_add(russians: list[dict]) -> None:
    """The README's workflow: rename a code in use, drop an unused one, add a new one."""
    russians[0]["label"] = "President Putin"
    russians[:] = [c for c in russians if c["label"] != "TASS"]
    russians.append({"label": "Sergei Lavrov", "description": "Russian foreign minister."})


def test_rename_drop_an_unused_code_and_add_one_in_one_import(
    seeded: Project, tmp_path: Path
) -> None:
    code_one_passage(seeded)
    path = edited_codebook(seeded, tmp_path / "book.yaml", "1.1", rename_drop_and_add)

    changes = import_codebook(seeded, path)

    assert changes.removed == ["actor: TASS"]
    assert changes.added == ["actor: Russia › Sergei Lavrov"]
    assert project_info(seeded).variables["actor"]["President Putin"] == 1
    again = export_codebook(seeded, tmp_path / "again.yaml")
    russians = [c.label for c in again.variables[0].codes[0].children]
    assert "TASS" not in russians and russians[0] == "President Putin"
    assert russians[-1] == "Sergei Lavrov"
    assert import_codebook(seeded, tmp_path / "again.yaml").removed == []


def test_a_dropped_variable_that_nobody_used_goes(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    export_codebook(project, path)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["variables"] = [v for v in document["variables"] if v["name"] != "genre"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    changes = import_codebook(project, path)

    assert "genre" in changes.removed
    assert "genre" not in [v.name for v in export_codebook(project, path).variables]


def test_a_code_pasted_into_another_variable_with_its_uid_is_refused(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "book.yaml"
    export_codebook(project, path)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    actor, topic = document["variables"][:2]
    actor["codes"].append(topic["codes"].pop(0))
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    with pytest.raises(
        ValidationError,
        match=r"^actor: Military cooperation has the uid of a code of topic; a code cannot move",
    ):
        import_codebook(project, path)

    del actor["codes"][-1]["uid"]  # as the message says: added anew, the old one goes
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    changes = import_codebook(project, path)
    assert (changes.added, changes.removed) == (
        ["actor: Military cooperation"],
        ["topic: Military cooperation"],
    )


def test_a_version_longer_than_codings_record_is_refused(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "book.yaml"
    export_codebook(project, path)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document["version"] = "v" * 41
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"^the codebook version is longer than 40 char"):
        import_codebook(project, path)


def test_rename_keeps_codings(seeded: Project) -> None:
    code_one_passage(seeded)
    rename_code(seeded, "actor", "Vladimir Putin", "V. Putin")
    assert project_info(seeded).variables["actor"]["V. Putin"] == 1
    with pytest.raises(ValidationError, match="already has a code 'Kremlin'"):
        rename_code(seeded, "actor", "V. Putin", "Kremlin")


def test_deleting_a_code_in_use_needs_a_merge(seeded: Project) -> None:
    code_one_passage(seeded)
    with pytest.raises(ValidationError, match="used by 1 coding"):
        delete_code(seeded, "actor", "Vladimir Putin")
    moved = delete_code(seeded, "actor", "Vladimir Putin", merge_into="Kremlin")
    assert moved == 1
    counts = project_info(seeded).variables["actor"]
    assert "Vladimir Putin" not in counts
    assert counts["Kremlin"] == 1


def test_unused_code_deletes_and_parents_are_protected(project: Project) -> None:
    delete_code(project, "actor", "TASS")
    with project.transaction() as session:
        assert session.scalar(select(Code).where(Code.label == "TASS")) is None
    with pytest.raises(ValidationError, match="has sub-codes"):
        delete_code(project, "actor", "Russia")


def test_merging_where_a_passage_has_both_codes_keeps_one(seeded: Project) -> None:
    article = list_articles(seeded)[0]
    add_passage(seeded, article.id, "Alice", 0, 7, {"actor": "Kremlin"})
    delete_code(seeded, "actor", "Vladimir Putin", merge_into="Kremlin")
    with seeded.transaction() as session:
        assert len(session.scalars(select(PassageCode)).all()) == 1


def test_a_renamed_code_keeps_its_codings_when_a_new_code_takes_its_label(
    seeded: Project, tmp_path: Path
) -> None:
    code_one_passage(seeded)  # codes Vladimir Putin

    def swap(russians: list[dict]) -> None:
        russians[0]["label"] = "President Putin"  # keeps its uid
        russians.insert(0, {"label": "Vladimir Putin", "description": "a new code"})

    import_codebook(seeded, edited_codebook(seeded, tmp_path / "book.yaml", "1.1", swap))
    counts = project_info(seeded).variables["actor"]
    assert counts["President Putin"] == 1
    assert counts["Vladimir Putin"] == 0
