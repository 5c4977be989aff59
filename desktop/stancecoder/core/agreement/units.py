"""Units of analysis for agreement: which values each coder gave to which unit.

Matched passages and sentences are two ways to make units out of passages; articles are the
units of article-level variables; unitizing works on the spans themselves, laid end to end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from stancecoder.core.agreement import Unit
from stancecoder.core.agreement.codings import Codings
from stancecoder.core.codebook_view import VariableView, point_text, value_text
from stancecoder.core.sentences import split_sentences

NOT_CODED = "not coded"
SENTENCE_SHARE = 0.5


@dataclass
class UnitRow:
    article: int
    where: str
    values: dict[str, object] = field(default_factory=dict)  # coder -> value (None = missing)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


class Scale:
    """How a variable's codes become values: labels (nominal) or code values (ordered)."""

    def __init__(self, variable: VariableView) -> None:
        self.variable = variable
        self.ordered = variable.level != "nominal"
        self.codes = {c.id: c for c in variable.codes}
        if self.ordered:
            values = sorted({c.value for c in variable.codes if c.value is not None})
            self.categories: list[object] = list(values)
        else:
            self.categories = [c.path_text for c in variable.codes]
        # a study repeats a few combinations of codes a million times: each worked out once
        self._values: dict[tuple[int, ...], object] = {}
        self._labels: dict[tuple[type, object], str] = {}

    def value(self, ids: tuple[int, ...]) -> object:
        if ids not in self._values:
            self._values[ids] = self._value(ids)
        return self._values[ids]

    def _value(self, ids: tuple[int, ...]) -> object:
        if not ids:
            return None
        if self.ordered:
            found = {self.codes[i].value for i in ids}
            return found.pop() if len(found) == 1 else None
        label = " + ".join(sorted(self.codes[i].path_text for i in ids))
        if label not in self.categories:
            self.categories.append(label)
        return label

    def label(self, value: object) -> str:
        key = (type(value), value)
        if key not in self._labels:
            self._labels[key] = self._label(value)
        return self._labels[key]

    def _label(self, value: object) -> str:
        if value is None:
            return ""
        if self.ordered and isinstance(value, float | int):  # an ordered scale's values
            names = [c.label for c in self.variable.codes if c.value == value]
            return point_text(value, names[0]) if names else value_text(value)
        return str(value)


def article_rows(codings: Codings, scale: Scale) -> list[UnitRow]:
    rows = []
    for article in codings.double_coded():
        row = UnitRow(article, f"article {article}")
        for coder in sorted(codings.coded_by[article]):
            ids = codings.article_codes.get((article, coder, scale.variable.name), ())
            row.values[coder] = scale.value(ids)
        rows.append(row)
    return rows


def sentence_rows(codings: Codings, scale: Scale) -> list[UnitRow]:
    """Each coder's codes projected onto every sentence they cover by at least half."""
    if not scale.ordered and NOT_CODED not in scale.categories:
        scale.categories.append(NOT_CODED)
    out = []
    by_article = codings.by_article()
    for article in codings.double_coded():
        passages = _listed(codings, scale, by_article.get(article))
        for start, end in split_sentences(codings.texts[article]):
            row = UnitRow(article, f"article {article} sentence [{start}, {end})")
            for coder in sorted(codings.coded_by[article]):
                ids: set[int] = set()
                for p in passages:
                    if p.coder == coder and covers(p.start, p.end, (start, end)):
                        ids.update(p.codes)
                value = scale.value(tuple(sorted(ids)))
                row.values[coder] = NOT_CODED if value is None and not scale.ordered else value
                row.spans[coder] = (start, end)
            out.append(row)
    return out


class Listed(NamedTuple):
    """One passage as the few per-article loops read it: its coder by name, its span and
    its codes of one variable."""

    coder: str
    start: int
    end: int
    codes: tuple[int, ...]


def _listed(codings: Codings, scale: Scale, rows: np.ndarray | None) -> list[Listed]:
    if rows is None:
        return []
    passages = codings.passages
    combinations = passages.combinations
    return [
        Listed(codings.coders[c], s, e, combinations[k])
        for c, s, e, k in zip(
            passages.coder[rows].tolist(), passages.start[rows].tolist(),
            passages.end[rows].tolist(), passages.codes_of(scale.variable.name)[rows].tolist(),
            strict=True,
        )
    ]  # fmt: skip


def covers(start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether a passage's codes reach a sentence: it covers at least half of it."""
    first, last = sentence
    covered = min(end, last) - max(start, first)
    return covered >= SENTENCE_SHARE * (last - first)


def sentence_left_out(codings: Codings) -> dict[str, int]:
    """Per coder, the passages that cover no sentence by at least half: the sentence unit
    never sees their codes, so a reader of the figures must be told how many."""
    counts = {coder: 0 for a in codings.double_coded() for coder in codings.coded_by[a]}
    by_article = codings.by_article()
    passages = codings.passages
    for article in codings.double_coded():
        sentences = split_sentences(codings.texts[article])
        rows = by_article.get(article, np.zeros(0, dtype=np.int64))
        for c, s, e in zip(passages.coder[rows].tolist(), passages.start[rows].tolist(),
                           passages.end[rows].tolist(), strict=True):  # fmt: skip
            if not any(covers(s, e, sentence) for sentence in sentences):
                counts[codings.coders[c]] += 1
    return counts


def unitizing_units(codings: Codings, scale: Scale) -> tuple[list[Unit], int]:
    """Units on one continuum (the articles end to end, in id order) and its length; each
    code a category of its own."""
    offset = 0
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    by_article = codings.by_article()
    for article in codings.double_coded():
        for p in _listed(codings, scale, by_article.get(article)):
            for code in p.codes:
                key = (p.coder, scale.codes[code].path_text)
                spans.setdefault(key, []).append((p.start + offset, p.end + offset))
        offset += len(codings.texts[article])
    units = []
    for (coder, category), found in sorted(spans.items()):
        units += [Unit(coder, s, e, category) for s, e in _merged(found)]
    return units, offset


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One coder's overlapping passages of one code count as one stretch, not two units."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]
