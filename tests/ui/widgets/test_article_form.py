"""The article-level form: genre and the like, coded once per article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from stancecoder.core.codebook_view import CodebookView
from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.project import create_project
from stancecoder.ui.widgets.article_form import ArticleForm
from stancecoder.ui.widgets.code_picker import CodePicker

pytestmark = pytest.mark.qt_log_ignore("does not support grabbing the keyboard", extend=True)

PASSAGE_ONLY = """
name: Passages only
version: "1"
variables:
  - name: actor
    level: nominal
    codes: [{label: Russia}]
"""


@pytest.fixture
def form(qtbot, codebook: CodebookView) -> ArticleForm:
    form = ArticleForm()
    qtbot.addWidget(form)
    form.set_codebook(codebook)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_one_field_per_article_variable(form) -> None:
    assert list(form.fields) == ["genre"]
    assert isinstance(form.fields["genre"], CodePicker)


def test_picking_a_genre_by_keyboard_emits_the_change(
    qtbot, form, code_id: Callable[..., int]
) -> None:
    genre = form.fields["genre"]
    qtbot.keyClicks(genre.search, "analy")
    with qtbot.waitSignal(form.codesChanged) as emitted:
        qtbot.keyClick(genre.search, Qt.Key.Key_Return)
    assert emitted.args == [{"genre": [code_id("genre", "News analysis")]}]


def test_loading_codes_shows_them_without_emitting(
    qtbot, form, code_id: Callable[..., int]
) -> None:
    report = code_id("genre", "News report")
    with qtbot.assertNotEmitted(form.codesChanged):
        form.load({"genre": [report]})
    assert form.codes() == {"genre": [report]}
    form.load({})
    assert form.codes() == {"genre": []}


def test_removing_the_genre_emits_an_empty_list(qtbot, form, code_id: Callable[..., int]) -> None:
    form.load({"genre": [code_id("genre", "Interview")]})
    with qtbot.waitSignal(form.codesChanged) as emitted:
        qtbot.keyClick(form.fields["genre"].search, Qt.Key.Key_Backspace)
    assert emitted.args == [{"genre": []}]


def test_choose_code_takes_article_codes_only(qtbot, form, code_id: Callable[..., int]) -> None:
    opinion = code_id("genre", "Opinion / commentary")
    with qtbot.waitSignal(form.codesChanged):
        assert form.choose_code(opinion)
    assert form.codes() == {"genre": [opinion]}
    assert not form.choose_code(code_id("stance", "Negative"))
    form.setEnabled(False)
    assert not form.choose_code(opinion)


def test_status_is_shown_in_words(form) -> None:
    assert form.status.text() == "To do"
    form.set_status("doing")
    assert form.status.text() == "Doing"
    form.set_status("done")
    assert form.status.text() == "Done"
    with pytest.raises(ValueError, match="unknown status 'finished'"):
        form.set_status("finished")


def test_a_codebook_without_article_variables_says_so(qtbot, form, tmp_path: Path) -> None:
    source = tmp_path / "passages.yaml"
    source.write_text(PASSAGE_ONLY, encoding="utf-8")
    with create_project(tmp_path / "p.stance", codebook=source) as project:
        form.set_codebook(codebook_view(project))
    assert form.fields == {}
    texts = [label.text() for label in form.findChildren(QLabel) if label.isVisibleTo(form)]
    assert "This codebook has no article-level variables." in texts
    assert form.codes() == {}


def test_a_status_reads_the_same_on_the_form_and_in_the_article_list(form) -> None:
    from stancecoder.core.status import Status
    from stancecoder.ui.workbench.article_table import STATUS_NAMES

    for status in Status:
        form.set_status(status)
        assert form.status.text() == STATUS_NAMES[status] == status.label
