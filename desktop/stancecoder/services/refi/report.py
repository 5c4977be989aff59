"""What a REFI-QDA import did, and what it left out, as the standard asks a tool to say:
the mapping of groups to variables, how each source counted its positions, and every
kind of thing not brought in, with its count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from stancecoder.core.refi.group_mapping import GroupTarget
from stancecoder.core.wording import counted


@dataclass
class RefiImportReport:
    """`sources` holds one line per source read (how it counts, or why it was left out);
    `left_out` counts what was not brought in, by reason."""

    file: str
    targets: list[GroupTarget] = field(default_factory=list)
    loose_codes: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    codes_refused: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    articles_added: list[int] = field(default_factory=list)
    articles_found: int = 0
    passages: int = 0
    article_codes: int = 0
    coders_added: list[str] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)
    dry_run: bool = False
    cancelled: bool = False

    def lines(self) -> list[str]:
        lines = [f"group {target.line()}" for target in self.targets]
        if self.loose_codes:
            lines.append(
                f"{counted(len(self.loose_codes), 'code')} outside any group, not imported: "
                + ", ".join(self.loose_codes)
            )
        lines += [f"code added: {name}" for name in self.codes_added]
        lines += [f"code not imported: {name}" for name in self.codes_refused]
        lines += [f"source {line}" for line in self.sources]
        lines += [f"left out: {n} {reason}" for reason, n in sorted(self.left_out.items())]
        return lines

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        found = f" ({self.articles_found} already in the project)" if self.articles_found else ""
        text = (
            f"{self.file}: {verb} {counted(len(self.articles_added), 'article')}{found}, "
            f"{counted(self.passages, 'passage')}, {counted(self.article_codes, 'article code')}, "
            f"{counted(len(self.codes_added), 'new code')}"
        )
        if self.coders_added:
            text += f", new coders: {', '.join(self.coders_added)}"
        if self.cancelled:
            return f"{self.file}: import cancelled, nothing was written"
        return text + ("; nothing was written (dry run)" if self.dry_run else "")
