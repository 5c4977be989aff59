"""A history row's change in words, the codebook's parts compared, and --since read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stancecoder.core.codebook_model import CodebookSpec, CodeSpec, VariableSpec
from stancecoder.core.errors import ValidationError
from stancecoder.core.history import codebook_changes, describe_change, parse_since


def test_a_change_names_only_what_differs_and_never_the_version() -> None:
    before = {
        "span": [3, 9],
        "quote": "Putin",
        "codes": ["stance: Negative"],
        "memo": "",
        "version": 1,
    }
    after = {**before, "codes": [], "memo": "a\nlong\tmemo", "version": 2}
    assert (
        describe_change(before, after)
        == 'codes: stance: Negative -> (none); memo: "" -> "a long memo"'
    )
    assert describe_change(before, dict(before, version=5)) == ""


def test_what_was_added_or_removed_is_said_whole_without_empty_fields() -> None:
    state = {"span": [0, 7], "quote": "Moscow.", "codes": [], "memo": "", "version": 1}
    assert describe_change(None, state) == '-> span: [0, 7); quote: "Moscow."; codes: (none)'
    assert describe_change(state, None) == 'span: [0, 7); quote: "Moscow."; codes: (none) -> (none)'
    assert describe_change(None, None) == ""


def book(*codes: CodeSpec, version: str = "1") -> CodebookSpec:
    return CodebookSpec("Study", version, [VariableSpec("stance", "ordinal", codes=list(codes))])


def test_a_renamed_code_is_one_change_and_a_kept_name_heads_the_change() -> None:
    old = book(CodeSpec("Against", -1, uid="a"), CodeSpec("For", 1, uid="f"))
    new = book(CodeSpec("Opposed", -1, uid="a"), CodeSpec("For", 1, uid="f", active=False))
    (renamed, deactivated) = codebook_changes(old, new)
    assert describe_change(*renamed) == 'code: "stance: Against" -> "stance: Opposed"'
    assert describe_change(*deactivated) == 'code "stance: For": active: yes -> no'


def test_added_and_removed_parts_have_no_other_side() -> None:
    old = book(CodeSpec("Against", -1, uid="a"))
    new = book(CodeSpec("For", 1, uid="f"), version="2")
    changes = codebook_changes(old, new)
    assert [(b is None, a is None) for b, a in changes] == [
        (False, False),
        (False, True),
        (True, False),
    ]
    assert describe_change(*changes[0]) == 'codebook version: "1" -> "2"'


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-03-01", datetime(2026, 3, 1, tzinfo=UTC)),
        ("2026-03-01T14:30", datetime(2026, 3, 1, 14, 30, tzinfo=UTC)),
        (" 2026-03-01 14:30:00+02:00 ", datetime(2026, 3, 1, 12, 30, tzinfo=UTC)),
        ("2026-03-01T14:30Z", datetime(2026, 3, 1, 14, 30, tzinfo=UTC)),
    ],
)
def test_since_reads_iso_dates_in_utc(text: str, moment: datetime) -> None:
    assert parse_since(text) == moment


@pytest.mark.parametrize("text", ["", "March 1", "2026-02-30", "1/3/2026"])
def test_since_refuses_anything_else_in_one_line(text: str) -> None:
    with pytest.raises(ValidationError, match="not a date or date-time") as refused:
        parse_since(text)
    assert "\n" not in str(refused.value)
