"""Samples and assignments as the lead and the coders meet them: drawn, listed, closed,
split, and a coder's own articles with their progress, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from stancecoder.core.changes import Changes
from stancecoder.core.errors import ValidationError
from stancecoder.services.agreement.adjudication import consensus_coder
from stancecoder.services.articles import list_articles
from stancecoder.services.coders import add_coder
from stancecoder.services.codings import add_passage, set_status
from stancecoder.services.corpus import import_corpus
from stancecoder.services.passages import passages_of
from stancecoder.services.project import Project
from stancecoder.services.samples import close_round, draw_sample, list_rounds, progress
from stancecoder.ui.common.changes_bus import bus_of
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.samples.dialog import SamplesDialog
from stancecoder.ui.samples.tree import ALL_ASSIGNED, ARTICLES, NAME, PROGRESS, STATE
from stancecoder.ui.workbench.main_window import MainWindow

ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier
SOURCES = ["Daily A", "Daily B", "Weekly C"]


@pytest.fixture
def corpus(project: Project, tmp_path: Path) -> Project:
    """Thirty short articles from three sources; Alice leads, Bob and Carol code."""
    path = tmp_path / "news.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "source", "published", "text"])
        for number in range(1, 31):
            text = f"Report {number}: Vladimir Putin met Kim Jong Un in Pyongyang. Talks went on."
            source = SOURCES[number % 3]
            writer.writerow([f"Report {number}", source, f"2024-06-{number:02d}", text])
    assert import_corpus(project, [path]).ok
    add_coder(project, "Alice", role="lead")
    add_coder(project, "Bob")
    add_coder(project, "Carol")
    return project


@pytest.fixture
def open_dialog(qtbot: QtBot, corpus: Project) -> Callable[[], SamplesDialog]:
    def open_it() -> SamplesDialog:
        dialog = SamplesDialog(corpus)
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        return dialog

    return open_it


def window_for(qtbot: QtBot, project: Project, coder: str, role: str, folder: Path) -> MainWindow:
    settings = AppSettings(QSettings(str(folder / f"{coder}.ini"), QSettings.Format.IniFormat))
    window = MainWindow(project, coder, role=role, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def answer_box(collected: list[str]) -> None:
    """Reads and closes the message box a refusal opens (it blocks until answered)."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        collected.append(box.text())
        box.accept()
    else:
        QTimer.singleShot(20, lambda: answer_box(collected))


def rows(dialog: SamplesDialog) -> dict[str, tuple[str, ...]]:
    """Every top-level row by its name: state, article count, progress text."""
    tree = dialog.tree
    found = {}
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        found[item.text(NAME)] = (item.text(STATE), item.text(ARTICLES), item.text(PROGRESS))
    return found


def children(dialog: SamplesDialog, name: str) -> dict[str, tuple[str, str]]:
    tree = dialog.tree
    item = next(
        tree.topLevelItem(r)
        for r in range(tree.topLevelItemCount())
        if tree.topLevelItem(r).text(NAME) == name
    )
    return {
        item.child(c).text(NAME): (item.child(c).text(ARTICLES), item.child(c).text(PROGRESS))
        for c in range(item.childCount())
    }


