"""Column names for SPSS, Stata and R: each case of a name a program refuses, and for any
list of words at all, names that are valid, unique without case, and the same every time."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stancecoder.core.stats_export.names import program_names, slug
from stancecoder.core.stats_export.programs import SPSS, STATA, Program, R

PROGRAMS = [SPSS, STATA, R]
VALID = re.compile(r"[a-z][a-z0-9_]*")


def names(words: list[str], program: Program) -> list[str]:
    return [n.name for n in program_names(words, program)]


def reasons(words: str, program: Program) -> tuple[str, ...]:
    return program_names([words], program)[0].reasons


def test_words_become_lower_case_ascii_with_single_underscores() -> None:
    assert slug("South Korea") == "south_korea"
    assert slug("  Author (no attribution) ") == "author_no_attribution"
    assert slug("Russia › Vladimir Putin") == "russia_vladimir_putin"
    assert slug("De-dollarization & payments") == "de_dollarization_payments"


def test_other_scripts_and_accents_are_spelled_in_ascii_and_said() -> None:
    [russia, korea, cafe] = program_names(["Россия", "북한", "Café"], STATA)
    assert (russia.name, korea.name, cafe.name) == ("rossiya", "bughan", "cafe")
    assert all(n.reasons == ("spelled in ASCII",) for n in (russia, korea, cafe))


def test_plain_spelling_changes_are_not_reported() -> None:
    assert reasons("South Korea", SPSS) == ()
    assert reasons("n_topic_Sanctions", STATA) == ()


def test_a_name_begins_with_a_letter() -> None:
    assert names(["1961 treaty", "_private", "—"], STATA) == ["v_1961_treaty", "private", "v"]
    assert reasons("1961 treaty", SPSS) == ("a name begins with a letter",)
    assert reasons("—", R) == ("no letter or digit to name it by",)


@pytest.mark.parametrize(
    ("program", "word"),
    [(SPSS, "WITH"), (SPSS, "and"), (SPSS, "To"), (STATA, "if"), (STATA, "in"),
     (STATA, "long"), (STATA, "str80"), (STATA, "strL"), (R, "function"), (R, "in")],
)  # fmt: skip
def test_reserved_words_get_a_prefix(program: Program, word: str) -> None:
    [naming] = program_names([word], program)
    assert naming.name == "v_" + word.lower()
    assert naming.reasons == (f"a word reserved by {program.name}",)


def test_words_reserved_elsewhere_stay() -> None:
    assert names(["with", "if", "long"], R) == ["with", "v_if", "long"]
    assert names(["if", "long"], SPSS) == ["if", "long"]


def test_long_names_are_cut_to_the_program_s_length() -> None:
    words = "mean_stance_topic_De-dollarization and alternative payments"
    [stata] = program_names([words], STATA)
    [spss] = program_names([words], SPSS)
    assert stata.name == "mean_stance_topic_de_dollarizati"
    assert stata.reasons == ("cut to 32 characters",)
    assert spss.name == slug(words) and spss.reasons == ()  # 59 characters fit in 64


def test_a_cut_never_ends_in_an_underscore() -> None:
    [naming] = program_names(["a" * 31 + " bcd"], STATA)
    assert naming.name == "a" * 31


def test_collisions_after_cutting_get_numbered_suffixes_in_column_order() -> None:
    stem = "n_topic_nuclear_and_missile_programme"
    words = [f"{stem} one", f"{stem} two", f"{stem} three", "n_topic_nuclear_and_missile_pr_2"]
    found = program_names(words, STATA)
    assert [n.name for n in found] == [
        "n_topic_nuclear_and_missile_prog",
        "n_topic_nuclear_and_missile_pr_2",
        "n_topic_nuclear_and_missile_pr_3",
        "n_topic_nuclear_and_missile_pr_4",  # its own words were taken by the second
    ]
    assert found[1].reasons == ("cut to 32 characters", "another column had the name")


def test_names_alike_but_for_case_and_punctuation_are_kept_apart() -> None:
    assert names(["Stance", "stance", "STANCE!", "stance_2"], SPSS) == [
        "stance", "stance_2", "stance_3", "stance_2_2",
    ]  # fmt: skip


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.name)
@given(words=st.lists(st.text(max_size=80), max_size=25))
def test_any_words_become_valid_unique_names(program: Program, words: list[str]) -> None:
    found = names(words, program)
    assert len(found) == len(words)
    for name in found:
        assert VALID.fullmatch(name), name
        assert len(name) <= program.max_name
        assert not program.is_reserved(name)
    assert len({name.casefold() for name in found}) == len(found)
    assert names(words, program) == found
