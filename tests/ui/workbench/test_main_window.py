"""The workbench driven as a coder drives it: keyboard first, then the mouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from stancecoder.services.articles import list_articles, read_article
from stancecoder.services.codebook_edit import codebook_for_editing, save_codebook
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import passages_of, set_blind_mode
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench.main_window import MainWindow


@pytest.fixture
def window(ui_project: Project, coding_window) -> MainWindow:
    return coding_window(ui_project)


def test_no_action_above_was_refused(window: MainWindow) -> None:
    """The fixture collects refusals instead of showing a modal box; none is expected."""
    select_words(window, "Putin")
    window.commands.save_coding()
    assert window.complaints == []  # type: ignore[attr-defined]


def select_words(window: MainWindow, phrase: str) -> tuple[int, int]:
    assert window.article is not None
    start = window.article.text.index(phrase)
    window.reader.select_span(start, start + len(phrase))
    return start, start + len(phrase)


def stance_code(window: MainWindow, label: str) -> int:
    stance = next(v for v in window.codebook.passage_variables() if v.name == "stance")
    return next(c.id for c in stance.codes if c.label == label)


def test_code_a_selection_with_shortcuts_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow
) -> None:
    select_words(window, "Vladimir Putin")
    assert window.panel.isEnabled()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_4)  # stance +1 in the sample codebook
    assert window.panel.values()["stance"] == [stance_code(window, "Positive")]
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)

    assert [p.quote for p in window.passages] == ["Vladimir Putin"]
    assert window.passage_list.model().rowCount() == 1
    undo, redo = window.registry.edit
    assert undo.text() == "Undo Code passage"
    undo.trigger()
    assert window.passages == []
    redo.trigger()
    assert [p.quote for p in window.passages] == ["Vladimir Putin"]


def test_a_closed_window_no_longer_follows_the_codings_of_another(
    ui_project: Project, coding_window
) -> None:
    """Until it is deleted, a closed window would read and redraw after every coding."""
    closed, other = coding_window(ui_project), coding_window(ui_project)
    shown = len(closed.passages)
    closed.close()
    select_words(other, "Putin")
    other.panel.choose_code(stance_code(other, "Positive"))
    other.commands.save_coding()
    assert len(other.passages) == shown + 1
    assert len(closed.passages) == shown


def test_a_key_given_in_another_window_works_after_refresh(
    qtbot: QtBot, window: MainWindow
) -> None:
    spec = codebook_for_editing(window.project)
    stance = next(v for v in spec.variables if v.name == "stance")
    stance.codes[3].shortcut, stance.codes[0].shortcut = "F9", None  # +1, and −2 loses "1"
    save_codebook(window.project, spec)
    window.refresh()  # F5
    select_words(window, "Vladimir Putin")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F9)
    assert window.panel.values()["stance"] == [stance_code(window, "Positive")]
    assert len(window.registry.codes) == len({a.text() for a in window.registry.codes})


def test_recode_and_delete_from_the_passage_list(qtbot: QtBot, window: MainWindow) -> None:
    select_words(window, "Yuri Ushakov")
    window.panel.choose_code(stance_code(window, "Neutral / ambivalent"))
    window.commands.save_coding()
    (passage,) = window.passages
    window.passage_list.select_passage(passage.id)
    window.activate_passage(passage.id)
    window.panel.choose_code(stance_code(window, "Negative"))
    window.commands.save_coding()
    assert window.passages[0].codes == (stance_code(window, "Negative"),)
    window.passage_list.setFocus()
    qtbot.keyClick(window.passage_list, Qt.Key.Key_Delete)
    assert window.passages == []
    window.registry.edit[0].trigger()
    assert len(window.passages) == 1


def test_mark_done_moves_on_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    first = window.article.id if window.article else None
    window.registry["done"].trigger()
    assert window.article is not None and window.article.id != first
    statuses = {row.id: row.status for row in list_articles(window.project, "Alice")}
    assert statuses[first] == "done"
    assert "article 2 of 2" in window.status.text()


def test_a_resize_and_a_memo(window: MainWindow) -> None:
    select_words(window, "Putin")
    window.panel.choose_code(stance_code(window, "Positive"))
    window.commands.save_coding()
    (passage,) = window.passages
    window.select_passage(passage.id)
    span = select_words(window, "Russian President Vladimir Putin")
    window.select_passage(passage.id)
    window.reader.select_span(*span)
    window.current = passage
    window.commands.resize_current()
    assert window.passages[0].quote == "Russian President Vladimir Putin"


def test_blind_mode_hides_the_other_coders_passages(window: MainWindow) -> None:
    article = window.article
    assert article is not None
    with open_project(window.project.store.target) as bobs:  # Bob's own window
        add_passage(bobs, article.id, "Bob", 0, 7, {})
    window.refresh()
    assert [p.coder for p in window.passages] == ["Bob"]
    set_blind_mode(window.project, True)
    window.refresh()
    assert window.passages == []


def test_a_stale_edit_is_refused_with_a_message(window: MainWindow) -> None:
    from stancecoder.services.codings import update_passage

    select_words(window, "Putin")
    window.panel.choose_code(stance_code(window, "Positive"))
    window.commands.save_coding()
    (passage,) = window.passages
    update_passage(window.project, passage.id, passage.version, memo="changed elsewhere")
    window.commands.delete_passage(passage.id)
    messages = window.complaints  # type: ignore[attr-defined]
    assert messages and "changed this passage in the meantime" in messages[0]
    assert len(passages_of(window.project, passage.article_id, None)) == 1


def test_dropping_a_file_imports_it(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text("A new article about sanctions.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "new.txt"))])

    def close_summary() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.report() is not None:  # type: ignore[attr-defined]
            dialog.accept()
        else:
            QTimer.singleShot(50, close_summary)

    QTimer.singleShot(50, close_summary)
    assert drop_on(window, mime)
    assert len(list_articles(window.project)) == 3
    assert window.articles.position()[1] == 3


def drop_on(window: MainWindow, mime: QMimeData) -> bool:
    """Drags `mime` onto the window's menu bar and drops it there, through the window's
    native window as a drop from the desktop arrives; whether the drag was taken."""
    point = window.menuBar().geometry().center()
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window.windowHandle(), enter)
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window.windowHandle(), drop)
    return enter.isAccepted()


def test_a_drag_without_files_is_not_taken(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("A new article about sanctions.")
    assert not drop_on(window, mime)
    assert len(list_articles(window.project)) == 2


def test_ctrl_f_goes_to_the_article_search(qtbot: QtBot, window: MainWindow) -> None:
    window.articles.search.setText("Putin")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.articles.search.hasFocus()
    assert window.articles.search.selectedText() == "Putin"  # typing replaces the last search


def test_the_shortcut_sheet_lists_actions_and_codes(window: MainWindow) -> None:
    from stancecoder.ui.workbench.shortcut_sheet import shortcut_table

    rows = shortcut_table(window.registry.shortcut_rows(), window.codebook)
    texts = {(what, keys) for _, what, keys in rows}
    assert ("Mark article done, go to next", "Ctrl+D") in texts
    assert any(what == "Positive" and keys == "4" for what, keys in texts)


def test_clicking_a_highlight_selects_its_passage(qtbot: QtBot, window: MainWindow) -> None:
    select_words(window, "Vladimir Putin")
    window.panel.choose_code(stance_code(window, "Positive"))
    window.commands.save_coding()
    window.commands.cancel_coding()
    (passage,) = window.passages
    point = _point_of(window, passage.start + 3)
    qtbot.mouseClick(window.reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current is not None and window.current.id == passage.id


def _point_of(window: MainWindow, position: int) -> QPoint:
    from stancecoder.core.offsets import OffsetMap

    assert window.article is not None
    cursor = window.reader.textCursor()
    cursor.setPosition(OffsetMap(window.article.text).to_qt(position))
    return window.reader.cursorRect(cursor).center()


def test_undo_walks_back_through_several_edits_of_one_passage(window: MainWindow) -> None:
    select_words(window, "Vladimir Putin")
    window.panel.choose_code(stance_code(window, "Negative"))
    window.commands.save_coding()
    for label in ("Positive", "Strongly positive"):
        window.select_passage(window.passages[0].id)
        window.panel.choose_code(stance_code(window, label))
        window.commands.save_coding()
    undo, redo = window.registry.edit
    undo.trigger()
    undo.trigger()
    assert window.passages[0].codes == (stance_code(window, "Negative"),)
    undo.trigger()
    assert window.passages == []
    for _ in range(3):
        redo.trigger()
    assert window.passages[0].codes == (stance_code(window, "Strongly positive"),)
    assert window.complaints == []  # type: ignore[attr-defined]


def test_enter_with_no_code_saves_nothing_and_says_why(
    qtbot: QtBot, window: MainWindow, themed, shots: Path
) -> None:
    """A passage with no code says nothing and would turn the article to "doing": Enter
    keeps the selection and the memo, and the panel names what is missing."""
    article = window.article
    assert article is not None
    status = {row.id: row.status for row in list_articles(window.project, "Alice")}[article.id]
    select_words(window, "Vladimir Putin")
    window.panel.memo_box.setPlainText("ask the lead")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)

    assert window.passages == [] and passages_of(window.project, article.id, None) == []
    assert {row.id: row.status for row in list_articles(window.project, "Alice")}[
        article.id
    ] == status
    assert window.panel.notice.isVisible()
    assert window.panel.notice.text() == "Choose at least one code to save this passage."
    assert window.panel.memo() == "ask the lead" and window.reader.selected_span() is not None
    assert window.undo.stack.count() == 0
    with themed():
        assert window.panel.grab().save(str(shots / "coding_panel_no_code.png"))

    qtbot.keyClick(window.reader, Qt.Key.Key_4)  # a code: the hint has done its work
    assert not window.panel.notice.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert [(p.quote, p.memo) for p in window.passages] == [("Vladimir Putin", "ask the lead")]


def test_enter_with_nothing_selected_says_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_Return)
    assert window.passages == [] and not window.panel.notice.isVisible()


def test_the_first_view_says_what_to_do(
    qtbot: QtBot, ui_project: Project, tmp_path: Path, shots: Path
) -> None:
    """Before an article is picked the reader is not a blank page: it says where to click,
    or, with no articles at all, how to bring some in."""
    settings = AppSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ui_project, "Alice", "coder", settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.article is None
    assert window.reader.placeholderText().startswith("Pick an article in the list")
    assert window.grab().save(str(shots / "window_first_view.png"))
    empty = create_project(tmp_path / "empty.stance")
    add_coder(empty, "Alice")
    bare = MainWindow(empty, "Alice", "coder", settings)
    qtbot.addWidget(bare)
    assert "File › Import articles…" in bare.reader.placeholderText()
    assert "stancecoder" not in bare.reader.placeholderText()
    empty.close()


def test_an_untitled_article_is_named_alike_in_the_list_and_the_header(
    window: MainWindow,
) -> None:
    untitled = [row for row in list_articles(window.project) if read_article(
        window.project, row.id).title is None]  # fmt: skip
    assert untitled, "the sample corpus has an article without a title"
    (row,) = untitled
    window.articles.select_article(row.id)
    assert window.article is not None and window.article.id == row.id
    assert f">{row.title}<" in window.header.text()
    assert "untitled" not in window.header.text()