def test_draw_a_sample_from_the_keyboard(
    qtbot: QtBot, corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    dialog = open_dialog()
    assert rows(dialog) == {}
    assert "No samples yet" in dialog.details.text()
    changes: list[Changes] = []
    bus_of(corpus).changed.connect(changes.append)

    qtbot.keyClick(dialog.tree, Qt.Key.Key_D, ALT)  # a button's key clicks it a moment later
    qtbot.waitUntil(lambda: dialog.draw_dialog is not None)
    form = dialog.draw_dialog
    assert form is not None and form.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)  # its keys work from now
    assert form.name.text() == "training 1" and form.available.text() == "3 of 30 articles"
    qtbot.keyClicks(form.name, "pilot round")  # the suggestion is selected: typing replaces it
    qtbot.keyClick(form.name, Qt.Key.Key_O, ALT)  # Count
    qtbot.waitUntil(form.by_count.isChecked)
    qtbot.keyClick(form.by_count, Qt.Key.Key_Tab)
    assert form.count.hasFocus()
    form.count.selectAll()
    qtbot.keyClicks(form.count, "6")
    assert form.available.text() == "6 of 30 articles"
    assert form.coders.checked() == ["Bob", "Carol"]  # Alice leads: not ticked at first
    assert form.coders.item(0).text() == "Alice  (lead)"
    form.coders.setFocus()
    form.coders.setCurrentRow(2)  # Carol
    qtbot.keyClick(form.coders, Qt.Key.Key_Space)
    form.coders.setCurrentRow(0)  # Alice
    qtbot.keyClick(form.coders, Qt.Key.Key_Space)
    assert form.coders.checked() == ["Alice", "Bob"]
    qtbot.keyClick(form.coders, Qt.Key.Key_E, ALT)
    assert form.seed.hasFocus()
    qtbot.keyClicks(form.seed, "42")
    qtbot.keyClick(form.seed, Qt.Key.Key_Return)

    assert not form.isVisible() and changes == [Changes(reload=True)]
    assert not hasattr(dialog, "changed")  # the bus is the only way out
    (info,) = list_rounds(corpus)
    assert (info.name, info.seed, info.coders, len(info.article_ids)) == (
        "pilot round", 42, ("Alice", "Bob"), 6,
    )  # fmt: skip
    assert rows(dialog)["pilot round"] == ("Open: blind", "6", "0 of 12 done")
    assert children(dialog, "pilot round") == {
        "Alice": ("6", "0 of 6 done"), "Bob": ("6", "0 of 6 done"),
    }  # fmt: skip
    assert dialog.tree.selected_round() == "pilot round"
    assert "seed 42" in dialog.details.text() and "Alice, Bob" in dialog.details.text()
    assert dialog.message.text().startswith("Drew “pilot round” for Alice, Bob: 6 of 30")


def test_a_generated_seed_is_shown_and_the_next_name_suggested(
    qtbot: QtBot, corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    draw_sample(corpus, "training 1", count=3, coders=["Bob", "Carol"], seed=1)
    dialog = open_dialog()
    form = dialog.draw()
    assert form.name.text() == "training 2"
    assert form.available.text() == "3 of 27 articles"  # earlier samples left out
    form.exclude.setChecked(False)
    assert form.available.text() == "3 of 30 articles" and form.count.maximum() == 30
    form.share.setValue(12.5)
    assert form.available.text() == "4 of 30 articles"  # 3.75, rounded half up
    form.share.setValue(10.0)
    form.kind.setCurrentIndex(form.kind.findData("final"))
    assert form.name.text() == "final"
    form.stratify.setCurrentIndex(form.stratify.findData("source"))
    assert form.share.value() == 10.0 and form.by_share.isChecked()
    qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)

    final = list_rounds(corpus)[-1]
    assert (final.name, final.kind, len(final.article_ids)) == ("final", "final", 3)
    assert f"seed {final.seed}" in dialog.message.text()
    assert f"seed {final.seed}" in dialog.details.text()
    assert "stratified proportionally by source" in final.description
    assert final.coders == ("Bob", "Carol")  # every coder is ticked at first, the lead not


