"""The lead's side-by-side view of one article: where coders differ, and the consensus.

Every change goes through the dialog's own undo stack as a service command, so the lead
can try a version and take it back; the coders' passages are only ever read here.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.services.adjudication import AcceptVersion, ArticleComparison, Site, comparison
from stancecoder.services.articles import read_article
from stancecoder.services.codebook_view import CodebookView
from stancecoder.services.commands import DeletePassage
from stancecoder.services.passages import PassageView
from stancecoder.services.project import Project
from stancecoder.ui.adjudication_table import SiteTable, codes_html, elide
from stancecoder.ui.errors import show_problem
from stancecoder.ui.undo import UndoRunner

MAX_KEYED_CODERS = 9  # Alt+1 … Alt+9


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
        self.undo = UndoRunner(project, self._changed, lambda m: show_problem(self, m))
        article = read_article(project, article_id)
        title = article.title or elide(article.text.split("\n", 1)[0], 90) or "(untitled)"
        self.setWindowTitle(f"Adjudicate — {title}")
        self.comparison: ArticleComparison = comparison(project, article_id)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = SiteTable()
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.accept_buttons: list[QPushButton] = []
        self._build(title)
        self._reload(select_row=0)
        self.resize(1100, 720)

    def _build(self, title: str) -> None:
        heading = QLabel(f"<b>{escape(title)}</b>")
        heading.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([430, 220])
        self.remove_button = QPushButton("Remove consensus  (Del)")
        self.remove_button.clicked.connect(self.remove_consensus)
        next_button = QPushButton("Next disagreement  (Ctrl+↓)")
        next_button.clicked.connect(self.next_disagreement)
        self.undo_button = QPushButton("Undo  (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo.stack.undo)
        self.undo.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for index, coder in enumerate(self.comparison.coders[:MAX_KEYED_CODERS], start=1):
            button = QPushButton(f"Accept {coder}’s version  (Alt+{index})")
            button.clicked.connect(lambda _c=False, name=coder: self.accept_version(name))
            buttons.addWidget(button)
            self.accept_buttons.append(button)
            self._key(f"Alt+{index}", lambda name=coder: self.accept_version(name))
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        for button in (next_button, self.undo_button, close):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        for button in (*self.accept_buttons, self.remove_button):
            button.setAutoDefault(False)
        self._key("Del", self.remove_consensus)
        self._key("Ctrl+Down", self.next_disagreement)
        self._key("Ctrl+Up", lambda: self.next_disagreement(-1))
        self._key(QKeySequence.StandardKey.Undo, self.undo.stack.undo)
        self._key(QKeySequence.StandardKey.Redo, self.undo.stack.redo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._show_site)
        self.table.setFocus()

    def _key(self, keys: str | QKeySequence.StandardKey, handler) -> None:  # type: ignore[no-untyped-def]
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _c=False: handler())
        self.addAction(action)

    def current_site(self) -> Site | None:
        row = self.table.currentRow()
        sites = self.comparison.sites
        return sites[row] if 0 <= row < len(sites) else None

    def accept_version(self, coder: str) -> None:
        site = self.current_site()
        passage = site.passages.get(coder) if site else None
        if passage is not None:
            self.undo.run(AcceptVersion(passage.uid, text=f"Accept {coder}’s version"))

    def remove_consensus(self) -> None:
        site = self.current_site()
        if site is not None and site.consensus is not None:
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

    def _changed(self, _changes: Changes) -> None:
        self._reload(self.table.currentRow())

    def _reload(self, select_row: int) -> None:
        self.comparison = comparison(self.project, self.article_id)
        self.table.show_comparison(self.comparison, self.codebook)
        sites = self.comparison.sites
        differ = sum(not s.agrees for s in sites)
        decided = sum(s.consensus is not None for s in sites)
        self.summary.setText(
            f"{len(sites)} passages compared · the coders differ on {differ} · "
            f"consensus written for {decided}"
        )
        if sites:
            self.table.selectRow(min(max(select_row, 0), len(sites) - 1))
        self._show_site()

    def _show_site(self) -> None:
        site = self.current_site()
        if site is None:
            self.detail.setHtml("<p>No passages in this article yet.</p>")
            self.remove_button.setEnabled(False)
            return
        for button, coder in zip(self.accept_buttons, self.comparison.coders, strict=False):
            button.setEnabled(coder in site.passages)
        self.remove_button.setEnabled(site.consensus is not None)
        blocks = [self._block(p, site.differing) for p in site.passages.values()]
        if site.consensus is not None:
            blocks.append(self._block(site.consensus, ()))
        else:
            blocks.append(f"<p><b>{escape(self.comparison.consensus_coder)}</b>: not decided</p>")
        self.detail.setHtml("".join(blocks))

    def _block(self, passage: PassageView, differing: tuple[str, ...]) -> str:
        memo = f"<br><i>memo: {escape(passage.memo)}</i>" if passage.memo else ""
        return (
            f"<p><b>{escape(passage.coder)}</b> [{passage.start}, {passage.end})"
            f" — {codes_html(passage, self.codebook, differing)}<br>"
            f"“{escape(passage.quote)}”{memo}</p>"
        )
