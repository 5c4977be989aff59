"""The agreement view on a project with two coders and planted agreements and disagreements,
and its Rounds tab on three planted rounds where agreement grows."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from stancecoder.core.agreement.rounds import NOT_CODED
from stancecoder.services.agreement.report import project_agreement
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codings import add_passage, set_article_codes
from stancecoder.services.corpus import import_corpus
from stancecoder.services.project import Project
from stancecoder.services.samples import close_round, draw_sample
from stancecoder.ui.agreement.tables import verdict_colour
from stancecoder.ui.agreement.view import DEFAULT_SEED, STALE_TEXT, AgreementView
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench.main_window import MainWindow

# Alice's span and codes, Bob's span and codes: topic agrees three times in four
PLANTED = [
    ((0, 50), {"topic": "Sanctions", "stance": "-2"}, (0, 50),
     {"topic": "Sanctions", "stance": "-2"}),
    ((60, 120), {"topic": "Military cooperation", "stance": "0"}, (62, 120),
     {"topic": "Military cooperation", "stance": "1"}),
    ((130, 200), {"topic": "Sanctions"}, (130, 200), {"topic": "Diplomacy and dialogue"}),
    ((210, 260), {"topic": "Economic cooperation"}, (205, 260), {"topic": "Economic cooperation"}),
]  # fmt: skip
TOPIC_DISAGREEMENT = 130


@pytest.fixture
def planted(ui_project: Project) -> Project:
    first, second = (a.id for a in list_articles(ui_project))
    for span_a, codes_a, span_b, codes_b in PLANTED:
        add_passage(ui_project, first, "Alice", *span_a, codes_a)
        add_passage(ui_project, first, "Bob", *span_b, codes_b)
    add_passage(ui_project, first, "Bob", 400, 430, {"topic": "Sanctions"})
    for article, alice in [(first, "News report"), (second, "Interview")]:
        set_article_codes(ui_project, article, "Alice", {"genre": alice})
        set_article_codes(ui_project, article, "Bob", {"genre": "News report"})
    return ui_project


@pytest.fixture
def view(qtbot: QtBot, planted: Project) -> AgreementView:
    view = AgreementView(planted)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def window(qtbot: QtBot, planted: Project, tmp_path: Path) -> Iterator[MainWindow]:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(planted, "Alice", role="lead", settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def compute(qtbot: QtBot, view: AgreementView) -> None:
    """Compute with the choices made, after the computation the view starts on opening."""
    qtbot.waitUntil(lambda: view.tabs.report is not None and not view.is_running(), timeout=20000)
    before = view.tabs.report
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    assert view.busy.isVisible() and view.cancel_button.isVisible()
    qtbot.waitUntil(lambda: view.tabs.report is not before, timeout=20000)
    assert not view.busy.isVisible() and view.export_button.isEnabled()


def exported(qtbot: QtBot, view: AgreementView, path: Path, paper: str = "a4") -> None:
    """Export as the file dialog would, and wait for the file (it is written off the GUI
    thread)."""
    view.export_to(path, paper)
    assert not view.export_button.isEnabled() or not view.is_exporting()
    qtbot.waitUntil(lambda: not view.is_exporting() and view.export_button.isEnabled(),
                    timeout=20000)  # fmt: skip


def row_of(table, first_column: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == first_column)


def test_the_summary_tab_shows_table_1_and_coverage_of_the_service_report(
    qtbot: QtBot, view: AgreementView, planted: Project
) -> None:
    """Every figure on the first tab, formatted here from the report the service computes
    with the view's seed: α, its interval, κ and percent agreement as a paper prints them."""
    compute(qtbot, view)
    expected = project_agreement(planted, "matched", seed=DEFAULT_SEED)
    page = view.tabs.summary
    assert view.tabs.currentWidget() is page
    table = page.table_one
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    for v in expected.variables:
        row = row_of(table, v.name.capitalize())
        cells = {h: table.item(row, c).text() for c, h in enumerate(headers)}
        alpha = v.main.value
        assert cells["α"].rstrip("ᵃᵇᶜᵈᵉᶠ") == ("—" if alpha is None else apa_by_hand(alpha))
        assert cells["n"] == str(v.n_units) and cells["Coders"] == "2"
        if v.main.ci95:
            low, high = (apa_by_hand(x) for x in v.main.ci95)
            assert cells["95% CI"] == f"[{low}, {high}]"
    topic = row_of(table, "Topic")
    assert table.item(topic, headers.index("% agreement")).text() == "75.0"
    topic_kappa = next(r for r in variable(expected, "topic").results if r.name == "cohen_kappa")
    kappa = table.item(topic, headers.index("κ"))  # its note's letter names the statistic
    assert kappa.text()[:-1] == apa_by_hand(topic_kappa.value) and kappa.toolTip() == "Cohen's κ."
    assert "Cohen's κ." in page.table_one_notes.text() and "Krippendorff (2004" in (
        page.table_one_notes.text()
    )
    # coverage: Alice's 4 topic passages and Bob's 5 all matched but Bob's [400, 430)
    coverage = page.coverage
    headers = [coverage.horizontalHeaderItem(c).text() for c in range(coverage.columnCount())]
    row = row_of(coverage, "Topic")
    cells = {h: coverage.item(row, c).text() for c, h in enumerate(headers)}
    assert (cells["Passages coded"], cells["Compared"], cells["Not compared"]) == ("9", "8", "1")
    assert cells["Not compared by coder"] == "Bob 1"
    assert "Topic" in page.warnings.text() and "used fewer than 5 times" in page.warnings.text()
    assert page.methods.toPlainText() == expected.methods
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == view.tabs.report.methods
    below = QLabel("appended")
    page.append(below)
    assert page.widget().layout().indexOf(below) == page.widget().layout().count() - 1


