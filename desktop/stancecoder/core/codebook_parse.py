"""Turning a decoded YAML/JSON document into a `CodebookSpec`, or saying exactly why not.

Codebooks are written by hand, so every check names the entry at fault
("codebook.yaml › variables[1] (topic) › codes › Sanctions") and, where a typo is the
likely cause, what was probably meant.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import cast

from stancecoder.core.codebook_model import (
    LEVELS,
    PATH_SEPARATOR,
    SCOPES,
    CodebookSpec,
    CodeSpec,
    Level,
    Scope,
    VariableSpec,
)
from stancecoder.core.codebook_shortcut import normalise_shortcut
from stancecoder.core.errors import CodebookError

_CODEBOOK_KEYS = ("name", "version", "description", "variables")
_VARIABLE_KEYS = ("name", "level", "scope", "multiple", "description", "codes")
_CODE_KEYS = ("label", "value", "colour", "shortcut", "uid", "active", "description", "children")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def parse_codebook(data: object, origin: str = "codebook") -> CodebookSpec:
    """Validate `data` as a whole codebook; `origin` (a file name) starts every `where`."""
    return _Parser(origin).codebook(data)


@dataclass
class _Variable:
    """What the codes of one variable are checked against while it is being read."""

    where: str
    name: str
    level: str
    labels: dict[str, str] = field(default_factory=dict)
    values: dict[float, str] = field(default_factory=dict)


class _Parser:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.shortcuts: dict[str, str] = {}
        self.uids: dict[str, str] = {}

    def codebook(self, data: object) -> CodebookSpec:
        where = self.origin
        if data is None:
            raise CodebookError(where, "the codebook is empty")
        doc = _keys(_mapping(data, where), _CODEBOOK_KEYS, where)
        name = _text(doc, "name", where, required=True)
        version = _text(doc, "version", where, required=True)
        description = _text(doc, "description", where)
        raw_variables = _list(doc, "variables", where)
        if not raw_variables:
            raise CodebookError(where, "'variables' is missing or empty")
        variables: list[VariableSpec] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_variables):
            variable = self.variable(raw, index)
            first = seen.setdefault(variable.name.casefold(), index)
            if first != index:
                raise CodebookError(
                    f"{where}{PATH_SEPARATOR}variables[{index}] ({variable.name})",
                    f"variable name '{variable.name}' is already used by variables[{first}]",
                )
            variables.append(variable)
        return CodebookSpec(name, version, variables, description)

    def variable(self, data: object, index: int) -> VariableSpec:
        where = f"{self.origin}{PATH_SEPARATOR}variables[{index}]"
        doc = _mapping(data, where)
        name = _name(doc, "name")
        where = f"{where} ({name})" if name else where
        _keys(doc, _VARIABLE_KEYS, where)
        name = _text(doc, "name", where, required=True)
        level = _choice(doc, "level", LEVELS, where, default=None)
        scope = _choice(doc, "scope", SCOPES, where, default="passage")
        multiple = _flag(doc, "multiple", where, default=False)
        description = _text(doc, "description", where)
        raw_codes = _list(doc, "codes", where)
        if not raw_codes:
            raise CodebookError(where, "'codes' is missing or empty: a variable needs codes")
        context = _Variable(where, name, level)
        codes = [self.code(raw, f"codes[{i}]", (), context) for i, raw in enumerate(raw_codes)]
        return VariableSpec(
            name, cast(Level, level), cast(Scope, scope), multiple, description, codes
        )

    def code(self, data: object, slot: str, parent: tuple[str, ...], var: _Variable) -> CodeSpec:
        where = PATH_SEPARATOR.join(
            (var.where, "codes", *parent, slot) if parent else (var.where, slot)
        )
        doc = _mapping(data, where)
        label = _name(doc, "label")
        if label:
            where = PATH_SEPARATOR.join((var.where, "codes", *parent, label))
        _keys(doc, _CODE_KEYS, where)
        label = _text(doc, "label", where, required=True)
        if PATH_SEPARATOR.strip() in label:
            raise CodebookError(where, f"label '{label}' contains '›', which separates levels")
        path = (*parent, label)
        shown = PATH_SEPARATOR.join(path)
        if label.casefold() in var.labels:
            earlier = var.labels[label.casefold()]
            raise CodebookError(where, f"label '{label}' is already used by {earlier}")
        var.labels[label.casefold()] = shown
        value = self.value(doc, where, var, shown)
        colour = _colour(doc, where)
        shortcut = self.shortcut(doc, where, f"{var.name}{PATH_SEPARATOR}{shown}")
        uid = self.uid(doc, where, f"{var.name}{PATH_SEPARATOR}{shown}")
        active = _flag(doc, "active", where, default=True)
        description = _text(doc, "description", where)
        raw_children = _list(doc, "children", where)
        if raw_children and var.level != "nominal":
            raise CodebookError(
                where, f"codes of an {var.level} variable cannot have children; list them flat"
            )
        children = [
            self.code(raw, f"children[{i}]", path, var) for i, raw in enumerate(raw_children)
        ]
        return CodeSpec(label, value, description, colour, shortcut, uid, active, children)

    def value(self, doc: dict[str, object], where: str, var: _Variable, shown: str) -> float | None:
        raw = doc.get("value")
        if raw is None:
            if var.level != "nominal":
                reason = f"needs a numeric 'value': an {var.level} variable orders its codes by it"
                raise CodebookError(where, reason)
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise CodebookError(where, f"'value' must be a number, got {_show(raw)}")
        value = float(raw)
        if value in var.values:
            raise CodebookError(where, f"value {raw} is already used by {var.values[value]}")
        var.values[value] = shown
        return value

    def shortcut(self, doc: dict[str, object], where: str, shown: str) -> str | None:
        raw = doc.get("shortcut")
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise CodebookError(where, f"'shortcut' must be text such as 'Alt+1', got {_show(raw)}")
        shortcut = normalise_shortcut(str(raw))
        if shortcut is None:
            reason = f"shortcut '{raw}' is not a key sequence such as '1', 'Alt+R', 'Ctrl+Shift+2'"
            raise CodebookError(where, reason)
        key = shortcut.casefold()
        if key in self.shortcuts:
            earlier = self.shortcuts[key]
            raise CodebookError(where, f"shortcut '{shortcut}' is already used by {earlier}")
        self.shortcuts[key] = shown
        return shortcut

    def uid(self, doc: dict[str, object], where: str, shown: str) -> str | None:
        uid = _text(doc, "uid", where) or None
        if uid is not None:
            if uid in self.uids:
                raise CodebookError(where, f"uid '{uid}' is already used by {self.uids[uid]}")
            self.uids[uid] = shown
        return uid


def _mapping(data: object, where: str) -> dict[str, object]:
    if not isinstance(data, dict):
        raise CodebookError(where, f"expected a mapping of keys to values, got {_show(data)}")
    return data


def _name(doc: dict[str, object], key: str) -> str | None:
    """The entry's name if it is usable in a location, read before the entry is checked."""
    raw = doc.get(key)
    if isinstance(raw, str) and raw.strip() and PATH_SEPARATOR.strip() not in raw:
        return raw.strip()
    return None


