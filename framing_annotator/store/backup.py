"""Backups of a project file, taken with SQLite's online backup API, and restoring one.

A backup is a consistent snapshot even while the project is open and another process
writes to it: the copy runs on a connection of its own inside one read transaction, in
steps of ``STEP_PAGES`` pages, and WAL mode lets writers go on meanwhile (nothing waits
for the whole copy). Each backup is verified with ``PRAGMA quick_check`` before it joins
the rolling set, so a damaged project can never push the good backups out. Everything
here works from the project's path, so it can run on a worker thread.

A backup costs what changed: before copying, :func:`rolling_backup` compares the project's
*change marker* (size and modification time of the file and of its ``-wal``, the file's
change counter and the WAL header, whose salts change whenever the WAL restarts) with the
marker recorded for the newest backup in ``<stem>.last-backup.json``. Unchanged means no
copy at all, however large the project.

The rolling set is bounded by :func:`retained`: the ``keep`` newest, plus the newest of
each of the last ``days`` days, within ``budget_bytes`` (the newest backup is always kept).

Backups live in ``<project file name>.backups/`` beside the project, or in a folder of the
user's choice, named ``<project stem>.<UTC time>.sqlite`` so that they sort by age and
several projects can share one folder. Only files with exactly that shape are ever listed
or deleted.
"""

from __future__ import annotations

import contextlib
import json
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

