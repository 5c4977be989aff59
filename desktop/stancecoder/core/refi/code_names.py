"""Code names unique across the whole codebook, as other tools need them.

Our labels are unique within their variable only ("Russia" may be an actor and a target),
but QualCoder merges codes of equal names and other tools find codes by name. A label
that occurs more than once (case aside), or names a variable, is written with its
variable after it: "Russia (target)". An import takes the suffix off again where it
names the group the code is in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def unique_names(
    variables: Sequence[str], labels: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The name of each (variable, label): the label itself where it is unique, else
    qualified by its variable, and numbered should even that be taken."""
    pairs = list(labels)
    counts = Counter(label.casefold() for _, label in pairs)
    counts.update(name.casefold() for name in variables)
    taken = {name.casefold() for name in variables}
    taken.update(label.casefold() for _, label in pairs if counts[label.casefold()] == 1)
    names: dict[tuple[str, str], str] = {}
    for variable, label in pairs:
        if counts[label.casefold()] == 1:
            names[variable, label] = label
            continue
        name, number = qualified(label, variable), 2
        while name.casefold() in taken:
            name, number = f"{qualified(label, variable)} {number}", number + 1
        taken.add(name.casefold())
        names[variable, label] = name
    return names


def qualified(label: str, group: str) -> str:
    return f"{label} ({group})"


def label_of(name: str, group: str) -> str:
    """The label a code's name stands for inside `group`: without the group's name that
    an export added to keep it unique."""
    suffix = f" ({group})"
    stripped = name.removesuffix(suffix).strip()
    return stripped if stripped else name.strip()
