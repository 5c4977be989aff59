"""Reading the attributes an import stored, whatever a hand-edited project holds there."""

from __future__ import annotations

import pytest

from stancecoder.core.attributes import headline_attributes, read_attributes


def test_an_object_of_strings_is_read_as_it_is() -> None:
    extra = '{"section": "World", "length": "812 words", "région": "Île-de-France"}'
    assert read_attributes(extra) == {
        "section": "World",
        "length": "812 words",
        "région": "Île-de-France",
    }


@pytest.mark.parametrize("extra", ["", None, "not json", "[1, 2]", '"text"', "{"])
def test_what_is_not_an_object_counts_as_no_attributes(extra: str | None) -> None:
    assert read_attributes(extra) == {}


def test_other_values_are_written_out_and_empty_ones_left_out() -> None:
    extra = '{"pages": 3, "tags": ["a", "b"], "none": null, "blank": ""}'
    assert read_attributes(extra) == {"pages": "3", "tags": '["a", "b"]'}


def test_the_section_heads_the_line() -> None:
    assert headline_attributes({"length": "9 words", "section": "Politics"}) == ["Politics"]
    assert headline_attributes({"length": "9 words"}) == []
