"""Stable GUIDs: the same project exported twice gives every element the same GUID.

A GUID is a version-5 UUID of the kind of element and our own identifiers (uids), in
lower case as the standard's examples write it, so another tool that matches elements by
GUID across two exports recognises them.
"""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f3b1c52-8d0e-5a7b-9c41-2e5d7a0b3f18")


def stable_guid(kind: str, *parts: str) -> str:
    """The GUID of an element of `kind` ("code", "passage", …) named by `parts`."""
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join((kind, *parts))))


def uid_of_guid(guid: str) -> str:
    """A GUID as one of our uids (32 hex digits), so what an import makes of an element
    is found again when the same file is imported twice; braces and case as any tool
    writes them."""
    return uuid.UUID(guid.strip("{}")).hex
