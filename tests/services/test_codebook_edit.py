"""What the codebook editor asks of a project: a copy, saving it whole, usage, merging."""

from __future__ import annotations

import pytest

from stancecoder.core.codebook import CodeSpec, iter_codes
from stancecoder.core.errors import CodebookError, ValidationError
from stancecoder.services.articles import list_articles
from stancecoder.services.codebook_edit import (
    codebook_for_editing,
    merge_code,
    save_codebook,
    usage_by_uid,
)
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.info import project_info
from stancecoder.services.project import Project


def uid_of(project: Project, variable: str, label: str) -> str:
    spec = codebook_for_editing(project)
    found = next(v for v in spec.variables if v.name == variable)
    return next(c.uid for _, c in iter_codes(found) if c.label == label) or ""


def code_passage(project: Project, actor: str, topic: str = "Sanctions") -> None:
    article = list_articles(project)[0]
    add_passage(project, article.id, "Alice", 0, 7, {"actor": actor, "topic": topic})


def test_the_copy_carries_every_uid_and_saving_it_unchanged_changes_nothing(
    project: Project,
) -> None:
    spec = codebook_for_editing(project)
    assert all(code.uid for variable in spec.variables for _, code in iter_codes(variable))
    changes = save_codebook(project, spec)
    assert not changes.added and not changes.removed
    assert codebook_for_editing(project) == spec


def test_saving_renames_and_moves_keep_codings(seeded: Project) -> None:
    code_passage(seeded, "Russia › Vladimir Putin")
    spec = codebook_for_editing(seeded)
    actor = spec.variables[0]
    russia = actor.codes[0]
    putin = russia.children.pop(0)
    putin.label = "President Putin"
    actor.codes.insert(0, putin)  # to the top level, first
    spec.version = "1.1"

    changes = save_codebook(seeded, spec)

    assert changes.version == "1.1"
    assert project_info(seeded).variables["actor"]["President Putin"] == 1
    again = codebook_for_editing(seeded)
    assert [c.label for c in again.variables[0].codes[:2]] == ["President Putin", "Russia"]
    assert again.version == "1.1"


def test_an_invalid_codebook_is_refused_and_nothing_is_written(project: Project) -> None:
    spec = codebook_for_editing(project)
    topic = spec.variables[1]
    topic.codes[1].shortcut = "alt+1"  # the same keys as Military cooperation's Alt+1
    spec.version = "2.0"

    with pytest.raises(CodebookError, match=r"shortcut 'Alt\+1' is already used by topic"):
        save_codebook(project, spec)

    assert codebook_for_editing(project).version == "1.0"


def test_saving_writes_the_normal_spelling(project: Project) -> None:
    spec = codebook_for_editing(project)
    spec.variables[0].codes.append(CodeSpec("Vietnam", colour="#AABBCC", shortcut="shift+alt+v"))
    save_codebook(project, spec)
    vietnam = codebook_for_editing(project).variables[0].codes[-1]
    assert (vietnam.colour, vietnam.shortcut) == ("#aabbcc", "Alt+Shift+V")


def test_usage_counts_passage_and_article_codings_by_uid(seeded: Project) -> None:
    code_passage(seeded, "Russia › Vladimir Putin")
    code_passage(seeded, "Russia › Vladimir Putin", topic="Military cooperation")
    set_article_codes(seeded, list_articles(seeded)[0].id, "Alice", {"genre": "News report"})

    usage = usage_by_uid(seeded)

    assert usage[uid_of(seeded, "actor", "Vladimir Putin")] == 2
    assert usage[uid_of(seeded, "topic", "Sanctions")] == 1
    assert usage[uid_of(seeded, "genre", "News report")] == 1
    assert uid_of(seeded, "actor", "Kremlin") not in usage


def test_merge_moves_the_codings_and_deletes_the_code(seeded: Project) -> None:
    code_passage(seeded, "Russia › Vladimir Putin")
    putin, kremlin = uid_of(seeded, "actor", "Vladimir Putin"), uid_of(seeded, "actor", "Kremlin")

    assert merge_code(seeded, putin, kremlin) == 1

    counts = project_info(seeded).variables["actor"]
    assert "Vladimir Putin" not in counts
    assert counts["Kremlin"] == 1


def test_merge_across_variables_or_into_an_unsaved_code_is_refused(seeded: Project) -> None:
    code_passage(seeded, "Russia › Vladimir Putin")
    putin = uid_of(seeded, "actor", "Vladimir Putin")

    with pytest.raises(ValidationError, match="only be merged into a code of actor"):
        merge_code(seeded, putin, uid_of(seeded, "topic", "Sanctions"))
    with pytest.raises(ValidationError, match="not saved in the project yet"):
        merge_code(seeded, putin, "0" * 32)

    assert project_info(seeded).variables["actor"]["Vladimir Putin"] == 1
