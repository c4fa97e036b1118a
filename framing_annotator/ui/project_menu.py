"""The window's project-level work: settings, codebook and speakers, welcome, new/open/recent
projects, import, export, merge, backups and the background suggester.

One object beside the window (not a mixin): it gets the controller for every change and
:class:`WindowHooks`, the few widgets and callbacks of the window it needs, never the
window itself. Long work runs in workers whose jobs (in
:mod:`framing_annotator.services.background`) open their own connection; results
come back as reports that do not block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from ..domain.errors import KnownError
from ..services import background
from ..services.backup import BackupService, restore_project
from ..services.controller import AnnotationController
from ..services.merge import merge_projects
from ..services.project import ImportReport
from .actions import ActionInfo
from .article_list import ArticleList
from .codebook_editor import CodebookEditor
from .export_dialog import ExportDialog
from .help_dialog import HelpDialog
from .settings_dialog import Settings, SettingsDialog
from .settings_keys import ANNOTATOR, RECENT_PROJECTS
from .speakers_dialog import SpeakersDialog
from .suggestion_runner import SuggestionRunner
from .welcome import CREATE as WELCOME_CREATE
from .welcome import OPEN as WELCOME_OPEN
from .welcome import WelcomePanel
from .workers import Worker, WorkerPool

BACKUP_TICK_MS = 60_000  # the policy decides when a backup is due; this only asks


@dataclass(frozen=True)
class WindowHooks:
    """What the project menu needs of its window, and nothing more."""

    parent: QWidget  # dialogs and reports sit on it
    article_list: ArticleList  # listed again after an import or a merge
    flash: Callable[[str], None]  # a short line in the status bar
    show_error: Callable[[KnownError], None]
    open_project: Callable[[Path], None]  # leave this project for another one
    set_annotator: Callable[[str], None]
    set_font_pixels: Callable[[int], None]
    focus_text: Callable[[], None]
    help_rows: Callable[[], list[ActionInfo]]


class ProjectMenu:
    """Project-level actions of one window (see the module docstring)."""

    def __init__(
        self, controller: AnnotationController, settings: Settings, window: WindowHooks
    ) -> None:
        self.window = window
        self.controller = controller
        self.settings = settings
        self.path = controller.project.path
        self.workers = WorkerPool()
        self.suggestions = SuggestionRunner(self.path, self.workers)
        self.suggestions.ready.connect(self._suggester_ready)
        self.suggestions.stored.connect(self.controller.suggestions_stored)
        self.suggestions.failed.connect(
            lambda reason: window.flash(f"No suggestions: {reason.splitlines()[-1]}")
        )
        self.recent_menu = QMenu("Open &recent", window.parent)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.backups = BackupService(controller.project.repo)
        self.backup_timer = QTimer(window.parent)
        self.backup_timer.setInterval(BACKUP_TICK_MS)
        self.backup_timer.timeout.connect(self._backup_if_due)
        self.codebook_editor: CodebookEditor | None = None
        self.speakers_dialog: SpeakersDialog | None = None
        self.last_report: QMessageBox | None = None

    # -- dialogs on the project's lists -------------------------------------------

    def show_speakers(self) -> SpeakersDialog:
        self.speakers_dialog = SpeakersDialog(self.controller, self.window.parent)
        self.speakers_dialog.open()
        return self.speakers_dialog

    def show_codebook_editor(self) -> CodebookEditor:
        if self.codebook_editor is None:
            self.codebook_editor = CodebookEditor(self.controller, self.window.parent)
        self.codebook_editor.reload()
        self.codebook_editor.show()
        return self.codebook_editor

    def codebook_changed(self) -> None:
        if self.codebook_editor is not None:
            self.codebook_editor.reload()

    def show_settings(self) -> SettingsDialog:
        settings = replace(self.settings, annotator=self.controller.annotator)
        dialog = SettingsDialog(settings, self.window.parent)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        dialog.open()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Save ``settings`` and apply them now (a new pipeline loads on the next start)."""
        settings.save()
        self.settings = settings
        self.window.set_font_pixels(settings.font_pixels)
        if settings.annotator and settings.annotator != self.controller.annotator:
            self.controller.session.min_confidence = settings.threshold
            self.window.set_annotator(settings.annotator)
        else:
            self.controller.set_min_confidence(settings.threshold)

    def switch_annotator(self) -> None:
        name, ok = QInputDialog.getText(self.window.parent, "Switch annotator", "Annotate as:",
                                        text=self.controller.annotator)  # fmt: skip
        if ok and name.strip() and name.strip() != self.controller.annotator:
            self.window.set_annotator(name.strip())

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self.window.help_rows(), self.window.parent)
        dialog.open()
        return dialog

    def remember_annotator(self, name: str) -> None:
        QSettings().setValue(ANNOTATOR, name)

    def show_welcome(self) -> WelcomePanel:
        """The first run's panel; its choice leads on when it closes."""
        panel = WelcomePanel(background.presets(), self.window.parent)
        panel.accepted.connect(lambda: self._welcome_chosen(panel))
        panel.open()
        return panel

    def _welcome_chosen(self, panel: WelcomePanel) -> None:
        if panel.choice == WELCOME_CREATE:
            self.create_project_from_folder(preset=panel.preset_name)
        elif panel.choice == WELCOME_OPEN:
            self.choose_project()
        else:
            self.window.focus_text()

    # -- projects ------------------------------------------------------------------

    def create_project_from_folder(
        self,
        folder: Path | None = None,
        target: Path | None = None,
        *,
        preset: str = background.DEFAULT_PRESET,
    ) -> Worker | None:
        """Make a new project of every article file in ``folder``, then open it."""
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(
                self.window.parent, "Folder of articles", str(Path.home())
            )
            if not chosen:
                return None
            folder = Path(chosen)
        if target is None:
            suggested = str(folder.parent / f"{folder.name}.sqlite")
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window.parent, "New project file", suggested,
                "Framing Annotator projects (*.sqlite)",
            )  # fmt: skip
            if not chosen:
                return None
            target = Path(chosen)
        if target.exists():
            self.report("New project", f"{target} exists already; choose a new file name.")
            return None
        try:
            background.create_project(target, preset)
        except KnownError as exc:
            self.window.show_error(exc)
            return None
        worker = self.import_files([folder], into=target)
        worker.signals.finished.connect(lambda _report: self.window.open_project(target))
        return worker

    def choose_project(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window.parent, "Open project", str(self.path.parent),
            "Framing Annotator projects (*.sqlite *.db);;All files (*)",
        )  # fmt: skip
        if path:
            self.window.open_project(Path(path))

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = [p for p in QSettings().value(RECENT_PROJECTS, [], type=list) if Path(p).exists()]
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(
                lambda _c=False, p=path: self.window.open_project(Path(p))
            )
        if not recent:
            menu.addAction("No recent projects").setEnabled(False)

    # -- import, export, merge -------------------------------------------------------------

    def choose_import(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in background.importable_suffixes())
        paths, _filter = QFileDialog.getOpenFileNames(
            self.window.parent, "Import articles", str(Path.home()),
            f"Articles ({patterns});;All files (*)",
        )  # fmt: skip
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: Sequence[Path], *, into: Path | None = None) -> Worker:
        """Import in the background with progress and Cancel; the list refreshes after.

        ``into`` imports into another project file instead (a new project being made).
        """
        project_path = into or self.path
        worker = Worker("import", lambda progress, cancelled: background.import_into(
            project_path, paths, progress, cancelled))  # fmt: skip
        dialog = QProgressDialog("Importing articles…", "Cancel", 0, len(paths),
                                 self.window.parent)  # fmt: skip
        dialog.setWindowTitle("Import")
        dialog.setMinimumDuration(400)
        worker.signals.progress.connect(lambda done, _total: dialog.setValue(done))
        worker.signals.finished.connect(
            lambda report: (dialog.reset(), None if into else self._imported(report))
        )
        worker.signals.failed.connect(
            lambda reason: (dialog.reset(), self.report("Import failed", reason))
        )
        dialog.canceled.connect(worker.cancel)
        return self.workers.start(worker)

    def _imported(self, report: ImportReport) -> None:
        self.window.article_list.set_source(self.controller, keep=self.controller.article_id)
        if self.controller.article_id is None and report.added:
            self.controller.open_article(report.added[0].id)
        lines = [
            f"{len(report.added)} imported, {len(report.duplicates)} already in the project, "
            f"{len(report.rejected)} rejected" + (" (cancelled)" if report.cancelled else "")
        ]
        lines += [f"• {reason}" for _path, reason in report.rejected]
        self.report("Import finished", "\n".join(lines))
        self.index_for_search()

    def show_export(self) -> ExportDialog:
        self.controller.flush()  # the export reads the file on its own connection
        dialog = ExportDialog(self.path, self.workers, self.controller.annotator_names(),
                              self.controller.codebook, self.controller.article_id,
                              self.window.parent, backups=self.backups.folder)  # fmt: skip
        dialog.open()
        return dialog

    def choose_merge(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self.window.parent, "Merge annotators' projects", str(self.path.parent),
            "Framing Annotator projects (*.sqlite *.db);;All files (*)",
        )  # fmt: skip
        if paths:
            self.merge_projects([Path(p) for p in paths])

    def merge_projects(self, sources: Sequence[Path]) -> Worker:
        """Merge in the background (its own connection); the report follows."""
        target = self.path
        worker = Worker("merge", lambda progress, _cancelled: merge_projects(
            target, sources, progress=progress))  # fmt: skip
        worker.signals.finished.connect(self._merged)
        worker.signals.failed.connect(lambda reason: self.report("Merge failed", reason))
        return self.workers.start(worker)

    def _merged(self, merged: list) -> None:
        self.window.article_list.set_source(self.controller, keep=self.controller.article_id)
        self.controller.reopen()
        lines = [f"{item.source.name}: {item.result.summary()}" for item in merged]
        lines += [f"• conflict: {c.describe()}" for item in merged for c in item.result.conflicts]
        self.report("Merge finished", "\n".join(lines))
        self.index_for_search()

    def report(self, title: str, text: str) -> None:
        """A message that does not block: work goes on while it is shown."""
        self.last_report = QMessageBox(QMessageBox.Icon.Information, title, text,
                                       parent=self.window.parent)  # fmt: skip
        self.last_report.setObjectName("report")
        self.last_report.open()

    # -- the search index -------------------------------------------------------------

    def index_if_queued(self) -> None:
        """On open: finish indexing what an earlier import left queued (closed midway)."""
        if not self.controller.project.read_only and self.controller.project.unindexed_count():
            self.index_for_search()

    def index_for_search(self) -> Worker:
        """Index the articles a large import or merge queued, in the background: the list
        and the articles are there already, and a search meanwhile indexes the rest first."""
        path = self.path
        worker = Worker("index", lambda progress, cancelled: background.index_for_search(
            path, progress, cancelled))  # fmt: skip
        worker.signals.progress.connect(lambda done, total: self.window.flash(
            f"Indexing articles for search: {done:,} of {total:,}"))  # fmt: skip
        worker.signals.finished.connect(
            lambda indexed: self.window.flash(f"Search index ready ({indexed:,} articles added)")
            if indexed else None
        )
        worker.signals.failed.connect(lambda reason: self.window.flash(
            f"Indexing for search stopped: {reason.splitlines()[-1]}"))  # fmt: skip
        return self.workers.start(worker)

    # -- backups --------------------------------------------------------------------------

    def start_backups(self) -> None:
        """The backup on open runs in a worker once the window is up, then every tick."""
        QTimer.singleShot(0, self._backup_now)

    def _backup_now(self) -> None:
        path = self.path
        worker = Worker("backup", lambda _progress, _cancelled: background.backup_project(path))
        worker.signals.finished.connect(self._backed_up)
        worker.signals.failed.connect(self._backup_failed)
        self.workers.start(worker)

    def _backed_up(self, _backup) -> None:
        self.backups.last_checked = datetime.now(UTC)
        self.backup_timer.start()

    def _backup_failed(self, reason: str) -> None:  # a failed backup must not stop the work
        self.window.flash(f"Backup failed: {reason.splitlines()[-1]}")
        self.backups.last_checked = datetime.now(UTC)
        self.backup_timer.start()

    def _backup_if_due(self) -> None:
        if self.backups.due(datetime.now(UTC)):
            self.backup_timer.stop()
            self._backup_now()

    def restore_from_backup(self) -> None:
        backups = self.backups.backups()
        if not backups:
            self.report("Restore", "This project has no backup yet.")
            return
        labels = [
            f"{b.taken_at.astimezone():%Y-%m-%d %H:%M:%S} ({b.size / 2**20:.1f} MiB)"
            for b in backups
        ]
        label, ok = QInputDialog.getItem(
            self.window.parent, "Restore from backup",
            "Replace the project with the backup taken at (the current file is kept aside):",
            labels, 0, False,
        )  # fmt: skip
        if not ok:
            return
        self.shutdown()
        self.controller.project.close()
        try:
            result = restore_project(self.path, backups[labels.index(label)])
        except KnownError as exc:
            QMessageBox.warning(self.window.parent, "Restore", str(exc))
        else:
            kept = f"\nThe replaced file is kept as {result.kept_as}." if result.kept_as else ""
            QMessageBox.information(self.window.parent, "Restore", f"Restored {label}.{kept}")
        self.window.open_project(self.path)

    # -- the suggester ---------------------------------------------------------------------

    def _suggester_ready(self, pipeline: str) -> None:
        self.window.flash(f"Suggester ready ({pipeline})")
        if self.controller.article_id is not None:
            self.suggest_if_new(self.controller.article_id)

    def suggest_if_new(self, article_id: int) -> None:
        suggester = self.suggestions.suggester
        if suggester is not None and article_id not in self.controller.suggested_by(
            suggester.pipeline_name
        ):
            self.suggestions.suggest([article_id])

    def suggest_current(self) -> None:
        if self.suggestions.suggester is None:
            self.window.flash("The suggester is still loading…")
        elif self.controller.article_id is not None:
            self.suggestions.suggest([self.controller.article_id], again=True)

    def suggest_all(self) -> None:
        if self.suggestions.suggester is None:
            self.window.flash("The suggester is still loading…")
            return
        ids = self.window.article_list.all_ids()
        worker = self.suggestions.suggest(ids)
        if worker is None:
            return
        dialog = QProgressDialog("Suggesting quotes…", "Cancel", 0, len(ids), self.window.parent)
        dialog.setWindowTitle("Suggest quotes")
        dialog.setMinimumDuration(300)

        def show_progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        worker.signals.progress.connect(show_progress)
        worker.signals.finished.connect(lambda _n: dialog.reset())
        worker.signals.failed.connect(lambda _reason: dialog.reset())
        dialog.canceled.connect(worker.cancel)

    def shutdown(self) -> None:
        """Stop the timer and every worker before the project closes."""
        self.backup_timer.stop()
        self.suggestions.blockSignals(True)
        self.workers.shutdown()