def test_a_refused_draw_says_why_and_keeps_the_form(
    qtbot: QtBot, corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    draw_sample(corpus, "training 1", count=3, coders=["Bob", "Carol"], seed=1)
    dialog = open_dialog()
    form = dialog.draw()
    form.name.setText("training 1")
    form.seed.setText("7")
    said: list[str] = []
    QTimer.singleShot(20, lambda: answer_box(said))
    qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)
    assert said == ["there is already a sample called 'training 1'"]
    assert form.isVisible() and form.name.text() == "training 1" and form.seed.text() == "7"
    assert [info.name for info in list_rounds(corpus)] == ["training 1"]
    assert sum(row.assigned for row in progress(corpus)) == 6  # nothing half drawn

    form.coders.item(0).setCheckState(Qt.CheckState.Unchecked)
    form.coders.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert not form.draw_button.isEnabled()
    assert "at least two" in form.draw_button.toolTip()
    form.seed.clear()
    qtbot.keyClicks(form.seed, "x-3.5")
    assert form.seed.text() == "35"  # the validator takes whole numbers only


def test_close_a_sample_after_confirming(
    qtbot: QtBot, corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    draw_sample(corpus, "training 1", count=4, coders=["Alice", "Bob"], seed=1)
    draw_sample(corpus, "training 2", count=4, coders=["Bob", "Carol"], seed=2)
    dialog = open_dialog()
    assert dialog.tree.selected_round() == "training 2"  # the newest
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    assert dialog.close_button.isEnabled()

    qtbot.keyClick(dialog.tree, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(lambda: dialog.confirm is not None)
    box = dialog.confirm
    assert box is not None and "Close “training 1”? Its 4 articles" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert all(info.is_open for info in list_rounds(corpus))

    box = dialog.ask_to_close()
    assert box is not None
    confirm = next(b for b in box.buttons() if b.text() == "Close sample")
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert [info.is_open for info in list_rounds(corpus)] == [False, True]
    assert rows(dialog)["training 1"][0].startswith("Closed 20")
    assert rows(dialog)["training 2"][0] == "Open: blind"
    assert dialog.tree.selected_round() == "training 1"
    assert not dialog.close_button.isEnabled() and dialog.ask_to_close() is None
    assert "closed" in dialog.details.text() and "no longer coded blind" in dialog.message.text()


def test_progress_per_sample_and_coder(
    corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    first = draw_sample(corpus, "training 1", count=4, coders=["Alice", "Bob"], seed=1)
    draw_sample(corpus, "final", count=5, coders=["Bob", "Carol"], seed=2, kind="final")
    set_status(corpus, first.article_ids[0], "Bob", "done")
    add_passage(corpus, first.article_ids[1], "Bob", 0, 6, {})  # begun
    dialog = open_dialog()
    assert rows(dialog)["training 1"] == ("Open: blind", "4", "1 of 8 done · 1 doing")
    assert children(dialog, "training 1") == {
        "Alice": ("4", "0 of 4 done"), "Bob": ("4", "1 of 4 done · 1 doing"),
    }  # fmt: skip
    assert children(dialog, ALL_ASSIGNED) == {
        "Alice": ("4", "0 of 4 done"),
        "Bob": ("9", "1 of 9 done · 1 doing"),
        "Carol": ("5", "0 of 5 done"),
    }
    assert list(rows(dialog)) == ["training 1", "final", ALL_ASSIGNED]


def test_split_the_rest_with_a_seed(
    qtbot: QtBot, corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    draw_sample(corpus, "training 1", count=6, coders=["Alice", "Bob"], seed=1)
    dialog = open_dialog()
    qtbot.keyClick(dialog.tree, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: dialog.split_dialog is not None)
    form = dialog.split_dialog
    assert form is not None and form.intro.text().startswith("24 articles are in no open sample")
    assert form.coders.checked() == ["Bob", "Carol"]  # Alice leads: not ticked at first
    form.seed.setText("5")
    qtbot.mouseClick(form.split_button, Qt.MouseButton.LeftButton)

    assert dialog.message.text() == "Split 24 articles: Bob 12, Carol 12."
    assert {row.coder: row.assigned for row in progress(corpus)} == {
        "Alice": 6, "Bob": 18, "Carol": 12,
    }  # fmt: skip
    assert children(dialog, ALL_ASSIGNED)["Carol"] == ("12", "0 of 12 done")
    again = dialog.split()
    assert again.intro.text().startswith("Every article is in an open sample or assigned")
    assert not again.split_button.isEnabled()


def test_the_lead_draws_from_the_window_and_the_sample_is_blind_at_once(
    qtbot: QtBot, corpus: Project, tmp_path: Path
) -> None:
    first = list_articles(corpus)[0].id
    add_passage(corpus, first, "Bob", 0, 6, {})
    window = window_for(qtbot, corpus, "Alice", "lead", tmp_path)
    window.articles.select_article(first)
    assert [p.coder for p in window.passages] == ["Bob"]
    assert "Ctrl+Shift+A" in [keys for _menu, _text, keys in window.registry.shortcut_rows()]

    def draw_everything() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SamplesDialog)
        form = dialog.draw()
        form.by_share.setChecked(True)
        form.share.setValue(100.0)
        form.draw_button.click()
        seen.append(window.passages)
        dialog.reject()

    seen: list = []
    QTimer.singleShot(20, draw_everything)
    qtbot.keyClick(window.reader, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert seen == [[]]  # refreshed while the dialog was still open: Bob's passage hidden
    assert window.passages == [] and len(passages_of(corpus, first, None)) == 1


def test_a_coder_sees_their_assignments_and_progress(
    qtbot: QtBot, corpus: Project, tmp_path: Path
) -> None:
    sample = draw_sample(corpus, "training 1", count=5, coders=["Bob", "Carol"], seed=3)
    window = window_for(qtbot, corpus, "Bob", "coder", tmp_path)
    assert "samples" not in window.registry.specs  # the lead's
    panel = window.articles
    assert panel.mine.isChecked()  # articles to do: only those at first
    assert [row.id for row in panel.shown()] == list(sample.article_ids)
    assert panel.count.text() == "5 articles assigned to you"
    assert "0 of 5 assigned done" in window.status.text()

    panel.select_article(sample.article_ids[0])
    qtbot.keyClick(window.reader, Qt.Key.Key_D, CTRL)
    assert "1 of 5 assigned done" in window.status.text()
    assert window.article is not None and window.article.id == sample.article_ids[1]
    assert "4 to do, 0 doing, 1 done" in window.status.toolTip()

    qtbot.keyClick(window.reader, Qt.Key.Key_M, ALT)  # untick: the whole corpus
    qtbot.waitUntil(lambda: not panel.mine.isChecked())
    assert len(panel.shown()) == 30
    close_round(corpus, "training 1")
    qtbot.keyClick(window.reader, Qt.Key.Key_F5)
    assert "1 of 5 assigned done" in window.status.text()


def test_coding_begins_an_article_once_and_the_status_bar_follows_each_time(
    qtbot: QtBot, corpus: Project, tmp_path: Path
) -> None:
    """The first coding moves the article from to do to doing; later ones change no status,
    and the window does not count the statuses again for them, but still shows them right."""
    sample = draw_sample(corpus, "training 1", count=5, coders=["Bob", "Carol"], seed=3)
    window = window_for(qtbot, corpus, "Bob", "coder", tmp_path)
    window.articles.select_article(sample.article_ids[0])
    actor = window.codebook.passage_variables()[0].codes[0].id
    for start, doing in ((0, 1), (10, 1), (20, 1)):
        window.reader.select_span(start, start + 6)
        window.panel.choose_code(actor)
        window.commands.save_coding()
        assert f"4 to do, {doing} doing, 0 done" in window.status.toolTip()
    assert len(passages_of(corpus, sample.article_ids[0], None)) == 3


def test_no_filter_and_no_progress_without_assignments(
    qtbot: QtBot, corpus: Project, tmp_path: Path
) -> None:
    window = window_for(qtbot, corpus, "Carol", "coder", tmp_path)
    assert not window.articles.mine.isChecked() and len(window.articles.shown()) == 30
    assert "assigned" not in window.status.text()
    window.articles.mine.setChecked(True)
    assert window.articles.count.text() == "No articles are assigned to you yet"
    draw_sample(corpus, "training 1", count=4, coders=["Bob", "Carol"], seed=3)
    window.refresh()  # F5: what the lead did meanwhile
    assert len(window.articles.shown()) == 4
    assert "0 of 4 assigned done" in window.status.text()


def test_screenshots_light_and_dark(
    qtbot: QtBot,
    corpus: Project,
    themed: Callable[..., AbstractContextManager[None]],
    shots: Path,
) -> None:
    first = draw_sample(corpus, "training 1", count=6, coders=["Alice", "Bob", "Carol"], seed=11)
    second = draw_sample(corpus, "final", share=0.2, coders=["Bob", "Carol"], seed=12,
                         stratify_by="source", kind="final")  # fmt: skip
    for article in first.article_ids:
        for coder in ("Alice", "Bob", "Carol"):
            set_status(corpus, article, coder, "done")
    close_round(corpus, "training 1")
    for article in second.article_ids[:3]:
        set_status(corpus, article, "Bob", "done")
    set_status(corpus, second.article_ids[3], "Carol", "doing")
    for dark, name in ((False, "samples_dialog.png"), (True, "samples_dialog_dark.png")):
        with themed(dark):
            dialog = SamplesDialog(corpus)
            qtbot.addWidget(dialog)
            dialog.resize(900, 540)
            dialog.show()
            qtbot.waitExposed(dialog)
            assert "(seed 12)" in dialog.details.text()  # the newest, selected
            assert dialog.grab().save(str(shots / name))
            for form in (dialog.draw(), dialog.split()):
                qtbot.waitExposed(form)
                form_name = name.replace("dialog", type(form).__name__.lower())
                assert form.grab().save(str(shots / form_name))
                form.reject()
            dialog.close()
        assert (shots / name).stat().st_size > 10_000


def test_the_consensus_layer_is_no_coder_to_assign_or_count(
    corpus: Project, open_dialog: Callable[[], SamplesDialog]
) -> None:
    """Adjudication writes its consensus under a coder of its own; a lead drawing a sample
    never sees it as a person to tick, and no assignment table counts it."""
    assert consensus_coder(corpus) == "Consensus"
    draw_sample(corpus, "training 1", count=4, coders=["Bob", "Carol"], seed=1)
    dialog = open_dialog()
    for form in (dialog.draw(), dialog.split()):
        names = [form.coders.item(row).text() for row in range(form.coders.count())]
        assert names == ["Alice  (lead)", "Bob", "Carol"]
        form.reject()
    assert "Consensus" not in children(dialog, ALL_ASSIGNED)
    assert [row.coder for row in progress(corpus)] == ["Alice", "Bob", "Carol"]
    with pytest.raises(ValidationError, match="consensus"):
        draw_sample(corpus, "training 2", count=2, coders=["Bob", "Consensus"])


def test_the_attributes_found_are_offered_as_strata(qtbot: QtBot, attributed: Project) -> None:
    add_coder(attributed, "Bob")
    dialog = SamplesDialog(attributed)
    qtbot.addWidget(dialog)
    form = dialog.draw()
    offered = [form.stratify.itemData(i) for i in range(form.stratify.count())]
    assert offered[-3:] == ["attribute:length", "attribute:region", "attribute:section"]
    form.by_count.setChecked(True)
    form.count.setValue(4)
    form.stratify.setCurrentIndex(form.stratify.findData("attribute:region"))
    qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)
    (drawn,) = list_rounds(attributed)
    # regions: none 2, Asia 1, Europe 2 → shares 1.6, .8, 1.6, floors 1, 0, 1; the two left
    # go to Asia (.8) and, of the tied .6, to "(none)", which sorts first
    assert "by the attribute 'region' ((none): 2, Asia: 1, Europe: 1)" in drawn.description
