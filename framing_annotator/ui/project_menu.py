"""The window's project menu: settings, codebook, welcome, new/open/recent projects,
import, export, merge and backups.

A mixin of :class:`~.main_window.MainWindow`. Long work (import, export, merge) runs
in workers with their own database connection; results come back as reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QProgressDialog

from ..domain.errors import KnownError
from ..io.codebooks import DEFAULT_PRESET, load_preset, preset_names
from ..io.importers import supported_suffixes
from ..services.annotation import AnnotationSession
from ..services.backup import restore_project
from ..services.commands import Changes
from ..services.merge import merge_projects
from ..services.project import ImportReport, Project
from .codebook_editor import CodebookEditor
from .export_dialog import ExportDialog
from .settings_dialog import Settings, SettingsDialog
from .settings_keys import ANNOTATOR, RECENT_PROJECTS
from .speakers_dialog import SpeakersDialog
from .welcome import CREATE as WELCOME_CREATE
from .welcome import OPEN as WELCOME_OPEN
from .welcome import WelcomePanel
from .workers import Worker

if TYPE_CHECKING:
    from .main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class ProjectMenu(_Base):
    """Project-level actions of the main window (see the module docstring)."""

    def show_speakers(self) -> SpeakersDialog:
        dialog = SpeakersDialog(self.project.repo, self.run, self)
        dialog.open()
        return dialog

    def show_codebook_editor(self) -> CodebookEditor:
        if self.codebook_editor is None:
            self.codebook_editor = CodebookEditor(self.session.codebook, self.run, self)
        self.codebook_editor.reload()
        self.codebook_editor.show()
        return self.codebook_editor

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(replace(self.settings, annotator=self.annotator), self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        dialog.open()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Save ``settings`` and apply them now (a new pipeline loads on the next start)."""
        settings.save()
        self.settings = settings
        self.article_view.set_font_pixels(settings.font_pixels)
        if settings.annotator and settings.annotator != self.annotator:
            self.set_annotator(settings.annotator)
        else:
            self.session.min_confidence = settings.threshold
            self.refresh(Changes())

    def show_welcome(self) -> WelcomePanel:
        """The first run's panel; its choice leads on when it closes."""
        presets = [(name, load_preset(name).name) for name in preset_names()]
        panel = WelcomePanel(presets, self)
        panel.accepted.connect(lambda: self._welcome_chosen(panel))
        panel.open()
        return panel

    def _welcome_chosen(self, panel: WelcomePanel) -> None:
        if panel.choice == WELCOME_CREATE:
            self.create_project_from_folder(preset=panel.preset_name)
        elif panel.choice == WELCOME_OPEN:
            self.choose_project()
        else:
            self.article_view.setFocus()

    def create_project_from_folder(
        self,
        folder: Path | None = None,
        target: Path | None = None,
        *,
        preset: str = DEFAULT_PRESET,
    ) -> Worker | None:
        """Make a new project of every article file in ``folder``, then open it."""
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, "Folder of articles", str(Path.home()))
            if not chosen:
                return None
            folder = Path(chosen)
        if target is None:
            suggested = str(folder.parent / f"{folder.name}.sqlite")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "New project file", suggested, "Framing Annotator projects (*.sqlite)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        if target.exists():
            self._report("New project", f"{target} exists already; choose a new file name.")
            return None
        try:
            Project.open(target, create=True, codebook=preset).close()
        except KnownError as exc:
            self.show_error(exc)
            return None
        worker = self.import_files([folder], into=target)
        worker.signals.finished.connect(lambda _report: self.project_requested.emit(target))
        return worker

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in QSettings().value(RECENT_PROJECTS, [], type=list) if Path(p).exists()]
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.project_requested.emit(Path(p)))
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    def set_annotator(self, name: str) -> None:
        QSettings().setValue(ANNOTATOR, name)
        self.annotator = name
        self.session = AnnotationSession(
            self.project.repo, name, min_confidence=self.settings.threshold
        )
        self.undo_stack.clear()
        self._frames_for_annotator()  # the new coder's own learner, never the last one's
        self.setWindowTitle(f"Framing Annotator — {self.project.path.stem} — {name}")
        self._reload_articles()

    # -- backups ----------------------------------------------------------------------

    def _backup_on_open(self) -> None:
        try:
            self.backups.on_open()
        except KnownError as exc:  # a backup that fails must not stop the work
            self.statusBar().showMessage(f"Backup failed: {exc}", 10000)
        self._backup_timer.start()

    def _backup_if_due(self) -> None:
        try:
            self.backups.maybe_backup(datetime.now(UTC))
        except KnownError as exc:
            self.statusBar().showMessage(f"Backup failed: {exc}", 10000)

    def restore_from_backup(self) -> None:
        backups = self.backups.backups()
        if not backups:
            QMessageBox.information(self, "Restore", "This project has no backup yet.")
            return
        labels = [
            f"{b.taken_at.astimezone():%Y-%m-%d %H:%M:%S} ({b.size / 2**20:.1f} MiB)"
            for b in backups
        ]
        label, ok = QInputDialog.getItem(
            self, "Restore from backup",
            "Replace the project with the backup taken at (the current file is kept aside):",
            labels, 0, False,
        )  # fmt: skip
        if not ok:
            return
        path = self.project.path
        self.workers.shutdown()
        self.project.close()
        try:
            result = restore_project(path, backups[labels.index(label)])
        except KnownError as exc:
            QMessageBox.warning(self, "Restore", str(exc))
        else:
            kept = f"\nThe replaced file is kept as {result.kept_as}." if result.kept_as else ""
            QMessageBox.information(self, "Restore", f"Restored {label}.{kept}")
        self.project_requested.emit(path)

    # -- projects and imports ------------------------------------------------------

    def choose_project(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Open project",
            str(self.project.path.parent),
            "Framing Annotator projects (*.sqlite *.db);;All files (*)",
        )
        if path:
            self.project_requested.emit(Path(path))

    def choose_import(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in supported_suffixes())
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()), f"Articles ({patterns});;All files (*)"
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: Sequence[Path], *, into: Path | None = None) -> Worker:
        """Import in the background with progress and Cancel; the list refreshes after.

        ``into`` imports into another project file instead (a new project being made).
        """
        project_path = into or self.project.path

        def job(progress, cancelled) -> ImportReport:
            project = Project.open(project_path)  # its own connection, in its own thread
            try:
                return project.import_files(paths, progress=progress, cancelled=cancelled)
            finally:
                project.close()

        worker = Worker("import", job)
        dialog = QProgressDialog("Importing articles…", "Cancel", 0, len(paths), self)
        dialog.setWindowTitle("Import")
        dialog.setMinimumDuration(400)
        worker.signals.progress.connect(lambda done, _total: dialog.setValue(done))
        worker.signals.finished.connect(
            lambda report: (dialog.reset(), None if into else self._imported(report))
        )
        worker.signals.failed.connect(
            lambda reason: (dialog.reset(), self._report("Import failed", reason))
        )
        dialog.canceled.connect(worker.cancel)
        return self.workers.start(worker)

    def show_export(self) -> ExportDialog:
        annotators = [a.name for a in self.project.repo.annotators()]
        dialog = ExportDialog(self.project.repo, self.workers, annotators, self.codebook,
                              self.article_id, self)  # fmt: skip
        dialog.open()
        return dialog

    def choose_merge(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Merge annotators' projects", str(self.project.path.parent),
            "Framing Annotator projects (*.sqlite *.db);;All files (*)",
        )  # fmt: skip
        if paths:
            self.merge_projects([Path(p) for p in paths])

    def merge_projects(self, sources: Sequence[Path]) -> Worker:
        """Merge in the background (its own connection); the report follows."""
        target = self.project.path

        def job(progress, _cancelled):
            return merge_projects(target, sources, progress=progress)

        worker = Worker("merge", job)
        worker.signals.finished.connect(self._merged)
        worker.signals.failed.connect(lambda reason: self._report("Merge failed", reason))
        return self.workers.start(worker)

    def _merged(self, merged: list) -> None:
        self._reload_articles()
        lines = [f"{item.source.name}: {item.result.summary()}" for item in merged]
        lines += [f"• conflict: {c.describe()}" for item in merged for c in item.result.conflicts]
        self._report("Merge finished", "\n".join(lines))

    def _reload_articles(self) -> None:
        current = self.article_id
        self.article_list.set_articles(self.project.articles(), self.annotator)
        self.article_id = None
        if current is not None:
            self.article_list.select(current)

    def _imported(self, report: ImportReport) -> None:
        had_article = self.article_id is not None
        self._reload_articles()
        if not had_article and report.added:
            self.article_list.select(report.added[0].id)
        lines = [
            f"{len(report.added)} imported, {len(report.duplicates)} already in the project, "
            f"{len(report.rejected)} rejected" + (" (cancelled)" if report.cancelled else "")
        ]
        lines += [f"• {reason}" for _path, reason in report.rejected]
        self._report("Import finished", "\n".join(lines))

    def _report(self, title: str, text: str) -> None:
        """A message that does not block: work goes on while it is shown."""
        self.last_report = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        self.last_report.open()
