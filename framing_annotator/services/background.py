"""Work the window runs in background workers, each job opening its own connection.

An SQLite connection belongs to the thread that opened it, so every job here gets
paths, opens the project itself and closes it when done. The ui's worker runs these
functions; they know nothing of Qt. ``progress(done, total)`` and ``cancelled()``
are the worker's callables.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..io.codebooks import DEFAULT_PRESET, load_preset, preset_names
from ..io.importers import supported_suffixes
from .backup import Backup, BackupService
from .exchange import ExportOptions, ExportResult, export_annotations
from .project import ImportReport, Project

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

__all__ = [
    "DEFAULT_PRESET",
    "backup_project",
    "create_project",
    "export_project",
    "import_into",
    "index_for_search",
    "importable_suffixes",
    "presets",
]


def import_into(
    project_path: Path, paths: Sequence[Path], progress: Progress, cancelled: Cancelled
) -> ImportReport:
    project = Project.open(project_path)
    try:
        return project.import_files(paths, progress=progress, cancelled=cancelled)
    finally:
        project.close()


def index_for_search(project_path: Path, progress: Progress, cancelled: Cancelled) -> int:
    """Index the articles queued for search (none on a project that cannot be written)."""
    project = Project.open_for_window(project_path)
    try:
        if project.read_only:
            return 0  # its searches index the queue in memory instead
        return project.index_for_search(progress=progress, cancelled=cancelled,
                                        yield_to_writers=True)  # the window saves first
    finally:
        project.close()


def export_project(
    project_path: Path,
    fmt: str,
    out: Path,
    options: ExportOptions,
    *,
    excel: bool,
    progress: Progress,
    cancelled: Cancelled,
) -> ExportResult:
    project = Project.open(project_path, read_only=True)  # an export only reads
    try:
        return export_annotations(project.repo, fmt, out, options, excel=excel,
                                  progress=progress, cancelled=cancelled)  # fmt: skip
    finally:
        project.close()


def backup_project(project_path: Path) -> Backup | None:
    """A rolling backup of the project now (None if it is unchanged since the last one).

    Run in a worker: the online backup copies the file while the window goes on.
    """
    project = Project.open(project_path)
    try:
        return BackupService(project.repo).backup_now()
    finally:
        project.close()


def create_project(path: Path, preset: str = DEFAULT_PRESET) -> None:
    """A new, empty project file with the codebook preset ``preset``."""
    Project.open(path, create=True, codebook=preset).close()


def presets() -> list[tuple[str, str]]:
    """The codebook presets a new project can start from: (name, title)."""
    return [(name, load_preset(name).name) for name in preset_names()]


def importable_suffixes() -> list[str]:
    return list(supported_suffixes())
