"""Which variable each top-level code group of a REFI-QDA file becomes.

A lead decides; the guess they confirm takes the variable whose name the group's name is
(case, spacing and a plural aside: "Actors" is actor), and otherwise a new variable of
the group's name. Codes at the top level without codes under them belong to no group:
they are reported, and their codings left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stancecoder.core.errors import ValidationError
from stancecoder.core.refi.model import RefiCode

LEAVE_OUT = "-"
"""Mapped to this, a group and its codings are left out."""


@dataclass(frozen=True)
class GroupTarget:
    """Where one group goes: a variable of the project, a new variable, or nowhere."""

    group: str
    variable: str | None
    new: bool = False

    def line(self) -> str:
        if self.variable is None:
            return f"{self.group} → left out"
        return f"{self.group} → {self.variable}{' (new variable)' if self.new else ''}"


def split_top_level(codes: Iterable[RefiCode]) -> tuple[list[RefiCode], list[RefiCode]]:
    """The groups (a top-level code with codes under it, or one that is a folder) and the
    codes outside any group."""
    groups: list[RefiCode] = []
    loose: list[RefiCode] = []
    for code in codes:
        (groups if code.children or not code.codable else loose).append(code)
    return groups, loose


def guess_targets(groups: Sequence[str], variables: Sequence[str]) -> list[GroupTarget]:
    by_key = {_key(name): name for name in variables}
    targets = []
    for group in groups:
        found = by_key.get(_key(group))
        targets.append(GroupTarget(group, found or group, new=found is None))
    return targets


def with_choices(
    targets: Sequence[GroupTarget], choices: Mapping[str, str], variables: Sequence[str]
) -> list[GroupTarget]:
    """The guesses with the lead's choices (group name → variable name, or "-" to leave
    the group out) in their place; a choice naming no group of the file is refused."""
    known = {target.group for target in targets}
    unknown = [group for group in choices if group not in known]
    if unknown:
        raise ValidationError(
            f"no code group {unknown[0]!r} in the file (its groups: {', '.join(sorted(known))})"
        )
    existing = {name.casefold(): name for name in variables}
    chosen = []
    for target in targets:
        if target.group not in choices:
            chosen.append(target)
            continue
        name = choices[target.group].strip()
        if name in ("", LEAVE_OUT):
            chosen.append(GroupTarget(target.group, None))
        else:
            variable = existing.get(name.casefold(), name)
            chosen.append(GroupTarget(target.group, variable, new=variable not in variables))
    names = [t.variable for t in chosen if t.variable is not None]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValidationError(f"two code groups go to the variable {twice[0]!r}; give one another")
    return chosen


def parse_choice(text: str) -> tuple[str, str]:
    """A `--map "Group name=variable"` option; the last "=" divides, so a group's name may
    hold one."""
    group, sep, variable = text.rpartition("=")
    if not sep or not group.strip():
        raise ValidationError(
            f"--map takes GROUP=VARIABLE (or GROUP=- to leave it out), got {text!r}"
        )
    return group.strip(), variable.strip()


def _key(name: str) -> str:
    word = re.sub(r"[\W_]+", "", name.casefold())
    return word[:-1] if word.endswith("s") and len(word) > 3 else word
