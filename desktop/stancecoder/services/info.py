"""`stancecoder info`: what is in a project, per coder, variable and status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from stancecoder.core.status import Status
from stancecoder.core.wording import counted
from stancecoder.db.models import (
    Article,
    ArticleCode,
    Assignment,
    Coder,
    Passage,
    PassageCode,
    Variable,
)
from stancecoder.db.store import get_setting
from stancecoder.db.text_search import count_pending, has_index

if TYPE_CHECKING:
    from stancecoder.services.project import Project


@dataclass
class ProjectInfo:
    name: str
    location: str
    codebook: str
    articles: int
    passages: int
    search: str = ""
    coders: dict[str, dict[str, int]] = field(default_factory=dict)  # name -> counts
    variables: dict[str, dict[str, int]] = field(default_factory=dict)  # name -> code -> n

    def lines(self) -> list[str]:
        out = [
            f"project   {self.name} ({self.location})",
            f"codebook  {self.codebook}",
            f"articles  {self.articles}",
            f"passages  {self.passages}",
            f"search    {self.search}",
            "coders:",
        ]
        out += [
            f"  {name}: {c['passages']} passages; todo {c['todo']}, doing {c['doing']}, "
            f"done {c['done']}"
            for name, c in self.coders.items()
        ] or ["  (none yet)"]
        for variable, counts in self.variables.items():
            used = ", ".join(f"{label} {n}" for label, n in counts.items() if n) or "not used yet"
            out.append(f"{variable}: {used}")
        return out


def project_info(project: Project) -> ProjectInfo:
    with project.reading() as session:
        articles = session.scalar(select(func.count()).select_from(Article)) or 0
        info = ProjectInfo(
            name=get_setting(session, "name") or project.location,
            location=project.location,
            codebook=f"{get_setting(session, 'codebook_name')} "
            f"(version {get_setting(session, 'codebook_version')})",
            articles=articles,
            passages=session.scalar(select(func.count()).select_from(Passage)) or 0,
            search=search_note(session.connection()),
        )
        passages = dict(
            session.execute(select(Passage.coder_id, func.count()).group_by(Passage.coder_id)).all()
        )
        statuses = {
            (coder_id, status): n
            for coder_id, status, n in session.execute(
                select(Assignment.coder_id, Assignment.status, func.count()).group_by(
                    Assignment.coder_id, Assignment.status
                )
            )
        }
        for coder in session.scalars(select(Coder).order_by(Coder.name)):
            counts: dict[str, int] = {
                s: statuses.get((coder.id, s), 0) for s in (Status.DOING, Status.DONE)
            }
            counts[Status.TODO] = articles - counts[Status.DOING] - counts[Status.DONE]
            counts["passages"] = passages.get(coder.id, 0)
            info.coders[coder.name] = counts
        used: dict[int, int] = {}
        for link in (PassageCode, ArticleCode):  # passage-level and article-level codes
            query = select(link.code_id, func.count()).group_by(link.code_id)
            used.update(dict(session.execute(query).all()))
        for variable in session.scalars(select(Variable).order_by(Variable.position)):
            info.variables[variable.name] = {c.label: used.get(c.id, 0) for c in variable.codes}
        return info


def search_note(connection: Connection) -> str:
    """How the article list's search runs here, so that a slow search on a large corpus
    has its reason in words (the results are the same every way)."""
    sqlite = connection.dialect.name == "sqlite"
    if not has_index(connection):
        return "LIKE (this SQLite has no FTS5 trigram tokenizer)" if sqlite else "ILIKE"
    index = "trigram index (SQLite FTS5)" if sqlite else "token index on the server"
    waiting = count_pending(connection)
    if not waiting:
        return index
    return (
        f"{index}; {counted(waiting, 'article')} not yet in it, "
        f"searched with {'LIKE' if sqlite else 'ILIKE'} until the window has indexed them"
    )
