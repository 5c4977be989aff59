"""From start to a coding window: which project, and who is coding."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from stancecoder.core.errors import StanceCoderError
from stancecoder.services.coders import list_coders
from stancecoder.services.project import Project, create_project, open_project
from stancecoder.services.sample_project import ensure_sample_project
from stancecoder.ui.common.errors import in_words, show_problem
from stancecoder.ui.common.settings import AppSettings
from stancecoder.ui.workbench.coder_dialog import CoderDialog
from stancecoder.ui.workbench.main_window import MainWindow
from stancecoder.ui.workbench.welcome import WelcomeScreen

PROJECT_FILTER = "StanceCoder projects (*.stance)"


class Launcher:
    """Keeps the open windows alive and remembers recent projects and coders."""

    def __init__(self, settings: AppSettings | None = None) -> None:
        self.settings = settings or AppSettings()
        self.windows: list[MainWindow] = []
        self.welcome: WelcomeScreen | None = None

    def start(self, target: str | None) -> None:
        """The project asked for; else the last one; on the very first start, the sample."""
        if target is None:
            last = self.settings.last_project()
            if last is None:
                target = str(ensure_sample_project())
            elif last.startswith("postgresql") or Path(last).exists():
                target = last
        if target is None or not self.open(target):
            self.show_welcome()

    def show_welcome(self) -> None:
        welcome = WelcomeScreen(self.settings.recent_projects())
        welcome.sampleRequested.connect(self.open_sample)
        welcome.newRequested.connect(self.new_project)
        welcome.openRequested.connect(self.choose_project)
        welcome.recentRequested.connect(self.open)
        welcome.setWindowTitle("StanceCoder")
        welcome.resize(760, 520)
        welcome.show()
        self.welcome = welcome

    def new_project(self) -> None:
        parent = self.welcome or QApplication.activeWindow()
        path, _ = QFileDialog.getSaveFileName(parent, "New project", "", PROJECT_FILTER)
        if path:
            try:
                create_project(path).close()
            except StanceCoderError as exc:
                show_problem(parent, in_words(exc))
                return
            self.open(str(Path(path).with_suffix(".stance")))

    def choose_project(self) -> None:
        parent = self.welcome or QApplication.activeWindow()
        path, _ = QFileDialog.getOpenFileName(parent, "Open project", "", PROJECT_FILTER)
        if path:
            self.open(path)

    def open_sample(self) -> None:
        self.open(str(ensure_sample_project()))

    def open(self, target: str) -> bool:
        try:
            project = open_project(target)
        except StanceCoderError as exc:
            show_problem(self.welcome, f"The project could not be opened.\n\n{in_words(exc)}")
            return False
        if project.actor is not None:  # a team server's login codes as its own coder
            coder, role = project.actor.coder, "lead" if project.actor.lead else "coder"
        else:
            roles = {c.name: c.role for c in list_coders(project, consensus=False)}
            chosen = self.ask_coder(project, set(roles))
            if chosen is None:
                project.close()
                return False
            if chosen not in roles:  # added in the dialog just now
                roles = {c.name: c.role for c in list_coders(project, consensus=False)}
            coder, role = chosen, roles.get(chosen, "coder")
        window = MainWindow(project, coder, role, self.settings, launcher=self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda: self._closed(window, project))
        self.settings.add_recent(project.location)
        self.windows.append(window)
        window.show()
        if self.welcome is not None:
            self.welcome.close()
            self.welcome = None
        return True

    def _closed(self, window: MainWindow, project: Project) -> None:
        self.windows.remove(window)
        project.close()

    def ask_coder(self, project: Project, known: set[str]) -> str | None:
        remembered = self.settings.coder_for(project.location)
        if remembered in known:
            return remembered
        dialog = CoderDialog(project)
        if remembered:
            dialog.preselect(remembered)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.set_coder_for(project.location, dialog.chosen())
        return dialog.chosen()
