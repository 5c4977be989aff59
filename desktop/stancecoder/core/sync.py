"""What merging a coder's file does with one coding: a three-way decision.

A coding (a passage, or a coder's status and article codes of an article) exists at home,
in the file, in both or in neither. What each side holds is compared with the versions
both sides had when they were last in step: when the file was packaged, or when a merge
last brought the coding home. A side whose version moved since then changed it. Only a
change made in the file alone comes home; a change made at home alone stays; a coding
changed on both sides differently is a conflict, and home is kept.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from enum import Enum


class Outcome(Enum):
    SAME = "same"  # nothing to do: equal on both sides, or changed at home alone
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Side:
    """A coding as one side holds it: what it says, and its version there."""

    content: Hashable
    version: int


@dataclass(frozen=True)
class InStep:
    """The versions home and file had when both last held the same coding."""

    home: int
    file: int


def decide(home: Side | None, file: Side | None, in_step: InStep | None) -> Outcome:
    if home is not None and file is not None and home.content == file.content:
        return Outcome.SAME
    if in_step is None:  # never in step: new in the file, or made at home since
        if home is None and file is not None:
            return Outcome.ADD
        return Outcome.SAME if file is None else Outcome.CONFLICT
    home_changed = home is None or home.version != in_step.home
    file_changed = file is None or file.version != in_step.file
    if not file_changed or (home is None and file is None):
        return Outcome.SAME
    if home_changed:
        return Outcome.CONFLICT
    return Outcome.DELETE if file is None else Outcome.CHANGE


def conflict_reason(home: Side | None, file: Side | None) -> str:
    """Why a conflict is one, in the words of the merge's summary."""
    if home is None:
        return "deleted in the project, changed in the file"
    if file is None:
        return "changed in the project, deleted in the file"
    return "changed both in the project and in the file"
