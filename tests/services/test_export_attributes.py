"""The Articles sheet's attribute columns, read back with openpyxl against the stored rows."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select, update

from stancecoder.db.models import Article
from stancecoder.services.export import export
from stancecoder.services.export_rows import ExportFilter
from stancecoder.services.project import Project


def sheet(path: Path) -> tuple[list[str], list[dict[str, object]]]:
    rows = list(load_workbook(path)["Articles"].iter_rows(values_only=True))
    header = [str(name) for name in rows[0]]
    return header, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def raw_extra(project: Project) -> dict[int, dict[str, str]]:
    with project.reading() as session:
        stored = session.execute(select(Article.id, Article.extra)).all()
    return {article_id: json.loads(extra) for article_id, extra in stored}


def test_one_column_per_attribute_after_the_fixed_ones(attributed: Project, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export(attributed, path)
    header, rows = sheet(path)
    raw = raw_extra(attributed)
    keys = sorted({key for extra in raw.values() for key in extra})
    assert keys == ["length", "region", "section"]
    at = header.index("characters") + 1
    assert header[at : at + 3] == [f"attribute: {key}" for key in keys]
    assert header[at + 3] == "status: Alice"
    assert len(rows) == len(raw)
    for row in rows:
        extra = raw[int(str(row["article id"]))]
        for key in keys:
            assert row[f"attribute: {key}"] == (extra.get(key) or None)


def test_a_part_of_the_project_keeps_every_column(attributed: Project, tmp_path: Path) -> None:
    raw = raw_extra(attributed)
    bare = next(i for i, extra in raw.items() if not any(extra.values()))
    path = tmp_path / "part.xlsx"
    export(attributed, path, ExportFilter(article_ids=[bare]))
    header, rows = sheet(path)
    assert {"attribute: length", "attribute: region", "attribute: section"} <= set(header)
    assert [row["attribute: section"] for row in rows] == [None]


def test_attributes_that_are_not_an_object_export_as_empty(
    attributed: Project, tmp_path: Path
) -> None:
    raw = raw_extra(attributed)
    broken = min(raw)
    with attributed.transaction() as session:
        session.execute(update(Article).where(Article.id == broken).values(extra="not json"))
    path = tmp_path / "out.xlsx"
    export(attributed, path)
    _header, rows = sheet(path)
    assert len(rows) == len(raw)
    row = next(r for r in rows if r["article id"] == broken)
    assert row["attribute: section"] is None
    assert row["title"] == "Talks in Pyongyang"
