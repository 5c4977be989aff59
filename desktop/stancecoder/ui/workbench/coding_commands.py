"""What the Code menu, Enter, Delete and the article form change: a passage saved, resized
or deleted, the article's codes set and the article marked done, each an undoable command
of the services run through the window's undo stack; a coding given up; and whose
passages the coder may change (their own, or any once the lead chose Edit as lead).

Kept apart from the window, which shows: these read what it shows (the article, the
passage in the panel, the selection in the reader) through `CodingHost`, and leave the
refresh to the `Changes` the bus carries back.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from stancecoder.core.actor import Actor
from stancecoder.core.passage_view import PassageView
from stancecoder.core.status import Status
from stancecoder.services.article_codes import ArticleCoding
from stancecoder.services.articles import ArticleView
from stancecoder.services.commands import (
    CreatePassage,
    DeletePassage,
    SetArticleCodes,
    SetStatus,
    UpdatePassage,
)
from stancecoder.services.project import Project
from stancecoder.ui.common.undo import UndoRunner
from stancecoder.ui.widgets.coding_panel import CodingPanel
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.workbench.article_list import ArticlePanel
from stancecoder.ui.workbench.status_line import StatusLine


class CodingHost(Protocol):
    """What the commands read and call on the coding window."""

    project: Project
    coder: str
    role: str
    article: ArticleView | None
    coding: ArticleCoding | None
    current: PassageView | None
    passages: list[PassageView]
    undo: UndoRunner
    articles: ArticlePanel
    reader: Reader
    panel: CodingPanel
    status: StatusLine

    def select_passage(self, passage_id: int) -> None: ...
    def statusBar(self) -> QStatusBar: ...


class CodingCommands:
    def __init__(self, host: CodingHost) -> None:
        self.host = host

    def save_coding(self) -> None:
        """Enter: the panel writes only a coding with a code, and says so otherwise."""
        self.host.panel.ask_to_save()

    def write_coding(self) -> None:
        """The panel's codes and memo as a new passage over the selection, else as the
        passage in the panel changed; a new one becomes the passage in the panel."""
        h = self.host
        if h.article is None:
            return
        codes, memo = h.panel.values(), h.panel.memo()
        span = h.reader.selected_span()
        with h.reader.refreshing_once():
            if span is not None and span[0] < span[1]:
                changes = h.undo.run(CreatePassage(h.article.id, h.coder, *span, codes, memo))
                if changes is not None:
                    h.reader.select_span(span[1], span[1])
                    for passage_id in changes.passages:
                        h.select_passage(passage_id)
            elif h.current is not None:
                h.undo.run(UpdatePassage(h.current.uid, h.current.version, codes=codes, memo=memo))

    def cancel_coding(self) -> None:
        h = self.host
        h.current = None
        h.reader.set_current_passage(None)
        if h.article is not None:
            span = h.reader.selected_span()
            end = span[1] if span else 0
            h.reader.select_span(end, end)
        h.panel.load(None, None)
        h.panel.set_enabled_for(False)
        h.reader.setFocus()

    def resize_current(self) -> None:
        h = self.host
        span = h.reader.selected_span()
        if h.current is not None and span is not None and span[0] < span[1]:
            h.undo.run(
                UpdatePassage(h.current.uid, h.current.version, span=span, text="Resize passage")
            )

    def delete_passage(self, passage_id: int | None = None) -> None:
        """The passage in the panel, or the one named (the passage list's Delete)."""
        h = self.host
        if passage_id is None:
            target = h.current
        else:
            target = next((p for p in h.passages if p.id == passage_id), None)
        if target is not None and not self.may_change(target):
            h.statusBar().showMessage(f"{target.coder}’s passage: only they delete it", 5000)
            return
        deleted = target is not None and h.undo.run(DeletePassage(target.uid, target.version))
        if deleted and h.current is None:  # it was the passage in the panel
            h.panel.load(None, None)

    def set_article_codes(self, codes: dict[str, list[int]]) -> None:
        h = self.host
        if h.article is not None and h.coding is not None:
            h.undo.run(SetArticleCodes(h.article.id, h.coder, codes, h.coding.version))

    def mark_done(self) -> None:
        h = self.host
        if h.article is not None and h.coding is not None:
            article, version = h.article.id, h.coding.version
            h.undo.run(SetStatus(article, h.coder, Status.DONE, version, "Mark done"))
            h.articles.next_article()

    def may_change(self, passage: PassageView) -> bool:
        """Whether this coder may change the passage: their own, or any as lead once they
        chose Edit as lead (the services check the same)."""
        actor = self.host.project.actor
        return actor is None or actor.may_change(passage.coder)

    def edit_as_lead(self, on: bool) -> None:
        """Let the lead change other coders' work, or stop; the panel follows at once."""
        h = self.host
        h.project.actor = Actor(h.coder, lead=h.role == "lead", as_lead=on)
        if h.current is not None:
            h.select_passage(h.current.id)
        h.status.refresh()
