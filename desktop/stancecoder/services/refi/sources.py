"""A REFI-QDA file's text sources brought in as articles with their passages, inside the
import's transaction (`services.refi.importing`).

A selection coded by several users becomes one passage per user, as passages are each one
coder's; its uid comes from the selection's GUID and the user, so importing the same file
again finds what it brought before and adds nothing twice. A passage the project refuses
(white space only, say) is named in the report, and the rest of the file comes in.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from stancecoder.core.errors import InputFileError, ValidationError
from stancecoder.core.newsmeta import normalise_date
from stancecoder.core.printable import printable
from stancecoder.core.refi.alignment import canonical_positions
from stancecoder.core.refi.guids import stable_guid, uid_of_guid
from stancecoder.core.refi.model import RefiCoding, RefiSelection, RefiSource
from stancecoder.core.refi.positions import PositionReader, detect_counting
from stancecoder.core.text import canonical_text
from stancecoder.db.limits import string_limits
from stancecoder.db.models import Article, ImportBatch, Passage
from stancecoder.io.limits import ImportLimits, check_article_text
from stancecoder.io.refi.archive import INTERNAL, QdpxArchive
from stancecoder.services.code_lookup import CodeLookup
from stancecoder.services.coders import ensure_coder, find_coder
from stancecoder.services.coding_target import coding_target
from stancecoder.services.codings import write_article_codes, write_passage
from stancecoder.services.corpus_store import text_digest
from stancecoder.services.refi.codebook_import import CodeTarget
from stancecoder.services.refi.gather import ARTICLE_FIELDS, ATTRIBUTE_MARK
from stancecoder.services.refi.report import RefiImportReport

FALLBACK_CODER = "REFI-QDA import"
"""Who coded a selection that names no user the file knows."""
_FIELDS = {name: key for key, name in ARTICLE_FIELDS.items()}
_LENGTHS = {key: length for key, _shown, length in string_limits(inspect(Article))}
_NAME_LENGTH = 200  # of a coder's name, as the table keeps it


class SourceImporter:
    def __init__(
        self,
        session: Session,
        archive: QdpxArchive,
        codes: dict[str, CodeTarget],
        report: RefiImportReport,
        limits: ImportLimits,
    ) -> None:
        self.session, self.archive, self.codes = session, archive, codes
        self.report, self.limits = report, limits
        refi = archive.project
        self.users = {u.guid: u.name.strip()[:_NAME_LENGTH] for u in refi.users if u.name.strip()}
        self.default_user = self.users.get(refi.creating_user or "", FALLBACK_CODER)
        self.notes = {note.guid: note.text.strip() for note in refi.notes}
        self.variables = {variable.guid: variable.name for variable in refi.variables}
        self.lookup = CodeLookup(session)
        self.batch: ImportBatch | None = None
        self.reasons: dict[str, str] = {}
        self.coders: dict[str, str] = {}

    def not_imported(self, reasons: dict[str, str]) -> None:
        """Code guids whose codings are left out, with the reason to count them under."""
        self.reasons = reasons

    def source(self, source: RefiSource) -> None:
        name = printable(source.name or source.guid)
        raw = self._text(source, name)
        if raw is None:
            self.report.left_out["selections of sources without their text"] += len(
                source.selections
            )
            return
        raw = raw.removeprefix("\ufeff")
        canonical = canonical_text(raw)
        article, new = self._article(source, canonical)
        found = detect_counting(raw, source.selections)
        known = "new article" if new else f"already in the project as article {article.id}"
        self.report.sources.append(f"{name}: {known}; positions count {found.describe()}")
        reader = PositionReader(raw, found.counting)
        places = canonical_positions(raw, canonical)
        for selection in source.selections:
            span = reader.span(selection)
            if span is None or places is None or places[span[0]] >= places[span[1]]:
                self.report.left_out["selections outside their source's text"] += 1
                continue
            self._selection(name, article, selection, (places[span[0]], places[span[1]]))
        self._article_codes(article, source.codings)

    def _text(self, source: RefiSource, name: str) -> str | None:
        if source.text is not None:
            text: str | None = source.text
        elif source.text_path and source.text_path.startswith(INTERNAL):
            try:
                text = self.archive.source_text(source.text_path)
            except InputFileError as error:
                self.report.sources.append(f"{name}: left out, {error.reason}")
                return None
            if text is None:
                self.report.sources.append(
                    f"{name}: left out, the archive does not hold its text "
                    f"({printable(source.text_path)})"
                )
                return None
        else:
            where = printable(source.text_path or "nowhere")
            self.report.sources.append(f"{name}: left out, its text is outside the file ({where})")
            return None
        try:
            check_article_text(self.archive.path, f"source {name}: ", text or "", self.limits)
        except InputFileError as error:
            self.report.sources.append(f"{name}: left out, {error.reason}")
            return None
        if not (text or "").strip():
            self.report.sources.append(f"{name}: left out, its text is empty")
            return None
        return text

    def _article(self, source: RefiSource, text: str) -> tuple[Article, bool]:
        digest = text_digest(text)
        found = self.session.scalar(select(Article).where(Article.text_sha256 == digest))
        if found is not None:
            self.report.articles_found += 1
            return found, False
        uid = uid_of_guid(source.guid)
        taken = self.session.scalar(select(Article.id).where(Article.uid == uid))
        article = Article(title=source.name.strip() or None, text=text, text_sha256=digest)
        if taken is None:
            article.uid = uid
        extra: dict[str, str] = {}
        for guid, value in source.values.items():
            self._attribute(article, extra, self.variables.get(guid, ""), value.strip())
        article.extra = json.dumps(extra, ensure_ascii=False)
        article.batch_id = self._batch().id
        self.session.add(article)
        self.session.flush()
        self.report.articles_added.append(article.id)
        return article, True

    def _attribute(self, article: Article, extra: dict[str, str], name: str, value: str) -> None:
        """A source's variable as the article's field of that name, else an attribute; a
        value its field cannot hold (a date not read, a text too long) stays an attribute."""
        key = _FIELDS.get(name)
        if key == "published":
            date = normalise_date(value)
            if date is not None:
                article.published = date
                return
        elif key is not None:
            length = _LENGTHS.get(key)
            if length is None or len(value) <= length:
                setattr(article, key, value)
                return
        if name and value:
            extra[name.removeprefix(ATTRIBUTE_MARK)] = value

    def _batch(self) -> ImportBatch:
        if self.batch is None:
            self.batch = ImportBatch(description=f"REFI-QDA {self.archive.path}"[:2000])
            self.session.add(self.batch)
            self.session.flush()
        return self.batch

    def _selection(
        self, name: str, article: Article, selection: RefiSelection, span: tuple[int, int]
    ) -> None:
        by_user: dict[str, list[CodeTarget]] = defaultdict(list)
        for coding in selection.codings:
            user = self._user(coding.creating_user or selection.creating_user)
            target = self._target(coding, "passage")
            by_user[user] += [target] if target is not None else []
        if not selection.codings:
            by_user[self._user(selection.creating_user)] = []
        memo = "\n\n".join(
            [self.notes[g] for g in selection.note_guids if self.notes.get(g)]
            + ([selection.description.strip()] if selection.description.strip() else [])
        )
        for user, targets in by_user.items():
            if not targets and not memo:
                self.report.left_out["selections with none of their codes imported"] += 1
                continue
            uid = uid_of_guid(stable_guid("selection", selection.guid, user))
            if self.session.scalar(select(Passage.id).where(Passage.uid == uid)) is not None:
                self.report.left_out["selections imported before"] += 1
                continue
            codes = self._by_variable(targets)
            coder = self._coder(user)  # outside the savepoint: a refusal keeps the coder
            try:
                with self.session.begin_nested():
                    written = coding_target(self.session, article.id, coder)
                    write_passage(self.session, self.lookup, written, *span, codes, memo, uid=uid)
            except ValidationError as error:
                self.report.sources.append(
                    f"{name}: selection {selection.start}–{selection.end} of {user} "
                    f"not imported: {error}"
                )
                continue
            self.report.passages += 1

    def _article_codes(self, article: Article, codings: list[RefiCoding]) -> None:
        by_user: dict[str, list[CodeTarget]] = defaultdict(list)
        for coding in codings:
            target = self._target(coding, "article")
            if target is not None:
                by_user[self._user(coding.creating_user)].append(target)
        for user, targets in by_user.items():
            codes = self._by_variable(targets)
            write_article_codes(self.session, article.id, self._coder(user), codes)
            self.report.article_codes += sum(len(ids) for ids in codes.values())

    def _target(self, coding: RefiCoding, scope: str) -> CodeTarget | None:
        """The project's code of a coding in a passage or on a whole source, or None with
        the coding counted as left out."""
        target = self.codes.get(coding.code_guid)
        if target is None:
            reason = self.reasons.get(coding.code_guid, "codings of codes not imported")
            self.report.left_out[reason] += 1
            return None
        if target.scope != scope:
            where = "a selection" if scope == "passage" else "a whole source"
            self.report.left_out[f"codings of {target.scope}-level variables on {where}"] += 1
            return None
        return target

    def _by_variable(self, targets: list[CodeTarget]) -> dict[str, list[int]]:
        """The codes per variable; a variable that takes one code keeps the first."""
        codes: dict[str, list[int]] = defaultdict(list)
        for target in targets:
            chosen = codes[target.variable]
            if target.code_id in chosen:
                continue
            if chosen and not self.lookup.variable(target.variable).multiple:
                self.report.left_out["further codes of a variable that takes one"] += 1
                continue
            chosen.append(target.code_id)
        return dict(codes)

    def _user(self, guid: str | None) -> str:
        return self.users.get(guid or "", self.default_user)

    def _coder(self, name: str) -> str:
        """The project's name of the coder (found in any case, or added), asked once."""
        if name not in self.coders:
            if find_coder(self.session, name) is None:
                self.report.coders_added.append(name)
            self.coders[name] = ensure_coder(self.session, name).name
        return self.coders[name]
