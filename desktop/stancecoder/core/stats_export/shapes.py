"""The two shapes of one layer's codings for a statistics program.

`passages`: a row per passage: the article (id, title, source, date), the coder, where the
passage lies and its words, then its codes, one column (or one 0/1 column per code) per
variable, the article-level variables taking the code the passage's coder gave the
article.

`articles`: a row per article and coder: every article in which the coder marked a
passage, gave an article code or set the status done (so a zero is a real zero). After
the article-level variables come the coder's passages there (`passages`), the mean of each
scale (`mean_stance`), and for each category C of each nominal passage variable V (its top
codes with their sub-codes, or every code alone): `n_V_C`, the passages coded so, and
`mean_S_V_C`, the mean of scale S over those passages, missing where none has a value.
Beside each mean stands its n (`n_mean_stance`, `n_mean_S_V_C`): the passages with a value
of S it rests on, fewer than those counted where some passages have no stance, 0 where the
mean is missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from statistics import fmean

from stancecoder.core.codebook_view import CodebookView, VariableView
from stancecoder.core.periods import first_day
from stancecoder.core.stats_export.table import (
    ArticleFacts,
    CodedPassage,
    StatColumn,
    StatTable,
)
from stancecoder.core.stats_export.variable_columns import VariableColumns

ArticleCodes = Mapping[tuple[int, str], Sequence[int]]
"""The codes of article-level variables per (article id, coder)."""

ARTICLE_COLUMNS = (
    StatColumn("article_id", "article id in the project", "int", "nominal"),
    StatColumn("title", "title of the article", "text", "nominal"),
    StatColumn("source", "source of the article", "text", "nominal"),
    StatColumn("date", "date published (a month or a year alone: its first day)", "date",
               "scale"),
    StatColumn("coder", "whose codings: a coder, or the consensus", "text", "nominal"),
)  # fmt: skip
PASSAGE_COLUMNS = (
    StatColumn("passage_id", "passage id in the project", "int", "nominal"),
    StatColumn("start", "start of the passage in the text (code points from 0)", "int", "scale"),
    StatColumn("end", "end of the passage in the text (exclusive)", "int", "scale"),
    StatColumn("quote", "the words of the passage", "text", "nominal"),
)


def passage_table(
    codebook: CodebookView,
    passages: Sequence[CodedPassage],
    articles: Mapping[int, ArticleFacts],
    article_codes: ArticleCodes,
) -> StatTable:
    variables = _variable_columns(codebook)
    columns = [*ARTICLE_COLUMNS, *PASSAGE_COLUMNS, *_columns(variables)]
    rows = []
    for p in passages:
        codes = {*p.code_ids, *article_codes.get((p.article_id, p.coder), ())}
        row: list[object] = [*_article_fields(articles[p.article_id]), p.coder]
        row += [p.passage_id, p.start, p.end, p.quote]
        for variable in variables:
            row += variable.values(codes)
        rows.append(tuple(row))
    unit = "one passage of one coder (or of the consensus)"
    return StatTable("passages", unit, tuple(columns), rows, _notes(variables))


def article_table(
    codebook: CodebookView,
    passages: Sequence[CodedPassage],
    articles: Mapping[int, ArticleFacts],
    article_codes: ArticleCodes,
    done: Iterable[tuple[int, str]],
    sub_codes: bool = False,
) -> StatTable:
    on_article = [VariableColumns(v, of_article=True) for v in codebook.article_variables()]
    scales = [_values(v) for v in codebook.passage_variables() if v.level != "nominal"]
    nominal = [v for v in codebook.passage_variables() if v.level == "nominal"]
    categories = [(v, _categories(v, sub_codes)) for v in nominal]
    columns = [
        *ARTICLE_COLUMNS,
        StatColumn("passages", "passages the coder marked in the article", "int", "scale"),
        *_columns(on_article),
    ]
    columns += _mean_columns(scales, "", "the coder's passages")
    for variable, named in categories:
        for category in named:
            whom = f"passages coded {variable.name} {category}"
            columns.append(StatColumn(f"n_{variable.name}_{category}", whom, "int", "scale"))
            columns += _mean_columns(scales, f"_{variable.name}_{category}", f"the {whom}")
    by_pair: dict[tuple[int, str], list[CodedPassage]] = defaultdict(list)
    for p in passages:
        by_pair[(p.article_id, p.coder)].append(p)
    pairs = sorted({*by_pair, *article_codes, *done}, key=lambda pair: pair)
    rows = []
    for article_id, coder in pairs:
        mine = by_pair.get((article_id, coder), [])
        row: list[object] = [*_article_fields(articles[article_id]), coder, len(mine)]
        for columns_of in on_article:
            row += columns_of.values(set(article_codes.get((article_id, coder), ())))
        row += _means(mine, scales)
        for _variable, named in categories:
            for members in named.values():
                coded = [p for p in mine if members.intersection(p.code_ids)]
                row.append(len(coded))
                row += _means(coded, scales)
        rows.append(tuple(row))
    unit = "one article and one coder (or the consensus) who coded it"
    return StatTable("articles", unit, tuple(columns), rows, _notes(on_article))


def _variable_columns(codebook: CodebookView) -> list[VariableColumns]:
    return [
        *(VariableColumns(v) for v in codebook.passage_variables()),
        *(VariableColumns(v, of_article=True) for v in codebook.article_variables()),
    ]


def _columns(variables: Iterable[VariableColumns]) -> list[StatColumn]:
    return [column for variable in variables for column in variable.columns]


def _notes(variables: Iterable[VariableColumns]) -> tuple[str, ...]:
    return tuple(v.note for v in variables if v.note)


def _article_fields(article: ArticleFacts) -> list[object]:
    return [article.id, article.title, article.source, first_day(article.published)]


def _categories(variable: VariableView, sub_codes: bool) -> dict[str, set[int]]:
    """Each category's name and its codes: a top code with every code below it, or with
    `sub_codes` each code alone under its path."""
    if sub_codes:
        return {c.path_text: {c.id} for c in variable.codes}
    found: dict[str, set[int]] = {}
    for code in variable.codes:
        found.setdefault(code.path[0], set()).add(code.id)
    return found


def _values(scale: VariableView) -> tuple[str, dict[int, float]]:
    """A scale's name and its codes' values (a code without one counts in no mean)."""
    return scale.name, {c.id: c.value for c in scale.codes if c.value is not None}


def _mean_columns(
    scales: Sequence[tuple[str, Mapping[int, float]]], of: str, whose: str
) -> list[StatColumn]:
    """Each scale's mean over `whose` passages and beside it its n, the passages with a
    value the mean rests on: a reader weighing a mean needs to know how many stand behind
    it, which the count of passages coded so overstates where some have no value."""
    columns = []
    for name, _ in scales:
        columns += [
            StatColumn(f"mean_{name}{of}", f"mean {name} of {whose}", "float", "scale"),
            StatColumn(f"n_mean_{name}{of}", f"n of the mean {name}: {whose} with a {name} value",
                       "int", "scale"),
        ]  # fmt: skip
    return columns


def _means(
    passages: Sequence[CodedPassage], scales: Sequence[tuple[str, Mapping[int, float]]]
) -> list[object]:
    """Each scale's mean and its n, in the order of `_mean_columns`."""
    out: list[object] = []
    for _, values in scales:
        points = _points(passages, values)
        out += [fmean(points) if points else None, len(points)]
    return out


def _points(passages: Sequence[CodedPassage], values: Mapping[int, float]) -> list[float]:
    """The value of each passage that has one (a passage with several: the mean of them,
    as `stancecoder.open` counts it)."""
    points = []
    for p in passages:
        chosen = [values[i] for i in p.code_ids if i in values]
        if chosen:
            points.append(fmean(chosen))
    return points
