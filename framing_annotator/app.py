"""The GUI composition root: pick the project, build the services, show the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .domain.errors import KnownError
from .ui.settings_keys import ANNOTATOR, LAST_PROJECT, PIPELINE, RECENT_COUNT, RECENT_PROJECTS

ORGANISATION = "FramingAnnotator"
APPLICATION = "Framing Annotator"


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

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .bundled import resource_path
    from .ui import crash

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(QIcon(str(resource_path("icons", "framing-annotator.svg"))))
    crash.install(data_folder())
    first_run = not project_path and not QSettings().value(LAST_PROJECT, "", type=str)
    try:
        window = open_or_offer_restore(
            resolve_project(Path(project_path) if project_path else None)
        )
    except KnownError as exc:
        QMessageBox.critical(None, APPLICATION, str(exc))
        print(f"framing-annotator: error: {exc}", file=sys.stderr)
        return 1
    windows = [window]

    def switch_project(path: Path) -> None:
        """Open another project in a new window; the old one closes once the new one is up."""
        try:
            new = open_or_offer_restore(path)
        except KnownError as exc:
            QMessageBox.warning(windows[-1], APPLICATION, str(exc))
            return
        new.project_requested.connect(switch_project)
        new.show()
        windows[-1].close()
        windows.append(new)

    window.project_requested.connect(switch_project)
    window.show()
    if first_run:
        window.menu.show_welcome()
    return app.exec()


def open_or_offer_restore(path: Path):
    """Open ``path``; if it is damaged and has a backup, offer to restore the newest."""
    from PySide6.QtWidgets import QMessageBox

    from .domain.errors import NotAProject
    from .services.backup import latest_backup, restore_project

    try:
        return open_main_window(path)
    except NotAProject as exc:
        backup = latest_backup(path) if path.exists() else None
        if backup is None:
            raise
        answer = QMessageBox.question(
            None,
            APPLICATION,
            f"{exc}\n\nRestore the backup taken at {backup.taken_at.astimezone():%Y-%m-%d %H:%M}? "
            "The damaged file is kept beside it.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise
        restore_project(path, backup)
        return open_main_window(path)


def apply_style(app) -> None:
    """The app's style sheet, from the packaged resources."""
    from .bundled import resource_path

    app.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))


def annotator_name(ask: bool = True) -> str:
    """The saved annotator name; on the very first start, ask for one."""
    import getpass

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QInputDialog

    settings = QSettings()
    name = settings.value(ANNOTATOR, "", type=str).strip()
    if name:
        return name
    default = getpass.getuser() or "annotator"
    if ask:
        typed, ok = QInputDialog.getText(
            None,
            APPLICATION,
            "Your annotator name (each coder's quotes are kept apart):",
            text=default,
        )
        name = typed.strip() if ok else ""
    name = name or default
    settings.setValue(ANNOTATOR, name)
    return name


def resolve_project(project_path: Path | None) -> Path:
    """The project to open: the one given, else the last one, else (first run) the sample."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from .services.first_run import ensure_sample_project

    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    if project_path is not None:
        return Path(project_path)
    last = QSettings().value(LAST_PROJECT, "", type=str)
    if last and Path(last).exists():
        return Path(last)
    return ensure_sample_project(data_folder())


def data_folder() -> Path:
    """The user's data folder: the sample project and the log file live there."""
    from PySide6.QtCore import QStandardPaths

    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def remember_project(settings, path: Path) -> None:
    """The last project (reopened next time) and the recent-projects list, newest first."""
    resolved = str(Path(path).resolve())
    settings.setValue(LAST_PROJECT, resolved)
    recent = [p for p in settings.value(RECENT_PROJECTS, [], type=list) if p != resolved]
    settings.setValue(RECENT_PROJECTS, [resolved, *recent][:RECENT_COUNT])


def open_main_window(
    project_path: Path | None,
    *,
    annotator: str | None = None,
    suggestions: bool = True,
):
    """Open ``project_path``, or the last project, or (first run) the sample project."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from .services.project import Project
    from .services.suggestions import load_suggester
    from .ui.main_window import MainWindow

    app = QCoreApplication.instance()
    if not app.styleSheet():
        apply_style(app)
    project_path = resolve_project(project_path)
    settings = QSettings()
    project = Project.open_for_window(project_path)  # read-only on a read-only medium
    remember_project(settings, project_path)
    pipeline = settings.value(PIPELINE, "auto", type=str) or "auto"
    return MainWindow(
        project,
        annotator or annotator_name(),
        suggester_loader=(lambda: load_suggester(pipeline)) if suggestions else None,
    )
