"""StanceCoder: manual content analysis of news.

`stancecoder.open("study.stance")` (or a PostgreSQL URL) gives the project's data as
pandas DataFrames; see `services.analysis`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from stancecoder.core.version import __version__

if TYPE_CHECKING:
    from stancecoder.services.analysis import Analysis

__all__ = ["__version__", "open"]


def open(target: str | Path) -> Analysis:
    """Open a project to read its data; use it in a `with` block, which closes it."""
    from stancecoder.services.analysis import open_analysis

    return open_analysis(target)
