"""Backups of a project file, taken with SQLite's online backup API, and restoring one.

A backup is a consistent snapshot even while the project is open and another process
writes to it: the backup API copies every page in one step inside one read transaction,
and WAL mode lets writers go on meanwhile. Each backup is verified with
``PRAGMA integrity_check`` before it joins the rolling set, so a damaged project can
never push the good backups out.

Backups live in ``<project file name>.backups/`` beside the project, or in a folder of the
user's choice, named ``<project stem>.<UTC time>.sqlite`` so that they sort by age and
several projects can share one folder. Only files with exactly that shape are ever listed
or deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from ..domain.errors import NotAProject, ProjectUnavailable
from .migrations import APPLICATION_ID

DEFAULT_KEEP = 5
STAMP = "%Y%m%dT%H%M%S.%fZ"
_STAMP_RE = r"\d{8}T\d{6}\.\d{6}Z"

Source = Database | sqlite3.Connection | Path | str
"""What can be backed up: the open project (its Database or connection) or a file."""


@dataclass(frozen=True)
class Backup:
    """One backup file of a project."""

    path: Path
    taken_at: datetime  # UTC, from the file name
    size: int


def default_folder(project_path: Path | str) -> Path:
    """``<project file name>.backups`` beside the project."""
    project_path = Path(project_path)
    return project_path.parent / f"{project_path.name}.backups"


def _name_pattern(project_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(project_path.stem)}\.({_STAMP_RE})\.sqlite$")


def list_backups(project_path: Path | str, *, folder: Path | str | None = None) -> list[Backup]:
    """The project's backups, newest first (other files in the folder are ignored)."""
    project_path = Path(project_path)
    folder = Path(folder) if folder is not None else default_folder(project_path)
    pattern = _name_pattern(project_path)
    found = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            match = pattern.match(entry.name)
            if match and entry.is_file():
                taken_at = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
                found.append(Backup(Path(entry.path), taken_at, entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backup_project(source: Source, target: Path | str) -> Path:
    """Write a verified snapshot of ``source`` to ``target``, atomically; returns ``target``.

    The copy is made under a temporary name in the target's folder, switched to the
    rollback journal (so a backup is one self-contained file, with no ``-wal`` beside it),
    checked with ``PRAGMA integrity_check``, flushed to disk and only then renamed.
    """
    target = Path(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with _connection(source) as conn:
            if conn.in_transaction:
                # A snapshot now would include this connection's uncommitted changes.
                raise ProjectUnavailable(
                    f"cannot back up {_describe(source)} in the middle of a change; try again"
                )
            problem = _copy(conn, tmp)
        if problem != "ok":
            raise NotAProject(
                f"{_describe(source)} is damaged ({problem}); no backup was made, "
                "the older backups are kept"
            )
        _replace(tmp, target)
    except sqlite3.Error as exc:
        raise _backup_failed(source, target, str(exc)) from exc
    except OSError as exc:
        raise _backup_failed(source, target, exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target


def rolling_backup(
    source: Source,
    project_path: Path | str,
    *,
    folder: Path | str | None = None,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
) -> Backup | None:
    """Add a backup to the project's rolling set and keep only the ``keep`` newest.

    Returns None, and keeps the set as it is, when the project has not changed since the
    newest backup: opening a project ten times must not push its history out.
    """
    if keep < 1:
        raise ValueError("keep at least one backup")
    project_path = Path(project_path)
    folder = Path(folder) if folder is not None else default_folder(project_path)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _backup_failed(source, folder, exc.strerror or str(exc)) from exc
    target = _free_name(folder, project_path, now)
    staged = backup_project(source, target.with_name(f".{target.name}.staged"))
    existing = list_backups(project_path, folder=folder)
    if existing and _digest(existing[0].path) == _digest(staged):
        staged.unlink()
        return None
    os.replace(staged, target)
    _sync_folder(folder)
    prune_backups(project_path, folder=folder, keep=keep)
    taken_at = datetime.strptime(_name_pattern(project_path).match(target.name)[1], STAMP)
    return Backup(target, taken_at.replace(tzinfo=UTC), target.stat().st_size)


def prune_backups(
    project_path: Path | str, *, folder: Path | str | None = None, keep: int = DEFAULT_KEEP
) -> list[Path]:
    """Delete all but the ``keep`` newest backups of the project; returns what was deleted."""
    removed = []
    for backup in list_backups(project_path, folder=folder)[keep:]:
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


def verify_backup(path: Path | str) -> None:
    """Raise :class:`NotAProject` unless ``path`` is an intact project file of ours."""
    path = Path(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                problem = "not a Framing Annotator project"
            else:
                problem = _integrity(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problem = str(exc)
    if problem != "ok":
        raise NotAProject(f"{path} cannot be used as a backup ({problem})")


def restore_backup(
    backup: Backup | Path | str, project_path: Path | str, *, now: datetime | None = None
) -> Path | None:
    """Replace the project with ``backup``; returns where the replaced file was kept.

    The project must be closed. The backup is verified, copied next to the project and
    verified again, and then swapped in with ``os.replace``, so at every moment the
    project's name holds either the old file or the whole restored one. The old file is
    kept as ``<project>.damaged-<UTC time>`` together with its ``-wal``, which must not
    stay beside the restored file: SQLite would replay it into the wrong database.
    """
    backup_path = backup.path if isinstance(backup, Backup) else Path(backup)
    project_path = Path(project_path)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    verify_backup(backup_path)
    tmp = project_path.with_name(f".{project_path.name}.restore-{os.getpid()}.tmp")
    kept = None
    try:
        with _connection(backup_path) as conn:
            problem = _copy(conn, tmp)
        if problem != "ok":
            raise NotAProject(f"{backup_path} cannot be used as a backup ({problem})")
        if project_path.exists():
            kept = project_path.with_name(f"{project_path.name}.damaged-{now.strftime(STAMP)}")
            _keep_copy(project_path, kept)
            wal, shm = Path(f"{project_path}-wal"), Path(f"{project_path}-shm")
            if wal.exists():
                os.replace(wal, f"{kept}-wal")
            with contextlib.suppress(FileNotFoundError):
                shm.unlink()
        _replace(tmp, project_path)
    except sqlite3.Error as exc:
        raise ProjectUnavailable(f"{project_path} could not be restored ({exc})") from exc
    except OSError as exc:
        raise ProjectUnavailable(
            f"{project_path} could not be restored ({exc.strerror or exc}); "
            "the backup is unchanged, try again"
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    verify_backup(project_path)
    return kept


# -- helpers -------------------------------------------------------------------------


@contextlib.contextmanager
def _connection(source: Source) -> Iterator[sqlite3.Connection]:
    """The source's connection; a file is opened read-only and closed afterwards."""
    if isinstance(source, Database):
        yield source.conn
    elif isinstance(source, sqlite3.Connection):
        yield source
    else:
        conn = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            yield conn
        finally:
            conn.close()


def _copy(conn: sqlite3.Connection, tmp: Path) -> str:
    """Snapshot ``conn`` into a new, flushed file ``tmp``; returns its integrity check.

    A copy that fails the check is deleted at once.
    """
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    dest = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.backup(dest)  # all pages in one step: one consistent read transaction
        dest.execute("PRAGMA journal_mode = DELETE")
        problem = _integrity(dest)
    finally:
        dest.close()
    if problem != "ok":
        tmp.unlink()
        return problem
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    return problem


def _integrity(conn: sqlite3.Connection) -> str:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows[:3])


def _replace(tmp: Path, target: Path) -> None:
    os.replace(tmp, target)
    _sync_folder(target.parent)


def _keep_copy(path: Path, kept: Path) -> None:
    """Keep ``path``'s current content under ``kept`` without ever removing ``path``."""
    try:
        os.link(path, kept)  # the same file under a second name: instant, no copy
    except OSError:
        shutil.copy2(path, kept)  # file systems without hard links


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _free_name(folder: Path, project_path: Path, now: datetime) -> Path:
    """A backup name for ``now`` not yet taken (two backups in one microsecond are rare)."""
    while True:
        path = folder / f"{project_path.stem}.{now.strftime(STAMP)}.sqlite"
        if not path.exists():
            return path
        now += timedelta(microseconds=1)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe(source: Source) -> str:
    if isinstance(source, Database | sqlite3.Connection):
        return "the open project"
    return str(source)


def _backup_failed(source: Source, target: Path, reason: str) -> ProjectUnavailable:
    return ProjectUnavailable(
        f"could not back up {_describe(source)} to {target} ({reason}); "
        "the project itself is unchanged"
    )
