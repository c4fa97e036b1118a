"""Rolling backups of the open project, and restoring one: the use cases, without Qt.

The window makes one :class:`BackupService` per open project, calls
:meth:`BackupService.on_open` right after opening and :meth:`BackupService.maybe_backup`
from a timer (a tick every minute is fine: it only backs up once the interval has passed).
A project that fails to open as damaged is offered :func:`latest_backup`, and
:func:`restore_project` puts it back while the project is closed.

Every failure is a :class:`~framing_annotator.domain.errors.KnownError` with a one-line
message; a failed backup never touches the project or the older backups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..domain.errors import NotFound
from ..store import backup as store
from ..store.backup import Backup
from ..store.repository import Repository

__all__ = [
    "Backup",
    "BackupPolicy",
    "BackupService",
    "RestoreResult",
    "latest_backup",
    "restore_project",
]


@dataclass(frozen=True)
class BackupPolicy:
    """How often to back up, how many backups to keep, and where.

    ``folder`` None means ``<project file name>.backups`` beside the project.
    """

    interval: timedelta = timedelta(minutes=10)
    keep: int = store.DEFAULT_KEEP
    folder: Path | None = None

    def __post_init__(self) -> None:
        if self.keep < 1:
            raise ValueError("a backup policy keeps at least one backup")
        if self.interval <= timedelta(0):
            raise ValueError("a backup interval must be positive")

    def folder_for(self, project_path: Path) -> Path:
        return self.folder if self.folder is not None else store.default_folder(project_path)


class BackupService:
    """The rolling backups of one open project."""

    def __init__(self, repo: Repository, policy: BackupPolicy | None = None) -> None:
        self.repo = repo
        self.policy = policy or BackupPolicy()
        self.last_checked: datetime | None = None
        """When a backup was last taken or found unnecessary (project unchanged)."""

    @property
    def folder(self) -> Path:
        return self.policy.folder_for(self.repo.path)

    def backup_now(self, now: datetime | None = None) -> Backup | None:
        """Back up now; None if nothing changed since the newest backup."""
        now = now or datetime.now(UTC)
        made = store.rolling_backup(
            self.repo.db,
            self.repo.path,
            folder=self.folder,
            keep=self.policy.keep,
            now=now,
        )
        self.last_checked = now
        return made

    def on_open(self, now: datetime | None = None) -> Backup | None:
        """The backup taken when a project is opened (skipped if it is unchanged)."""
        return self.backup_now(now)

    def due(self, now: datetime) -> bool:
        return self.last_checked is None or now - self.last_checked >= self.policy.interval

    def maybe_backup(self, now: datetime) -> Backup | None:
        """Back up if ``policy.interval`` has passed since the last backup; else None."""
        if not self.due(now):
            return None
        return self.backup_now(now)

    def backups(self) -> list[Backup]:
        """This project's backups, newest first."""
        return store.list_backups(self.repo.path, folder=self.folder)


@dataclass(frozen=True)
class RestoreResult:
    restored: Backup
    kept_as: Path | None
    """Where the replaced project file was kept (None if there was none)."""


def latest_backup(project_path: Path | str, policy: BackupPolicy | None = None) -> Backup | None:
    """The newest backup of a project (for example one that failed to open), or None."""
    project_path = Path(project_path)
    found = store.list_backups(
        project_path, folder=(policy or BackupPolicy()).folder_for(project_path)
    )
    return found[0] if found else None


def restore_project(
    project_path: Path | str, backup: Backup | None = None, *, policy: BackupPolicy | None = None
) -> RestoreResult:
    """Replace the (closed) project with ``backup``, or with its newest backup.

    The replaced file is kept as ``<project>.damaged-<time>``; nothing is deleted.
    """
    project_path = Path(project_path)
    chosen = backup or latest_backup(project_path, policy)
    if chosen is None:
        raise NotFound(f"{project_path} has no backup to restore")
    kept = store.restore_backup(chosen, project_path)
    return RestoreResult(restored=chosen, kept_as=kept)
