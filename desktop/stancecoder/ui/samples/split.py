"""Splitting the rest of the corpus: each article outside the samples goes to one coder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.project import Project
from stancecoder.services.samples import assignable_coders, rest_size, split_rest
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.samples.fields import CoderChecklist, SeedField, waiting


class SplitRestDialog(QDialog):
    """Accepted once the articles were split; `split` then says who got which."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.split: dict[str, tuple[int, ...]] = {}
        self.setWindowTitle("Split the rest among coders")
        self.setMinimumWidth(440)
        self.rest = rest_size(project)
        self.intro = QLabel(_intro(self.rest))
        self.intro.setWordWrap(True)
        self.coders = CoderChecklist(assignable_coders(project))
        self.seed = SeedField()
        self.seed.setPlaceholderText("none: in turn, by article")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.split_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.split_button.setText("&Split")
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow("&Coders:", self.coders)
        form.addRow("S&eed:", self.seed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.coders.checkedChanged.connect(self._check_ready)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._check_ready()

    def accept(self) -> None:
        """Split now; a refusal is shown and nothing is assigned."""
        try:
            with waiting():
                self.split = split_rest(self.project, self.coders.checked(), seed=self.seed.seed())
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        super().accept()

    def _check_ready(self) -> None:
        self.split_button.setEnabled(self.rest > 0 and bool(self.coders.checked()))


def _intro(rest: int) -> str:
    if rest == 0:
        return "Every article is in an open sample or assigned to someone already."
    articles = "1 article is" if rest == 1 else f"{rest} articles are"
    return (
        f"{articles} in no open sample and assigned to nobody. Each goes to one of the "
        "coders ticked, in turn, or shuffled first when you give a seed."
    )
