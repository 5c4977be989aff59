"""The coding workbench: articles, the reader, the coding panel and the passage list.

Widgets never touch the database: every action goes through a service command on the
undo stack, and the window refreshes what the `Changes` on the project's bus name, whoever
made them (this window, a dialog of the lead's, an import, F5, another process: see
`ui/common/changes_watch.py`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from stancecoder.core.actor import Actor
from stancecoder.core.changes import Changes, status_kept
from stancecoder.core.codebook_view import CodebookView
from stancecoder.core.passage_view import PassageView
from stancecoder.services.article_codes import ArticleCoding
from stancecoder.services.articles import ArticleView
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.coding_view import coding_view
from stancecoder.services.project import Project
from stancecoder.services.samples import progress
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.changes_watch import ChangesWatcher
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.common.undo import UndoRunner
from stancecoder.ui.widgets.article_form import ArticleForm
from stancecoder.ui.widgets.article_header import ArticleHeader
from stancecoder.ui.widgets.coding_panel import CodingPanel
from stancecoder.ui.widgets.find_bar import FindBar
from stancecoder.ui.widgets.reader import Reader
from stancecoder.ui.workbench.article_list import ArticlePanel
from stancecoder.ui.workbench.coding_commands import CodingCommands
from stancecoder.ui.workbench.drop_import import DropImport
from stancecoder.ui.workbench.file_actions import ProjectOpener
from stancecoder.ui.workbench.layout_memory import restore_layout, save_layout
from stancecoder.ui.workbench.passage_list import PassageList
from stancecoder.ui.workbench.search_indexer import SearchIndexer
from stancecoder.ui.workbench.status_line import StatusLine
from stancecoder.ui.workbench.tinting import Tinting, TintLegend
from stancecoder.ui.workbench.window_actions import WindowActions, describe_passage
from stancecoder.ui.workbench.window_fit import WindowFit


class MainWindow(QMainWindow):
    def __init__(
        self,
        project: Project,
        coder: str,
        role: str = "coder",
        settings: AppSettings | None = None,
        launcher: ProjectOpener | None = None,
    ) -> None:
        super().__init__()
        # first, so that what others commit while the window reads the project is seen
        self.watcher = ChangesWatcher(project, self)
        self.project, self.coder, self.role = project, coder, role
        project.actor = Actor(coder, lead=role == "lead")
        self.launcher = launcher  # opens other projects (File menu); None in tests
        self.settings = settings or AppSettings()
        self.codebook: CodebookView = codebook_view(project)
        self.article: ArticleView | None = None
        self.passages: list[PassageView] = []
        self.coding: ArticleCoding | None = None  # the coder's status and article codes
        self.current: PassageView | None = None
        # through a lambda, so that replacing `complain` (tests collect messages) reaches it
        self.undo = UndoRunner(project, lambda text: self.complain(text))
        self.bus = bus_of(project)
        read_only = " (read-only)" if project.read_only else ""
        self.setWindowTitle(f"{project.title}{read_only} — StanceCoder")
        self.drops = DropImport(project, self)
        self.commands = CodingCommands(self)
        self._build()
        self.registry = WindowActions(self)
        self.tinting = Tinting(project, self.settings, self.menuBar())
        self.tinting.changed.connect(
            lambda: self.reader.set_passages(self.passages, self._colours())
        )
        restore_layout(self, self._splitters(), self.reader, self.settings)
        self.fit = WindowFit(self)
        assigned = progress(project, coder)[0]  # read once for the list and the status bar
        self.status = StatusLine(project, coder, assigned, self.articles.position)
        self.statusBar().addPermanentWidget(self.status)
        self.articles.set_project(project, coder, assigned)
        self._show_reader_hint()
        self.status.refresh()
        self._hearing = self.bus.changed.connect(self.apply_changes)
        self.watcher.trouble.connect(self.statusBar().showMessage)
        self.indexer = SearchIndexer(project, self)
        self.indexer.trouble.connect(self.statusBar().showMessage)
        self.indexer.catch_up_soon()

    # ---- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.articles = ArticlePanel()
        self.articles.articleSelected.connect(self.show_article)
        self.header = ArticleHeader()
        self.legend = TintLegend()
        self.reader = Reader()
        self.reader.viewer = self.coder
        self.reader.set_describer(self._describe)
        self.reader.passageClicked.connect(self.select_passage)
        self.reader.selectionChangedSpan.connect(self._selection_changed)
        self.reader.zoomChanged.connect(lambda zoom: self.settings.set_value("zoom", zoom))
        self.find_bar = FindBar(self.reader)
        self.articles.search.textChanged.connect(
            lambda text: self.find_bar.show_words(text.split())
        )
        reading = QWidget()
        column = QVBoxLayout(reading)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.legend)
        column.addWidget(self.find_bar)
        column.addWidget(self.reader, 1)

        self.panel = CodingPanel()
        self.panel.viewer = self.coder
        self.panel.lead = self.role == "lead"
        self.panel.set_codebook(self.codebook)
        self.articles.set_codebook(self.codebook)
        self.panel.saveRequested.connect(self.commands.write_coding)
        self.panel.cancelRequested.connect(self.commands.cancel_coding)
        self.article_form = ArticleForm()
        self.article_form.set_codebook(self.codebook)
        self.article_form.codesChanged.connect(self.commands.set_article_codes)
        self.passage_list = PassageList()
        self.passage_list.viewer = self.coder
        self.passage_list.passageActivated.connect(self.activate_passage)
        self.passage_list.deleteRequested.connect(self.commands.delete_passage)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.panel)
        side.addWidget(self.article_form)
        side.addWidget(self.passage_list)
        side.setSizes([420, 120, 260])

        self.splitter = QSplitter()
        self.splitter.addWidget(self.articles)
        self.splitter.addWidget(reading)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 660, 380])
        self.side_splitter = side
        self.setCentralWidget(self.splitter)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.splitter, "side": self.side_splitter}

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed, the window stops hearing its project's changes: until it is deleted, it
        would otherwise read and redraw after every coding another window on the project
        makes."""
        QObject.disconnect(self._hearing)
        self.registry.close_views()
        self.watcher.stop()
        self.indexer.stop()
        save_layout(self, self._splitters(), self.settings)
        super().closeEvent(event)

    # ---- showing ------------------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        shown = coding_view(self.project, self.coder, article_id=article_id, text=True)
        assert shown.article is not None  # asked for with `text`
        self.article = shown.article
        self.current = None
        self.header.show_article(self.article)
        self.passages = shown.passages or []
        self.reader.show_article(self.article.text, self.passages, self._colours())
        self.find_bar.show_words(self.articles.search.text().split())
        self.passage_list.set_passages(self.passages, self.codebook)
        self._show_coding(shown.coding)
        self.panel.load(None, None)
        self.panel.set_enabled_for(False)
        self.status.refresh()
        self.registry.update_enabled()

    def _show_passages(self, passages: list[PassageView]) -> None:
        self.passages = passages
        if self.current is not None:
            self.current = next((p for p in self.passages if p.uid == self.current.uid), None)
        self.reader.set_passages(self.passages, self._colours())
        self.passage_list.set_passages(self.passages, self.codebook)
        self.reader.set_current_passage(self.current.id if self.current else None)
        if self.current is not None:
            self.passage_list.select_passage(self.current.id)

    def _show_coding(self, coding: ArticleCoding | None) -> None:
        self.coding = coding
        if coding is not None:
            self.article_form.load(coding.codes)
            self.article_form.set_status(coding.status)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what `changes` name, all read in one transaction (`coding_view`); a
        `reload` also reads every row and the counts, since other windows and coders may
        have imported, coded and marked articles."""
        if changes.codebook or changes.reload:
            self.codebook = codebook_view(self.project)
            self.panel.set_codebook(self.codebook)
            self.article_form.set_codebook(self.codebook)
            self.articles.set_codebook(self.codebook)
            self.registry.bind_code_shortcuts()
        whole = changes.codebook or changes.reload
        listed = None if changes.reload else changes
        in_place = listed is not None and self.articles.in_place(listed)
        article = self.article.id if self.article is not None else None
        shown = article is not None and (article in changes.articles or whole)
        fresh = coding_view(
            self.project,
            self.coder,
            article_id=article if shown else None,
            rows=changes.articles if in_place else (),
            recount=bool(changes.passages) or changes.reload,
            statuses=(bool(changes.articles) or changes.reload) and not self._status_kept(changes),
        )
        if fresh.passages is not None:
            self._show_passages(fresh.passages)
            self._show_coding(fresh.coding)
        if in_place:
            self.articles.update_rows(fresh.rows)
        else:
            self.articles.refresh(listed)
        self._show_reader_hint()
        self.status.refresh(fresh)
        self.registry.update_enabled()
        if changes.reload or (changes.articles and not changes.passages):
            self.indexer.catch_up()  # an import, here or elsewhere, leaves articles waiting

    def _status_kept(self, changes: Changes) -> bool:
        """A coding on the article shown, already begun: the assigned count stands."""
        if self.article is None or self.coding is None:
            return False
        return status_kept(changes, self.article.id, self.coder, self.coding.version)

    def refresh(self) -> None:
        """See what other windows and coders did (F5), in every view of this project."""
        self.bus.publish(Changes(reload=True))

    def _show_reader_hint(self) -> None:
        """What the empty reader says before an article is picked, so the first view is
        not a blank page: where to click, or how to get articles at all."""
        if self.articles.position()[1]:
            hint = "Pick an article in the list on the left to read and code it."
        else:
            hint = (
                "No articles to show: import some with File › Import articles… or drop "
                "files on this window (or clear the filters on the left)."
            )
        self.reader.setPlaceholderText(hint)

    def complain(self, message: str) -> None:
        show_problem(self, message)

    # ---- passages -----------------------------------------------------------------------

    def _selection_changed(self, span: tuple[int, int] | None) -> None:
        if span is not None and self.article is not None:
            self.current = None
            self.reader.set_current_passage(None)
            self.panel.load(None, self.article.text[span[0] : span[1]])
        self.panel.set_enabled_for(span is not None or self.current is not None)
        self.registry.update_enabled()

    def select_passage(self, passage_id: int) -> None:
        self.current = next((p for p in self.passages if p.id == passage_id), None)
        self.reader.set_current_passage(passage_id if self.current else None)
        self.passage_list.select_passage(passage_id)
        current = self.current
        editable = current is None or self.commands.may_change(current)
        self.panel.load(current, current.quote if current else None, editable)
        self.panel.set_enabled_for(current is not None)
        self.registry.update_enabled()

    def activate_passage(self, passage_id: int) -> None:
        self.select_passage(passage_id)
        self.reader.flash_passage(passage_id)

    def open_passage(self, article_id: int, start: int) -> None:
        """Show an article at the passage starting at `start` (the agreement view's
        disagreements): the one starting there, else the one covering it."""
        shown = self.article is not None and self.article.id == article_id
        if not shown and not self.articles.select_article(article_id):
            self.show_article(article_id)
        found = [p for p in self.passages if p.start == start]
        found = found or [p for p in self.passages if p.start <= start < p.end]
        if found:
            self.activate_passage(found[0].id)

    def _colours(self) -> dict[int, str]:
        """The passages' colours by the View menu's choice; the legend follows them."""
        colours, legend, subject = self.tinting.colours(self.passages, self.codebook, self.coder)
        palette = self.reader.palette()
        page, ink = palette.color(palette.ColorRole.Base), palette.color(palette.ColorRole.Text)
        self.legend.show_legend(legend, subject, page, ink)
        return colours

    def _describe(self, passage_id: int) -> str:
        passage = next((p for p in self.passages if p.id == passage_id), None)
        return describe_passage(passage, self.codebook) if passage else ""
