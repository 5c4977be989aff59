"""The chart view driven as a researcher would, on the dated project of tests/conftest.py:
opened from the View menu, its figure's plotted values against numbers worked out by hand
from `CHART_CODINGS`, the layer in the title, the window's light and dark look, Save as…,
and screenshots of both looks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import defusedxml.ElementTree as SafeTree
import pytest
from matplotlib.patches import Rectangle
from pytestqt.qtbot import QtBot

from stancecoder.core.changes import Changes
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codings import add_passage
from stancecoder.services.project import Project
from stancecoder.ui.charts.view import ChartView
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.workbench.main_window import MainWindow


@pytest.fixture
def project_location(tmp_path: Path) -> Path:
    """The window's tests run on a file: the back ends are the services' tests' matter."""
    return tmp_path / "charts.stance"


def open_view(window: MainWindow, qtbot: QtBot) -> ChartView:
    window.registry["charts"].trigger()
    view = window.registry.views.chart_view
    assert view is not None
    qtbot.waitExposed(view)
    settled(view, qtbot)
    return view


def settled(view: ChartView, qtbot: QtBot) -> None:
    """The chart read on the worker thread is drawn (or its problem said)."""
    qtbot.waitUntil(lambda: view.busy.isHidden() and not view.timer.isActive())


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i) == text)
    combo.setCurrentIndex(index)


def lines(view: ChartView) -> dict[str, list[float]]:
    """Each plotted line's means, by its legend label, read from the canvas's Axes."""
    axes = view.figure.axes[0]
    return {c.get_label(): list(c.lines[0].get_ydata()) for c in axes.containers}


def test_stance_over_time_of_each_coder_as_plotted(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(charted), qtbot)
    assert view.choices.layer.currentText() == "Each coder separately"
    assert view.figure.get_suptitle() == "Mean stance per month by actor — each coder separately"
    plotted = lines(view)
    # Alice on Putin: +1, +2, −1 in June; +1 and +2 in July
    assert plotted["Russia › Vladimir Putin · Alice (n = 5)"] == pytest.approx([2 / 3, 1.5])
    # Bob on Putin: +2 and 0 in June; +2 in July
    assert plotted["Russia › Vladimir Putin · Bob (n = 3)"] == pytest.approx([1.0, 2.0])
    choose(view.choices.layer, "Alice's codings")
    choose(view.choices.by, "per week")
    qtbot.waitUntil(lambda: "per week" in view.figure.get_suptitle())
    assert view.figure.get_suptitle().endswith("— Alice's codings")
    # weeks 23 (+1, +2), 24 (−1) and 27 (+1); the July article dated to the month is in none
    assert lines(view)["Russia › Vladimir Putin (n = 4)"] == pytest.approx([1.5, -1.0, 1.0])


def test_coders_side_by_side_takes_each_coder(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(charted), qtbot)
    choose(view.choices.layer, "Bob's codings")
    choose(view.choices.kind, "Coders side by side")
    assert not view.choices.layer.isEnabled()
    assert view.choices.layer.currentText() == "Each coder separately"
    qtbot.waitUntil(lambda: "coders side by side" in view.figure.get_suptitle())
    groups = [t.get_text() for t in view.figure.axes[0].get_yticklabels()]
    bars = [p for p in view.figure.axes[0].patches if isinstance(p, Rectangle)]
    alice, bob = bars[: len(groups)], bars[len(groups) :]
    analysts = groups.index("Analysts")
    assert alice[analysts].get_width() == pytest.approx(-1.0)  # −1, −2, 0
    assert bob[analysts].get_width() == pytest.approx(-1.5)  # −2, −1


def test_a_code_narrows_the_chart_to_it_and_its_sub_codes(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(charted), qtbot)
    choose(view.choices.codes["actor"], "Russia")
    qtbot.waitUntil(lambda: len(lines(view)) == 3)
    assert set(lines(view)) == {"Russia › Vladimir Putin · Alice (n = 5)",
                                "Russia › Vladimir Putin · Bob (n = 3)",
                                "Russia · Alice (n = 1)"}  # fmt: skip


