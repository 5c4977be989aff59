"""Articles from records: one per row of a .csv/.xlsx table or per line of a .jsonl file.

Columns are matched to article fields by name, ignoring case, with the names news
exports commonly use; the user's own choice of columns wins. A file imports whole or not
at all, so one empty text or repeated id fails it with the row named.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from stancecoder.core.article import ArticleDraft
from stancecoder.core.errors import InputFileError
from stancecoder.core.newsmeta import normalise_date, split_news_header
from stancecoder.core.printable import printable
from stancecoder.core.text import canonical_text
from stancecoder.io.encoding import read_text
from stancecoder.io.limits import DEFAULT_LIMITS, ImportLimits, check_article_text, check_storable
from stancecoder.io.tables import missing_columns, read_table

# Each field with the column names it is recognised by, the preferred name first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate"),
    "source": ("source", "outlet", "publication", "medium"),
    "url": ("url", "link"),
    "external_id": ("external_id", "id", "uid", "article_id"),
    "author": ("author", "byline"),
    "language": ("language", "lang"),
    "dateline": ("dateline",),
}
_FIELD_BY_NAME = {alias: field for field, names in FIELD_ALIASES.items() for alias in names}


def read_table_articles(
    path: Path, columns: Mapping[str, str] | None, limits: ImportLimits = DEFAULT_LIMITS
) -> list[ArticleDraft]:
    """One article per row of a .csv or .xlsx table; `columns` maps field -> column name."""
    table = read_table(path, limits=limits)
    mapping = match_columns(path, table.columns, columns)
    if not table.rows:
        raise InputFileError(path, "no articles (the table has a header but no rows)")
    records = (
        (f"row {number}", row) for number, row in zip(table.row_numbers, table.rows, strict=True)
    )
    return _drafts(path, records, mapping, limits)


def read_jsonl_articles(
    path: Path, columns: Mapping[str, str] | None, limits: ImportLimits = DEFAULT_LIMITS
) -> list[ArticleDraft]:
    """One article per line of a JSON Lines file, each line an object with the fields.

    Keys are spelt as on their first appearance, so that "Title" on one line and
    "title" on the next fill the same field. A line nested deeper than
    `limits.max_json_depth` is refused before it is parsed: the parser recurses once per
    level and would run out of stack.
    """
    records: list[tuple[str, Mapping[str, str]]] = []
    spelling: dict[str, str] = {}
    # Split on "\n" only: JSON strings may hold U+2028, which splitlines() would cut at.
    for number, line in enumerate(read_text(path, limits.max_file_bytes).split("\n"), start=1):
        if not line.strip():
            continue
        if json_depth(line, limits.max_json_depth) > limits.max_json_depth:
            reason = f"line {number}: nested more than {limits.max_json_depth} levels deep"
            raise InputFileError(path, reason)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputFileError(path, f"line {number}: not valid JSON ({error.msg})") from error
        if not isinstance(value, dict):
            raise InputFileError(path, f"line {number}: not a JSON object")
        record: dict[str, str] = {}
        written: dict[str, str] = {}  # field name -> the key this line spells it with
        for key, item in value.items():
            name = spelling.setdefault(key.casefold(), key)
            if name in record:
                raise InputFileError(
                    path, f"line {number}: keys {written[name]!r} and {key!r} clash"
                )
            record[name], written[name] = _json_text(item), key
        records.append((f"line {number}", record))
    if not records:
        raise InputFileError(path, "no articles (no JSON objects in the file)")
    return _drafts(path, records, match_columns(path, list(spelling.values()), columns), limits)


def match_columns(
    path: Path, names: Sequence[str], chosen: Mapping[str, str] | None
) -> dict[str, str]:
    """Map each article field to the column holding it: the `chosen` ones, then by alias.

    Two columns that could both hold one field make the file fail rather than one of
    them being picked silently; the message says how to choose.
    """
    by_key = {name.casefold(): name for name in names}
    mapping: dict[str, str] = {}
    for field, column in (chosen or {}).items():
        canonical = _FIELD_BY_NAME.get(field.casefold())
        if canonical is None:
            known = ", ".join(FIELD_ALIASES)
            raise InputFileError(path, f"unknown article field {field!r} (fields: {known})")
        key = column.strip().casefold()
        if key not in by_key:
            raise missing_columns(path, [column], names)
        mapping[canonical] = by_key[key]
    for field, aliases in FIELD_ALIASES.items():
        if field in mapping:
            continue
        taken = set(mapping.values())
        found = [by_key[a] for a in aliases if a in by_key and by_key[a] not in taken]
        if len(found) > 1:
            raise InputFileError(
                path,
                f"columns {' and '.join(found)} could each be the {field}; "
                f"choose one in the column mapping",
            )
        if found:
            mapping[field] = found[0]
    if "text" not in mapping:
        raise missing_columns(path, ["text"], names)
    return mapping


def json_depth(line: str, limit: int) -> int:
    """How deeply the JSON on `line` nests arrays and objects, counted up to `limit + 1`.

    Brackets inside strings do not count. A line with fewer brackets than the limit
    cannot exceed it and is not scanned.
    """
    if line.count("[") + line.count("{") <= limit:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for char in line:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif char in "]}":
            depth -= 1
    return deepest


def _drafts(
    path: Path,
    records: Iterable[tuple[str, Mapping[str, str]]],
    mapping: dict[str, str],
    limits: ImportLimits,
) -> list[ArticleDraft]:
    drafts: list[ArticleDraft] = []
    first_use: dict[str, str] = {}
    for where, record in records:
        draft = _draft(path, where, record, mapping, limits)
        if draft.external_id is not None:
            if draft.external_id in first_use:
                earlier = first_use[draft.external_id]
                raise InputFileError(
                    path, f"{where}: id {draft.external_id!r} is already used in {earlier}"
                )
            first_use[draft.external_id] = where
        drafts.append(draft)
    return drafts


def _draft(
    path: Path,
    where: str,
    record: Mapping[str, str],
    mapping: dict[str, str],
    limits: ImportLimits,
) -> ArticleDraft:
    text = canonical_text(record.get(mapping["text"], ""))
    if not text:
        raise InputFileError(path, f"{where}: the text is empty")
    check_article_text(path, f"{where}: ", text, limits)
    for name, value in record.items():
        check_storable(path, f"{where}: ", "a column name", name)
        check_storable(path, f"{where}: ", f"the {printable(name)}", value)
    values = {field: record.get(column, "").strip() for field, column in mapping.items()}
    used = set(mapping.values())
    extra = {name: value for name, value in record.items() if name not in used}
    header = split_news_header(text)
    published = header.published
    if values.get("published"):
        published = normalise_date(values["published"])
        if published is None:
            extra["date_raw"] = values["published"]
    return ArticleDraft(
        text=text,
        origin=f"{printable(path.name)}, {where}",
        title=values.get("title") or header.title,
        source=values.get("source") or header.source,
        author=values.get("author") or header.author,
        dateline=values.get("dateline") or header.dateline,
        published=published,
        url=values.get("url") or None,
        language=values.get("language") or None,
        external_id=values.get("external_id") or None,
        extra=extra,
    )


def _json_text(value: object) -> str:
    """A JSON value as a table would hold it: 17 not 17.0, null as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)
