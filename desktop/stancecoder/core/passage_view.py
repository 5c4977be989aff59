"""A passage as the reader, the passage list and adjudication show it: plain values read
from a project (`services.passages`), so what works on them needs no database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PassageView:
    id: int
    uid: str
    version: int
    article_id: int
    coder: str
    start: int
    end: int
    quote: str
    memo: str
    codes: tuple[int, ...]  # code ids, in codebook order of their variables
