"""Whether a change set certainly left a coder's statuses as they were."""

from __future__ import annotations

from stancecoder.core.changes import Changes, assignment_key, status_kept

KEY = assignment_key(7, "Bob")


def test_a_coding_on_an_article_begun_keeps_the_statuses() -> None:
    changes = Changes(articles={7}, passages={1}, versions={"uid": 1, KEY: 3})
    assert status_kept(changes, 7, "Bob", 3)


def test_a_new_status_version_another_article_or_a_reload_may_change_them() -> None:
    assert not status_kept(Changes(articles={7}, versions={KEY: 4}), 7, "Bob", 3)
    assert not status_kept(Changes(articles={7, 8}, versions={KEY: 3}), 7, "Bob", 3)
    assert not status_kept(Changes(articles={7}, versions={KEY: 3}, reload=True), 7, "Bob", 3)


def test_without_the_coders_status_version_nothing_is_certain() -> None:
    assert not status_kept(Changes(articles={7}, passages={1}), 7, "Bob", 3)
    other = assignment_key(7, "Carol")
    assert not status_kept(Changes(articles={7}, versions={other: 3}), 7, "Bob", 3)
