"""Helpers of the service tests, as fixtures: test modules run under
`--import-mode=importlib` and so cannot import one another or this module."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stancecoder.services.codebook_view import codebook_view
from stancecoder.services.project import Project


def _code_id(project: Project, variable: str, label: str) -> int:
    view = codebook_view(project)
    variable_view = next(v for v in view.variables if v.name == variable)
    return next(c.id for c in variable_view.codes if c.label == label)


@pytest.fixture
def code_id() -> Callable[[Project, str, str], int]:
    """`code_id(project, variable, label)`: a code's id looked up by its labels, so tests
    need not know the ids the database gave."""
    return _code_id
