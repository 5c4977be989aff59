"""Key sequences written in a codebook, in one spelling so that clashes can be found.

"shift+alt+r" and "Alt+Shift+R" press the same keys; comparing the text as written would
let both into one codebook and leave it to chance which code a keystroke gives. The order
of modifiers is the one Qt's portable text uses, so the ui can hand the string on as is.
"""

from __future__ import annotations

_MODIFIERS = ("Meta", "Ctrl", "Alt", "Shift")


def normalise_shortcut(text: str) -> str | None:
    """`text` as "Meta+Ctrl+Alt+Shift+Key" (modifiers as present), or None if it is not one.

    A single-character key is upper-cased; a named key ("F5", "Space") keeps its spelling,
    as Qt reads key names without regard to case. Multi-chord sequences are not accepted.
    """
    *modifiers, key = (part.strip() for part in text.split("+"))
    if not key or any(ch.isspace() or ch == "," for ch in key):
        return None
    canonical = {m.casefold(): m for m in _MODIFIERS}
    if key.casefold() in canonical:
        return None
    present: set[str] = set()
    for modifier in modifiers:
        name = canonical.get(modifier.casefold())
        if name is None or name in present:
            return None
        present.add(name)
    key = key.upper() if len(key) == 1 else key
    return "+".join([m for m in _MODIFIERS if m in present] + [key])
