"""`stancecoder merge PROJECT FILE...`: coder files brought home, in one transaction.

Only the packed coder's work comes back (other coders' rows in a file are ignored), matched
by uid, each coding decided by `core.sync.decide`: new in the file is added, changed in the
file alone is updated, deleted in the file alone is deleted; changed on both sides is a
conflict and home is kept. A coding made with another codebook version than the project's,
or with a code or an article the project no longer has, is a conflict too (reported per
coding; the rest is merged). Statuses and article codes go first, passages after; the
coder's history rows come along, each once. Merging the same file again changes nothing.
A file packed from another project is refused, and so, all or nothing, is the whole merge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.context import short_quote
from stancecoder.core.errors import ValidationError
from stancecoder.core.sync import InStep, Outcome, Side, conflict_reason, decide
from stancecoder.core.wording import counted
from stancecoder.db.models import Article, Code, History
from stancecoder.db.store import get_setting
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coder_files.codings import (
    PassageCoding,
    StatusCoding,
    history_key,
    read_history,
    read_passages,
    read_statuses,
)
from stancecoder.services.coder_files.stamp import (
    Merged,
    Stamp,
    read_merged,
    read_stamp,
    write_merged,
)
from stancecoder.services.coders import find_coder, require_coder
from stancecoder.services.coding_target import coding_target
from stancecoder.services.codings import (
    erase_passage,
    rewrite_passage,
    write_article_codes,
    write_passage,
    write_status,
)
from stancecoder.services.ownership import act_as_lead
from stancecoder.services.project import open_project
from stancecoder.services.project_identity import project_uid

if TYPE_CHECKING:
    from stancecoder.services.project import Project

Progress = Callable[[int, int, str], bool]
STATUS_WORDS = "status and article codes"


@dataclass(frozen=True)
class CoderFile:
    """What a merge needs of one coder file, read and closed before home is written."""

    name: str
    uid: str
    stamp: Stamp
    codebook_version: str | None
    passages: dict[str, PassageCoding]
    statuses: dict[str, StatusCoding]
    history: list[dict[str, object]]


@dataclass(frozen=True)
class Conflict:
    file: str
    article: str
    what: str
    reason: str

    def line(self) -> str:
        return f"{self.file}: article {self.article}, {self.what}: {self.reason}"


@dataclass
class MergeReport:
    files: list[str] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    deleted: int = 0
    statuses: int = 0
    history: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def merged_anything(self) -> bool:
        """Whether any coding or history came home (a second merge of a file: none)."""
        return bool(self.added or self.changed or self.deleted or self.statuses or self.history)

    def summary(self) -> str:
        if not self.merged_anything and not self.conflicts:
            return "nothing to merge: the project already holds everything in these files"
        return (
            f"added {self.added}, changed {self.changed}, deleted {self.deleted} passages; "
            f"{counted(self.statuses, 'status or article codes', 'statuses or article codes')}"
            f" changed; {counted(self.history, 'history row')} added; "
            f"{counted(len(self.conflicts), 'conflict')}"
        )


def merge_coder_files(
    project: Project, paths: Sequence[str | Path], progress: Progress | None = None
) -> MergeReport:
    """Merge each file, all in one transaction; a cancel (`progress` saying False) or a
    refusal merges nothing."""
    files = []
    for done, path in enumerate(paths):
        if progress is not None and not progress(done, 2 * len(paths), str(path)):
            raise ValidationError("merge cancelled; nothing was merged")
        files.append(read_coder_file(path))
    report = MergeReport(files=[f.name for f in files])
    with project.transaction() as session:
        act_as_lead(session, "merge coder files")
        home = project_uid(session)
        for coder_file in files:
            if coder_file.stamp.source != home:
                raise ValidationError(
                    f"{coder_file.name} was packaged from another project; merge it into the "
                    "project it came from. Nothing was merged."
                )
        for done, coder_file in enumerate(files, start=len(files)):
            if progress is not None and not progress(done, 2 * len(files), coder_file.name):
                raise ValidationError("merge cancelled; nothing was merged")
            _Merge(session, coder_file, report).run()
    return report


def read_coder_file(path: str | Path) -> CoderFile:
    with open_project(path) as opened, opened.reading() as session:
        stamp = read_stamp(session, opened.location)
        uid = project_uid(session)
        coder = find_coder(session, stamp.coder)
        if uid is None or coder is None:
            raise ValidationError(f"{opened.location}: its coder file record is damaged")
        return CoderFile(
            opened.location,
            uid,
            stamp,
            get_setting(session, "codebook_version"),
            read_passages(session, coder.id),
            read_statuses(session, coder.id),
            read_history(session, coder.name),
        )


class _Merge:
    """One file merged into home inside the caller's transaction."""

    def __init__(self, session: Session, coder_file: CoderFile, report: MergeReport) -> None:
        self.session, self.file, self.report = session, coder_file, report
        coder = require_coder(session, coder_file.stamp.coder)
        self.coder, self.coder_id = coder.name, coder.id
        self.lookup = CodeLookup(session)
        self.codes = {c.uid: c for c in session.scalars(select(Code))}
        self.articles = {
            uid: (article_id, title)
            for article_id, uid, title in session.execute(
                select(Article.id, Article.uid, Article.title)
            )
        }
        self.codebook = get_setting(session, "codebook_version")
        self.merged = read_merged(session, coder_file.uid) or Merged()

    def run(self) -> None:
        self._statuses()
        self._passages()
        self._history()
        self._record()

    def _in_step(
        self, merged: dict[str, InStep], packed: dict[str, int], uid: str
    ) -> InStep | None:
        """The versions of the last merge that left the coding the same on both sides, else
        those it had when packed, else None: it was never in step."""
        if uid in merged:
            return merged[uid]
        return InStep(packed[uid], packed[uid]) if uid in packed else None

    def _statuses(self) -> None:
        home = read_statuses(self.session, self.coder_id)
        for uid, theirs in sorted(self.file.statuses.items()):
            ours = home.get(uid)
            step = self._in_step(self.merged.assignments, self.file.stamp.assignments, uid)
            outcome = decide(_side(ours), theirs.side(), step)
            if outcome in (Outcome.ADD, Outcome.CHANGE):
                problem = self._unusable(uid, theirs.codes)
                if problem is not None:
                    self._conflict(uid, STATUS_WORDS, problem)
                    continue
                article_id = self.articles[uid][0]
                write_article_codes(
                    self.session, article_id, self.coder, self._inputs(theirs.codes, "article")
                )
                write_status(self.session, article_id, self.coder, theirs.status)
                self.report.statuses += 1
            elif outcome is Outcome.CONFLICT:
                self._conflict(uid, STATUS_WORDS, conflict_reason(_side(ours), theirs.side()))

    def _passages(self) -> None:
        home = read_passages(self.session, self.coder_id)
        for uid in sorted(set(home) | set(self.file.passages)):
            ours, theirs = home.get(uid), self.file.passages.get(uid)
            step = self._in_step(self.merged.passages, self.file.stamp.passages, uid)
            outcome = decide(_side(ours), _side(theirs), step)
            if outcome is Outcome.CONFLICT:
                shown = ours or theirs
                assert shown is not None  # neither side: never a conflict
                reason = conflict_reason(_side(ours), _side(theirs))
                self._conflict(shown.article_uid, _quoted(shown.quote), reason)
            elif outcome is Outcome.DELETE and ours is not None:
                erase_passage(self.session, ours.id, ours.version)
                self.report.deleted += 1
            elif outcome in (Outcome.ADD, Outcome.CHANGE) and theirs is not None:
                problem = self._unusable(theirs.article_uid, theirs.codes)
                if problem is not None:
                    self._conflict(theirs.article_uid, _quoted(theirs.quote), problem)
                elif ours is None:
                    self._add(theirs)
                else:
                    codes = self._inputs(theirs.codes, "passage")
                    span = (theirs.start, theirs.end)
                    rewrite_passage(
                        self.session, ours.id, ours.version, codes=codes, span=span,
                        memo=theirs.memo,
                    )  # fmt: skip
                    self.report.changed += 1

    def _add(self, theirs: PassageCoding) -> None:
        target = coding_target(self.session, self.articles[theirs.article_uid][0], self.coder)
        codes = self._inputs(theirs.codes, "passage")
        write_passage(
            self.session, self.lookup, target, theirs.start, theirs.end, codes, theirs.memo,
            theirs.quote, theirs.uid,
        )  # fmt: skip
        self.report.added += 1

    def _history(self) -> None:
        known = {history_key(row) for row in read_history(self.session, self.coder)}
        for row in self.file.history:
            if history_key(row) not in known:
                self.session.add(History(**row))
                known.add(history_key(row))
                self.report.history += 1
        self.session.flush()

    def _record(self) -> None:
        """Every coding now the same on both sides is in step at today's versions; the
        others keep the step they had, so a conflict stays one until someone resolves it."""
        home_passages = read_passages(self.session, self.coder_id)
        home_statuses = read_statuses(self.session, self.coder_id)
        record = Merged(
            _steps(home_passages, self.file.passages, self.merged.passages),
            _steps(home_statuses, self.file.statuses, self.merged.assignments),
        )
        write_merged(self.session, self.file.uid, record)

    def _unusable(self, article_uid: str, codes: frozenset[str]) -> str | None:
        """Why a coding from the file cannot be taken as it is, or None."""
        if article_uid not in self.articles:
            return "its article is no longer in the project"
        if self.file.codebook_version != self.codebook:
            return (
                f"coded with codebook version {self.file.codebook_version or 'none'}; "
                f"the project's is {self.codebook or 'none'}"
            )
        if any(uid not in self.codes for uid in codes):
            return "it uses a code the project no longer has"
        return None

    def _inputs(self, codes: frozenset[str], scope: str) -> dict[str, list[str | int]]:
        """The codes, by id, for every variable of the scope: one not named is emptied."""
        inputs: dict[str, list[str | int]] = {
            name: [] for name, v in self.lookup.variables.items() if v.scope == scope
        }
        by_id = {v.id: name for name, v in self.lookup.variables.items()}
        for uid in sorted(codes):
            code = self.codes[uid]
            inputs[by_id[code.variable_id]].append(code.id)
        return inputs

    def _conflict(self, article_uid: str, what: str, reason: str) -> None:
        article_id, title = self.articles.get(article_uid, (None, None))
        article = f"{article_id} “{short_quote(title or '', 40)}”" if article_id else article_uid
        self.report.conflicts.append(Conflict(self.file.name, article, what, reason))


def _side(coding: PassageCoding | StatusCoding | None) -> Side | None:
    return None if coding is None else coding.side()


def _quoted(quote: str) -> str:
    return f"passage “{short_quote(quote, 50)}”"


def _steps(
    home: dict[str, PassageCoding] | dict[str, StatusCoding],
    file: dict[str, PassageCoding] | dict[str, StatusCoding],
    before: dict[str, InStep],
) -> dict[str, InStep]:
    steps = {}
    for uid, theirs in file.items():
        ours = home.get(uid)
        if ours is not None and ours.side().content == theirs.side().content:
            steps[uid] = InStep(ours.version, theirs.version)
        elif uid in before:
            steps[uid] = before[uid]
    return steps
