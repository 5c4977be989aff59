"""The adjudication view driven from the keyboard on two coders' planted codings, on a
SQLite file and on the PostgreSQL test server."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from stancecoder.cli import main
from stancecoder.core.codebook_view import CodebookView
from stancecoder.db.models import Coder, Passage, PassageCode
from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.commands import DeletePassage
from stancecoder.services.corpus import import_corpus
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project, create_project
from stancecoder.ui.adjudication import keys
from stancecoder.ui.adjudication.table import HTML_ROLE
from stancecoder.ui.adjudication.view import AdjudicationView
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench.main_window import MainWindow

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SHIFT = Qt.KeyboardModifier.ShiftModifier


def sentence(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, text.index(".", start) + 1


@pytest.fixture
def ui_project(project_target: str | Path) -> Iterator[Project]:
    """The ui tests' project (seed articles, Alice and Bob) on each database."""
    project = create_project(project_target)
    import_corpus(project, [SEEDS])
    add_coder(project, "Alice")
    add_coder(project, "Bob")
    yield project
    project.close()


@pytest.fixture
def article(ui_project: Project) -> int:
    """Sites: both agree; stance disputed; span disputed; only Alice marked it."""
    article = list_articles(ui_project)[0].id
    text = read_article(ui_project, article).text
    same = {"actor": "Russia › Vladimir Putin", "topic": "Military cooperation"}
    first, second = sentence(text, "Russian President"), sentence(text, "The visit")
    third, fourth = sentence(text, "In this regard"), sentence(text, "According to the two")
    for coder in ("Alice", "Bob"):
        add_passage(ui_project, article, coder, *first, {**same, "stance": "+2"})
    for coder, stance in (("Alice", "+2"), ("Bob", "-1")):
        add_passage(ui_project, article, coder, *second, {**same, "stance": stance}, memo=coder)
    add_passage(ui_project, article, "Alice", *third, same)
    add_passage(ui_project, article, "Bob", third[0], third[1] - 10, same)
    add_passage(ui_project, article, "Alice", *fourth, {"topic": "Diplomacy and dialogue"})
    return article


@pytest.fixture
def view(
    qtbot: QtBot, ui_project: Project, article: int, codebook: CodebookView
) -> Iterator[AdjudicationView]:
    dialog = AdjudicationView(ui_project, article, codebook)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()


def cell(view: AdjudicationView, row: int, column: int) -> str:
    return view.table.item(row, column).data(HTML_ROLE)


