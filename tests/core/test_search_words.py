"""Which words the trigram index may answer for, and how they are put to it."""

from __future__ import annotations

import pytest

from stancecoder.core.search_words import (
    TOKEN_SEPARATORS,
    exact_in_index,
    fts_phrase,
    index_forms,
    like_forms,
    separators_pattern,
)


def test_like_forms_are_those_the_substring_search_tries() -> None:
    assert like_forms("treaty") == ["treaty"]
    assert like_forms("путин") == ["путин", "Путин", "ПУТИН"]
    assert like_forms("조약") == ["조약"]


@pytest.mark.parametrize(
    ("word", "forms", "exact"),
    [
        ("treaty", ["treaty"], True),
        ("50%", ["50%"], True),
        ("to", None, False),  # fewer than three characters: LIKE
        ("조약", None, False),
        ("ok\u212a", None, False),  # the Kelvin sign, which the index does not see
        ("congre\u017fs", None, False),  # nor the long s
        ("\ufffd\ufffd\ufffd", None, False),  # nor what stands in their place
        ("straße", ["straße", "Straße", "STRASSE"], False),  # LIKE checks what it finds
    ],
)
def test_index_forms(word: str, forms: list[str] | None, exact: bool) -> None:
    assert index_forms(word) == forms
    assert exact_in_index(word) is exact


def test_a_phrase_quotes_every_form_so_nothing_is_query_syntax() -> None:
    assert fts_phrase(['say "no"']) == '"say ""no"""'
    assert fts_phrase(["путин", "Путин"]) == '("путин" OR "Путин")'


def test_the_server_index_cuts_texts_exactly_where_typed_words_are_cut() -> None:
    """A typed word must never hold a character the index cuts at (else the index would
    miss it); cutting at every one of them keeps the tokens short."""
    cut = {chr(c) for c in range(0x110000) if len(f"a{chr(c)}b".split()) == 2}
    assert set(TOKEN_SEPARATORS) == cut


def test_the_separators_reach_the_server_as_ascii_escapes() -> None:
    pattern = separators_pattern()
    assert pattern.isascii()
    assert pattern.count("\\u") == len(TOKEN_SEPARATORS)
    assert "\\u3000" in pattern and "\\u0020" in pattern
