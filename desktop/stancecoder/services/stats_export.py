"""The coded data of one layer for SPSS (`.sav`), Stata (`.dta`) or R (`.csv` with its
codebook beside it), as a row per passage or a row per article and coder.

Everything is read in one transaction through `coded_data`, so the layer rule and the
blind rules hold as in every other table; the layer is always named by the caller, since
a file for a paper must say whose codings it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.core.layer import Layer
from stancecoder.core.stats_export.fitting import fit
from stancecoder.core.stats_export.labels import cut_label
from stancecoder.core.stats_export.programs import PROGRAMS
from stancecoder.core.stats_export.r_codebook import r_codebook
from stancecoder.core.stats_export.shapes import ArticleCodes, article_table, passage_table
from stancecoder.core.stats_export.table import SHAPES, ArticleFacts, StatTable
from stancecoder.core.status import Status
from stancecoder.core.wording import counted
from stancecoder.db.models import Article, ArticleCode, Assignment, Coder, Variable
from stancecoder.db.store import acting, get_setting
from stancecoder.io.sheets import ExportCancelled
from stancecoder.io.stats_files import codebook_path, write_dta, write_r_files, write_sav
from stancecoder.services.codebook_view import read_codebook_view
from stancecoder.services.coded_data import layer_coders, read_codings, resolve_layer
from stancecoder.services.output_target import check_output

if TYPE_CHECKING:
    from stancecoder.services.project import Project

STATS_SUFFIXES = tuple(PROGRAMS)
PROGRAM_FILES = {".sav": "SPSS", ".dta": "Stata", ".csv": "R"}
STEPS = ("reading the codings", "arranging the table", "writing the file")
Progress = Callable[[int, int, str], bool]


@dataclass(frozen=True)
class StatsExport:
    """What was written, and every name and label the program's rules changed."""

    path: Path
    codebook: Path | None
    program: str
    shape: str
    layer: str
    rows: int
    columns: int
    changes: tuple[str, ...]
    notes: tuple[str, ...]

    def summary(self) -> str:
        beside = f" and its codebook {self.codebook.name}" if self.codebook else ""
        return (
            f"wrote {self.path}{beside} for {self.program}: {counted(self.rows, 'row')} "
            f"({self.shape}) × {self.columns} columns, {self.layer}"
        )


def export_stats(
    project: Project,
    path: Path,
    shape: str,
    layer: Layer,
    sub_codes: bool = False,
    progress: Progress | None = None,
) -> StatsExport:
    """Write `path` (its suffix names the program) with `layer`'s codings in `shape`.

    `progress(done, total, step)` is told of each step before it begins; False stops the
    export there, leaving any file at `path` as it was.
    """

    def step(done: int) -> None:
        if progress is not None and not progress(done, len(STEPS), STEPS[done]):
            raise ExportCancelled(path)

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in PROGRAMS:
        raise ValidationError(f"cannot export to {path.name}: use a .sav, .dta or .csv file name")
    if shape not in SHAPES:
        raise ValidationError(f"unknown shape {shape!r} (choose {' or '.join(SHAPES)})")
    check_output(path, project)
    if suffix == ".csv":
        check_output(codebook_path(path), project)
    step(0)
    with project.reading() as session:
        layer = resolve_layer(session, layer)
        table = _table(session, shape, layer, sub_codes)
        about = _about(project, session, layer)
    if not table.rows:
        raise ValidationError(f"nothing to export: {layer.title} holds no coded articles")
    step(1)
    program = PROGRAMS[suffix]
    fitted = fit(table, program)
    step(2)
    file_label = cut_label(f"{about[0][1]}, {layer.title}", program.file_label)
    codebook = None
    if suffix == ".sav":
        write_sav(path, fitted, file_label)
    elif suffix == ".dta":
        write_dta(path, fitted, file_label)
    else:
        codebook = write_r_files(path, fitted, r_codebook(fitted, path.name, about))
    return StatsExport(
        path, codebook, PROGRAM_FILES[suffix], shape, layer.title, len(table.rows),
        len(table.columns), fitted.changes, table.notes,
    )  # fmt: skip


def _table(session: Session, shape: str, layer: Layer, sub_codes: bool) -> StatTable:
    coders = layer_coders(session, layer)
    passages = read_codings(session, coders)
    codebook = read_codebook_view(session)
    seen = {(p.article_id, p.coder) for p in passages}
    codes = _only_seen(session, _article_codes(session, coders), seen)
    done = _only_seen(session, _done(session, coders), seen) if shape == "articles" else {}
    ids = {article for article, _ in (*seen, *codes, *done)}
    articles = _articles(session, ids)
    if shape == "passages":
        return passage_table(codebook, passages, articles, codes)
    return article_table(codebook, passages, articles, codes, done, sub_codes)


def _article_codes(session: Session, coders: Sequence[str]) -> dict[tuple[int, str], list[int]]:
    found: dict[tuple[int, str], list[int]] = {}
    rows = session.execute(
        select(ArticleCode.article_id, Coder.name, ArticleCode.code_id)
        .join(Coder, Coder.id == ArticleCode.coder_id)
        .join(Variable, Variable.id == ArticleCode.variable_id)
        .where(Coder.name.in_(coders), Variable.scope == "article")
    )
    for article_id, coder, code_id in rows:
        found.setdefault((article_id, coder), []).append(code_id)
    return found


def _done(session: Session, coders: Sequence[str]) -> dict[tuple[int, str], list[int]]:
    rows = session.execute(
        select(Assignment.article_id, Coder.name)
        .join(Coder, Coder.id == Assignment.coder_id)
        .where(Coder.name.in_(coders), Assignment.status == Status.DONE)
    )
    return {(article_id, coder): [] for article_id, coder in rows}


def _only_seen(
    session: Session, found: ArticleCodes, seen: Collection[tuple[int, str]]
) -> dict[tuple[int, str], list[int]]:
    """A coder (not a lead) learns of another coder's work on an article only where the
    blind rules show that coder's passages there."""
    actor = acting(session)
    if actor is None or actor.lead:
        return {pair: list(ids) for pair, ids in found.items()}
    return {
        pair: list(ids)
        for pair, ids in found.items()
        if pair[1].casefold() == actor.coder.casefold() or pair in seen
    }


def _articles(session: Session, ids: set[int]) -> dict[int, ArticleFacts]:
    if not ids:
        return {}
    rows = session.execute(
        select(Article.id, Article.title, Article.source, Article.published).where(
            Article.id.in_(ids)
        )
    )
    return {r.id: ArticleFacts(r.id, r.title, r.source, r.published) for r in rows}


def _about(project: Project, session: Session, layer: Layer) -> list[tuple[str, str]]:
    codebook = get_setting(session, "codebook_name") or "codebook"
    version = get_setting(session, "codebook_version") or "?"
    return [
        ("project", get_setting(session, "name") or project.location),
        ("codings of", layer.title),
        ("codebook", f"{codebook}, version {version}"),
        ("exported at (UTC)", datetime.now(UTC).strftime("%Y-%m-%d %H:%M")),
    ]
