"""Our codebook as REFI-QDA codes and back: one folder code per variable with its codes
under it (sub-codes nested), so actor, topic and stance stay apart in any tool.

What REFI-QDA has no place for (a variable's level, scope and whether it takes several
codes; an ordinal code's value) is written at the end of the description in brackets,
where a person reads it and an import finds it: "[ordinal variable, coded per passage,
one code each]", "[value: -2]". A file without them is read as nominal, per passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from stancecoder.core.codebook_model import (
    PATH_SEPARATOR,
    CodeSpec,
    Level,
    VariableSpec,
    iter_codes,
)
from stancecoder.core.refi.code_names import label_of
from stancecoder.core.refi.model import RefiCode

_VARIABLE_MARK = re.compile(
    r"\s*\[(nominal|ordinal|interval) variable, coded per (passage|article), "
    r"(one code|several codes) each\]\s*$"
)
_RGB = re.compile(r"#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})")
_VALUE_MARK = re.compile(r"\s*\[value: ([-+−]?\d+(?:\.\d+)?)\]\s*$")


def variable_mark(variable: VariableSpec) -> str:
    several = "several codes" if variable.multiple else "one code"
    return f"[{variable.level} variable, coded per {variable.scope}, {several} each]"


def with_mark(description: str, mark: str) -> str:
    return f"{description.rstrip()}\n\n{mark}" if description.strip() else mark


def value_mark(value: float) -> str:
    return f"[value: {value:g}]"


def variable_group(
    variable: VariableSpec,
    guid: str,
    code_guid: Callable[[CodeSpec], str],
    names: dict[tuple[str, str], str],
) -> RefiCode:
    """The folder code of `variable`, its codes under it with their unique names."""

    def code(spec: CodeSpec) -> RefiCode:
        description = spec.description
        if spec.value is not None:
            description = with_mark(description, value_mark(spec.value))
        return RefiCode(
            guid=code_guid(spec),
            name=names[variable.name, spec.label],
            colour=spec.colour,
            description=description,
            children=[code(child) for child in spec.children],
        )

    return RefiCode(
        guid=guid,
        name=variable.name,
        codable=False,
        description=with_mark(variable.description, variable_mark(variable)),
        children=[code(spec) for spec in variable.codes],
    )


@dataclass
class GroupReading:
    """What a folder code says of the variable it becomes: its codes as specs, the path
    each code's guid stands for, and the codes it could not take (an ordinal code without
    a value, a second code of one label: labels are unique within a variable)."""

    variable: VariableSpec
    guids: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code guid -> path
    refused: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)  # casefolded


def read_group(group: RefiCode, name: str, level: Level | None = None) -> GroupReading:
    """The variable `group` describes, named `name`: its marks if an export wrote them,
    else ordinal when every code is a number on a scale, else nominal; `level` says it
    for a variable the project has."""
    description, mark = _split(group.description, _VARIABLE_MARK)
    descendants = _descendants(group)
    # a code without a value may still be one a variable of the project has, by its label
    need_values = level is None
    if level is not None:
        scope, multiple = "passage", False
    elif mark is not None:
        level = cast(Level, mark[1])
        scope, multiple = mark[2], mark[3] == "several codes"
    else:
        numeric = bool(descendants) and all(_value(code) is not None for code in descendants)
        level, scope, multiple = ("ordinal" if numeric else "nominal"), "passage", False
    variable = VariableSpec(
        name=name,
        level=level,
        scope="article" if scope == "article" else "passage",
        multiple=multiple,
        description=description,
    )
    reading = GroupReading(variable)
    valued = level != "nominal" and need_values
    variable.codes = _specs(group.children, group.name, valued, (), reading)
    return reading


def merge_group(existing: VariableSpec, group: RefiCode) -> GroupReading:
    """`existing` with the codes of `group` it lacks added under their parents; a code is
    the one of the same path, else of the same label, else of the same value on a scale.
    The guids of the group's codes map to paths of `existing`."""
    reading = read_group(group, existing.name, existing.level)
    known = dict(iter_codes(existing))
    by_label = {path[-1].casefold(): path for path in known}
    by_value = {spec.value: path for path, spec in known.items() if spec.value is not None}
    moved: dict[tuple[str, ...], tuple[str, ...]] = {}
    for path, spec in iter_codes(reading.variable):
        parent = moved.get(path[:-1], path[:-1])
        if parent and parent not in known:  # under a code not taken
            reading.refused.append(PATH_SEPARATOR.join(path))
        elif (*parent, spec.label) in known:
            moved[path] = (*parent, spec.label)
        elif spec.label.casefold() in by_label:  # the label elsewhere in the variable
            moved[path] = by_label[spec.label.casefold()]
        elif spec.value is not None and spec.value in by_value:  # the same point of a scale
            moved[path] = by_value[spec.value]
        elif existing.level != "nominal" and spec.value is None:
            reading.refused.append(PATH_SEPARATOR.join(path))
        else:
            copy = CodeSpec(spec.label, spec.value, spec.description, spec.colour)
            (known[parent].children if parent else existing.codes).append(copy)
            moved[path] = (*parent, spec.label)
            known[moved[path]] = copy
            by_label[spec.label.casefold()] = moved[path]
    reading.guids = {guid: moved[path] for guid, path in reading.guids.items() if path in moved}
    reading.variable = existing
    return reading


def _specs(
    codes: list[RefiCode],
    group: str,
    valued: bool,
    prefix: tuple[str, ...],
    reading: GroupReading,
) -> list[CodeSpec]:
    specs: list[CodeSpec] = []
    for code in codes:
        description, _ = _split(code.description, _VALUE_MARK)
        label = label_of(code.name, group).replace(PATH_SEPARATOR.strip(), "/")
        path = (*prefix, label)
        value = _value(code) if reading.variable.level != "nominal" else None
        if (valued and value is None) or label.casefold() in reading.labels:
            reading.refused.append(PATH_SEPARATOR.join(path))
            continue
        reading.labels.add(label.casefold())
        reading.guids[code.guid] = path
        spec = CodeSpec(label, value, description, _colour(code.colour))
        spec.children = _specs(code.children, group, valued, path, reading)
        specs.append(spec)
    return specs


def _colour(colour: str | None) -> str | None:
    """A colour as the codebook keeps it (#rrggbb); the standard also allows #rgb."""
    found = _RGB.fullmatch((colour or "").strip())
    if found is None:
        return None
    digits = found[1] if len(found[1]) == 6 else "".join(d * 2 for d in found[1])
    return f"#{digits.lower()}"


def _descendants(group: RefiCode) -> list[RefiCode]:
    found: list[RefiCode] = []
    for child in group.children:
        found.append(child)
        found.extend(_descendants(child))
    return found


def _value(code: RefiCode) -> float | None:
    """A code's value: its mark, else its name when that is a number ("+2", "−1")."""
    _, mark = _split(code.description, _VALUE_MARK)
    text = mark[1] if mark is not None else code.name.strip()
    try:
        return float(text.replace("−", "-").replace("+", ""))
    except ValueError:
        return None


def _split(description: str, pattern: re.Pattern[str]) -> tuple[str, re.Match[str] | None]:
    match = pattern.search(description)
    if match is None:
        return description.strip(), None
    return description[: match.start()].strip(), match
