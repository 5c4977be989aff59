"""Edits of one variable's code tree, as plain functions on the spec (no Qt).

Codes are named by uid: every code the editor shows has one (codes new in the dialog get
theirs when they are made), so an edit finds its code whatever was renamed before it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from stancecoder.core.codebook import CodeSpec, VariableSpec, iter_codes
from stancecoder.core.errors import ValidationError

NEW_LABEL = "New code"


def new_uid() -> str:
    """The same form as the database gives (32 hex digits), so it fits the uid column."""
    return uuid.uuid4().hex


def find(variable: VariableSpec, uid: str) -> tuple[list[CodeSpec], int, CodeSpec | None]:
    """Where the code is: the list it sits in, its index there, and its parent."""
    for siblings, parent in _lists(variable.codes, None):
        for index, code in enumerate(siblings):
            if code.uid == uid:
                return siblings, index, parent
    raise ValidationError(f"{variable.name} has no such code any more")


def code_of(variable: VariableSpec, uid: str) -> CodeSpec:
    siblings, index, _ = find(variable, uid)
    return siblings[index]


def path_of(variable: VariableSpec, uid: str) -> tuple[str, ...]:
    for path, code in iter_codes(variable):
        if code.uid == uid:
            return path
    raise ValidationError(f"{variable.name} has no such code any more")


def subtree(code: CodeSpec) -> Iterator[CodeSpec]:
    """The code and all codes under it."""
    yield code
    for child in code.children:
        yield from subtree(child)


def colour_source(variable: VariableSpec, uid: str) -> tuple[str | None, str]:
    """The colour a code is drawn in and the code it comes from: its own colour, else its
    nearest ancestor's (the parents come first in `iter_codes`, so the last match wins)."""
    own = path_of(variable, uid)
    found: tuple[str | None, str] = (None, "")
    for path, code in iter_codes(variable):
        if own[: len(path)] == path and code.colour:
            found = (code.colour, code.label)
    return found


def add_code(variable: VariableSpec, parent_uid: str | None, after_uid: str | None) -> CodeSpec:
    """A new code with a free label (and the next free value on a scale), placed after
    `after_uid` among its siblings, or last under `parent_uid`."""
    taken = {code.label.casefold() for _, code in iter_codes(variable)}
    label, number = NEW_LABEL, 1
    while label.casefold() in taken:
        number += 1
        label = f"{NEW_LABEL} {number}"
    code = CodeSpec(label=label, uid=new_uid())
    if variable.level != "nominal":
        values = [c.value for _, c in iter_codes(variable) if c.value is not None]
        code.value = float(int(max(values)) + 1) if values else 0.0
    if after_uid is not None:
        siblings, index, _ = find(variable, after_uid)
        siblings.insert(index + 1, code)
    elif parent_uid is not None:
        code_of(variable, parent_uid).children.append(code)
    else:
        variable.codes.append(code)
    return code


def remove(variable: VariableSpec, uid: str) -> CodeSpec:
    """Take the code out with everything under it."""
    siblings, index, _ = find(variable, uid)
    return siblings.pop(index)


def splice_out(variable: VariableSpec, uid: str) -> None:
    """Take the code out but keep its sub-codes in its place (after a merge on disk)."""
    siblings, index, _ = find(variable, uid)
    siblings[index : index + 1] = siblings[index].children


def move_by(variable: VariableSpec, uid: str, step: int) -> None:
    """Swap the code with a sibling `step` places away; at either end nothing moves."""
    siblings, index, _ = find(variable, uid)
    other = index + step
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]


def move_to(
    variable: VariableSpec, uid: str, parent_uid: str | None, index: int | None = None
) -> None:
    """Re-parent the code (None: top level) at `index` of the new parent's codes as they
    are before the move; None puts it last."""
    code = code_of(variable, uid)
    if parent_uid is not None:
        if variable.level != "nominal":
            reason = f"codes of an {variable.level} variable cannot have sub-codes"
            raise ValidationError(f"{variable.name}: {reason}")
        if any(inner.uid == parent_uid for inner in subtree(code)):
            raise ValidationError(f"‘{code.label}’ cannot be moved under itself")
    target = variable.codes if parent_uid is None else code_of(variable, parent_uid).children
    siblings, old, _ = find(variable, uid)
    if index is None:
        index = len(target)
    if siblings is target and old < index:
        index -= 1
    siblings.pop(old)
    target.insert(max(0, min(index, len(target))), code)


def _lists(
    codes: list[CodeSpec], parent: CodeSpec | None
) -> Iterator[tuple[list[CodeSpec], CodeSpec | None]]:
    yield codes, parent
    for code in codes:
        yield from _lists(code.children, code)
