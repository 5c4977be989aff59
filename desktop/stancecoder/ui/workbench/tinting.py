"""What the highlights are coloured by (a variable's codes, or the coder), and the legend
that says so.

Coloured by the actor's code, two coders' passages on the same words merge into one tint;
coloured by coder, whose passage is whose shows at a glance. The choice is a View menu
setting remembered on this computer, and the legend under the article's title names
every tint in use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QLabel, QMenu, QMenuBar, QWidget

from stancecoder.core.codebook_view import (
    FALLBACK_COLOUR,
    CodebookView,
    VariableView,
    point_text,
)
from stancecoder.core.passage_view import PassageView
from stancecoder.services.coders import list_coders
from stancecoder.services.project import Project
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.widgets.contrast import legible_mark, readable_tint
from stancecoder.ui.widgets.highlighter import TINTS, is_dark

SETTING = "view/colour-by"
BY_CODER = "coder"
# Tableau 10: hues told apart by most readers, including most with a colour deficiency
CODER_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759",
    "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac",
)  # fmt: skip


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str  # "#rrggbb", the colour before it is tinted


VARIABLE = "variable:"


def variable_mode(name: str) -> str:
    return f"{VARIABLE}{name}"


def variable_of(mode: str) -> str | None:
    return mode.removeprefix(VARIABLE) if mode.startswith(VARIABLE) else None


def default_mode(codebook: CodebookView) -> str:
    """The first nominal passage variable (the actor in the sample codebook), as before
    there was a choice; the coder when the codebook has none."""
    nominal = [v for v in codebook.passage_variables() if v.level == "nominal"]
    return variable_mode(nominal[0].name) if nominal else BY_CODER


def by_coder(
    passages: Sequence[PassageView], coders: Sequence[str], viewer: str
) -> tuple[dict[int, str], list[LegendEntry]]:
    """Each coder keeps one colour across articles: the place in the project's list."""
    order = {name: n for n, name in enumerate(coders)}
    colours: dict[int, str] = {}
    for passage in passages:
        at = order.get(passage.coder, len(order))
        colours[passage.id] = CODER_COLOURS[at % len(CODER_COLOURS)]
    names = sorted({p.coder for p in passages}, key=lambda n: (order.get(n, len(order)), n))
    entries = [
        LegendEntry(f"{name} (you)" if name == viewer else name, colours[_first_of(passages, name)])
        for name in names
    ]
    return colours, entries


def by_variable(
    passages: Sequence[PassageView], codebook: CodebookView, variable: VariableView
) -> tuple[dict[int, str], list[LegendEntry]]:
    """A passage takes the colour of its first code of `variable`, grey without one. The
    legend names codes that share a colour by their top code (Russia for Putin and TASS),
    in codebook order."""
    own = {code.id: code for code in variable.codes}
    rank = {code.id: n for n, code in enumerate(variable.codes)}
    colours: dict[int, str] = {}
    labels: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    uncoded = False
    for passage in passages:
        chosen = [own[i] for i in passage.codes if i in own]
        if not chosen:
            colours[passage.id] = FALLBACK_COLOUR
            uncoded = True
            continue
        code = min(chosen, key=lambda c: rank[c.id])
        colours[passage.id] = code.colour
        name = point_text(code.value, code.label) if variable.level != "nominal" else code.path[0]
        names = labels.setdefault(code.colour, [])
        if name not in names:
            names.append(name)
        first[code.colour] = min(first.get(code.colour, rank[code.id]), rank[code.id])
    entries = [
        LegendEntry(", ".join(labels[colour]), colour)
        for colour in sorted(labels, key=first.__getitem__)
    ]
    if uncoded:
        entries.append(LegendEntry(f"no {variable.name}", FALLBACK_COLOUR))
    return colours, entries


def _first_of(passages: Sequence[PassageView], coder: str) -> int:
    return next(p.id for p in passages if p.coder == coder)


class Tinting(QObject):
    """The View menu's "Colour passages by" and the colours it gives each passage."""

    changed = Signal()

    def __init__(self, project: Project, settings: AppSettings, bar: QMenuBar) -> None:
        super().__init__(bar)
        self.project, self.settings = project, settings
        self.menu = QMenu("&Colour passages by", bar)
        view = next((a.menu() for a in bar.actions() if a.text() == "&View"), None)
        if isinstance(view, QMenu):
            view.addSeparator()
            view.addMenu(self.menu)
        self._group = QActionGroup(self)
        self._variables: tuple[str, ...] | None = None
        self._coders: list[str] = []
        self.mode = str(settings.value(SETTING, "") or "")

    def colours(
        self, passages: Sequence[PassageView], codebook: CodebookView, viewer: str
    ) -> tuple[dict[int, str], list[LegendEntry], str]:
        """Colour per passage id, the legend, and what the tints stand for ("actor")."""
        self._offer(codebook)
        names = {v.name: v for v in codebook.passage_variables()}
        mode = self.mode if self.mode in _modes(tuple(names)) else default_mode(codebook)
        name = variable_of(mode)
        if name is None:
            if any(p.coder not in self._coders for p in passages):
                self._coders = [c.name for c in list_coders(self.project)]
            return (*by_coder(passages, self._coders, viewer), "coder")
        return (*by_variable(passages, codebook, names[name]), name)

    def choose(self, mode: str) -> None:
        self.mode = mode
        self.settings.set_value(SETTING, mode)
        for action in self._group.actions():
            action.setChecked(action.data() == mode)
        self.changed.emit()

    def _offer(self, codebook: CodebookView) -> None:
        """One choice per passage variable and the coder; made again when they change."""
        variables = tuple(v.name for v in codebook.passage_variables())
        if variables == self._variables:
            return
        self._variables = variables
        self.menu.clear()
        for action in self._group.actions():
            self._group.removeAction(action)
        current = self.mode if self.mode in _modes(variables) else default_mode(codebook)
        for mode in _modes(variables):
            name = variable_of(mode) or "coder"
            text = name[:1].upper() + name[1:]
            action = QAction(f"&{text}", self.menu, checkable=True, checked=mode == current)
            action.setData(mode)
            action.triggered.connect(lambda _on=False, m=mode: self.choose(m))
            self._group.addAction(action)
            self.menu.addAction(action)


def _modes(variables: Sequence[str]) -> list[str]:
    return [*(variable_mode(name) for name in variables), BY_CODER]


class TintLegend(QLabel):
    """One line under the article's title: a swatch per tint in use, as the page shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(16, 0, 16, 6)
        self.setToolTip("What the highlights' colours stand for: View › Colour passages by")

    def show_legend(
        self, entries: Sequence[LegendEntry], subject: str, page: QColor, ink: QColor
    ) -> None:
        """`page` and `ink`: the reader's, so a swatch is the tint and bar as the page
        shows them."""
        if not entries:
            self.clear()
            self.hide()
            return
        share = TINTS["dark" if is_dark(page) else "light"][0]
        items = []
        for entry in entries:
            colour = QColor(entry.colour)
            tint = readable_tint(colour, page, ink, share).name()
            mark = legible_mark(colour, page, ink).name()
            # the margin's bar beside the tint, as the page shows a passage
            swatch = f"<span style='background:{tint}; color:{mark}'>▌&nbsp;&nbsp;</span>"
            label = escape(entry.label)
            items.append(f"<span style='white-space:nowrap'>{swatch}&nbsp;{label}</span>")
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        heading = f"<span style='color:{muted}'>Colour by {escape(subject)}:</span>"
        self.setText(heading + " &nbsp; " + " &nbsp;&nbsp; ".join(items))
        self.show()
