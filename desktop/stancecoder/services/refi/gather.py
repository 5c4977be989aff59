"""A project as REFI-QDA data: every element with the GUID its uids give it.

Each variable is a folder code with its codes under it; each coder a user; each passage one
selection (one per coder and span, as passages are) whose codings are its codes and whose
memo is a note; an article's fields and attributes are variables of its source, and its
article-level codes codings of the whole source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.attributes import read_attributes
from stancecoder.core.codebook import CodebookSpec, CodeSpec, iter_codes
from stancecoder.core.context import short_quote
from stancecoder.core.refi.code_names import unique_names
from stancecoder.core.refi.codebook_map import variable_group
from stancecoder.core.refi.guids import stable_guid
from stancecoder.core.refi.model import (
    RefiCode,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
)
from stancecoder.db.models import Article, ArticleCode, Code, Coder, Passage, PassageCode
from stancecoder.db.store import get_setting
from stancecoder.services.codebook_rows import read_codebook
from stancecoder.services.coded_data import visible
from stancecoder.services.project_identity import project_uid

ORIGIN = "StanceCoder"
# an article's fields that travel as variables of its source, under these names
ARTICLE_FIELDS = {
    "source": "source",
    "author": "author",
    "dateline": "dateline",
    "published": "published",
    "url": "url",
    "language": "language",
    "external_id": "id",
}
ATTRIBUTE_MARK = "attribute: "  # before an attribute named like a field
_SELECTION_NAME = 100  # characters of the quote a selection is named by


@dataclass
class Gathered:
    """The project as REFI-QDA data and each source's text by its file name."""

    project: RefiProject
    texts: dict[str, str] = field(default_factory=dict)


class Guids:
    """The GUIDs of one project's elements: its uid keeps two projects' coders apart."""

    def __init__(self, session: Session) -> None:
        self.project = project_uid(session) or ""

    def variable(self, name: str) -> str:
        return stable_guid("variable", self.project, name)

    def code(self, uid: str) -> str:
        return stable_guid("code", uid)

    def coder(self, name: str) -> str:
        return stable_guid("coder", self.project, name)

    def attribute(self, name: str) -> str:
        return stable_guid("attribute", self.project, name)


def codebook_codes(spec: CodebookSpec, guids: Guids) -> list[RefiCode]:
    """The codebook as folder codes, every code's name unique in the whole codebook."""
    labels = [(v.name, spec.label) for v in spec.variables for _, spec in iter_codes(v)]
    names = unique_names([v.name for v in spec.variables], labels)

    def code_guid(code: CodeSpec) -> str:
        return guids.code(code.uid or "")

    return [
        variable_group(variable, guids.variable(variable.name), code_guid, names)
        for variable in spec.variables
    ]


def gather_codebook(session: Session) -> list[RefiCode]:
    return codebook_codes(read_codebook(session), Guids(session))


def gather_project(session: Session, progress: Callable[[int, int], bool]) -> Gathered | None:
    """The whole project as the session's actor may see it; None when `progress` (articles
    done, in all) asked to stop."""
    guids = Guids(session)
    spec = read_codebook(session)
    coders = list(session.scalars(select(Coder).order_by(Coder.name)))
    project = RefiProject(
        name=get_setting(session, "name") or spec.name or "project",
        origin=ORIGIN,
        users=[RefiUser(guids.coder(c.name), c.name) for c in coders],
        codes=codebook_codes(spec, guids),
    )
    gathered = Gathered(project)
    user = {c.id: guids.coder(c.name) for c in coders}
    code_guid = {
        code_id: guids.code(uid) for code_id, uid in session.execute(select(Code.id, Code.uid))
    }
    attributes: dict[str, RefiVariable] = {}
    selections = _selections(session, user, code_guid, project.notes)
    article_codings = _article_codings(session, user, code_guid)
    articles = list(session.scalars(select(Article).order_by(Article.id)))
    for done, article in enumerate(articles):
        if not progress(done, len(articles)):
            return None
        guid = stable_guid("article", article.uid)
        source = RefiSource(
            guid=guid,
            name=article.title or "",
            text_path=f"internal://{guid}.txt",
            selections=selections.get(article.id, []),
            codings=article_codings.get(article.id, []),
        )
        for name, value in _attributes(article):
            variable = attributes.setdefault(name, RefiVariable(guids.attribute(name), name))
            source.values[variable.guid] = value
        project.sources.append(source)
        gathered.texts[f"{guid}.txt"] = article.text
    project.variables = list(attributes.values())
    progress(len(articles), len(articles))
    return gathered


def _selections(
    session: Session, user: dict[int, str], code_guid: dict[int, str], notes: list[RefiNote]
) -> dict[int, list[RefiSelection]]:
    codes: dict[int, list[int]] = defaultdict(list)
    for passage_id, code_id in session.execute(
        select(PassageCode.passage_id, PassageCode.code_id).join(Passage).where(visible(session))
    ):
        codes[passage_id].append(code_id)
    found: dict[int, list[RefiSelection]] = defaultdict(list)
    passages = session.scalars(
        select(Passage)
        .where(visible(session))
        .order_by(Passage.article_id, Passage.start, Passage.id)
    )
    for passage in passages:
        creator = user[passage.coder_id]
        selection = RefiSelection(
            guid=stable_guid("passage", passage.uid),
            start=passage.start,
            end=passage.end,
            name=_selection_name(passage.quote),
            creating_user=creator,
            codings=[
                RefiCoding(stable_guid("coding", passage.uid, code_guid[c]), code_guid[c], creator)
                for c in sorted(codes.get(passage.id, []))
            ],
        )
        if passage.memo:
            note = RefiNote(
                stable_guid("memo", passage.uid),
                f"Memo: {short_quote(passage.quote, 60)}",
                passage.memo,
                creator,
            )
            notes.append(note)
            selection.note_guids.append(note.guid)
        found[passage.article_id].append(selection)
    return found


def _selection_name(quote: str) -> str:
    """The quote on one line, cut at its end as other tools cut theirs, so that a tool
    (or an import here) can check the positions against it."""
    flat = " ".join(quote.split())
    return flat if len(flat) <= _SELECTION_NAME else flat[: _SELECTION_NAME - 1].rstrip() + "…"


def _article_codings(
    session: Session, user: dict[int, str], code_guid: dict[int, str]
) -> dict[int, list[RefiCoding]]:
    found: dict[int, list[RefiCoding]] = defaultdict(list)
    rows = session.execute(
        select(ArticleCode.article_id, ArticleCode.coder_id, ArticleCode.code_id, Article.uid)
        .join(Article, Article.id == ArticleCode.article_id)
        .order_by(ArticleCode.article_id, ArticleCode.coder_id, ArticleCode.code_id)
    )
    for article_id, coder_id, code_id, uid in rows:
        guid = stable_guid("article-code", uid, user[coder_id], code_guid[code_id])
        found[article_id].append(RefiCoding(guid, code_guid[code_id], user[coder_id]))
    return found


def _attributes(article: Article) -> list[tuple[str, str]]:
    """The article's fields and attributes that have a value; an attribute named like a
    field is written "attribute: NAME" so that it comes back as an attribute."""
    values = [(name, getattr(article, key)) for key, name in ARTICLE_FIELDS.items()]
    found = [(name, value) for name, value in values if value]
    fields = set(ARTICLE_FIELDS.values())
    for name, value in read_attributes(article.extra).items():
        found.append((f"{ATTRIBUTE_MARK}{name}" if name in fields else name, value))
    return found
