"""Numbers as a paper prints them (APA 7th edition), the one formatter of the report's tables,
its methods paragraph and the rounds comparison, so a figure reads the same everywhere.

A statistic that cannot exceed 1 in absolute value (α, κ, AC1) loses its leading zero
(.72), because the zero carries no information; one that can exceed 1 keeps it (0.72).
Negative numbers take a true minus sign (U+2212), which a typesetter would put there and
which does not break across lines as a hyphen does. A value that rounds to zero has no sign.
"""

from __future__ import annotations

MINUS = "\u2212"
UNDEFINED = "—"


def apa(value: float | None, digits: int = 2, *, bounded: bool = True) -> str:
    """.72, −.05, 1.00, "—" for a value that is not defined."""
    if value is None:
        return UNDEFINED
    text = f"{abs(value):.{digits}f}"
    if bounded and text.startswith("0."):
        text = text[1:]
    negative = value < 0 and any(c not in "0." for c in text)
    return MINUS + text if negative else text


def apa_interval(interval: tuple[float, float] | None, digits: int = 2) -> str:
    """[.61, .90], or "—" without an interval."""
    if interval is None:
        return UNDEFINED
    return f"[{apa(interval[0], digits)}, {apa(interval[1], digits)}]"


def apa_signed(value: float) -> str:
    """A change, always with its sign, so "+.26" cannot be misread as a level."""
    text = apa(value)
    return text if text.startswith(MINUS) else f"+{text}"


def apa_percent(share: float | None) -> str:
    """A share as a percentage with one decimal (75.0): whole percents would print 99.6%
    agreement as 100."""
    return UNDEFINED if share is None else f"{share * 100:.1f}"


def apa_count(n: int) -> str:
    """An integer with a thousands separator from 1,000 on."""
    return f"{n:,}"
