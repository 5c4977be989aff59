"""Drawing a reliability sample: its name, size, coders and how it is drawn.

The form keeps what was typed when the service refuses it, so the lead corrects one field
instead of starting again; the service draws all or nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stancecoder.core.errors import StanceCoderError
from stancecoder.core.sampling import ATTRIBUTE, sample_size
from stancecoder.services.article_filters import attribute_values
from stancecoder.services.project import Project
from stancecoder.services.samples import (
    SampleInfo,
    assignable_coders,
    draw_sample,
    pool_size,
)
from stancecoder.ui.common.errors import show_problem
from stancecoder.ui.samples.fields import CoderChecklist, SeedField, waiting

STRATA_CHOICES = (
    (None, "None: simple random"),
    ("source", "By source, proportionally"),
    ("month", "By month published, proportionally"),
)
KIND_CHOICES = (("training", "Training"), ("final", "Final"))
DEFAULT_SHARE = 10.0  # per cent: a common size for a reliability sample
DEFAULT_COUNT = 20


def next_training_name(taken: Sequence[str]) -> str:
    """ "training N" after the highest N in use, so rounds number themselves."""
    numbers = [int(m.group(1)) for n in taken if (m := re.fullmatch(r"training (\d+)", n))]
    return f"training {max(numbers, default=0) + 1}"


class DrawSampleDialog(QDialog):
    """Accepted once a sample was drawn; `drawn` then holds it, seed included."""

    def __init__(
        self, project: Project, taken: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.drawn: SampleInfo | None = None
        self._suggested = {"training": next_training_name(taken), "final": "final"}
        self.setWindowTitle("Draw a sample")
        self.setMinimumWidth(480)

        self.name = QLineEdit(self._suggested["training"], maxLength=100)
        self.kind = QComboBox()
        for key, text in KIND_CHOICES:
            self.kind.addItem(text, key)
        self.share = QDoubleSpinBox(decimals=1, suffix=" %", minimum=0.1, maximum=100.0)
        self.share.setValue(DEFAULT_SHARE)
        self.count = QSpinBox(minimum=1)
        self.by_share = QRadioButton("&Share")
        self.by_count = QRadioButton("C&ount")
        self.by_share.setChecked(True)
        self._size_group = QButtonGroup(self)
        for button in (self.by_share, self.by_count):
            self._size_group.addButton(button)
        self.available = _quiet_label()
        self._pool = 0
        self.coders = CoderChecklist(assignable_coders(project))
        self.stratify = QComboBox()
        for key, text in STRATA_CHOICES:
            self.stratify.addItem(text, key)
        for name in attribute_values(project):  # the attributes the imports found
            self.stratify.addItem(f"By attribute “{name}”, proportionally", f"{ATTRIBUTE}{name}")
        self.seed = SeedField()
        self.exclude = QCheckBox("&Leave out articles of earlier samples")
        self.exclude.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.draw_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.draw_button.setText("&Draw")
        self._lay_out()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.share.valueChanged.connect(lambda _v: self.by_share.setChecked(True))
        self.count.valueChanged.connect(lambda _v: self.by_count.setChecked(True))
        self.share.valueChanged.connect(self._show_size)
        self.count.valueChanged.connect(self._show_size)
        self.by_share.toggled.connect(self._show_size)
        self.exclude.toggled.connect(self._show_available)
        self.coders.checkedChanged.connect(self._check_ready)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._show_available()
        self.count.setValue(min(DEFAULT_COUNT, self.count.maximum()))
        self.by_share.setChecked(True)
        self._check_ready()
        self.name.selectAll()

    def _lay_out(self) -> None:
        size = QHBoxLayout()
        size.setSpacing(6)
        for widget in (self.by_share, self.share, self.by_count, self.count):
            size.addWidget(widget)
        size.addSpacing(6)
        size.addWidget(self.available, 1)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow("&Name:", self.name)
        form.addRow("&Kind:", self.kind)
        form.addRow("Size:", size)
        coders_hint = "At least two; each codes every article of the sample."
        form.addRow(_label("&Coders:", self.coders), _with_hint(self.coders, coders_hint))
        form.addRow("S&tratify:", self.stratify)
        seed_hint = "Empty: a seed is chosen at random and recorded."
        form.addRow(_label("S&eed:", self.seed), _with_hint(self.seed, seed_hint))
        form.addRow("", self.exclude)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        """Draw now; a refusal is shown and the form stays as it was."""
        share, count = self._size()
        try:
            with waiting():
                self.drawn = draw_sample(
                    self.project, self.name.text(), share=share, count=count,
                    coders=self.coders.checked(), seed=self.seed.seed(),
                    stratify_by=self.stratify.currentData(),
                    exclude_sampled=self.exclude.isChecked(), kind=self.kind.currentData(),
                )  # fmt: skip
        except StanceCoderError as error:
            show_problem(self, str(error))
            return
        super().accept()

    def _size(self) -> tuple[float | None, int | None]:
        """(share, count) as the service takes them; the per cent is rounded as typed, so
        12.5 % is 0.125 and not a float near it."""
        if self.by_share.isChecked():
            return round(self.share.value() / 100, 4), None
        return None, self.count.value()

    def _kind_changed(self) -> None:
        """A suggested name follows the kind; a name the lead typed stays."""
        if self.name.text() in self._suggested.values():
            self.name.setText(self._suggested[self.kind.currentData()])

    def _show_available(self) -> None:
        self._pool = pool_size(self.project, self.exclude.isChecked())
        self.count.setMaximum(max(self._pool, 1))
        self._show_size()

    def _show_size(self) -> None:
        """What the share or count means in articles, before anything is drawn."""
        try:
            size = sample_size(self._pool, *self._size())
        except StanceCoderError:
            size = 0
        self.available.setText(f"{size} of {self._pool} article{'' if self._pool == 1 else 's'}")

    def _check_ready(self) -> None:
        enough = len(self.coders.checked()) >= 2
        self.draw_button.setEnabled(enough)
        self.draw_button.setToolTip("" if enough else "Tick at least two coders")


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _with_hint(field: QWidget, text: str) -> QWidget:
    """A field with a quiet line under it, close enough to read as one."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    column.addWidget(field)
    column.addWidget(_quiet_label(text))
    return box


def _quiet_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