def _keys(doc: dict[str, object], allowed: tuple[str, ...], where: str) -> dict[str, object]:
    for key in doc:
        if key not in allowed:
            guess = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean '{guess[0]}'?" if guess else f"expected {', '.join(allowed)}"
            raise CodebookError(where, f"unknown key '{key}'; {hint}")
    return doc


def _text(doc: dict[str, object], key: str, where: str, *, required: bool = False) -> str:
    raw = doc.get(key)
    if raw is None:
        if required:
            raise CodebookError(where, f"'{key}' is missing")
        return ""
    if not isinstance(raw, str):
        raise CodebookError(where, f"'{key}' must be text, got {_show(raw)}; put it in quotes")
    text = raw.strip()
    if required and not text:
        raise CodebookError(where, f"'{key}' is empty")
    return text


def _choice(
    doc: dict[str, object], key: str, allowed: tuple[str, ...], where: str, default: str | None
) -> str:
    raw = doc.get(key, default)
    if raw is None:
        raise CodebookError(where, f"'{key}' is missing; use one of {', '.join(allowed)}")
    if raw not in allowed:
        raise CodebookError(where, f"unknown {key} {_show(raw)}; use one of {', '.join(allowed)}")
    return str(raw)


def _flag(doc: dict[str, object], key: str, where: str, default: bool) -> bool:
    raw = doc.get(key, default)
    if not isinstance(raw, bool):
        raise CodebookError(where, f"'{key}' must be true or false, got {_show(raw)}")
    return raw


def _list(doc: dict[str, object], key: str, where: str) -> list[object]:
    raw = doc.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise CodebookError(where, f"'{key}' must be a list, got {_show(raw)}")
    return raw


def _colour(doc: dict[str, object], where: str) -> str | None:
    if "colour" not in doc:
        return None
    raw = doc["colour"]
    if raw is None:
        # In YAML an unquoted `#` starts a comment, so `colour: #ffcc00` arrives as nothing.
        raise CodebookError(where, "'colour' is empty; quote it, e.g. colour: \"#ffcc00\"")
    if not isinstance(raw, str) or not _COLOUR.fullmatch(raw.strip()):
        raise CodebookError(where, f"colour {_show(raw)} is not of the form #rrggbb")
    return raw.strip().lower()


def _show(raw: object) -> str:
    if raw is None:
        return "nothing"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return repr(raw) if isinstance(raw, str) else str(raw)
