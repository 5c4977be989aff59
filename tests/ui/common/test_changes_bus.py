"""The change bus: one per open project, and the only way a change reaches the views."""

from __future__ import annotations

from pathlib import Path

from stancecoder.core.changes import Changes
from stancecoder.services.project import Project, create_project
from stancecoder.ui.common.changes_bus import bus_of


def test_each_project_has_its_own_bus(ui_project: Project, tmp_path: Path) -> None:
    other = create_project(tmp_path / "other.stance")
    try:
        assert bus_of(ui_project) is bus_of(ui_project)
        assert bus_of(other) is not bus_of(ui_project)
        heard: list[Changes] = []
        bus_of(ui_project).changed.connect(heard.append)
        bus_of(other).publish(Changes(reload=True))
        bus_of(ui_project).publish(Changes(articles={1}))
        assert heard == [Changes(articles={1})]
    finally:
        other.close()
