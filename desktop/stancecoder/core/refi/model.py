"""A REFI-QDA project or codebook as plain data, between the XML (`io.refi`) and the
project's tables (`services.refi`).

Only what a text coding tool can use is modelled: users, codes, text sources with their
selections and codings, notes and variables. A source's `text` is None while its file has
not been read (or the archive does not hold it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RefiCode:
    """A code; one that is not codable is a folder of others (our variables are such)."""

    guid: str
    name: str
    codable: bool = True
    colour: str | None = None
    description: str = ""
    children: list[RefiCode] = field(default_factory=list)


@dataclass(frozen=True)
class RefiCoding:
    guid: str
    code_guid: str
    creating_user: str | None = None


@dataclass
class RefiSelection:
    """A span of a text source; `start` and `end` as the file wrote them (see
    `core.refi.positions` for what they count)."""

    guid: str
    start: int
    end: int
    name: str = ""
    description: str = ""
    creating_user: str | None = None
    codings: list[RefiCoding] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


@dataclass
class RefiSource:
    """A text source: its file in the archive (`text_path`) or its text inline."""

    guid: str
    name: str
    text_path: str | None = None
    text: str | None = None
    selections: list[RefiSelection] = field(default_factory=list)
    codings: list[RefiCoding] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # variable guid -> value as text


@dataclass(frozen=True)
class RefiUser:
    guid: str
    name: str


@dataclass(frozen=True)
class RefiVariable:
    guid: str
    name: str
    kind: str = "Text"  # the standard's typeOfVariable


@dataclass(frozen=True)
class RefiNote:
    guid: str
    name: str
    text: str
    creating_user: str | None = None


@dataclass
class RefiProject:
    """A whole project; `skipped` counts what the reader met and no text tool can use
    (pictures, PDF, audio and video sources), by kind."""

    name: str
    origin: str = ""
    creating_user: str | None = None
    users: list[RefiUser] = field(default_factory=list)
    codes: list[RefiCode] = field(default_factory=list)
    variables: list[RefiVariable] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    notes: list[RefiNote] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


def walk_codes(codes: list[RefiCode]) -> list[RefiCode]:
    """Every code of a tree, parents before their children."""
    found: list[RefiCode] = []
    for code in codes:
        found.append(code)
        found.extend(walk_codes(code.children))
    return found
