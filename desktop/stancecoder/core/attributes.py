"""An article's attributes: the fields an import found beyond title, source and date.

They are kept as a JSON object of strings (`article.extra`). A project written by hand or by
an older version may hold something else there, so reading never fails: what is not an
object of strings is read as far as it can be, and the window and the export keep working.
"""

from __future__ import annotations

import json

# Shown first in the header, in this order; the rest are a hover away.
HEADLINE_KEYS = ("section",)


def read_attributes(extra: str | None) -> dict[str, str]:
    """The attributes stored in `extra`; values that are not strings are written out as
    text, empty ones are left out, and anything but a JSON object counts as none."""
    try:
        found = json.loads(extra or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        str(key): value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        for key, value in found.items()
        if value not in (None, "")
    }


def headline_attributes(attributes: dict[str, str]) -> list[str]:
    """The values worth a place on the header's one line (the section), in order."""
    return [attributes[key] for key in HEADLINE_KEYS if attributes.get(key)]
