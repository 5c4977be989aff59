"""A passage named by its words and a little of the text around it."""

from __future__ import annotations

from stancecoder.core.context import elide_middle, in_context

TEXT = (
    "Russian President Vladimir Putin arrived in Pyongyang late on Tuesday\n\n"
    "for talks with Kim Jong Un, the first visit in 24 years."
)


def test_the_quote_with_words_either_side_cut_at_words() -> None:
    start = TEXT.index("Pyongyang")
    shown = in_context(TEXT, start, start + len("Pyongyang"), around=20)
    assert shown.quote == "Pyongyang"
    assert shown.before == "…Putin arrived in "
    assert shown.after == " late on Tuesday…"
    assert shown.plain() == "…Putin arrived in “Pyongyang” late on Tuesday…"


def test_at_the_edges_of_the_article_nothing_is_marked_as_going_on() -> None:
    shown = in_context(TEXT, 0, len("Russian President"), around=20)
    assert shown.before == "" and shown.after.endswith("…")
    end = len(TEXT)
    shown = in_context(TEXT, end - len("24 years."), end, around=20)
    assert shown.after == "" and shown.before.startswith("…")


def test_line_breaks_read_as_spaces() -> None:
    start = TEXT.index("Tuesday")
    shown = in_context(TEXT, start, start + len("Tuesday\n\nfor talks"))
    assert shown.quote == "Tuesday for talks" and "\n" not in shown.plain()


def test_a_long_quote_keeps_its_first_and_last_words() -> None:
    words = " ".join(f"word{n}" for n in range(40))
    short = elide_middle(words, 40)
    assert short.startswith("word0 ") and short.endswith(" word39") and " … " in short
    assert len(short) <= 40
    assert elide_middle("brief", 40) == "brief"
