"""What the app remembers on this computer: recent projects, who codes where, the layout."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QSettings

RECENT_LIMIT = 10
THEMES = ("system", "light", "dark")


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.qt = settings or QSettings()

    def recent_projects(self) -> list[str]:
        value = self.qt.value("recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]

    def add_recent(self, location: str) -> None:
        recent = [location, *(r for r in self.recent_projects() if r != location)]
        self.qt.setValue("recent", recent[:RECENT_LIMIT])

    def last_project(self) -> str | None:
        recent = self.recent_projects()
        return recent[0] if recent else None

    def coder_for(self, location: str) -> str | None:
        value = self.qt.value(f"coder/{_key(location)}")
        return str(value) if value else None

    def set_coder_for(self, location: str, coder: str) -> None:
        self.qt.setValue(f"coder/{_key(location)}", coder)

    def theme(self) -> str:
        """The look chosen in View › Theme: "system", "light" or "dark"."""
        value = str(self.qt.value("theme", "system"))
        return value if value in THEMES else "system"

    def set_theme(self, theme: str) -> None:
        self.qt.setValue("theme", theme)

    def value(self, key: str, default: object = None) -> object:
        return self.qt.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self.qt.setValue(key, value)


def _key(location: str) -> str:
    """Project locations contain slashes and colons; settings keys must not."""
    return hashlib.sha1(location.encode("utf-8")).hexdigest()[:16]
