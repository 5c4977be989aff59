"""The lead's side-by-side view of one article: where coders differ, and the consensus.

Every change goes through the dialog's own undo stack as a service command, so the lead
can try a version and take it back; the coders' passages are only ever read here. The
dialog reloads from the project's bus, so its own steps and any other writer's reach it
the same way, and its steps reach the main window while it is open. The
consensus is decided by accepting a coder's version, by editing the consensus of a site
(F2 or Enter), or by selecting text in the article and coding it as a new consensus.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.agreement.comparison import ArticleComparison, Site
from stancecoder.core.changes import Changes
from stancecoder.core.codebook_view import CodebookView
from stancecoder.services.agreement.adjudication import (
    AcceptVersion,
    EditConsensus,
    WriteConsensus,
    comparison,
)
from stancecoder.services.articles import read_article
from stancecoder.services.commands import Command, DeletePassage
from stancecoder.services.project import Project
from stancecoder.ui.adjudication.editor import ConsensusEditor, EditTarget
from stancecoder.ui.adjudication.keys import EDIT, DialogKeys
from stancecoder.ui.adjudication.table import (
    SiteTable,
    detail_html,
    dispute_text,
    summary_text,
)
from stancecoder.ui.adjudication.text import ComparisonReader, coder_colours
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.undo import UndoRunner


class AdjudicationView(QDialog):
    def __init__(
        self,
        project: Project,
        article_id: int,
        codebook: CodebookView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project, self.article_id, self.codebook = project, article_id, codebook
        self.undo = UndoRunner(project, lambda m: show_problem(self, m))
        article = read_article(project, article_id)
        self.text = article.text
        self.setWindowTitle(f"Adjudicate — {article.heading}")
        self.comparison: ArticleComparison = comparison(project, article_id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = SiteTable()
        self.reader = ComparisonReader()
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.editor = ConsensusEditor()
        self.editor.set_codebook(codebook)
        self.side = QStackedWidget()
        self.side.addWidget(self.detail)
        self.side.addWidget(self.editor)
        self._placing_selection = False  # the dialog, not the lead, is selecting text
        self._refreshing = False  # the dialog, not the lead, is selecting a row
        self.keys = DialogKeys(self)
        self._build(article.heading)
        # inside the dialog now, Save is its default: Enter that nothing else takes (in the
        # article pane, say) saves while editing, and does nothing while Save is hidden
        self.editor.save_button.setDefault(True)
        self._reload(select_row=0)
        self.resize(1100, 720)
        self.bus = bus_of(project)
        self.bus.changed.connect(self._changed)
        self._listening = True

    def _build(self, title: str) -> None:
        heading = QLabel(f"<b>{escape(title)}</b>")
        heading.setWordWrap(True)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(self.reader)
        left.setSizes([330, 270])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.side)
        split.setStretchFactor(0, 1)
        split.setSizes([690, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(self.keys.button_row())
        self.table.itemSelectionChanged.connect(self._site_changed)
        self.table.editRequested.connect(self.edit_site)
        self.reader.siteClicked.connect(self._site_clicked)
        self.reader.selectionChangedSpan.connect(self._text_selected)
        self.editor.saveRequested.connect(self.save_consensus)
        self.editor.cancelRequested.connect(self.cancel_edit)
        self.table.setFocus()

    # ---- the sites ----------------------------------------------------------------------

    def current_site(self) -> Site | None:
        row = self.table.currentRow()
        sites = self.comparison.sites
        return sites[row] if 0 <= row < len(sites) else None

    @property
    def editing(self) -> bool:
        return self.editor.target is not None

    def accept_version(self, coder: str) -> None:
        site = self.current_site()
        passage = site.passages.get(coder) if site else None
        if passage is not None and not self.editing:
            self.undo.run(AcceptVersion(passage.uid, text=f"Accept {coder}’s version"))

    def remove_consensus(self) -> None:
        site = self.current_site()
        if site is not None and site.consensus is not None and not self.editing:
            consensus = site.consensus
            self.undo.run(DeletePassage(consensus.uid, consensus.version, "Remove consensus"))

    def next_disagreement(self, step: int = 1) -> None:
        sites = self.comparison.sites
        start = self.table.currentRow()
        for offset in range(1, len(sites) + 1):
            row = (start + step * offset) % len(sites)
            if not sites[row].agrees:
                self.table.selectRow(row)
                return

    def _site_clicked(self, row: int) -> None:
        if not self.editing:
            self.table.selectRow(row)

    # ---- the consensus editor -----------------------------------------------------------

    def edit_site(self) -> None:
        """Edit the site's consensus, or start one from the text every coder's passage
        covers and the codes they all gave."""
        site = self.current_site()
        if self.editing or site is None:
            self.editor.setFocus()
            return
        row = self.table.currentRow() + 1
        consensus = site.consensus
        span = (consensus.start, consensus.end) if consensus else site.extent()
        target = EditTarget(consensus, span, row, dispute_text(site, self.comparison.coders))
        self._open_editor(target, site.agreed_codes(self.codebook))
        self._select_text(*span)
        self.editor.setFocus()

    def _text_selected(self, span: tuple[int, int] | None) -> None:
        """A selection moves the boundaries of the coding being edited; with none being
        edited it starts a new consensus coding."""
        if span is None or self._placing_selection:
            return
        if self.editing:
            self.editor.move_to(span)
        else:
            self._open_editor(EditTarget(None, span), {})  # the lead may still be dragging

    def _open_editor(self, target: EditTarget, codes: dict[str, list[int]]) -> None:
        self.editor.start(target, self.text, codes)
        self.side.setCurrentWidget(self.editor)
        self.keys.update_enabled()

    def save_consensus(self) -> None:
        target = self.editor.target
        if target is None:
            return
        codes, memo = self.editor.values(), self.editor.memo()
        consensus = target.passage
        command: Command
        if consensus is None:
            command = WriteConsensus(self.article_id, *target.span, codes, memo)
        elif target.keeps(codes, memo):
            self._close_editor()
            return
        else:
            span = target.span if target.moved else None
            command = EditConsensus(consensus.uid, consensus.version, codes, span, memo)
        if self.undo.run(command) is None:
            return  # refused and said why; the edit stays open to be put right
        uid = consensus.uid if consensus else command.uid
        self._close_editor()
        self._select_site_of(uid)

    def cancel_edit(self) -> None:
        if self.editing:
            self._close_editor()

    def _close_editor(self) -> None:
        self.editor.stop()
        self.side.setCurrentWidget(self.detail)
        span = self.reader.selected_span()
        if span is not None:
            self._select_text(span[1], span[1])
        self.keys.update_enabled()
        self.table.setFocus()

    def _select_text(self, start: int, end: int) -> None:
        self._placing_selection = True
        try:
            self.reader.select_span(start, end)
        finally:
            self._placing_selection = False

    def _select_site_of(self, uid: str) -> None:
        site = self.comparison.site_of(uid)
        if site is not None:
            self.table.selectRow(self.comparison.sites.index(site))

    def reject(self) -> None:
        """Esc cancels an edit first and closes the dialog only when nothing is open."""
        if self.editing:
            self.cancel_edit()
        else:
            super().reject()

    # ---- showing ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """The text arrives once the pane has its size: laid out while hidden, its lines
        would keep the width of a pane without margins."""
        super().showEvent(event)
        self.reader.show_comparison(self.text, self.comparison, self.codebook)
        self.reader.show_site(self.table.currentRow())

    def _changed(self, changes: Changes) -> None:
        """Reload when the change may touch this article: its own, the codebook's, or one
        that cannot be named."""
        if self.article_id in changes.articles or changes.codebook or changes.reload:
            self._reload(self.table.currentRow())

    def done(self, result: int) -> None:
        """A closed dialog stays a child of the window: it must stop listening."""
        if self._listening:
            self.bus.changed.disconnect(self._changed)
            self._listening = False
        super().done(result)

    def _reload(self, select_row: int) -> None:
        self._refreshing = True
        try:
            self._refill(select_row)
        finally:
            self._refreshing = False
        self._show_site()

    def _refill(self, select_row: int) -> None:
        self.comparison = comparison(self.project, self.article_id)
        self.table.show_comparison(self.comparison, self.codebook, coder_colours(self.comparison))
        if self.isVisible():
            self.reader.show_comparison(self.text, self.comparison, self.codebook)
        self.summary.setText(summary_text(self.comparison))
        sites = self.comparison.sites
        if sites:
            self.table.selectRow(min(max(select_row, 0), len(sites) - 1))

    def _site_changed(self) -> None:
        """The lead moved to another site: an edit still open there is dropped, as when
        picking another passage in the window."""
        if not self._refreshing:
            self.cancel_edit()
            self._show_site()

    def _show_site(self) -> None:
        self.reader.show_site(self.table.currentRow())
        self.keys.update_enabled()
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText)
        coder = self.comparison.consensus_coder
        self.detail.setHtml(
            detail_html(self.current_site(), coder, self.codebook, quiet, EDIT, self.text)
        )
