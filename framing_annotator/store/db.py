"""Opening a project file safely, and turning SQLite failures into known errors.

A file is checked read-only before anything is written to it, so opening a file
that is not a project (or is from a newer version) leaves it byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import os
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
CACHE_KIB = 32 * 1024
REQUIRED_TABLES = frozenset(
    {"project_meta", "articles", "annotators", "speakers", "frame_types", "quotes",
     "quote_frames", "_sqlite_migrations"}
)  # fmt: skip
"""Tables every project has, whatever its schema version: a cheap check of the schema."""

def read_only_medium(path: Path) -> bool:
    """True when the project file or its folder cannot be written (a CD, a read-only
    mount, a locked-down folder): SQLite then cannot make its ``-wal``/``-shm`` files."""
    path = Path(path)
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _uri(path: Path, *, immutable: bool = False) -> str:
    # immutable=1 tells SQLite nothing else can change the file, so it reads it
    # without the -shm file it could not create in a read-only folder.
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def open_database(path: Path, *, create: bool = False, read_only: bool = False) -> Database:
    """Open (or, with ``create``, make) the project at ``path``, migrated to our schema.

    ``read_only`` opens an existing, current project through a ``mode=ro`` connection
    (``immutable=1`` where the folder cannot be written): every write then fails with
    :class:`ProjectUnavailable` and the file is never touched. It is how the commands
    that only read open a project, so that one on a read-only medium can be read.

    Opening is O(1) in the size of the project: the header, application id, schema
    version and tables are checked, never every page. :func:`check_integrity` is the
    full check, for the backup worker and a "Check project" action.
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
        pending = _check_existing(path)
        if pending and read_only:
            raise ProjectUnavailable(
                f"{path} needs an upgrade by this version of the app, which cannot be "
                "done while it is open read-only; copy it to a writable folder first"
            )
        elif not read_only and read_only_medium(path):
            raise ProjectUnavailable(
                f"{path} cannot be written (read-only file or folder); "
                "save a copy elsewhere or fix its permissions"
            )
    with translate_errors(path):
        # isolation_level=None: no implicit transactions; every write goes through
        # write_transaction (or a sqlite-utils atomic block) and says where it ends.
        if read_only:
            conn = sqlite3.connect(
                _uri(path, immutable=_needs_immutable(path)),
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
    return db


def needs_upgrade(path: Path) -> bool:
    """True when ``path`` is one of our projects with migrations still to apply."""
    return Path(path).is_file() and _check_existing(Path(path))


def _needs_immutable(path: Path) -> bool:
    """A read-only folder, and no WAL holding changes that immutable=1 would ignore."""
    if os.access(path.parent, os.W_OK):
        return False
    wal = Path(f"{path}-wal")
    return not wal.exists() or wal.stat().st_size == 0


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as exc:
        raise ProjectUnavailable(f"{path}: cannot be read ({exc.strerror})") from exc


def _check_header(path: Path, header: bytes) -> None:
    """What the 100-byte SQLite header alone says: is it SQLite, and is it whole?

    The application id is read through SQL instead: in WAL mode the newest page 1 may
    still be in the ``-wal`` file, and the main file's header be older."""
    if not header.startswith(SQLITE_HEADER):
        raise NotAProject(f"{path} is not a Framing Annotator project (not an SQLite database)")
    if len(header) < 100:
        raise NotAProject(f"{path} is damaged (shorter than an SQLite header); "
                          "restore it from a backup")  # fmt: skip
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is valid only then
    size = path.stat().st_size
    if valid and pages and size < pages * page_size:
        raise NotAProject(
            f"{path} is damaged (truncated: {size:,} bytes of {pages * page_size:,}); "
            "restore it from a backup"
        )


def _check_existing(path: Path) -> bool:
    """Refuse anything that is not a project of a schema we know, writing nothing.

    Returns True when the project is ours but older (migrations are pending).
    """
    if path.is_dir():
        raise NotAProject(f"{path} is a folder, not a project file")
    if not path.is_file():  # a pipe would block the header read, a device is no project
        raise NotAProject(f"{path} is not a regular file (a device, pipe or socket), "
                          "so not a project")  # fmt: skip
    _check_header(path, _header(path))
    try:
        conn = sqlite3.connect(
            _uri(path, immutable=_needs_immutable(path)), uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
        )  # fmt: skip
    except sqlite3.Error as exc:
        raise ProjectUnavailable(f"{path}: cannot be opened ({exc})") from exc
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotAProject(f"{path} is an SQLite database but not a Framing Annotator project")
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not REQUIRED_TABLES <= tables:
            missing = ", ".join(sorted(REQUIRED_TABLES - tables))
            raise NotAProject(
                f"{path} has our mark but not a project's tables (missing: {missing}); "
                "if it is a project, restore it from a backup"
            )
        applied = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
        unknown = set(applied) - set(MIGRATION_NAMES)
        if user_version > SCHEMA_VERSION or unknown:
            raise NewerSchema(
                f"{path} was saved by a newer version of Framing Annotator "
                f"(schema {user_version}, this version reads up to {SCHEMA_VERSION}); "
                "update the app to open it"
            )
        # The version is the number of migrations applied. It may lag behind them by
        # an interrupted upgrade of an older app (the next open finishes it), never
        # run ahead, and is never 0 or negative in a project that has tables.
        if user_version < 1 or user_version > len(applied):
            raise NotAProject(
                f"{path}: its schema version (PRAGMA user_version {user_version}) is not one "
                f"this app writes (1 to {SCHEMA_VERSION}, with {len(applied)} migrations "
                "recorded); it was changed outside the app, restore it from a backup"
            )
        return len(applied) < SCHEMA_VERSION or user_version < len(applied)
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, exc) from exc
    finally:
        conn.close()


def check_integrity(path: Path | str, *, quick: bool = True) -> str:
    """``"ok"``, or what SQLite found wrong with every page of the project at ``path``.

    ``quick`` runs ``PRAGMA quick_check`` (seconds on a large project), otherwise
    ``PRAGMA integrity_check`` (which also checks that indexes match their tables).
    Read-only: the file is never written. Opening a project does not run this; the
    backup worker and the "Check project" action do.
    """
    path = Path(path)
    _check_header(path, _header(path))
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = sqlite3.connect(_uri(path, immutable=_needs_immutable(path)), uri=True,
                               timeout=BUSY_TIMEOUT_MS / 1000)  # fmt: skip
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "; ".join(str(row[0]) for row in rows)


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
    # 32 MiB of page cache, not 2: a batch of imported articles and its full-text
    # segment stay in memory until the commit instead of spilling and being read back.
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal" and not read_only:
        db.execute("PRAGMA journal_mode = WAL")
    # Each commit reaches the disk: a user action is acknowledged only once it is durable.
    db.execute("PRAGMA synchronous = FULL")


def _migrate(db: Database) -> None:
    """Apply pending migrations and the version in one transaction, so that a crash
    leaves either the old project or the new one, never a version that lags."""
    if not migrations.pending(db) and db.execute("PRAGMA user_version").fetchone()[0] == (
        SCHEMA_VERSION
    ):
        return
    with db.atomic():
        if not db.table_names():
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
        if "could not decode" in message:  # text written by another program, not UTF-8
            raise NotAProject(
                f"{path} holds text that is not valid UTF-8, which this app never writes; "
                "if it is a project, restore it from a backup"
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
