"""The date lines of news exports: "March 4, 2021 Thursday, Final Edition",
"4. Juli 2019 Donnerstag", "4 juillet 2019". A date is read only when the line starts
with one written out in full; anything else stays text and is never guessed."""

from __future__ import annotations

import re
from datetime import date

_MONTH_NAMES = {
    1: "january jan januar jänner janvier januari enero",
    2: "february feb februar février fevrier februari febrero",
    3: "march mar märz maerz mars maart marzo",
    4: "april apr avril abril",
    5: "may mai mei mayo",
    6: "june jun juni juin junio",
    7: "july jul juli juillet julio",
    8: "august aug août aout augustus agosto",
    9: "september sep sept septembre septiembre",
    10: "october oct oktober octobre octubre",
    11: "november nov novembre noviembre",
    12: "december dec dezember décembre decembre diciembre",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_WORD = r"[^\W\d_]+"
_LEADING_WEEKDAY = rf"(?:{_WORD},?\s+)?"
_PATTERNS = (
    re.compile(
        _LEADING_WEEKDAY + rf"(?P<month>{_WORD})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<year>\d{4})\b"
    ),
    re.compile(
        _LEADING_WEEKDAY + rf"(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{_WORD})\.?,?\s+"
        r"(?:de\s+)?(?P<year>\d{4})\b"
    ),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)


def read_date_line(line: str) -> tuple[str | None, str]:
    """The ISO date a date line starts with, or None, and the rest of the line (weekday,
    time, edition) without its leading separators."""
    value = line.strip()
    for pattern in _PATTERNS:
        match = pattern.match(value)
        if match is None:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.casefold())
        if month is None:
            continue
        try:
            found = date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return None, value
        return found.isoformat(), value[match.end() :].lstrip(" ,;")
    return None, value


_LANGUAGES = {
    "english": "en",
    "englisch": "en",
    "anglais": "en",
    "german": "de",
    "deutsch": "de",
    "allemand": "de",
    "french": "fr",
    "französisch": "fr",
    "français": "fr",
    "francais": "fr",
    "dutch": "nl",
    "niederländisch": "nl",
    "nederlands": "nl",
    "spanish": "es",
    "spanisch": "es",
    "español": "es",
    "italian": "it",
    "italienisch": "it",
    "portuguese": "pt",
}


def language_code(name: str) -> str:
    """The ISO 639-1 code of a language named as exports name it ("ENGLISH", "Deutsch"),
    or the name itself when it is not one of those."""
    return _LANGUAGES.get(name.strip().casefold(), name.strip())
