"""The agreement report in the app: pick the unit and the round, compute, read, export.

Compute also reports every reliability round side by side (the Rounds tab), with the same
unit and seed. The computation (with its bootstrap) runs off the GUI thread, shows which
round or variable it is at, and stops between two of them when cancelled; Cancel abandons
its result at once, so the dialog is free again and the figures it shows never mix two runs.

The view listens to the project's bus while it is open (it is modeless, so the lead codes
beside it): a change to the codings marks the figures shown as out of date and asks for
Compute again, rather than recomputing a bootstrap on every saved passage.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.agreement.bootstrap import DEFAULT_SEED
from stancecoder.core.agreement.report import AgreementReport
from stancecoder.core.agreement.rounds import RoundsReport
from stancecoder.core.changes import Changes
from stancecoder.core.errors import StanceCoderError
from stancecoder.services.agreement.export import write_report
from stancecoder.services.agreement.rounds import report_with_rounds
from stancecoder.services.project import Project
from stancecoder.services.samples import list_rounds
from stancecoder.ui.agreement.tabs import AgreementTabs
from stancecoder.ui.common.actions import key_text
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.common.worker import Progress, Worker, run_in_thread

UNIT_CHOICES = (
    ("matched", "Matched passages"),
    ("sentence", "Sentences"),
    ("unitizing", "Unitizing (where passages were marked)"),
)
ALL_ARTICLES = "All double-coded articles"
BUSY_TEXT = "Computing agreement and bootstrap intervals…"
COMPUTE_KEY = "Ctrl+Return"
STALE_TEXT = "codings changed since: Compute again for figures that include them"
EXPORT_FORMATS = (
    "Excel workbook (*.xlsx)",
    "Web page with figures (*.html)",
    "PDF for printing, A4 (*.pdf)",
    "PDF for printing, US Letter (*.pdf)",
)


class AgreementView(QDialog):
    """Agreement figures per variable, code, coder pair; where coders disagree."""

    openPassage = Signal(int, int)  # article id, start of the passage (code points)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.report: AgreementReport | None = None
        self.rounds: RoundsReport | None = None
        self._worker: Worker | None = None
        self._exporting: Worker | None = None
        self._targets: list[tuple[int, int]] = []
        self.stale = False  # the project changed after the figures shown were computed
        self.setWindowTitle("Agreement report")
        self.resize(1100, 700)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(self._build_choices())
        layout.addLayout(self._build_busy())
        self.summary = QLabel(
            f"Computing with the choices above; change them and Compute "
            f"({key_text(COMPUTE_KEY)}) again."
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = AgreementTabs()
        self.tabs.openPassage.connect(self.openPassage)
        self.tabs.openRound.connect(self.open_round)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_buttons())
        self._set_busy(False)
        bus_of(project).changed.connect(self._project_changed)

    # ---- layout -------------------------------------------------------------------------

    def _build_choices(self) -> QHBoxLayout:
        self.unit = QComboBox()
        for key, text in UNIT_CHOICES:
            self.unit.addItem(text, key)
        self.overlap = QDoubleSpinBox()
        self.overlap.setRange(0.05, 1.0)
        self.overlap.setSingleStep(0.05)
        self.overlap.setValue(0.5)
        self.overlap.setToolTip("Matched passages: least overlap, as a share of the union")
        self.unit.currentIndexChanged.connect(
            lambda: self.overlap.setEnabled(self.unit.currentData() == "matched")
        )
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setValue(DEFAULT_SEED)
        self.seed.setToolTip("Bootstrap seed: the same seed gives the same confidence intervals")
        self.round = QComboBox()
        self._fill_round_choice()
        self.compute_button = QPushButton("&Compute")
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        shortcut = QAction(self)
        shortcut.setShortcut(COMPUTE_KEY)
        shortcut.triggered.connect(self.compute)
        self.addAction(shortcut)
        row = QHBoxLayout()
        row.setSpacing(8)
        for text, field in [("&Unit:", self.unit), ("&Overlap:", self.overlap),
                            ("&Sample:", self.round), ("S&eed:", self.seed)]:  # fmt: skip
            label = QLabel(text)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field)
            row.addSpacing(16)
        row.addStretch(1)
        row.addWidget(self.compute_button)
        return row

    def _fill_round_choice(self) -> None:
        """The rounds as they are now: one may have been drawn or closed since last time."""
        chosen = self.round.currentData()
        self.round.clear()
        self.round.addItem(ALL_ARTICLES, None)
        for sample in list_rounds(self.project):
            state = "open" if sample.is_open else "closed"
            self.round.addItem(f"{sample.name}  ({', '.join(sample.coders)}; {state})", sample.name)
        self.round.setCurrentIndex(max(self.round.findData(chosen), 0))

    def _build_busy(self) -> QHBoxLayout:
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(10)
        self.busy_label = QLabel(BUSY_TEXT)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.busy_label)
        row.addWidget(self.busy, 1)
        row.addWidget(self.cancel_button)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.export_button = QPushButton("&Export…")
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        row.addWidget(close)
        return row

    # ---- computing ----------------------------------------------------------------------

    def compute(self) -> None:
        if self.is_running():
            return
        unit, overlap, round_, seed = (
            self.unit.currentData(),
            self.overlap.value(),
            self.round.currentData(),
            self.seed.value(),
        )

        def job(progress: Progress) -> tuple[AgreementReport | None, RoundsReport | None]:
            return report_with_rounds(
                self.project, unit, overlap=overlap, seed=seed, round=round_,
                progress=_named(progress, "round"), variables=_named(progress, "variable"),
            )  # fmt: skip

        self.stale = False
        worker = Worker(job, self)
        worker.progressed.connect(lambda *args, w=worker: self._progressed(w, *args))
        worker.succeeded.connect(lambda result, w=worker: self._finished(w, *result))
        worker.failed.connect(lambda error, w=worker: self._failed(w, error))
        self._worker = worker
        self._set_busy(True)
        worker.start()

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def cancel(self) -> None:
        """Abandon the running computation: its result, when it comes, is dropped."""
        if self._worker is not None:
            self._worker.cancel()
        self._set_busy(False)

    def _progressed(self, worker: Worker, done: int, total: int, name: str) -> None:
        """Round by round while the rounds are compared, then variable by variable; no name
        while the codings are read and matched, or once all is done."""
        if worker is not self._worker or worker.cancelled:
            return
        self.busy.setRange(0, total if name else 0)
        self.busy.setValue(done)
        self.busy_label.setText(f"Computing {name} ({done + 1} of {total})…" if name else BUSY_TEXT)

    def _finished(
        self, worker: Worker, report: AgreementReport | None, rounds: RoundsReport | None
    ) -> None:
        if worker.cancelled or worker is not self._worker:
            return
        self._set_busy(False)
        if report is not None:  # None only when the rounds were stopped part way
            self.show_report(report)
            self.show_rounds(rounds)

    def _failed(self, worker: Worker, error: BaseException) -> None:
        if not worker.cancelled and worker is self._worker:
            self._set_busy(False)
            self.problem(str(error))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.busy, self.busy_label, self.cancel_button):
            widget.setVisible(busy)
        if busy:
            self.busy.setRange(0, 0)
            self.busy_label.setText(BUSY_TEXT)
        self.compute_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.report is not None)
        if busy:
            self.cancel_button.setFocus()

    # ---- showing ------------------------------------------------------------------------

    def _project_changed(self, changes: Changes) -> None:
        """Codings, article codes, the codebook or the samples changed: the figures are out
        of date. A computation running now read the project before the change, so its result
        is marked too once it arrives."""
        if not (changes.articles or changes.passages or changes.codebook or changes.reload):
            return
        if changes.reload and not self.is_running():
            self._fill_round_choice()  # a sample may have been drawn or closed
        was_stale, self.stale = self.stale, True
        if self.report is not None and not was_stale and not self.is_running():
            self._show_summary(self.report)

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self._show_summary(report)
        self.tabs.show_report(report)
        self._set_busy(False)

    def _show_summary(self, report: AgreementReport) -> None:
        sample = report.round or "all double-coded articles"
        stale = f" · <b>{STALE_TEXT}</b>" if self.stale else ""
        self.summary.setText(
            f"<b>{len(report.coders)} coders</b> ({', '.join(report.coders) or 'none'}) · "
            f"<b>{report.n_articles}</b> double-coded articles · sample: {sample} · "
            f"codebook {report.codebook_version or 'unversioned'} · {report.date}{stale}"
        )

    def _say_after_summary(self, news: str) -> None:
        if self.report is not None:
            self._show_summary(self.report)
            self.summary.setText(f"{self.summary.text()} · {news}" if news else self.summary.text())

    def show_rounds(self, rounds: RoundsReport | None) -> None:
        """The rounds side by side; None when the project has no reliability sample."""
        self.rounds = rounds
        self.tabs.show_rounds(rounds)

    def open_round(self, name: str) -> None:
        """Show one round's full report, computed with the rounds, in the other tabs."""
        if self.rounds is None or name not in self.rounds.reports:
            return
        self.round.setCurrentIndex(max(self.round.findData(name), 0))
        self.show_report(self.rounds.reports[name])
        self.tabs.setCurrentIndex(0)

    # ---- export and closing -------------------------------------------------------------

    def choose_export(self) -> None:
        if self.report is None:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export agreement report", f"agreement-{self.report.project}.xlsx",
            ";;".join(EXPORT_FORMATS), EXPORT_FORMATS[0],
        )  # fmt: skip
        if path:
            named = Path(path)
            if not named.suffix:  # the format chosen in the dialog: "Web page (*.html)"
                named = named.with_suffix(chosen.rpartition("*")[2].rstrip(")"))
            self.export_to(named, "letter" if "Letter" in chosen else "a4")

    def export_to(self, path: Path, paper: str = "a4") -> None:
        """Write the shown report off the GUI thread (drawing the figures and laying out a
        PDF take seconds); the path is the one the file dialog gave."""
        if self.report is None or self.is_exporting():
            return
        report, rounds = self.report, self.rounds

        def job(_progress: Progress) -> None:
            write_report(self.project, report, path, rounds, paper=paper)

        self._exporting = run_in_thread(
            job, on_result=lambda _: self._exported(path), on_error=self._export_failed,
            parent=self,
        )  # fmt: skip
        self.export_button.setEnabled(False)
        self._say_after_summary(f"writing {path.name}…")

    def is_exporting(self) -> bool:
        return self._exporting is not None and self._exporting.isRunning()

    def _exported(self, path: Path) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(
            f"{self.summary.text().rpartition(' · ')[0]} · exported to {path.name}"
        )

    def _export_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(self.summary.text().rpartition(" · ")[0])
        if not isinstance(error, StanceCoderError | OSError):
            raise error  # a bug: the application's handler shows it with its traceback
        self.problem(str(error))  # e.g. the workbook is open elsewhere

    def showEvent(self, event: QShowEvent) -> None:
        # a computation under way took its choices when it began: the list may change
        self._fill_round_choice()
        if not self.is_running() and self.report is None:  # the figures at once, by default
            QTimer.singleShot(0, self.compute)
        super().showEvent(event)

    def done(self, result: int) -> None:
        self._join()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._join()
        super().closeEvent(event)

    def problem(self, message: str) -> None:
        show_problem(self, message)

    def _join(self) -> None:
        """A dialog that goes away must not leave its thread running; an export under way
        is finished, so its file is whole."""
        if self._worker is not None:
            self._worker.stop()
        if self._exporting is not None:
            self._exporting.wait()


def _named(progress: Progress, kind: str) -> Progress:
    """Progress whose steps the busy line names as rounds or as variables."""
    return lambda done, total, name: progress(done, total, name and f"{kind} {name}")
