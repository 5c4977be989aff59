"""Labels cut to a program's room with a visible mark, never in the middle of a
character: SPSS and Stata would cut them silently, or refuse the file."""

from __future__ import annotations

from stancecoder.core.stats_export.programs import LabelLimit

MARK = "…"


def fits(text: str, limit: LabelLimit) -> bool:
    return _size(text, limit) <= limit.size


def cut_label(text: str, limit: LabelLimit | None) -> str:
    """`text` whole if it fits, else as much as fits with "…" at the end."""
    if limit is None or fits(text, limit):
        return text
    room = limit.size - _size(MARK, limit)
    if limit.unit == "bytes":
        kept = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    else:
        kept = text[:room]
    return kept.rstrip() + MARK


def _size(text: str, limit: LabelLimit) -> int:
    return len(text.encode("utf-8")) if limit.unit == "bytes" else len(text)
