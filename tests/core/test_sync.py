"""The three-way decision of a merge, case by case: each side against the last step."""

from __future__ import annotations

import pytest

from stancecoder.core.sync import InStep, Outcome, Side, conflict_reason, decide

A, B, C = Side("a", 1), Side("b", 2), Side("c", 3)
STEP = InStep(1, 1)  # both held "a" at version 1


@pytest.mark.parametrize(
    ("home", "file", "step", "outcome"),
    [
        (None, A, None, Outcome.ADD),  # new in the file
        (A, None, None, Outcome.SAME),  # made at home since: not the file's business
        (A, Side("a", 7), None, Outcome.SAME),  # equal, whatever the versions
        (A, B, None, Outcome.CONFLICT),  # two of the same uid never in step
        (A, B, STEP, Outcome.CHANGE),  # changed in the file alone
        (B, Side("a", 1), InStep(1, 1), Outcome.SAME),  # changed at home alone: home stays
        (A, None, STEP, Outcome.DELETE),  # deleted in the file alone
        (None, A, STEP, Outcome.SAME),  # deleted at home alone: stays deleted
        (None, B, STEP, Outcome.CONFLICT),  # deleted at home, changed in the file
        (B, None, STEP, Outcome.CONFLICT),  # changed at home, deleted in the file
        (B, C, STEP, Outcome.CONFLICT),  # changed on both sides
        (None, None, STEP, Outcome.SAME),  # deleted on both sides
    ],
)
def test_decide(
    home: Side | None, file: Side | None, step: InStep | None, outcome: Outcome
) -> None:
    assert decide(home, file, step) is outcome


def test_a_conflict_says_which_side_did_what() -> None:
    assert conflict_reason(None, A) == "deleted in the project, changed in the file"
    assert conflict_reason(A, None) == "changed in the project, deleted in the file"
    assert conflict_reason(A, B) == "changed both in the project and in the file"
