"""The codebook being edited, with undo and redo until it is saved (no Qt).

Each change is made on a copy and validated before it is kept, so the editor never holds a
codebook that a change of the lead's made invalid; undo steps are whole snapshots, which
for a codebook of a few hundred codes is cheaper than getting inverse edits right.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from stancecoder.core.codebook import PATH_SEPARATOR, CodebookSpec
from stancecoder.core.errors import CodebookError, StanceCoderError
from stancecoder.services.codebook_edit import ORIGIN, check_codebook


@dataclass
class _Step:
    text: str
    spec: CodebookSpec  # the codebook as it was before (undo) or after (redo) the step
    key: object = None


def friendly(error: StanceCoderError) -> str:
    """A validation message with the location as the lead sees it ("topic › Sanctions")."""
    if not isinstance(error, CodebookError):
        return str(error)
    where = re.sub(r"variables\[\d+\] \(([^)]*)\)", r"\1", error.where)
    where = where.replace(f"{PATH_SEPARATOR}codes", "").removeprefix(ORIGIN + PATH_SEPARATOR)
    return f"{where}: {error.reason}"


def problem(spec: CodebookSpec) -> CodebookError | None:
    """Why `spec` cannot be saved, or None."""
    try:
        check_codebook(spec)
    except CodebookError as exc:
        return exc
    return None


class EditHistory:
    def __init__(self, spec: CodebookSpec) -> None:
        self.spec = spec
        self.saved = copy.deepcopy(spec)
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []

    def change(self, text: str, edit: Callable[[CodebookSpec], object], key: object = None) -> bool:
        """Apply `edit` to a copy and keep it; False if it changed nothing.

        Raises `CodebookError` (and keeps nothing) when the edit makes a valid codebook
        invalid; a codebook that was invalid already may be edited towards a fix. Edits
        with the same `key` in a row (typing in one field) are undone as one step.
        """
        draft = copy.deepcopy(self.spec)
        edit(draft)
        if draft == self.spec:
            return False
        if problem(self.spec) is None and (error := problem(draft)) is not None:
            raise error
        last = self._undo[-1] if self._undo else None
        if key is None or last is None or last.key != key or self._redo:
            self._undo.append(_Step(text, self.spec, key))
        self._redo.clear()
        self.spec = draft
        return True

    @property
    def dirty(self) -> bool:
        return self.spec != self.saved

    @property
    def undo_text(self) -> str | None:
        return self._undo[-1].text if self._undo else None

    @property
    def redo_text(self) -> str | None:
        return self._redo[-1].text if self._redo else None

    def undo(self) -> bool:
        if not self._undo:
            return False
        step = self._undo.pop()
        self._redo.append(_Step(step.text, self.spec))
        self.spec = step.spec
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        step = self._redo.pop()
        self._undo.append(_Step(step.text, self.spec))
        self.spec = step.spec
        return True

    def everywhere(self, edit: Callable[[CodebookSpec], object]) -> None:
        """Apply `edit` to the current, saved and every remembered codebook: for what is
        already written to the project (a merge), which no undo may bring back."""
        for spec in (self.spec, self.saved, *(s.spec for s in self._undo + self._redo)):
            edit(spec)