def apa_by_hand(value: float) -> str:
    """Two decimals, no leading zero, a minus sign: written out here, not our formatter."""
    text = f"{abs(value):.2f}".removeprefix("0")
    return ("\u2212" + text) if value < 0 and text.strip(".0") else text


def variable(report, name: str):
    return next(v for v in report.variables if v.name == name)


def test_a_disagreement_opens_the_passage_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.registry["agreement"].trigger()
    view = window.registry.views.agreement_view
    qtbot.waitExposed(view)
    compute(qtbot, view)
    qtbot.keyClick(view.tabs, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    table = view.tabs.disagreements
    assert view.tabs.currentWidget().isAncestorOf(table)
    # the passage is named by its words (both coders marked [130, 200)), not its offsets
    text = read_article(window.project, list_articles(window.project)[0].id).text
    words = " ".join(text[TOPIC_DISAGREEMENT:200].split())
    row = next(r for r in range(table.rowCount()) if table.item(r, 2).text() == f"“{words}”")
    assert table.item(row, 0).text() == "topic"
    assert table.item(row, 3).text() == "Alice: Sanctions   ·   Bob: Diplomacy and dialogue"
    table.setFocus()
    table.setCurrentCell(row, 0)
    with qtbot.waitSignal(view.openPassage) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    first = list_articles(window.project)[0].id
    assert opened.args == [first, TOPIC_DISAGREEMENT]
    assert window.article is not None and window.article.id == first
    assert window.current is not None and window.current.start == TOPIC_DISAGREEMENT
    assert window.reader.current_passage == window.current.id


def test_export_writes_the_methods_paragraph_it_shows(
    qtbot: QtBot, view: AgreementView, tmp_path: Path
) -> None:
    compute(qtbot, view)
    exported(qtbot, view, tmp_path / "agreement.xlsx")
    summary = dict(
        load_workbook(tmp_path / "agreement.xlsx")["Summary"].iter_rows(values_only=True)
    )
    assert summary["methods"] == view.tabs.summary.methods.toPlainText() == view.tabs.report.methods
    assert summary["round"] == "all double-coded articles"
    exported(qtbot, view, tmp_path / "agreement.html")
    page = (tmp_path / "agreement.html").read_text(encoding="utf-8")
    assert html.escape(view.tabs.report.methods) in page
    assert page.count("<figure>") == 1 + sum(1 for v in view.tabs.report.variables
                                             if v.coincidences)  # fmt: skip
    exported(qtbot, view, tmp_path / "agreement.pdf", "letter")
    printed = PdfReader(tmp_path / "agreement.pdf")
    assert float(printed.pages[0].mediabox.width) == 612
    assert view.summary.text().endswith("· exported to agreement.pdf")


def test_an_export_that_cannot_be_written_says_why(
    qtbot: QtBot, view: AgreementView, tmp_path: Path
) -> None:
    compute(qtbot, view)
    shown: list[str] = []
    view.problem = shown.append
    exported(qtbot, view, tmp_path / "agreement.docx")
    assert shown == ["cannot write the report as agreement.docx: use .xlsx, .html or .pdf"]
    assert not (tmp_path / "agreement.docx").exists()


def test_cancel_abandons_the_result(qtbot: QtBot, view: AgreementView) -> None:
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert not view.busy.isVisible() and view.compute_button.isEnabled()
    qtbot.waitUntil(lambda: not view.is_running(), timeout=20000)
    qtbot.wait(50)  # let the abandoned result's queued signal arrive
    assert view.tabs.report is None and view.tabs.summary.table_one.rowCount() == 0


def test_a_round_and_a_unit_are_chosen_from_the_lists(qtbot: QtBot, planted: Project) -> None:
    draw_sample(planted, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    view = AgreementView(planted)
    qtbot.addWidget(view)
    view.show()
    assert view.round.itemText(0) == "All double-coded articles"
    view.round.setCurrentIndex(view.round.findData("training 1"))
    view.unit.setCurrentIndex(view.unit.findData("unitizing"))
    assert not view.overlap.isEnabled()
    compute(qtbot, view)
    report = view.tabs.report
    assert report.round == "training 1" and report.unit == "unitizing"
    assert "sample: training 1" in view.summary.text()
    assert "reliability sample \u201ctraining 1\u201d" in view.tabs.summary.methods.toPlainText()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_screenshot(
    qtbot: QtBot,
    view: AgreementView,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
    dark: bool,
) -> None:
    with themed(dark):
        view.resize(1180, 640)
        compute(qtbot, view)
        name = "dark" if dark else "light"
        for index, tab in [(0, "summary"), (5, "disagreements"), (4, "coincidences")]:
            view.tabs.setCurrentIndex(index)
            qtbot.wait(20)
            path = shots / f"agreement_view_{tab}_{name}.png"
            assert view.grab().save(str(path))
            assert path.stat().st_size > 0


def test_the_seed_makes_the_intervals_reproducible(
    qtbot: QtBot, view: AgreementView, planted: Project
) -> None:
    view.seed.setValue(42)
    compute(qtbot, view)
    expected = project_agreement(planted, "matched", seed=42)
    table = view.tabs.summary.table_one
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    topic = next(v for v in expected.variables if v.name == "topic").main
    assert topic.ci95 is not None
    shown = table.item(row_of(table, "Topic"), headers.index("95% CI")).text()
    assert shown == f"[{apa_by_hand(topic.ci95[0])}, {apa_by_hand(topic.ci95[1])}]"
    assert "seed 42" in view.tabs.report.methods


# ---- the Rounds tab -------------------------------------------------------------------

SITES = [(0, 40), (80, 120), (160, 200), (240, 280)]
# per round and site: Alice's topic and stance, Bob's; agreement grows round by round
ROUND_PLANS = {
    "training 1": [("Sanctions", "-2", "Sanctions", "0"),
                   ("Military cooperation", "-1", "Diplomacy and dialogue", "-1"),
                   ("Sanctions", "0", "Military cooperation", "1"),
                   ("Economic cooperation", "1", "Economic cooperation", "-1")],
    "training 2": [("Sanctions", "-2", "Sanctions", "-1"),
                   ("Military cooperation", "-1", "Military cooperation", "-1"),
                   ("Sanctions", "0", "Diplomacy and dialogue", "1"),
                   ("Economic cooperation", "2", "Economic cooperation", "2")],
    "final": [("Sanctions", "-2", "Sanctions", "-2"),
              ("Military cooperation", "-1", "Military cooperation", "-1"),
              ("Diplomacy and dialogue", "1", "Diplomacy and dialogue", "2"),
              ("Economic cooperation", "2", "Economic cooperation", "2")],
}  # fmt: skip
GENRES = {"training 1": ("Interview", "News report"), "final": ("News report", "News report")}


def add_reports(project: Project, folder: Path, count: int) -> None:
    path = folder / "reports.csv"
    rows = ["title,text"] + [
        f"Report {n},"
        + " ".join(f"Sentence {i} of report {n} tells of the talks." for i in range(12))
        for n in range(1, count + 1)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert import_corpus(project, [path]).ok


def draw_rounds(project: Project, plans: dict[str, list | None]) -> None:
    """Rounds of two new reports each, coded as planned (None: not coded yet)."""
    for name, plan in plans.items():
        sample = draw_sample(project, name, count=2, coders=["Alice", "Bob"], seed=5)
        for article in sample.article_ids if plan else ():
            for (start, end), (ta, sa, tb, sb) in zip(SITES, plan, strict=True):
                add_passage(project, article, "Alice", start, end, {"topic": ta, "stance": sa})
                add_passage(project, article, "Bob", start, end, {"topic": tb, "stance": sb})
            if name in GENRES:
                for coder, genre in zip(("Alice", "Bob"), GENRES[name], strict=True):
                    set_article_codes(project, article, coder, {"genre": genre})


@pytest.fixture
def rounds_project(ui_project: Project, tmp_path: Path) -> Project:
    """Eight articles: three rounds of two, coded as planned, and two articles left over."""
    add_reports(ui_project, tmp_path, 6)
    draw_rounds(ui_project, ROUND_PLANS)
    close_round(ui_project, "training 1")
    return ui_project


@pytest.fixture
def rounds_view(qtbot: QtBot, rounds_project: Project) -> AgreementView:
    view = AgreementView(rounds_project)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def shown_figure(value: float | None, ci: tuple[float, float] | None, n: int) -> str:
    if value is None:
        return "—"
    if not ci:
        return apa_by_hand(value)
    return f"{apa_by_hand(value)} [{apa_by_hand(ci[0])}, {apa_by_hand(ci[1])}] n={n}"


def test_the_rounds_tab_shows_each_rounds_own_figures(
    qtbot: QtBot, rounds_view: AgreementView, rounds_project: Project
) -> None:
    compute(qtbot, rounds_view)
    qtbot.keyClick(rounds_view.tabs, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    page = rounds_view.tabs.rounds
    assert rounds_view.tabs.currentWidget() is page
    table = page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert [h.split("\n")[0] for h in headers] == ["Variable", *ROUND_PLANS]
    assert headers[1].endswith("2/2 articles, closed") and headers[2].endswith("open")
    alphas = {}
    for column, name in enumerate(ROUND_PLANS, start=1):
        alone = project_agreement(rounds_project, round=name, seed=DEFAULT_SEED)
        for v in alone.variables:
            cell = table.item(row_of(table, f"{v.name}  ({v.level})"), column)
            assert cell.text() == shown_figure(v.main.value, v.main.ci95, v.n_units)
            alphas[v.name, name] = v.main.value
    assert alphas["topic", "training 1"] < alphas["topic", "training 2"] < alphas["topic", "final"]
    topic_change = (
        f"<b>topic</b>: {apa_by_hand(alphas['topic', 'training 1'])} → "
        f"{apa_by_hand(alphas['topic', 'final'])} (+"
    )
    assert topic_change in page.change.text() and "over 3 rounds" in page.change.text()
    discard, reliable = (table.item(row_of(table, "topic  (nominal)"), c) for c in (1, 3))
    palette = table.palette()
    assert (
        discard.background().color().rgb() & 0xFFFFFF
        == verdict_colour("discard", palette).rgb() & 0xFFFFFF
    )
    assert (
        reliable.background().color().rgb() & 0xFFFFFF
        == verdict_colour("reliable", palette).rgb() & 0xFFFFFF
    )


def test_enter_on_a_round_opens_its_full_report(qtbot: QtBot, rounds_view: AgreementView) -> None:
    compute(qtbot, rounds_view)
    assert rounds_view.report.round is None
    rounds_view.tabs.setCurrentWidget(rounds_view.tabs.rounds)
    table = rounds_view.tabs.rounds.table
    table.setFocus()
    table.setCurrentCell(row_of(table, "stance  (ordinal)"), 2)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert rounds_view.report is rounds_view.rounds.reports["training 2"]
    assert rounds_view.round.currentData() == "training 2"
    assert (
        rounds_view.tabs.currentIndex() == 0 and "sample: training 2" in rounds_view.summary.text()
    )
    stance = rounds_view.tabs.summary.table_one
    alpha = next(v for v in rounds_view.report.variables if v.name == "stance").main.value
    assert stance.item(row_of(stance, "Stance"), 5).text() == apa_by_hand(alpha)


def test_export_carries_the_rounds(
    qtbot: QtBot, rounds_view: AgreementView, tmp_path: Path
) -> None:
    compute(qtbot, rounds_view)
    exported(qtbot, rounds_view, tmp_path / "agreement.xlsx")
    book = load_workbook(tmp_path / "agreement.xlsx")
    assert {"Variables", "Rounds", "Round samples", "Change over rounds"} <= set(book.sheetnames)
    samples = [row[0] for row in book["Round samples"].iter_rows(min_row=2, values_only=True)]
    assert samples == list(ROUND_PLANS)


def test_the_busy_line_names_the_variable_being_computed(qtbot: QtBot, view: AgreementView) -> None:
    qtbot.waitUntil(lambda: view.tabs.report is not None and not view.is_running(), timeout=20000)
    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    view._progressed(view._worker, 1, 3, "variable stance")
    assert view.busy_label.text() == "Computing variable stance (2 of 3)…"
    assert (view.busy.maximum(), view.busy.value()) == (3, 1)
    qtbot.waitUntil(lambda: not view.is_running(), timeout=20000)


def test_cancel_stops_the_rounds_and_shows_nothing(
    qtbot: QtBot, rounds_view: AgreementView
) -> None:
    qtbot.mouseClick(rounds_view.compute_button, Qt.MouseButton.LeftButton)
    worker = rounds_view._worker
    qtbot.keyClick(rounds_view.cancel_button, Qt.Key.Key_Space)
    assert worker.cancelled and rounds_view.compute_button.isEnabled()
    qtbot.waitUntil(lambda: not worker.isRunning(), timeout=20000)
    qtbot.wait(50)  # let the abandoned result's queued signal arrive
    assert rounds_view.rounds is None and rounds_view.tabs.rounds.table.isHidden()
    assert rounds_view.report is None and not rounds_view.export_button.isEnabled()


def test_without_rounds_the_tab_says_what_to_do(qtbot: QtBot, view: AgreementView) -> None:
    compute(qtbot, view)
    page = view.tabs.rounds
    assert view.rounds is None and page.table.isHidden()
    assert page.change.text().startswith("No reliability samples yet.")


def test_a_round_not_coded_yet_says_so(
    qtbot: QtBot, rounds_view: AgreementView, rounds_project: Project
) -> None:
    draw_rounds(rounds_project, {"retest": None})
    compute(qtbot, rounds_view)
    table = rounds_view.tabs.rounds.table
    assert table.horizontalHeaderItem(4).text() == "retest\n0/2 articles, open"
    for row in range(table.rowCount()):
        assert table.item(row, 4).text() == "not coded yet"
        assert NOT_CODED in table.item(row, 4).toolTip()


def test_a_round_drawn_later_is_offered_when_the_view_shows_again(
    qtbot: QtBot, view: AgreementView, planted: Project
) -> None:
    assert view.round.findData("training 1") == -1
    view.hide()
    draw_sample(planted, "training 1", count=1, coders=["Alice", "Bob"], seed=3)
    view.show()
    assert view.round.findData("training 1") > 0


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_rounds_screenshot(
    qtbot: QtBot,
    rounds_project: Project,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
    dark: bool,
) -> None:
    with themed(dark):
        view = AgreementView(rounds_project)
        qtbot.addWidget(view)
        view.resize(1180, 640)
        view.show()
        qtbot.waitExposed(view)
        compute(qtbot, view)
        view.tabs.setCurrentWidget(view.tabs.rounds)
        qtbot.wait(20)
        path = shots / f"agreement_view_rounds_{'dark' if dark else 'light'}.png"
        assert view.grab().save(str(path))
        assert path.stat().st_size > 0


def test_a_coding_saved_in_the_window_marks_the_open_report_stale(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The modeless report hears of the window's codings through the project's bus and asks
    for Compute again, without recomputing behind the lead's back."""
    window.registry["agreement"].trigger()
    view = window.registry.views.agreement_view
    qtbot.waitExposed(view)
    compute(qtbot, view)
    shown = view.report
    assert not view.stale and STALE_TEXT not in view.summary.text()

    window.show_article(list_articles(window.project)[1].id)
    window.reader.select_span(0, 12)
    window.panel.choose_code(window.codebook.passage_variables()[0].codes[0].id)
    window.commands.save_coding()
    assert window.current is not None  # saved
    assert view.stale and STALE_TEXT in view.summary.text()
    assert view.report is shown and not view.is_running()

    qtbot.mouseClick(view.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.report is not shown, timeout=20000)
    assert not view.stale and STALE_TEXT not in view.summary.text()


def test_the_first_tab_says_what_was_not_compared_and_empty_tabs_say_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Bob's passage at 400 and Alice's on the second article have no partner: the
    Variables tab says so before any figure."""
    add_passage(window.project, list_articles(window.project)[1].id, "Alice", 0, 20,
                {"topic": "Sanctions"})  # fmt: skip
    window.registry["agreement"].trigger()
    view = window.registry.views.agreement_view
    qtbot.waitExposed(view)
    compute(qtbot, view)
    compared = view.tabs.summary.compared.text()
    assert compared.startswith("Compared: 2 articles coded by two or more coders")
    assert "Not compared: 2 passages (Alice 1, Bob 1) without a partner" in compared
    assert view.tabs.summary.compared.isVisible()
    view.unit.setCurrentIndex(view.unit.findData("sentence"))
    compute(qtbot, view)
    assert view.tabs.disagreements.rowCount() == 0
    assert not view.tabs.disagreements.isVisibleTo(view)
    assert "choose the unit Matched passages" in view.tabs.no_disagreements.text()


def test_the_report_is_computed_on_opening(qtbot: QtBot, view: AgreementView) -> None:
    """No empty window: the figures for the default choices arrive by themselves."""
    qtbot.waitUntil(lambda: view.tabs.report is not None, timeout=20000)
    assert view.tabs.report.seed == view.seed.value() == 1
    assert view.tabs.summary.table_one.rowCount() > 0


def test_the_first_tab_plots_alpha_per_variable_in_the_windows_look(
    qtbot: QtBot, view: AgreementView, themed, shots: Path
) -> None:
    compute(qtbot, view)
    report = view.tabs.report
    panel = view.tabs.forest
    assert panel.isVisible() and view.tabs.currentWidget() is view.tabs.summary
    assert panel.parentWidget() is view.tabs.summary.widget()  # at the summary's foot
    view.tabs.summary.ensureWidgetVisible(panel)
    axes = panel.figure.axes[0]
    table = view.tabs.summary.table_one
    named = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert [t.get_text() for t in axes.get_yticklabels()] == named  # as Table 1 names them
    assert len(named) == len(report.variables)
    (points,) = [line for line in axes.lines if line.get_label() == "α"]
    defined = [v.main.value for v in report.variables if v.main.value is not None]
    assert sorted(points.get_xdata()) == pytest.approx(sorted(defined))
    assert "Krippendorff's α per variable" in panel.canvas.accessibleDescription()
    light = panel.figure.get_facecolor()
    with themed(dark=True):
        qtbot.waitUntil(lambda: panel.figure.get_facecolor() != light)
        assert sum(panel.figure.get_facecolor()[:3]) < 0.6
        qtbot.wait(50)
        assert view.grab().save(str(shots / "agreement_forest_dark.png"))
    qtbot.waitUntil(lambda: panel.figure.get_facecolor() == light)
    assert view.grab().save(str(shots / "agreement_forest_light.png"))
