"""Opening a project file safely, and turning SQLite failures into known errors.

A file is checked read-only before anything is written to it, so opening a file
that is not a project (or is from a newer version) leaves it byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from ..domain.errors import KnownError, NewerSchema, NotAProject, ProjectUnavailable
from .migrations import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATION_SET,
    SCHEMA_VERSION,
    migrations,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def open_database(path: Path, *, create: bool = False, read_only: bool = False) -> Database:
    """Open (or, with ``create``, make) the project at ``path``, migrated to our schema.

    ``read_only`` opens an existing, current project through a ``mode=ro`` connection:
    every write then fails with :class:`ProjectUnavailable` and the file is never touched.
    It is how a project on a read-only medium is viewed, and how the tests simulate an
    unwritable file (they run as root, for whom file permissions do not apply).
    """
    path = Path(path)
    if create and read_only:
        raise ValueError("a project cannot be created read-only")
    if not path.exists():
        if not create:
            raise NotAProject(f"{path}: no such project file")
        if not path.parent.is_dir():
            raise ProjectUnavailable(f"{path}: the folder {path.parent} does not exist")
    else:
        _check_existing(path)
    with translate_errors(path):
        # isolation_level=None: no implicit transactions; every write goes through
        # write_transaction (or a sqlite-utils atomic block) and says where it ends.
        if read_only:
            conn = sqlite3.connect(
                path.resolve().as_uri() + "?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db = Database(conn)
        _configure(db, read_only=read_only)
        if not read_only:
            _migrate(db)
        elif migrations.pending(db):
            db.close()
            raise ProjectUnavailable(
                f"{path} needs an upgrade by this version of the app, "
                "which cannot be done while it is open read-only"
            )
    return db


def _check_existing(path: Path) -> None:
    """Refuse anything that is not a healthy project of a schema we know, writing nothing."""
    if path.is_dir():
        raise NotAProject(f"{path} is a folder, not a project file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ProjectUnavailable(f"{path}: cannot be read ({exc.strerror})") from exc
    if header != SQLITE_HEADER:
        raise NotAProject(f"{path} is not a Framing Annotator project (not an SQLite database)")
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise ProjectUnavailable(f"{path}: cannot be opened ({exc})") from exc
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise NotAProject(f"{path} is an SQLite database but not a Framing Annotator project")
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
        unknown = applied - set(MIGRATION_NAMES)
        if user_version > SCHEMA_VERSION or unknown:
            raise NewerSchema(
                f"{path} was saved by a newer version of Framing Annotator "
                f"(schema {user_version}, this version reads up to {SCHEMA_VERSION}); "
                "update the app to open it"
            )
        problem = conn.execute("PRAGMA quick_check").fetchone()[0]
        if problem != "ok":
            raise NotAProject(f"{path} is damaged ({problem}); restore it from a backup")
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    finally:
        conn.close()


def _damaged(path: Path, exc: sqlite3.Error) -> KnownError:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return ProjectUnavailable(f"{path} is locked by another program; try again in a moment")
    return NotAProject(
        f"{path} cannot be read as a project ({message}); if it is one, restore it from a backup"
    )


def _configure(db: Database, *, read_only: bool = False) -> None:
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal" and not read_only:
        db.execute("PRAGMA journal_mode = WAL")
    # Each commit reaches the disk: a user action is acknowledged only once it is durable.
    db.execute("PRAGMA synchronous = FULL")


def _migrate(db: Database) -> None:
    if not migrations.pending(db):
        return
    fresh = not db.table_names()
    if fresh:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextlib.contextmanager
def translate_errors(path: Path | str) -> Iterator[None]:
    """Turn SQLite's operational failures into known errors that say what to do."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            raise ProjectUnavailable(
                f"{path} is busy in another window or program; nothing was lost, try again"
            ) from exc
        if "readonly" in message or "read-only" in message:
            raise ProjectUnavailable(
                f"{path} cannot be written (read-only file or folder); "
                "save a copy elsewhere or fix its permissions"
            ) from exc
        if "full" in message:
            raise ProjectUnavailable(
                f"the disk holding {path} is full; the last change was not saved, "
                "free some space and try again"
            ) from exc
        if "disk i/o error" in message:
            # A write the OS refused other than with ENOSPC (a file-size limit, a quota,
            # a removed or failing disk). SQLite has rolled the action back.
            raise ProjectUnavailable(
                f"{path} could not be written: the disk is full or failing (disk I/O error); "
                "the last change was not saved, free some space or check the disk and try again"
            ) from exc
        if "unable to open" in message:
            raise ProjectUnavailable(f"{path} cannot be opened ({exc})") from exc
        raise
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
            raise
        raise _damaged(Path(path), exc) from exc


@contextlib.contextmanager
def write_transaction(db: Database, path: Path | str) -> Iterator[Database]:
    """One user action: all of it is stored, or none of it.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so two processes writing the
    same project wait for each other (busy_timeout) instead of failing mid-way.
    Nested calls become savepoints.
    """
    with translate_errors(path):
        if db.conn.in_transaction:
            with db.atomic():
                yield db
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
        try:
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.rollback()
            raise
