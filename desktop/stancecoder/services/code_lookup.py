"""Finding codes the way people write them: a label, a path, or a value on a scale."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from stancecoder.core.errors import ValidationError
from stancecoder.db.models import Code, Variable

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


class CodeLookup:
    """Every variable and code of a project, read once per transaction."""

    def __init__(self, session: Session) -> None:
        # one joined query: on a database server every statement is a round trip
        variables = session.scalars(
            select(Variable).order_by(Variable.position).options(joinedload(Variable.codes))
        ).unique()
        self.variables: dict[str, Variable] = {v.name: v for v in variables}
        self._codes: dict[int, list[Code]] = {v.id: list(v.codes) for v in self.variables.values()}
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
