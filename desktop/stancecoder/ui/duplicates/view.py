"""Copies of one story: the lead finds them (in a worker, with progress and Cancel), reads
each cluster with its copies (title, source, date, how alike to the kept copy, kept or
excluded) and the paragraphs where a copy differs from the kept one, excludes or includes
copies and chooses the copy kept. Every change is undoable here (Ctrl+Z) and reaches the
window's article list through the project's bus.

Modeless, like the retrieval view: a copy opened from it is read in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.changes import Changes
from stancecoder.core.duplicates import CONTAINMENT, JACCARD, KEPT_RULE, paragraph_differences
from stancecoder.core.errors import StanceCoderError
from stancecoder.core.wording import counted
from stancecoder.services.articles import read_article
from stancecoder.services.duplicate_marks import (
    ClusterView,
    CopyView,
    KeepCopy,
    SetExcluded,
    read_clusters,
)
from stancecoder.services.duplicates import FindReport, find_duplicates
from stancecoder.services.project import Project
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.undo import UndoRunner
from stancecoder.ui.common.worker import Progress, Worker

COLUMNS = ("Article", "Source", "Date", "Kind", "Jaccard", "Containment", "Coding")
ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
QUOTE_LIMIT = 400  # characters of a differing paragraph shown; the article has it all


class DuplicatesView(QDialog):
    openArticle = Signal(int, int)  # article id, where to show it (code points)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Copies of one story")
        self.worker: Worker | None = None
        self.clusters: list[ClusterView] = []
        self.undo = UndoRunner(project, lambda message: show_problem(self, message))

        self.jaccard = _threshold(JACCARD, "Jaccard at least this: about the same text")
        self.containment = _threshold(
            CONTAINMENT, "or this share of the shorter text within the longer: a shortened "
            "or updated version"
        )  # fmt: skip
        self.find_button = QPushButton("&Find copies")
        self.find_button.clicked.connect(self.start_finding)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel("Jaccard"))
        top.addWidget(self.jaccard)
        top.addWidget(QLabel("containment"))
        top.addWidget(self.containment)
        top.addWidget(self.find_button)
        top.addStretch(1)
        top.addWidget(self.progress, 4)
        top.addWidget(self.cancel_button)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemSelectionChanged.connect(self._selected)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.open_item(item))
        self.difference = QTextBrowser()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.difference)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.exclude_button = QPushButton("&Exclude")
        self.exclude_button.setToolTip("Leave the chosen copies out of coding and samples")
        self.exclude_button.clicked.connect(lambda: self.set_excluded(True))
        self.include_button = QPushButton("&Include")
        self.include_button.clicked.connect(lambda: self.set_excluded(False))
        self.keep_button = QPushButton("&Keep this copy")
        self.keep_button.setToolTip("Code this copy instead of the one kept now")
        self.keep_button.clicked.connect(self.keep_chosen)
        self.exclude_all_button = QPushButton("Exclude &all copies")
        self.exclude_all_button.setToolTip("Every copy but the kept one of each cluster")
        self.exclude_all_button.clicked.connect(self.exclude_all)
        self.open_button = QPushButton("&Open")
        self.open_button.clicked.connect(lambda: self.open_item(self.tree.currentItem()))
        self.count = QLabel()
        undo = self.undo.undo_action(self)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo.redo_action(self)
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        for button in (self.exclude_button, self.include_button, self.keep_button,
                       self.exclude_all_button, self.open_button, close):  # fmt: skip
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        rule = QLabel(f"The copy kept for coding is {KEPT_RULE}, until you keep another.")
        rule.setWordWrap(True)
        layout.addWidget(rule)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        bus_of(project).changed.connect(self._project_changed)
        self.resize(1000, 640)
        self.refresh()

    def refresh(self) -> None:
        chosen = {copy.article_id for copy in self.chosen()}
        self.clusters = read_clusters(self.project)
        self.tree.clear()
        for cluster in self.clusters:
            kept = cluster.copies[0]
            others = counted(len(cluster.copies) - 1, "copy", "copies")
            top = QTreeWidgetItem([f"{kept.title}  ({others})"])
            top.setFirstColumnSpanned(True)
            top.setData(0, ARTICLE_ROLE, kept.article_id)
            self.tree.addTopLevelItem(top)
            for copy in cluster.copies:
                item = QTreeWidgetItem(_cells(copy))
                item.setData(0, ARTICLE_ROLE, copy.article_id)
                item.setToolTip(0, copy.title)
                top.addChild(item)
                item.setSelected(copy.article_id in chosen)
            top.setExpanded(True)
        for column in range(1, len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        copies = sum(len(c.copies) - 1 for c in self.clusters)
        excluded = sum(c.excluded for c in self.clusters)
        self.count.setText(
            f"{counted(len(self.clusters), 'cluster')}, {counted(copies, 'copy', 'copies')} "
            f"besides the kept ones, {excluded} excluded"
        )
        self.exclude_all_button.setEnabled(excluded < copies)
        self._selected()

    def chosen(self) -> list[CopyView]:
        """The copies selected (a cluster's row stands for none)."""
        by_id = {copy.article_id: copy for c in self.clusters for copy in c.copies}
        return [
            by_id[item.data(0, ARTICLE_ROLE)]
            for item in self.tree.selectedItems()
            if item.parent() is not None and item.data(0, ARTICLE_ROLE) in by_id
        ]

    def start_finding(self) -> None:
        jaccard, containment = self.jaccard.value(), self.containment.value()

        def job(progress: Progress) -> FindReport | None:
            return find_duplicates(
                self.project, jaccard=jaccard, containment=containment, progress=progress
            )

        self.worker = Worker(job, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._found)
        self.worker.failed.connect(self._failed)
        self.find_button.setEnabled(False)
        self.progress.show()
        self.cancel_button.show()
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.count.setText("Cancelling…")

    def is_finding(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def set_excluded(self, excluded: bool) -> None:
        ids = tuple(c.article_id for c in self.chosen() if not (excluded and c.kept))
        if ids:
            text = "Exclude copies" if excluded else "Include copies"
            self.undo.run(SetExcluded(ids, excluded, text))

    def exclude_all(self) -> None:
        ids = tuple(
            copy.article_id for c in self.clusters for copy in c.copies
            if not copy.kept and not copy.excluded
        )  # fmt: skip
        if ids:
            self.undo.run(SetExcluded(ids, True, "Exclude all copies"))

    def keep_chosen(self) -> None:
        chosen = self.chosen()
        if len(chosen) == 1 and not chosen[0].kept:
            self.undo.run(KeepCopy(chosen[0].article_id))

    def open_item(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.openArticle.emit(item.data(0, ARTICLE_ROLE), 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A finding under way stops at its next step, before the view goes."""
        if self.worker is not None:
            self.worker.stop()
        super().closeEvent(event)

    def _project_changed(self, _changes: Changes) -> None:
        if self.isVisible() and not self.is_finding():
            self.refresh()

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{name}: %v of %m articles")

    def _settle(self) -> None:
        self.find_button.setEnabled(True)
        self.progress.hide()
        self.cancel_button.hide()

    def _found(self, report: FindReport | None) -> None:
        self._settle()
        self.refresh()
        if report is None:
            self.count.setText("Cancelled: nothing was marked")
            return
        bus_of(self.project).publish(Changes(reload=True))
        self.count.setText(
            f"{counted(report.articles, 'article')} compared: "
            f"{counted(len(report.clusters), 'cluster')}, "
            f"{counted(report.new_copies, 'copy', 'copies')} newly marked — {self.count.text()}"
        )

    def _failed(self, error: BaseException) -> None:
        self._settle()
        if not isinstance(error, StanceCoderError):
            raise error
        show_problem(self, str(error))

    def _selected(self) -> None:
        chosen = self.chosen()
        self.exclude_button.setEnabled(any(not c.kept and not c.excluded for c in chosen))
        self.include_button.setEnabled(any(c.excluded for c in chosen))
        self.keep_button.setEnabled(len(chosen) == 1 and not chosen[0].kept)
        self.open_button.setEnabled(self.tree.currentItem() is not None)
        self.difference.setPlainText(self._difference(chosen[0]) if len(chosen) == 1 else "")

    def _difference(self, copy: CopyView) -> str:
        """The paragraphs where the copy and the kept one differ, quoted."""
        cluster = next(c for c in self.clusters if copy in c.copies)
        if copy.kept:
            return f"Article {copy.article_id} is the copy kept for coding."
        kept = read_article(self.project, cluster.kept).text
        text = read_article(self.project, copy.article_id).text
        only_kept, only_copy = paragraph_differences(kept, text)
        if not only_kept and not only_copy:
            return (
                "The paragraphs of the kept copy, once case, spacing and punctuation are set aside."
            )
        lines = [f"Only in the kept copy (article {cluster.kept}):"]
        lines += [f"  “{_cut(p)}”" for p in only_kept] or ["  (nothing)"]
        lines.append(f"Only in this copy (article {copy.article_id}):")
        lines += [f"  “{_cut(p)}”" for p in only_copy] or ["  (nothing)"]
        return "\n".join(lines)


def _cells(copy: CopyView) -> list[str]:
    state = "kept" if copy.kept else "excluded" if copy.excluded else "included"
    return [
        f"{copy.article_id}: {copy.title}", copy.source or "", copy.published or "",
        "" if copy.kept else copy.kind, f"{copy.jaccard:.2f}", f"{copy.containment:.2f}", state,
    ]  # fmt: skip


def _cut(paragraph: str) -> str:
    return paragraph if len(paragraph) <= QUOTE_LIMIT else paragraph[:QUOTE_LIMIT] + " …"


def _threshold(value: float, tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.05, 1.0)
    box.setSingleStep(0.05)
    box.setDecimals(2)
    box.setValue(value)
    box.setToolTip(tip)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box