DEFAULT_KEEP = 3
"""The newest backups always kept."""
DEFAULT_DAYS = 7
"""Besides those, the newest backup of each of the last this many days."""
DEFAULT_BUDGET_BYTES = 2 * 1024**3
"""All of a project's backups together; the oldest go first (never the newest)."""
STEP_PAGES = 1024
"""Pages copied per backup step (4 MiB at the default page size)."""
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
    checked with ``PRAGMA quick_check``, flushed to disk and only then renamed. A file
    path is read through a read-only connection of its own (safe on any thread).
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
            problem = _copy(conn, tmp, check="quick_check")
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
    source: Source | None,
    project_path: Path | str,
    *,
    folder: Path | str | None = None,
    keep: int = DEFAULT_KEEP,
    days: int = DEFAULT_DAYS,
    budget_bytes: int | None = DEFAULT_BUDGET_BYTES,
    now: datetime | None = None,
) -> Backup | None:
    """Add a backup to the project's rolling set, then prune it with :func:`retained`.

    Returns None, copying nothing, when the project has not changed since the newest
    backup (its change marker is the one recorded then): opening a project ten times must
    not push its history out, and an idle project costs nothing every ten minutes.

    The copy is read from ``project_path`` through a connection of its own, so this can
    run on a worker thread; ``source`` (the window's open Database, or None) is only used
    to refuse a backup in the middle of that connection's own change.
    """
    if keep < 1:
        raise ValueError("keep at least one backup")
    project_path = Path(project_path)
    folder = Path(folder) if folder is not None else default_folder(project_path)
    now = (now or datetime.now(UTC)).astimezone(UTC)
    what = project_path if source is None else source  # how failures name the project
    if source is not None and not isinstance(source, Path | str):
        try:
            with _connection(source) as conn:
                busy = conn.in_transaction
        except sqlite3.Error as exc:  # closed meanwhile (a timer firing after close)
            raise _backup_failed(what, folder, str(exc)) from exc
        if busy:
            raise ProjectUnavailable(
                "cannot back up the open project in the middle of a change; try again"
            )
    # Taken before the copy: a write in between makes the next backup happen, never skips it.
    marker = change_marker(project_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _backup_failed(what, folder, exc.strerror or str(exc)) from exc
    existing = list_backups(project_path, folder=folder)
    if existing and _recorded_marker(project_path, folder) == (existing[0].path.name, marker):
        return None
    target = _free_name(folder, project_path, now)
    backup_project(project_path, target)
    _record_marker(project_path, folder, target.name, marker)
    prune_backups(project_path, folder=folder, keep=keep, days=days,
                  budget_bytes=budget_bytes, now=now)  # fmt: skip
    taken_at = datetime.strptime(_name_pattern(project_path).match(target.name)[1], STAMP)
    return Backup(target, taken_at.replace(tzinfo=UTC), target.stat().st_size)


def retained(
    backups: list[Backup],
    *,
    keep: int = DEFAULT_KEEP,
    days: int = DEFAULT_DAYS,
    budget_bytes: int | None = DEFAULT_BUDGET_BYTES,
    now: datetime | None = None,
) -> list[Backup]:
    """Which of ``backups`` (newest first) the rolling set keeps, newest first.

    The ``keep`` newest, plus the newest backup of each UTC day of the last ``days`` days
    (today included); then, oldest first, backups go until all fit in ``budget_bytes``.
    The newest backup is kept even when it alone is over the budget.
    """
    if not backups:
        return []
    now = (now or datetime.now(UTC)).astimezone(UTC)
    first_day = now.date() - timedelta(days=max(days, 0) - 1)
    chosen = set(range(min(keep, len(backups))))
    seen_days = set()
    for n, backup in enumerate(backups):
        day = backup.taken_at.date()
        if days > 0 and first_day <= day <= now.date() and day not in seen_days:
            seen_days.add(day)
            chosen.add(n)
    kept = [backups[n] for n in sorted(chosen)]
    if budget_bytes is not None:
        while len(kept) > 1 and sum(b.size for b in kept) > budget_bytes:
            kept.pop()  # the oldest
    return kept


def prune_backups(
    project_path: Path | str,
    *,
    folder: Path | str | None = None,
    keep: int = DEFAULT_KEEP,
    days: int = 0,
    budget_bytes: int | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Delete the backups :func:`retained` does not keep; returns what was deleted.

    With the defaults it keeps exactly the ``keep`` newest, as it always did.
    """
    found = list_backups(project_path, folder=folder)
    kept = {b.path for b in retained(found, keep=keep, days=days, budget_bytes=budget_bytes,
                                     now=now)}  # fmt: skip
    removed = []
    for backup in found:
        if backup.path not in kept:
            with contextlib.suppress(FileNotFoundError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def change_marker(project_path: Path | str) -> list:
    """What changes whenever a commit reaches the project file or its WAL, read cheaply.

    Size and modification time of the file and of its ``-wal``, the file change counter
    (header bytes 24-27, bumped by every commit in rollback mode) and the WAL header
    (its salts change whenever the WAL restarts from the beginning; appends grow it).
    """
    project_path = Path(project_path)
    marker: list = []
    wal = Path(f"{project_path}-wal")
    for path, header in ((project_path, slice(24, 28)), (wal, slice(0, 32))):
        try:
            with path.open("rb") as handle:
                stat = os.fstat(handle.fileno())
                head = handle.read(header.stop)[header]
        except FileNotFoundError:
            marker.append(None)
            continue
        except OSError as exc:
            raise _backup_failed(project_path, project_path, exc.strerror or str(exc)) from exc
        # An empty WAL (as every open leaves one) is the same as none.
        marker.append([stat.st_size, stat.st_mtime_ns, head.hex()] if stat.st_size else None)
    return marker


def _marker_path(project_path: Path, folder: Path) -> Path:
    return folder / f"{project_path.stem}.last-backup.json"


def _recorded_marker(project_path: Path, folder: Path) -> tuple[str, list] | None:
    try:
        data = json.loads(_marker_path(project_path, folder).read_text(encoding="utf-8"))
        return data["backup"], data["marker"]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no record (or an unreadable one): the next backup is made


def _record_marker(project_path: Path, folder: Path, name: str, marker: list) -> None:
    path = _marker_path(project_path, folder)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps({"backup": name, "marker": marker}), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # without the record the next backup is simply taken again


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
        conn = sqlite3.connect(
            f"{Path(source).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
        try:
            yield conn
        finally:
            conn.close()


def _copy(conn: sqlite3.Connection, tmp: Path, *, check: str = "integrity_check") -> str:
    """Snapshot ``conn`` into a new, flushed file ``tmp``; returns its ``check`` result.

    The copy runs in steps of ``STEP_PAGES`` inside one read transaction of ``conn``
    (when it has none yet), so it is one consistent snapshot that never restarts, while
    writers on other connections go on. A copy that fails the check is deleted at once.
    """
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    dest = sqlite3.connect(tmp, isolation_level=None)
    own_snapshot = not conn.in_transaction
    try:
        if own_snapshot:
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # start the read
        conn.backup(dest, pages=STEP_PAGES)
        dest.execute("PRAGMA journal_mode = DELETE")
        problem = _integrity(dest, check)
    finally:
        if own_snapshot and conn.in_transaction:
            conn.execute("COMMIT")
        dest.close()
    if problem != "ok":
        tmp.unlink()
        return problem
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    return problem


def _integrity(conn: sqlite3.Connection, check: str = "integrity_check") -> str:
    assert check in ("integrity_check", "quick_check")
    rows = conn.execute(f"PRAGMA {check}").fetchall()
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


def _describe(source: Source) -> str:
    if isinstance(source, Database | sqlite3.Connection):
        return "the open project"
    return str(source)


def _backup_failed(source: Source, target: Path, reason: str) -> ProjectUnavailable:
    return ProjectUnavailable(
        f"could not back up {_describe(source)} to {target} ({reason}); "
        "the project itself is unchanged"
    )
