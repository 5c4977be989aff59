"""Units of analysis for agreement: which values each coder gave to which unit.

Matched passages and sentences are two ways to make units out of passages; articles are the
units of article-level variables; unitizing works on the spans themselves, laid end to end.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

from stancecoder.core.agreement import Unit
from stancecoder.core.agreement.codings import Codings, PassageRow
from stancecoder.core.codebook_view import VariableView, point_text, value_text
from stancecoder.core.errors import ValidationError
from stancecoder.core.matching import Marked, match_passages
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


def matched_units(
    codings: Codings, overlap: float
) -> tuple[list[dict[str, PassageRow]], list[PassageRow]]:
    """Matched units (coder -> passage) and the passages nobody else marked alike."""
    double = set(codings.double_coded())
    rows: dict[Hashable, PassageRow] = {p.id: p for p in codings.passages if p.article in double}
    marked = [Marked(p.id, p.coder, p.article, p.start, p.end) for p in rows.values()]
    try:
        matching = match_passages(marked, overlap)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    units = [{coder: rows[key] for coder, key in unit.items()} for unit in matching.units]
    return units, [rows[m.key] for m in matching.unmatched]


def matched_rows(units: list[dict[str, PassageRow]], scale: Scale) -> list[UnitRow]:
    out = []
    for unit in units:
        first = min(unit.values(), key=lambda p: p.start)
        row = UnitRow(first.article, f"article {first.article} [{first.start}, {first.end})")
        for coder, passage in sorted(unit.items()):
            row.values[coder] = scale.value(passage.codes.get(scale.variable.name, ()))
            row.spans[coder] = (passage.start, passage.end)
        out.append(row)
    return out


def sentence_rows(codings: Codings, scale: Scale) -> list[UnitRow]:
    """Each coder's codes projected onto every sentence they cover by at least half."""
    if not scale.ordered and NOT_CODED not in scale.categories:
        scale.categories.append(NOT_CODED)
    name = scale.variable.name
    out = []
    by_article = codings.by_article()
    for article in codings.double_coded():
        passages = by_article.get(article, [])
        for start, end in split_sentences(codings.texts[article]):
            row = UnitRow(article, f"article {article} sentence [{start}, {end})")
            for coder in sorted(codings.coded_by[article]):
                ids: set[int] = set()
                for p in passages:
                    if p.coder == coder and covers(p, (start, end)):
                        ids.update(p.codes.get(name, ()))
                value = scale.value(tuple(sorted(ids)))
                row.values[coder] = NOT_CODED if value is None and not scale.ordered else value
                row.spans[coder] = (start, end)
            out.append(row)
    return out


def covers(passage: PassageRow, sentence: tuple[int, int]) -> bool:
    """Whether a passage's codes reach a sentence: it covers at least half of it."""
    start, end = sentence
    covered = min(passage.end, end) - max(passage.start, start)
    return covered >= SENTENCE_SHARE * (end - start)


def sentence_left_out(codings: Codings) -> dict[str, int]:
    """Per coder, the passages that cover no sentence by at least half: the sentence unit
    never sees their codes, so a reader of the figures must be told how many."""
    counts = {coder: 0 for a in codings.double_coded() for coder in codings.coded_by[a]}
    by_article = codings.by_article()
    for article in codings.double_coded():
        sentences = split_sentences(codings.texts[article])
        for p in by_article.get(article, []):
            if not any(covers(p, s) for s in sentences):
                counts[p.coder] += 1
    return counts


WHERE = "coded"  # the one category of unitizing by where a variable was coded at all


def unitizing_units(
    codings: Codings, scale: Scale, *, by_code: bool = True
) -> tuple[list[Unit], int]:
    """Units on one continuum (the articles end to end, in id order) and its length; each
    code a category of its own, or (`by_code` False) one category for any code of the
    variable: where it was coded, whatever the code."""
    name = scale.variable.name
    offset = 0
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    by_article = codings.by_article()
    for article in codings.double_coded():
        for p in by_article.get(article, []):
            for code in p.codes.get(name, ()):
                key = (p.coder, scale.codes[code].path_text if by_code else WHERE)
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
