"""What a coder file remembers of its packing, and what home remembers of each merge.

The file's `coder_file` setting holds the home project's uid, the coder, and each of the
coder's codings' versions when packed (passages by uid, statuses and article codes by the
article's uid). Home keeps, per file, the versions both sides had when a merge last left
a coding the same on both (`coder_file:UID`), so the next merge of a file coded further
knows which side changed what since.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from sqlalchemy.orm import Session

from stancecoder.core.errors import ValidationError
from stancecoder.core.sync import InStep
from stancecoder.db.store import get_setting, set_setting

STAMP_KEY = "coder_file"
MERGED_PREFIX = "coder_file:"


@dataclass(frozen=True)
class Stamp:
    source: str
    """The uid of the project the file was packed from."""
    coder: str
    passages: dict[str, int]
    assignments: dict[str, int]

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def read_stamp(session: Session, name: str) -> Stamp:
    """The stamp of the coder file `name`; refused when it is no coder file."""
    text = get_setting(session, STAMP_KEY)
    if text is None:
        raise ValidationError(f"{name} is not a coder file (made by stancecoder package)")
    try:
        data = json.loads(text)
        return Stamp(
            str(data["source"]), str(data["coder"]),
            {str(k): int(v) for k, v in data["passages"].items()},
            {str(k): int(v) for k, v in data["assignments"].items()},
        )  # fmt: skip
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(f"{name}: its coder file record is damaged ({exc})") from exc


@dataclass
class Merged:
    """Home's record of one coder file: per coding, the versions last in step."""

    passages: dict[str, InStep] = field(default_factory=dict)
    assignments: dict[str, InStep] = field(default_factory=dict)

    def to_json(self) -> str:
        def plain(steps: dict[str, InStep]) -> dict[str, list[int]]:
            return {uid: [step.home, step.file] for uid, step in sorted(steps.items())}

        return json.dumps(
            {"passages": plain(self.passages), "assignments": plain(self.assignments)}
        )


def read_merged(session: Session, file_uid: str) -> Merged | None:
    """What home recorded of earlier merges of this file; None before the first. A damaged
    record counts as none: the file's own stamp is then the base, which makes conflicts
    of what changed since, never silent overwrites."""
    text = get_setting(session, MERGED_PREFIX + file_uid)
    if text is None:
        return None
    try:
        data = json.loads(text)

        def steps(part: dict[str, list[int]]) -> dict[str, InStep]:
            return {str(uid): InStep(int(h), int(f)) for uid, (h, f) in part.items()}

        return Merged(steps(data["passages"]), steps(data["assignments"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def write_merged(session: Session, file_uid: str, merged: Merged) -> bool:
    """Store the record if it changed; returns whether it did."""
    text = merged.to_json()
    if get_setting(session, MERGED_PREFIX + file_uid) == text:
        return False
    set_setting(session, MERGED_PREFIX + file_uid, text)
    return True
