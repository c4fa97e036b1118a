"""The GUI composition root: pick the project, build the services, show the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .domain.errors import KnownError

ORGANISATION = "FramingAnnotator"
APPLICATION = "Framing Annotator"
LAST_PROJECT_KEY = "project/last"


def display_problem() -> str | None:
    """Why no window can be shown here, or None when one can."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "framing-annotator: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
            "run it on a desktop, or use the command line: framing-annotator --help"
        )
    return None


def run_window(project_path: str | None) -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    try:
        window = open_main_window(Path(project_path) if project_path else None)
    except KnownError as exc:
        QMessageBox.critical(None, APPLICATION, str(exc))
        print(f"framing-annotator: error: {exc}", file=sys.stderr)
        return 1
    window.show()
    return app.exec()


def open_main_window(project_path: Path | None):
    """Open ``project_path``, or the last project, or (first run) the sample project."""
    from PySide6.QtCore import QSettings, QStandardPaths

    from .services.first_run import ensure_sample_project
    from .services.project import Project
    from .ui.main_window import MainWindow

    settings = QSettings()
    if project_path is None:
        last = settings.value(LAST_PROJECT_KEY, "", type=str)
        if last and Path(last).exists():
            project_path = Path(last)
        else:
            data_dir = Path(
                QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            )
            project_path = ensure_sample_project(data_dir)
    project = Project.open(project_path)
    settings.setValue(LAST_PROJECT_KEY, str(project_path.resolve()))
    return MainWindow(project)
