"""The network view driven as a researcher would, on the hand-made project of
tests/conftest.py: opened from the View menu, the network drawn for the choices (kind,
layer, dates) against the counts worked out by hand in tests/services/test_networks.py,
Export… writing the network shown, the window's light and dark look, and screenshots of
both looks at a small and a large size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from matplotlib.collections import LineCollection, PathCollection
from pytestqt.qtbot import QtBot

from stancecoder.services.project import Project
from stancecoder.ui.networks.view import NetworkView
from stancecoder.ui.workbench.main_window import MainWindow


@pytest.fixture
def project_target(tmp_path: Path) -> Path:
    """The window's tests run on a file: the back ends are the services' tests' matter."""
    return tmp_path / "networks.stance"


def open_view(window: MainWindow, qtbot: QtBot) -> NetworkView:
    window.registry["networks"].trigger()
    view = window.registry.views.network_view
    assert view is not None
    qtbot.waitExposed(view)
    settled(view, qtbot)
    return view


def settled(view: NetworkView, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: view.busy.isHidden() and not view.timer.isActive())


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i) == text)
    combo.setCurrentIndex(index)


def drawn(view: NetworkView) -> tuple[int, int]:
    """The nodes and the edges on the canvas, read from its Axes."""
    axes = view.figure.axes[0]
    nodes = sum(len(c.get_offsets()) for c in axes.collections if isinstance(c, PathCollection))
    edges = sum(len(c.get_segments()) for c in axes.collections if isinstance(c, LineCollection))
    return nodes, edges


def test_the_choices_change_the_network(
    coding_window: Callable[..., MainWindow], networked: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(networked), qtbot)
    assert view.choices.layer.currentText() == "Alice's codings"  # no consensus yet
    # Alice: four actors and three topics, ten actor-topic pairs
    assert drawn(view) == (7, 10)
    assert view.figure.get_suptitle() == "Actor × topic network — Alice's codings"
    choose(view.choices.kind, "Actor conflict")
    qtbot.waitUntil(lambda: "conflict" in view.figure.get_suptitle())
    assert drawn(view) == (4, 5)
    choose(view.choices.layer, "Bob's codings")
    qtbot.waitUntil(lambda: "Bob's" in view.figure.get_suptitle())
    assert drawn(view) == (2, 0)  # Russia and North Korea, both against: no conflict
    choose(view.choices.layer, "Alice's codings")
    choose(view.choices.kind, "Actor agreement")
    view.choices.date_to.setText("2024-06")
    qtbot.waitUntil(lambda: "4 edges, 8 passages" in view.status.text())
    view.choices.date_to.setText("June")
    qtbot.waitUntil(lambda: "not a date" in view.status.text())
    assert not view.file_button.isEnabled() and not view.figure.axes
    view.choices.date_to.setText("2024-06")  # a network again: Export… is offered again
    qtbot.waitUntil(lambda: view.file_button.isEnabled())
    assert "4 edges, 8 passages" in view.status.text()


def test_export_writes_the_network_shown(
    coding_window: Callable[..., MainWindow], networked: Project, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    said: list[str] = []
    monkeypatch.setattr(
        "stancecoder.ui.widgets.figure_view.show_problem", lambda _p, m: said.append(m)
    )
    view = open_view(coding_window(networked), qtbot)
    choose(view.choices.kind, "Actor agreement minus conflict")
    qtbot.waitUntil(lambda: "minus conflict" in view.figure.get_suptitle())
    out = tmp_path / "shown.graphml"
    view.export_to(out)
    assert view.status.text() == "Exported to shown.graphml"
    graph = nx.read_graphml(out)
    assert graph.edges["North Korea", "United States"]["weight"] == pytest.approx(-1.0)
    assert graph.number_of_edges() == 6
    view.export_to(tmp_path / "shown.txt")
    assert said == ["cannot write a network to shown.txt: use a .gexf, .graphml or .csv name"]
    assert not (tmp_path / "shown.txt").exists()


def test_the_picture_follows_the_theme(
    coding_window: Callable[..., MainWindow], networked: Project, qtbot: QtBot,
    themed, shots: Path,
) -> None:  # fmt: skip
    view = open_view(coding_window(networked), qtbot)
    choose(view.choices.kind, "Actor agreement minus conflict")
    qtbot.waitUntil(lambda: "minus conflict" in view.figure.get_suptitle())
    light = view.figure.get_facecolor()
    for size, name in (((760, 560), "small"), ((1280, 900), "large")):
        view.resize(*size)
        qtbot.wait(50)
        assert view.grab().save(str(shots / f"networks_light_{name}.png"))
        with themed(dark=True):
            qtbot.waitUntil(lambda: view.figure.get_facecolor() != light)
            assert sum(view.figure.get_facecolor()[:3]) < 0.6
            qtbot.wait(50)
            assert view.grab().save(str(shots / f"networks_dark_{name}.png"))
        qtbot.waitUntil(lambda: view.figure.get_facecolor() == light)
