"""Finding codes the way people write them: a label, a path, or a value on a scale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stancecoder.core.codebook_model import Level, Scope
from stancecoder.core.errors import ValidationError
from stancecoder.db import models

PATH_SEPARATORS = (" › ", " > ", "/")

# per variable: a code by label, path or value (str), or by id (int); several if multiple
CodeToken = str | int
CodeInput = Mapping[str, CodeToken | Sequence[CodeToken] | None]


def parse_number(token: str) -> float | None:
    cleaned = token.strip().replace("−", "-").replace("+", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Code:
    """A code as stored, to read: what the lookup hands out."""

    id: int
    uid: str
    variable_id: int
    parent_id: int | None
    label: str
    value: float | None
    description: str
    colour: str | None
    shortcut: str | None
    position: int
    active: bool


@dataclass(frozen=True, slots=True)
class Variable:
    """A variable as stored, with its codes in codebook order, to read."""

    id: int
    name: str
    level: Level
    scope: Scope
    multiple: bool
    description: str
    position: int
    codes: tuple[Code, ...]


_VARIABLE_NAMES = [f.name for f in fields(Variable) if f.name != "codes"]
_VARIABLE_COLUMNS = [models.Variable.__table__.c[name] for name in _VARIABLE_NAMES]
_CODEBOOK = (  # one statement, a row per code: on a database server each is a round trip
    select(*_VARIABLE_COLUMNS, *(models.Code.__table__.c[f.name] for f in fields(Code)))
    .outerjoin(models.Code, models.Code.variable_id == models.Variable.id)
    .order_by(models.Variable.position, models.Code.position, models.Code.id)
)  # the columns as the fields, in their order: a row's parts make them positionally


class CodeLookup:
    """Every variable and code of a project, read once per transaction.

    Read as plain rows, not mapped objects: every coding saved reads the codebook, and
    making its sixty-odd mapped objects took a millisecond, a quarter of saving one."""

    def __init__(self, session: Session) -> None:
        split = len(_VARIABLE_COLUMNS)
        rows: dict[int, tuple[Sequence[Any], list[Code]]] = {}  # by variable id, in order
        for row in session.execute(_CODEBOOK):
            codes = rows.setdefault(row[0], (row[:split], []))[1]
            if row[split] is not None:  # else a variable without codes
                codes.append(Code(*row[split:]))
        self.variables: dict[str, Variable] = {}
        for columns, codes in rows.values():
            named = dict(zip(_VARIABLE_NAMES, columns, strict=True))
            self.variables[named["name"]] = Variable(**named, codes=tuple(codes))
        self._codes = {v.id: v.codes for v in self.variables.values()}
        self._by_id = {c.id: c for codes in self._codes.values() for c in codes}

    def variable(self, name: str) -> Variable:
        try:
            return self.variables[name]
        except KeyError:
            known = ", ".join(self.variables) or "none"
            raise ValidationError(f"unknown variable {name!r} (variables: {known})") from None

    def in_codebook_order(self, code_ids: Iterable[int]) -> list[tuple[Variable, Code]]:
        """The codes with their variables, by variable and then code position (then id)."""
        variables = {v.id: v for v in self.variables.values()}
        found = [(variables[c.variable_id], c) for c in (self._by_id[i] for i in set(code_ids))]
        return sorted(found, key=lambda pair: (pair[0].position, pair[1].position, pair[1].id))

    def path(self, code: Code) -> tuple[str, ...]:
        labels = []
        current: Code | None = code
        while current is not None:
            labels.append(current.label)
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        return tuple(reversed(labels))

    def code(self, variable: Variable, token: CodeToken) -> Code:
        """An id, an exact label, a path ("Russia › Vladimir Putin"), a value, or a label
        that differs only in case."""
        codes = self._codes[variable.id]
        if isinstance(token, int):
            found = self._by_id.get(token)
            if found is None or found.variable_id != variable.id:
                raise ValidationError(f"code {token} does not belong to {variable.name}")
            return found
        token = token.strip()
        for code in codes:
            if code.label == token:
                return code
        for separator in PATH_SEPARATORS:
            if separator in token:
                wanted = tuple(part.strip() for part in token.split(separator))
                for code in codes:
                    if self.path(code) == wanted:
                        return code
        if variable.level != "nominal" and (number := parse_number(token)) is not None:
            for code in codes:
                if code.value == number:
                    return code
        folded = [c for c in codes if c.label.casefold() == token.casefold()]
        if len(folded) == 1:
            return folded[0]
        raise ValidationError(f"{variable.name} has no code {token!r}")

    def resolve(self, codes: CodeInput, scope: str) -> list[tuple[Variable, Code]]:
        """Check a coding's codes against the codebook; empty values mean 'not coded'."""
        resolved: list[tuple[Variable, Code]] = []
        for name, given in codes.items():
            variable = self.variable(name)
            if variable.scope != scope:
                raise ValidationError(f"{name} is coded per {variable.scope}, not per {scope}")
            tokens = [given] if isinstance(given, str | int) or given is None else list(given)
            tokens = [t for t in tokens if t is not None and str(t).strip()]
            if len(tokens) > 1 and not variable.multiple:
                raise ValidationError(f"{name} takes one code, got {len(tokens)}")
            found = [self.code(variable, t) for t in tokens]
            if len({c.id for c in found}) != len(found):
                raise ValidationError(f"{name}: the same code is given twice")
            resolved.extend((variable, code) for code in found)
        return resolved