def test_cancel_keeps_the_chart_shown(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(charted), qtbot)
    shown, title = view.data, view.figure.get_suptitle()
    choose(view.choices.kind, "Code frequencies")
    view.timer.stop()
    view.refresh()
    assert view.busy.isVisible() and view.cancel_button.isVisible()
    assert not view.file_button.isEnabled()
    view.cancel()
    assert view.busy.isHidden() and view.file_button.isEnabled()
    worker = view.worker
    assert worker is not None
    worker.wait()
    qtbot.wait(50)  # the result's signal, had it not been dropped, would have arrived
    assert view.data is shown and view.figure.get_suptitle() == title
    assert view.status.text() == title


def test_a_bad_date_is_said_and_nothing_drawn(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(charted), qtbot)
    view.choices.date_from.setText("June")
    qtbot.waitUntil(lambda: "not a date" in view.status.text())
    assert not view.file_button.isEnabled() and not view.figure.axes
    view.choices.date_from.setText("2024-07")
    qtbot.waitUntil(lambda: view.file_button.isEnabled())
    assert set(lines(view)) == {"Russia › Vladimir Putin · Alice (n = 2)",
                                "Russia › Vladimir Putin · Bob (n = 1)",
                                "Analysts · Bob (n = 1)"}  # fmt: skip


def test_a_coding_saved_while_open_is_drawn(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot
) -> None:
    view = open_view(coding_window(charted), qtbot)
    choose(view.choices.kind, "Code frequencies")
    qtbot.waitUntil(lambda: "Passages per actor" in view.figure.get_suptitle())
    article = next(a for a in list_articles(charted) if a.title == "Drills")
    start = read_article(charted, article.id).text.index("Kim Jong-un answered")
    add_passage(charted, article.id, "Alice", start, start + 11,
                {"actor": "North Korea › Kim Jong-un"})  # fmt: skip
    bus_of(charted).publish(Changes(reload=True))
    qtbot.waitUntil(lambda: "n = 17 passages" in view.figure.axes[0].get_title(loc="left"))


def test_the_figure_follows_the_theme_and_saves_light(
    coding_window: Callable[..., MainWindow], charted: Project, qtbot: QtBot, tmp_path: Path,
    themed, shots: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    view = open_view(coding_window(charted), qtbot)
    view.resize(1100, 760)
    light = view.figure.get_facecolor()
    with themed(dark=True):
        qtbot.waitUntil(lambda: view.figure.get_facecolor() != light)
        assert sum(view.figure.get_facecolor()[:3]) < 0.6
        qtbot.wait(50)
        assert view.grab().save(str(shots / "charts_dark.png"))
        out = tmp_path / "figure.svg"
        view.save_to(out)
    qtbot.waitUntil(lambda: view.figure.get_facecolor() == light)
    assert view.grab().save(str(shots / "charts_light.png"))
    assert view.status.text() == "Saved to figure.svg"
    root = SafeTree.parse(out).getroot()
    assert "each coder separately" in " ".join(root.itertext())
    page = root.find(
        ".//{http://www.w3.org/2000/svg}g[@id='figure_1']/{http://www.w3.org/2000/svg}g/{http://www.w3.org/2000/svg}path"
    )
    assert page is not None and "#ffffff" in page.get("style", "")  # a paper's light page
    problems: list[str] = []
    monkeypatch.setattr(
        "stancecoder.ui.widgets.figure_view.show_problem", lambda _p, m: problems.append(m)
    )
    view.save_to(tmp_path / "figure.jpg")
    assert problems == ["cannot write a chart to figure.jpg: use a .pdf, .svg or .png name"]
    assert not (tmp_path / "figure.jpg").exists()
