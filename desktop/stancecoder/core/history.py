"""The coding history as people read it: an entry, the codebook's parts to compare, and a
change told in a few words.

Every row keeps the state before and after as a small JSON object (None where there was
none), so a reader needs no database to say what changed: only the fields that differ are
named, a passage's version aside, which steps with every change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from stancecoder.core.codebook_model import PATH_SEPARATOR, CodebookSpec, iter_codes
from stancecoder.core.context import short_quote
from stancecoder.core.errors import ValidationError

State = Mapping[str, object]
PASSAGE_ADDED = "passage added"
PASSAGE_CHANGED = "passage changed"
PASSAGE_DELETED = "passage deleted"
STATUS = "status"
ARTICLE_CODES = "article codes"
CODEBOOK = "codebook"
CODES_MERGED = "codes merged"
NONE = "(none)"
UNSAID = ("version",)  # steps with every change: said by the row itself
NAMES = ("code", "variable")  # a codebook part's name, said first when it stays the same


@dataclass(frozen=True)
class HistoryEntry:
    """One action as read back: `actor` did it, to `coder`'s work."""

    at: datetime
    actor: str
    action: str
    coder: str | None
    article_id: int | None
    article_title: str | None
    passage_uid: str | None
    before: State | None
    after: State | None

    @property
    def change(self) -> str:
        return describe_change(self.before, self.after)

    @property
    def when(self) -> str:
        """The time in UTC to the second, as ISO 8601 writes it: one form wherever the
        coders were."""
        return self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def state_json(state: State | None) -> str | None:
    """A state as the history's row stores it: JSON, its text as written, not escaped."""
    return None if state is None else json.dumps(state, ensure_ascii=False)


def state_from_json(text: str | None) -> State | None:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def parse_since(text: str) -> datetime:
    """A date or date-time as ISO 8601 writes it; without an offset it is UTC, as the
    history's times are."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            f"not a date or date-time: {text!r} (e.g. 2026-03-01 or 2026-03-01T14:30)"
        ) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def describe_change(before: State | None, after: State | None) -> str:
    """What changed, in words: "codes: Stance: Negative -> Stance: Positive; memo: "" ->
    "sarcastic"" (after the name of the code or variable, unless the name is what changed);
    the whole state of what was added ("-> …") or removed ("… -> (none)")."""
    if before is None and after is None:
        return ""
    if before is None:
        return f"-> {_whole(after or {})}"
    if after is None:
        return f"{_whole(before)} -> {NONE}"
    keys = [k for k in (*before, *(k for k in after if k not in before)) if k not in UNSAID]
    changed = [k for k in keys if before.get(k) != after.get(k)]
    told = "; ".join(
        f"{key}: {_value(key, before.get(key))} -> {_value(key, after.get(key))}" for key in changed
    )
    named = next((k for k in NAMES if k in before and k not in changed), None)
    return f"{named} {_value(named, before[named])}: {told}" if named else told


def _whole(state: State) -> str:
    """Every field that says something: what is empty is left out."""
    return "; ".join(
        f"{key}: {_value(key, v)}"
        for key, v in state.items()
        if key not in UNSAID and v not in (None, "")
    )


def _value(key: str, value: object) -> str:
    if value is None:
        return NONE
    if key == "span" and isinstance(value, list) and len(value) == 2:
        return f"[{value[0]}, {value[1]})"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or NONE
    if isinstance(value, str):
        return f'"{short_quote(value)}"'
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def codebook_parts(spec: CodebookSpec) -> dict[str, dict[str, object]]:
    """The codebook as parts that can each be added, changed or removed: its name and
    version, each variable (by name) and each code (by uid, so a renamed or moved code is
    one part changed, not one removed and one added)."""
    parts: dict[str, dict[str, object]] = {
        "codebook": {"codebook": spec.name, "codebook version": spec.version}
    }
    for variable in spec.variables:
        parts[f"variable {variable.name}"] = {
            "variable": variable.name,
            "level": variable.level,
            "scope": variable.scope,
            "multiple": variable.multiple,
            "description": variable.description,
        }
        for path, code in iter_codes(variable):
            parts[f"code {code.uid or PATH_SEPARATOR.join(path)}"] = {
                "code": f"{variable.name}: {PATH_SEPARATOR.join(path)}",
                "value": code.value,
                "description": code.description,
                "colour": code.colour,
                "shortcut": code.shortcut,
                "active": code.active,
            }
    return parts


def codebook_changes(
    before: CodebookSpec, after: CodebookSpec
) -> list[tuple[dict[str, object] | None, dict[str, object] | None]]:
    """Each part of the codebook that differs, as (before, after); None where it was not."""
    old, new = codebook_parts(before), codebook_parts(after)
    keys = [*old, *(k for k in new if k not in old)]
    return [(old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
