"""Rolling backups of the open project, and restoring one: the use cases, without Qt.

The window makes one :class:`BackupService` per open project, calls
:meth:`BackupService.on_open` right after opening and :meth:`BackupService.maybe_backup`
from a timer (a tick every minute is fine: it only backs up once the interval has passed).
To keep the copy off the GUI thread, the window asks :meth:`BackupService.due` on its
thread and runs :func:`backup_file` (paths only, no connection shared) on a worker, then
tells the service with :meth:`BackupService.mark_checked`.
A backup of an unchanged project copies nothing, so these calls are cheap when idle.
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
    "backup_file",
    "latest_backup",
    "restore_project",
]


@dataclass(frozen=True)
class BackupPolicy:
    """How often to back up, which backups to keep, and where.

    The rolling set keeps the ``keep`` newest backups, plus the newest of each of the last
    ``days`` days, within ``budget_bytes`` for all of them (None: no limit; the newest
    backup is always kept). ``folder`` None means ``<project file name>.backups`` beside
    the project. :meth:`describe` is the sentence Settings shows.
    """

    interval: timedelta = timedelta(minutes=10)
    keep: int = store.DEFAULT_KEEP
    folder: Path | None = None
    days: int = store.DEFAULT_DAYS
    budget_bytes: int | None = store.DEFAULT_BUDGET_BYTES

    def __post_init__(self) -> None:
        if self.keep < 1:
            raise ValueError("a backup policy keeps at least one backup")
        if self.interval <= timedelta(0):
            raise ValueError("a backup interval must be positive")
        if self.days < 0:
            raise ValueError("a backup policy keeps daily backups for zero or more days")
        if self.budget_bytes is not None and self.budget_bytes <= 0:
            raise ValueError("a backup size budget must be positive")

    def folder_for(self, project_path: Path) -> Path:
        return self.folder if self.folder is not None else store.default_folder(project_path)

    def describe(self) -> str:
        """The policy in one sentence, for Settings and the documentation."""
        minutes = round(self.interval.total_seconds() / 60)
        daily = f", plus one a day for {self.days} days" if self.days else ""
        budget = (
            f", at most {self.budget_bytes / 1024**3:.1f} GiB in all (the oldest go first)"
            if self.budget_bytes is not None
            else ""
        )
        return (
            f"A backup on opening and every {minutes} minutes when the project has changed; "
            f"keeps the newest {self.keep}{daily}{budget}."
        )


def backup_file(
    project_path: Path | str, policy: BackupPolicy | None = None, now: datetime | None = None
) -> Backup | None:
    """Back up the project at ``project_path`` into its rolling set; None if unchanged.

    Safe on a worker thread: it reads the file through a connection of its own, copies in
    steps (writers are never held up for the whole copy), verifies the copy with
    ``quick_check`` and prunes the set by ``policy``.
    """
    policy = policy or BackupPolicy()
    project_path = Path(project_path)
    return store.rolling_backup(
        None,
        project_path,
        folder=policy.folder_for(project_path),
        keep=policy.keep,
        days=policy.days,
        budget_bytes=policy.budget_bytes,
        now=now,
    )


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
            days=self.policy.days,
            budget_bytes=self.policy.budget_bytes,
            now=now,
        )
        self.mark_checked(now)
        return made

    def job(self) -> tuple[Path, BackupPolicy]:
        """What a worker needs: ``backup_file(*service.job(), now)`` runs the backup there."""
        return self.repo.path, self.policy

    def mark_checked(self, now: datetime) -> None:
        """Record that a backup was taken (or found unnecessary) at ``now``."""
        self.last_checked = now

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
