"""What every news-database importer offers and hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from stancecoder.core.article import ArticleDraft
from stancecoder.core.wording import counted
from stancecoder.io.limits import ImportLimits

# How much of a text file a sniff looks at: the first article marker comes long before.
HEAD_BYTES = 64 * 1024


@dataclass
class NewsFile:
    """The articles read from one export and what the user must hear about it.

    `expected` is the number of articles the export itself announces (None when it
    announces none); each warning is one line naming the article it concerns. An article
    that cannot be read whole is left out with a warning, so the rest still imports.
    """

    articles: list[ArticleDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    expected: int | None = None

    def check_count(self, counter: str) -> None:
        """Warn when the articles read disagree with the export's own count; `counter`
        says where that count comes from."""
        if self.expected is not None and len(self.articles) != self.expected:
            self.warnings.append(
                f"{counted(len(self.articles), 'article')} read, but the export counts "
                f"{self.expected} ({counter})"
            )


class NewsImporter(Protocol):
    """One export format: `sniff` claims a file by its content, never by its name.

    `head` is the start of the file for text formats and the whole file for packages
    (a .docx is a zip whose telling parts are inside); `read` gets the whole file.
    """

    name: str
    label: str

    def sniff(self, head: bytes, path: Path) -> bool: ...

    def read(self, path: Path, data: bytes, limits: ImportLimits) -> NewsFile: ...