def press(
    qtbot: QtBot,
    view: AdjudicationView,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(view.table, key, modifier)


def test_rows_are_sites_with_disagreements_marked(view: AdjudicationView) -> None:
    table = view.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["Alice", "Bob", "Consensus"]
    marks = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    assert marks == ["1 ✓", "2 ≠", "3 ≠", "4 ≠"]
    assert "<b>−1 Negative</b>" in cell(view, 1, 1) and "<b>" not in cell(view, 0, 1)
    assert cell(view, 3, 1) == "—" and cell(view, 1, 2) == "—"
    calm = table.item(0, 0).background().style() == Qt.BrushStyle.NoBrush
    tinted = table.item(1, 0).background().color()
    assert calm and tinted != table.palette().color(QPalette.ColorRole.Base)
    assert "differ on 3" in view.summary.text()


def test_ctrl_down_walks_the_disagreements_and_wraps(qtbot: QtBot, view: AdjudicationView) -> None:
    assert view.table.currentRow() == 0
    rows = []
    for _ in range(4):
        press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        rows.append(view.table.currentRow())
    assert rows == [1, 2, 3, 1]
    press(qtbot, view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert view.table.currentRow() == 3


def test_a_buttons_key_label_follows_its_key(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    ui_project: Project,
    article: int,
    codebook: CodebookView,
) -> None:
    """The labels are made from the keys: a key defined differently is named differently,
    and the key named is the one that works."""
    monkeypatch.setattr(keys, "NEXT", "F3")
    monkeypatch.setattr(keys, "REMOVE", "Backspace")
    dialog = AdjudicationView(ui_project, article, codebook)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    labels = [b.text() for b in (dialog.keys.next_button, dialog.keys.remove_button)]
    assert labels == ["Next disagreement  (F3)", "Remove consensus  (Backspace)"]
    assert [b.text() for b in dialog.keys.accept_buttons] == [
        "Accept Alice  (Alt+1)",
        "Accept Bob  (Alt+2)",
    ]
    assert dialog.keys.edit_button.text() == "Write consensus  (F2)"
    assert dialog.keys.undo_button.text() == "Undo  (Ctrl+Z)"
    qtbot.keyClick(dialog.table, Qt.Key.Key_F3)
    assert dialog.table.currentRow() == 1
    dialog.close()


def test_accept_remove_and_undo_from_the_keyboard(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    before = passages_of(ui_project, article, None)
    press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert "Negative" in cell(view, 1, 2) and "<b>" not in cell(view, 1, 2)
    assert view.table.currentRow() == 1
    assert "consensus written for 1" in view.summary.text()
    assert "memo: Bob" in view.detail.toHtml()

    press(qtbot, view, Qt.Key.Key_Delete)
    assert cell(view, 1, 2) == "—"
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Negative" in cell(view, 1, 2)
    press(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert "Strongly positive" in cell(view, 1, 2)
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell(view, 1, 2) == "—"
    assert not view.keys.undo_button.isEnabled()
    assert passages_of(ui_project, article, None) == before


def test_a_coder_without_a_passage_there_cannot_be_accepted(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    view.table.selectRow(3)
    assert [b.isEnabled() for b in view.keys.accept_buttons] == [True, False]
    assert not view.keys.remove_button.isEnabled()
    press(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    press(qtbot, view, Qt.Key.Key_Delete)
    assert all(p.coder != "Consensus" for p in passages_of(ui_project, article, None))


def test_the_detail_shows_each_full_passage(view: AdjudicationView) -> None:
    view.table.selectRow(2)
    shown = view.detail.toPlainText()
    assert "In this regard, the two leaders are expected to sign a treaty" in shown
    assert shown.count("Russia › Vladimir Putin") == 2
    assert "Consensus: not decided" in shown
    assert "…nuclear and missile capabilities. “In this regard" in shown  # words before it
    assert not re.search(r"\[\d+, \d+\)", shown)  # no offsets: they mean nothing to a reader


def originals(project: Project) -> list[tuple]:
    """Every stored column of the coders' passages and their code links."""
    with project.transaction() as session:
        coders = select(Coder.id).where(Coder.name.in_(["Alice", "Bob"]))
        found = session.execute(
            select(Passage).where(Passage.coder_id.in_(coders)).order_by(Passage.id)
        ).scalars()
        rows = [
            (p.id, p.uid, p.coder_id, p.start, p.end, p.quote, p.memo, p.version, p.created_at,
             p.updated_at, tuple(sorted(c.code_id for c in session.scalars(
                 select(PassageCode).where(PassageCode.passage_id == p.id)))))
            for p in found
        ]  # fmt: skip
        return rows


def consensus_cell(view: AdjudicationView, row: int) -> str:
    return cell(view, row, view.table.columnCount() - 1)


def test_edit_a_sites_consensus_codes_and_memo_then_undo(
    qtbot: QtBot, ui_project: Project, view: AdjudicationView, code_id: Callable[..., int]
) -> None:
    before = originals(ui_project)
    press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # Bob's version
    assert view.keys.edit_button.text().startswith("Edit consensus")
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.editor
    assert view.side.currentWidget() is editor and view.editing
    actor = editor.fields["actor"]
    assert actor.search.hasFocus()
    heading = editor.heading.text()
    assert "Consensus at passage 2" in heading and "They differ on stance." in heading
    assert not view.keys.undo_button.isEnabled()  # the dialog's undo rests while editing

    qtbot.keyClicks(actor.search, "kim jong")
    qtbot.keyClick(actor.search, Qt.Key.Key_Return)
    stance = editor.fields["stance"]
    qtbot.mouseClick(stance.buttons[code_id("stance", "Positive")], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.memo_box, "settled with both coders")
    qtbot.keyClick(editor.memo_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not view.editing and view.side.currentWidget() is view.detail
    assert view.table.currentRow() == 1 and view.table.hasFocus()
    saved = consensus_cell(view, 1)
    assert "North Korea › Kim Jong-un" in saved and "Positive" in saved
    assert "memo: settled with both coders" in view.detail.toHtml()

    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = consensus_cell(view, 1)
    assert "Russia › Vladimir Putin" in undone and "Negative" in undone
    assert "memo: Bob" in view.detail.toHtml()
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert "Kim Jong-un" in consensus_cell(view, 1)
    assert originals(ui_project) == before


def test_editing_an_undecided_site_starts_from_what_the_coders_agreed_on(
    qtbot: QtBot,
    ui_project: Project,
    article: int,
    view: AdjudicationView,
    code_id: Callable[..., int],
    tmp_path: Path,
) -> None:
    before = originals(ui_project)
    text = read_article(ui_project, article).text
    second = sentence(text, "The visit")
    press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert view.keys.edit_button.text().startswith("Write consensus")
    press(qtbot, view, Qt.Key.Key_Return)
    editor = view.editor
    assert "New consensus coding" in editor.heading.text()
    assert editor.values() == {
        "actor": [code_id("actor", "Vladimir Putin")],
        "topic": [code_id("topic", "Military cooperation")],
        "stance": [],  # disputed: the lead decides
    }
    assert view.reader.selected_span() == second
    stance = editor.fields["stance"]
    qtbot.mouseClick(stance.buttons[code_id("stance", "Negative")], Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.fields["actor"].search, Qt.Key.Key_Return)  # empty search: saves

    assert "Negative" in consensus_cell(view, 1)
    assert "consensus written for 1" in view.summary.text()
    assert originals(ui_project) == before
    out = tmp_path / "consensus.xlsx"
    assert main(["export", str(ui_project.store.target), str(out), "--coder", "Consensus"]) == 0
    rows = list(load_workbook(out)["Codings"].iter_rows(values_only=True))
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [(r["coder"], r["start"], r["end"]) for r in records] == [("Consensus", *second)]
    assert (records[0]["topic"], records[0]["stance"]) == ("Military cooperation", "Negative")


def test_selecting_text_codes_a_new_consensus_from_the_keyboard(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    before = originals(ui_project)
    text = read_article(ui_project, article).text
    start = text.index("dangerous partnership")
    reader = view.reader
    reader.setFocus()
    reader.select_span(start, start)  # the caret, where a click puts it
    assert not view.editing
    for _ in range(2):
        qtbot.keyClick(reader, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert view.editing and reader.hasFocus()  # the lead may go on selecting
    assert "New consensus coding" in view.editor.heading.text()
    assert "“dangerous partnership”" in view.editor.heading.text()
    assert not any(b.isEnabled() for b in view.keys.accept_buttons)
    qtbot.keyClick(reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # a topic, now
    qtbot.keyClick(reader, Qt.Key.Key_1)
    qtbot.keyClick(reader, Qt.Key.Key_Return)

    assert not view.editing and view.table.rowCount() == 5
    row = view.table.currentRow()
    added = consensus_cell(view, row)
    assert "“dangerous partnership”" in added
    assert "Military cooperation" in added and "Strongly negative" in added
    assert cell(view, row, 0) == "—" and cell(view, row, 1) == "—"
    assert "5 passages compared" in view.summary.text()
    consensus = view.comparison.sites[row].consensus
    assert consensus is not None and (consensus.start, consensus.end) == (start, start + 21)
    assert reader.current_passage == consensus.id
    assert originals(ui_project) == before

    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.table.rowCount() == 4
    assert all(p.coder != "Consensus" for p in passages_of(ui_project, article, None))


def test_selecting_text_moves_the_boundaries_of_the_consensus_edited(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    view.table.selectRow(2)
    press(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Alice's, the longer
    alice = view.comparison.sites[2].passages["Alice"]
    press(qtbot, view, Qt.Key.Key_F2)
    assert view.reader.selected_span() == (alice.start, alice.end)
    assert "boundaries changed" not in view.editor.heading.text()
    view.reader.setFocus()
    for _ in range(3):
        qtbot.keyClick(view.reader, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert "boundaries changed" in view.editor.heading.text()
    qtbot.keyClick(view.reader, Qt.Key.Key_Enter)

    consensus = view.comparison.sites[2].consensus
    assert consensus is not None and consensus.start == alice.start
    assert consensus.end < alice.end and consensus.codes == alice.codes
    assert consensus.quote == read_article(ui_project, article).text[alice.start : consensus.end]
    press(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = view.comparison.sites[2].consensus
    assert restored is not None and (restored.start, restored.end) == (alice.start, alice.end)


def test_saving_an_unchanged_consensus_adds_no_undo_step(
    qtbot: QtBot, view: AdjudicationView
) -> None:
    press(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    version = view.comparison.sites[0].consensus.version  # type: ignore[union-attr]
    press(qtbot, view, Qt.Key.Key_F2)
    qtbot.keyClick(view.editor.fields["actor"].search, Qt.Key.Key_Return)
    assert not view.editing and view.undo.stack.count() == 1
    assert view.comparison.sites[0].consensus.version == version  # type: ignore[union-attr]


def test_esc_cancels_the_edit_before_it_closes_the_dialog(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    press(qtbot, view, Qt.Key.Key_F2)
    search = view.editor.fields["actor"].search
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert not view.editing and view.isVisible()
    assert view.side.currentWidget() is view.detail and view.reader.selected_span() is None

    view.reader.setFocus()
    view.reader.select_span(0, 7)
    assert view.editing
    qtbot.keyClick(view.reader, Qt.Key.Key_Escape)
    assert not view.editing and view.isVisible()
    assert all(p.coder != "Consensus" for p in passages_of(ui_project, article, None))
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.isVisible()


def test_site_keys_rest_while_a_coding_is_edited(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    press(qtbot, view, Qt.Key.Key_F2)
    search = view.editor.fields["actor"].search
    qtbot.keyClick(search, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    sanctions = [c.id for c in view.codebook.passage_variables()[1].codes if c.label == "Sanctions"]
    assert view.editor.values()["topic"] == sanctions  # a topic key, not "accept Bob's"
    qtbot.keyClick(search, Qt.Key.Key_Delete)
    assert not view.keys.edit_button.isEnabled() and not view.keys.remove_button.isEnabled()
    assert all(p.coder != "Consensus" for p in passages_of(ui_project, article, None))


def test_moving_to_another_site_drops_an_unsaved_edit(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    press(qtbot, view, Qt.Key.Key_F2)
    press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert not view.editing and view.table.currentRow() == 1
    assert "not decided" in view.detail.toPlainText()
    assert all(p.coder != "Consensus" for p in passages_of(ui_project, article, None))


def test_a_refused_save_says_why_and_keeps_the_edit_open(
    qtbot: QtBot, ui_project: Project, view: AdjudicationView, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(
        "stancecoder.ui.adjudication.view.show_problem", lambda _parent, m: messages.append(m)
    )
    press(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    press(qtbot, view, Qt.Key.Key_F2)
    consensus = view.comparison.sites[0].consensus
    assert consensus is not None
    DeletePassage(consensus.uid).apply(ui_project)  # another window removes it meanwhile
    qtbot.keyClicks(view.editor.memo_box, "a memo worth keeping")
    qtbot.keyClick(view.editor.memo_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert messages == ["that passage no longer exists (deleted elsewhere?)"]
    assert view.editing and view.editor.memo() == "a memo worth keeping"


def test_clicking_a_passage_in_the_text_selects_its_site_to_accept(
    qtbot: QtBot, ui_project: Project, article: int, view: AdjudicationView
) -> None:
    text = read_article(ui_project, article).text
    cursor = view.reader.textCursor()
    cursor.setPosition(view.reader.offsets.to_qt(text.index("treaty on") + 2))
    point = view.reader.cursorRect(cursor).center()
    qtbot.mouseClick(view.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.table.currentRow() == 2 and not view.editing
    view.reader.setFocus()  # where a real click leaves it
    qtbot.keyClick(view.reader, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # not a topic
    assert "Russia › Vladimir Putin" in consensus_cell(view, 2)


def test_screenshots_while_editing_light_and_dark(
    qtbot: QtBot,
    ui_project: Project,
    article: int,
    codebook: CodebookView,
    code_id: Callable[..., int],
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
) -> None:
    for dark, name in ((False, "adjudication_view.png"), (True, "adjudication_view_dark.png")):
        with themed(dark):
            dialog = AdjudicationView(ui_project, article, codebook)
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert (dialog.width(), dialog.height()) == (1100, 720)
            dialog.table.selectRow(2)
            dialog.accept_version("Bob")
            dialog.table.selectRow(1)
            dialog.accept_version("Alice")
            dialog.edit_site()
            dialog.editor.choose_code(code_id("stance", "Neutral / ambivalent"))
            assert dialog.grab().save(str(shots / name))
            dialog.cancel_edit()
            dialog.undo.stack.undo()
            dialog.undo.stack.undo()
            dialog.close()
        assert (shots / name).stat().st_size > 10_000


def test_lead_window_opens_the_view_with_ctrl_j(
    qtbot: QtBot, ui_project: Project, article: int, tmp_path: Path
) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ui_project, "Alice", role="lead", settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.articles.select_article(article)
    assert window.registry["adjudicate"].shortcut().toString() == "Ctrl+J"
    seen: list[tuple[int, str]] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AdjudicationView)
        seen.append((dialog.article_id, dialog.windowTitle()))
        dialog.accept()

    QTimer.singleShot(0, close_it)
    window.registry["adjudicate"].trigger()
    assert seen and seen[0][0] == article
    assert seen[0][1].startswith("Adjudicate — Russian President Vladimir Putin")
    window.close()

    coder_window = MainWindow(ui_project, "Bob", role="coder", settings=settings)
    qtbot.addWidget(coder_window)
    assert "adjudicate" not in coder_window.registry.specs


def test_a_coding_saved_in_the_window_reaches_the_open_view(
    view: AdjudicationView, article: int, coding_window: Callable[[Project], MainWindow]
) -> None:
    """The window and the dialog share nothing but the project's bus."""
    window = coding_window(view.project)
    window.show_article(article)
    start = view.text.index("The visit")
    window.reader.select_span(start, start + 9)
    window.panel.choose_code(window.codebook.passage_variables()[0].codes[0].id)
    window.commands.save_coding()
    assert window.current is not None
    site = view.comparison.site_of(window.current.uid)
    assert site is not None and "Alice" in site.passages

    view.close()  # a closed dialog stays the window's child, but no longer listens
    heard = view.comparison
    window.reader.select_span(start + 10, start + 20)
    window.panel.choose_code(window.codebook.passage_variables()[0].codes[0].id)
    window.commands.save_coding()
    assert view.comparison is heard


def test_the_dialogs_own_steps_reach_the_window(
    qtbot: QtBot, view: AdjudicationView, article: int,
    coding_window: Callable[[Project], MainWindow],
) -> None:  # fmt: skip
    """An accepted version shows in the window at once, not only once the dialog closes."""
    window = coding_window(view.project)
    window.show_article(article)
    before = list(window.passages)
    press(qtbot, view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.passages != before
    assert window.passages == passages_of(view.project, article, "Alice")
