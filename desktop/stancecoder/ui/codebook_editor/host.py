"""What the edits ask of the editor dialog that holds them, so they never import it.

The edits change the draft codebook only through `change`, which checks the edit, keeps
it undoable and shows the result; they read where the lead is (the variable, the current
code) and say a refusal on the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtWidgets import QWidget

from stancecoder.core.codebook import CodebookSpec, VariableSpec
from stancecoder.services.project import Project
from stancecoder.ui.codebook_editor.banner import Banner
from stancecoder.ui.codebook_editor.history import EditHistory
from stancecoder.ui.codebook_editor.tree import CodeTree

Edit = Callable[[CodebookSpec], object]


class EditorHost(Protocol):
    """Enough for the edits of a code's fields."""

    history: EditHistory
    banner: Banner

    @property
    def variable(self) -> VariableSpec: ...

    @property
    def variable_index(self) -> int: ...

    def window(self) -> QWidget:
        """The dialog itself: the parent of the dialogs an edit opens."""
        ...

    def current_uid(self) -> str: ...

    def change(self, text: str, edit: Edit, key: object = None) -> bool: ...


class StructureHost(EditorHost, Protocol):
    """The edits of the tree also move the selection, read how much each code is used, and
    write a merge to the project at once."""

    project: Project
    tree: CodeTree
    usage: dict[str, int]

    def merged(self, removed: str, into_uid: str, message: str) -> None:
        """A merge was written: note what was removed, show the code merged into."""
        ...
