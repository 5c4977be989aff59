"""The codebook editor on a real project, driven from the keyboard as a lead would."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QMessageBox

from stancecoder.core.codebook import iter_codes
from stancecoder.services.articles import list_articles
from stancecoder.services.codebook_edit import codebook_for_editing
from stancecoder.services.codebook_rows import apply_codebook
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.codings import add_passage
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.ui.codebook_editor.editor import CodebookEditor

ALT, CTRL, SHIFT = (
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
)

Opener = Callable[[], CodebookEditor]


@pytest.fixture
def open_editor(qtbot, ui_project: Project) -> Opener:
    """Opens the editor on `ui_project` as it is at the call (code passages first)."""

    def open_it() -> CodebookEditor:
        editor = CodebookEditor(ui_project)
        qtbot.addWidget(editor)
        with qtbot.waitActive(editor):
            editor.show()
            editor.activateWindow()
        return editor

    return open_it


def code_passage(project: Project, codes: dict[str, str], start: int = 0) -> int:
    article = list_articles(project)[0]
    add_passage(project, article.id, "Alice", start, start + 7, codes)
    return article.id


def labels(editor: CodebookEditor, parent: str | None = None) -> list[str]:
    variable = editor.variable
    codes = variable.codes
    if parent is not None:
        codes = next(c for _, c in iter_codes(variable) if c.label == parent).children
    return [c.label for c in codes]


def type_into_focus(qtbot, text: str) -> None:
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def save(qtbot, editor: CodebookEditor) -> None:
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.LeftButton)


def test_renaming_in_the_tree_keeps_the_codings(
    qtbot, ui_project: Project, open_editor: Opener
) -> None:
    article_id = code_passage(ui_project, {"actor": "Russia › Vladimir Putin"})
    editor = open_editor()
    uid = editor.select_code("Vladimir Putin")
    assert editor.tree.currentItem().text(2) == "1 coding"
    assert editor.details.usage.text() == "Used in 1 coding"

    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    type_into_focus(qtbot, "President Putin")
    qtbot.waitUntil(lambda: labels(editor, "Russia")[0] == "President Putin")
    assert editor.tree.item_of(uid).text(0) == "President Putin"
    assert editor.windowTitle() == "Codebook — unsaved changes"
    save(qtbot, editor)

    assert editor.result() == QDialog.DialogCode.Accepted
    view = codebook_view(ui_project)
    putin = next(c for c in view.variables[0].codes if c.label == "President Putin")
    assert putin.path == ("Russia", "President Putin")
    assert passages_of(ui_project, article_id, None)[0].codes == (putin.id,)


def test_add_reorder_and_reparent_then_save(
    qtbot, ui_project: Project, open_editor: Opener
) -> None:
    editor = open_editor()
    qtbot.keyClick(editor.variables, Qt.Key.Key_Down)  # actor -> topic
    assert editor.variable.name == "topic"
    editor.select_code("Sanctions")
    editor.tree.setFocus()

    qtbot.keyClick(editor.tree, Qt.Key.Key_N, CTRL)  # a new code after Sanctions, label open
    type_into_focus(qtbot, "Arms control")
    qtbot.waitUntil(lambda: "Arms control" in labels(editor))
    assert labels(editor)[:3] == ["Military cooperation", "Sanctions", "Arms control"]
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, ALT)
    assert labels(editor)[:3] == ["Military cooperation", "Arms control", "Sanctions"]

    picker = editor.structure.open_move_picker()
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter, "military")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert labels(editor, "Military cooperation") == ["Arms control"]
    assert editor.tree.currentItem().text(0) == "Arms control"
    save(qtbot, editor)

    topic = codebook_for_editing(ui_project).variables[1]
    assert [c.label for c in topic.codes[:2]] == ["Military cooperation", "Sanctions"]
    assert [c.label for c in topic.codes[0].children] == ["Arms control"]


def test_a_drop_in_the_middle_of_a_code_moves_the_dragged_code_under_it_not_into_itself(
    qtbot, open_editor: Opener
) -> None:
    editor = open_editor()
    tass = editor.select_code("TASS")
    kremlin = editor.tree.item_of(editor.select_code("Kremlin"))
    editor.tree.select(tass)
    rect = editor.tree.visualItemRect(kremlin)
    assert editor.tree.drop_target(QPoint(rect.center().x(), rect.top() + 1)) == (
        kremlin.parent().data(0, Qt.ItemDataRole.UserRole),
        2,  # before Kremlin, the third code under Russia
    )

    drop = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.MoveAction,
        QMimeData(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    editor.tree.dropEvent(drop)

    qtbot.waitUntil(lambda: labels(editor, "Kremlin") == ["TASS"])
    assert "TASS" not in labels(editor, "Russia")

    russia = editor.select_code("Russia")
    assert not editor.structure.move_to(russia, editor.select_code("TASS"))
    assert "‘Russia’ cannot be moved under itself" in editor.banner.text.text()
    assert labels(editor, "Kremlin") == ["TASS"]


def test_a_duplicate_label_is_refused_with_the_reason(qtbot, open_editor: Opener) -> None:
    editor = open_editor()
    editor.select_variable("stance")
    uid = editor.select_code("Negative")
    editor.details.label.setFocus()

    type_into_focus(qtbot, "Positive")

    assert editor.banner.isVisible()
    assert "label 'Positive' is already used by Positive" in editor.banner.text.text()
    assert editor.banner.text.text().startswith("Not changed. stance › Positive:")
    assert editor.tree.item_of(uid).text(0) == "Negative"
    assert editor.details.label.text() == "Negative"
    assert not editor.history.dirty


def test_a_shortcut_clash_is_refused_and_a_free_key_is_taken(qtbot, open_editor: Opener) -> None:
    editor = open_editor()
    editor.select_variable("topic")
    uid = editor.select_code("Sanctions")
    editor.details.shortcut.setFocus()

    qtbot.keyClick(editor.details.shortcut, Qt.Key.Key_1, ALT)

    message = editor.banner.text.text()
    assert "shortcut 'Alt+1' is already used by topic › Military cooperation" in message
    assert editor.tree.item_of(uid).text(1) == "Alt+2"

    qtbot.keyClick(editor.details.shortcut, Qt.Key.Key_S, ALT | SHIFT)

    assert editor.tree.item_of(uid).text(1) == "Alt+Shift+S"
    assert not editor.banner.isVisible()


def test_deleting_a_used_code_is_refused_and_merging_moves_its_codings(
    qtbot, ui_project: Project, open_editor: Opener
) -> None:
    article_id = code_passage(ui_project, {"topic": "Sanctions"})
    editor = open_editor()
    editor.select_variable("topic")
    editor.fields.set_colour(editor.select_code("Other"), "#336699")  # an edit before the merge
    editor.select_code("Sanctions")
    editor.tree.setFocus()

    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)

    assert "‘Sanctions’ is used by 1 coding, so it cannot be deleted" in editor.banner.text.text()
    assert editor.banner.merge.isVisible()
    assert "Sanctions" in labels(editor)

    qtbot.mouseClick(editor.banner.merge, Qt.LeftButton)
    picker = editor.structure.picker
    assert picker is not None and "cannot be undone" in picker.explanation.text()
    qtbot.keyClicks(picker.filter, "diplomacy")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)

    diplomacy = next(
        c for c in codebook_view(ui_project).variables[1].codes if c.label.startswith("Dipl")
    )
    assert passages_of(ui_project, article_id, None)[0].codes == (diplomacy.id,)
    assert "Sanctions" not in labels(editor)
    assert editor.tree.currentItem().text(2) == "1 coding"
    assert editor.changes is not None and editor.changes.removed == ["topic: Sanctions"]

    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)  # undoes the colour, not the merge
    assert "Sanctions" not in labels(editor)
    assert next(c.colour for c in editor.variable.codes if c.label == "Other") == "#e0e0e0"


def test_a_parent_whose_sub_code_is_used_cannot_be_deleted(
    qtbot, ui_project: Project, open_editor: Opener
) -> None:
    code_passage(ui_project, {"actor": "Russia › Kremlin"})
    editor = open_editor()
    editor.select_code("Russia")

    assert not editor.structure.delete_current()

    assert "its sub-code ‘Kremlin’ is used by 1 coding" in editor.banner.text.text()
    assert not editor.banner.merge.isVisible()
    assert "Russia" in labels(editor)


def test_every_change_is_undone_and_redone_from_the_keyboard(qtbot, open_editor: Opener) -> None:
    editor = open_editor()
    tass = editor.select_code("TASS")
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert "TASS" not in labels(editor, "Russia")
    assert editor.tree.currentItem().text(0) == "Russian foreign ministry"  # the one above

    editor.select_code("Kremlin")
    qtbot.keyClicks(editor.details.description, " Also the presidential staff.")
    editor.tree.setFocus()
    assert labels(editor, "Russia") == [
        "Vladimir Putin", "Yuri Ushakov", "Kremlin", "Russian foreign ministry",
    ]  # fmt: skip

    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)  # all the typing is one step
    kremlin = editor.variable.codes[0].children[2]
    assert kremlin.description.startswith("The Russian presidency")
    assert not kremlin.description.endswith("staff.")
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL)
    assert labels(editor, "Russia")[-1] == "TASS"
    assert editor.tree.item_of(tass) is not None
    assert not editor.history.dirty

    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, CTRL | SHIFT)
    assert "TASS" not in labels(editor, "Russia")
    assert editor.commands.undo.toolTip() == "Undo: delete ‘TASS’"


def test_values_on_a_scale_are_checked_and_new_codes_get_the_next_one(
    qtbot, open_editor: Opener
) -> None:
    editor = open_editor()
    editor.select_variable("stance")
    editor.select_code("Positive")
    assert editor.details.value.text() == "1"
    assert not editor.commands.add_sub.isEnabled()

    editor.details.value.setFocus()
    type_into_focus(qtbot, "0")
    assert "value 0 is already used by Neutral / ambivalent" in editor.banner.text.text()
    type_into_focus(qtbot, "1.5")
    assert editor.variable.codes[3].value == 1.5

    uid = editor.select_code("Strongly positive")
    editor.structure.add_code()
    type_into_focus(qtbot, "Enthusiastic")
    qtbot.waitUntil(lambda: labels(editor)[-1] == "Enthusiastic")
    assert editor.variable.codes[-1].value == 3.0
    assert editor.variable.codes[-2].uid == uid


def test_an_invalid_codebook_on_disk_is_shown_and_not_saved_until_fixed(
    qtbot, ui_project: Project, open_editor: Opener
) -> None:
    spec = codebook_for_editing(ui_project)
    spec.variables[1].codes[1].shortcut = "Alt+1"  # Sanctions clashes with Military coop.
    with ui_project.transaction() as session:
        apply_codebook(session, spec)  # written as an older version might have
    editor = open_editor()
    assert "cannot be saved yet" in editor.banner.text.text()

    editor.version.setFocus()
    type_into_focus(qtbot, "2.0")
    save(qtbot, editor)

    assert editor.isVisible()
    assert editor.banner.text.text().startswith("Nothing was saved. topic › Sanctions: shortcut")
    assert codebook_for_editing(ui_project).version == "1.0"

    editor.select_variable("topic")
    editor.fields.set_shortcut(editor.select_code("Sanctions"), None)
    assert not editor.banner.isVisible()
    qtbot.keyClick(editor.tree, Qt.Key.Key_S, CTRL)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert codebook_for_editing(ui_project).version == "2.0"
    assert editor.changes is not None and editor.changes.version == "2.0"


def test_cancel_asks_before_unsaved_changes_are_lost(
    qtbot, ui_project: Project, open_editor: Opener
) -> None:
    editor = open_editor()
    editor.fields.set_colour(editor.select_code("Japan"), "#000000")

    qtbot.keyClick(editor.tree, Qt.Key.Key_Escape)

    question = editor.question
    assert question is not None and question.isVisible() and editor.isVisible()

    qtbot.mouseClick(question.button(QMessageBox.StandardButton.Discard), Qt.LeftButton)
    assert editor.result() == QDialog.DialogCode.Rejected and not editor.isVisible()
    assert editor.changes is None
    japan = next(
        c for c in codebook_for_editing(ui_project).variables[0].codes if c.label == "Japan"
    )
    assert japan.colour == "#fddaec"


def test_screenshots_with_real_codings(
    qtbot,
    ui_project: Project,
    open_editor: Opener,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
) -> None:
    topics = ["Sanctions", "Military cooperation", "Strategic partnership treaty"]
    for n in range(12):
        codes = {"actor": "Russia › Vladimir Putin", "topic": topics[n % 3]}
        code_passage(ui_project, codes, start=n * 10)
    code_passage(ui_project, {"actor": "North Korea › Kim Jong-un"}, start=200)
    for name, dark, variable, code in (
        ("codebook_editor", False, "actor", "Vladimir Putin"),
        ("codebook_editor-dark", True, "topic", "Sanctions"),
    ):
        with themed(dark):
            editor = open_editor()
            editor.select_variable(variable)
            editor.select_code(code)
            QApplication.processEvents()  # lets the form lay out the texts it was given
            shot = shots / f"{name}.png"
            assert editor.grab().save(str(shot))
            assert shot.stat().st_size > 10_000
            editor.close()
