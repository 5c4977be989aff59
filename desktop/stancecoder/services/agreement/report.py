"""Agreement on a project's codings: the report (`core.agreement.report`) on the codings
read from the database, for every double-coded article or one reliability round."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.agreement.report import (
    AgreementReport,
    UnitKind,
    VariableProgress,
    check_unit,
)
from stancecoder.core.agreement.report_build import build_report
from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.data import load_codings
from stancecoder.services.samples import list_rounds, round_info

if TYPE_CHECKING:
    from stancecoder.services.project import Project


def project_agreement(
    project: Project,
    unit: UnitKind = "matched",
    *,
    overlap: float = 0.5,
    coders: Sequence[str] | None = None,
    article_ids: Sequence[int] | None = None,
    replicates: int = 1000,
    seed: int = DEFAULT_SEED,
    round: str | None = None,
    levels: Mapping[str, str] | None = None,
    progress: VariableProgress | None = None,
) -> AgreementReport:
    """With a `round`, only its articles and (unless `coders` is given) its coders count.
    `levels` overrides a variable's level of measurement (the lead's choice, reported).
    `progress` hears of each variable and may stop the report (`build_report`)."""
    check_unit(unit)
    if round is not None:
        round, coders, article_ids = round_scope(project, round, coders, article_ids)
    with _no_cycle_collection():
        codings = load_codings(project, coders, article_ids)
        return build_report(
            codings, unit, overlap=overlap, replicates=replicates, seed=seed, round=round,
            levels=levels, progress=progress,
        )  # fmt: skip


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a report is made: it makes millions of
    objects that live to its end (a row per passage, a unit per match) and no cycles, so
    every collection would walk them all again for nothing (a third of the report's time
    at 100,000 passages). Their memory is freed as usual by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def round_scope(
    project: Project, name: str, coders: Sequence[str] | None, article_ids: Sequence[int] | None
) -> tuple[str, list[str], list[int]]:
    """A round's name, coders and articles, narrowed by coders or articles asked for."""
    sample = round_info(project, name)
    if sample is None:
        known = ", ".join(repr(s.name) for s in list_rounds(project)) or "none yet"
        raise ValidationError(f"no sample called {name!r} (samples: {known})")
    wanted = None if article_ids is None else set(article_ids)
    ids = [a for a in sample.article_ids if wanted is None or a in wanted]
    return sample.name, list(coders or sample.coders), ids
