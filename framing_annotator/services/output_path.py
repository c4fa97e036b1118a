"""The one check every export target passes before anything is written (issue 12).

An export is written to a temporary name and moved over its target, so a wrong target
is replaced whole: a project, a backup, a device. :func:`check_output_path` refuses,
in one line and before any byte is written, a target that

- resolves (symlinks, ``..``, relative spellings) to the open project or its
  ``-wal``/``-shm``/``-journal`` files;
- is any Framing Annotator project (its SQLite header carries our application id),
  read from the first 100 bytes without opening it as a database, or any other SQLite
  database (a project just created may have its header with our id still in its WAL);
- lies in a backups folder (``<project>.backups`` or one the caller names);
- exists and is not a regular file (a folder, a device, a pipe, a socket);
- has no existing parent folder (nothing creates folders on the way).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..domain.errors import InvalidValue
from ..store.migrations import APPLICATION_ID

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_SUFFIX = ".backups"
_SIDECARS = ("", "-wal", "-shm", "-journal")


def is_project_file(path: Path) -> bool:
    """True when ``path`` starts with an SQLite header that carries our application id."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return (
        header.startswith(SQLITE_HEADER)
        and len(header) >= 72
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_output_path(
    out: Path | str,
    *,
    project: Path | str | None = None,
    protected: Iterable[Path | str] = (),
) -> Path:
    """``out`` if an export may write it; else :class:`InvalidValue` with a one-line reason.

    ``project`` is the open project; ``protected`` are further folders nothing may be
    written into (a backups folder chosen in the settings).
    """
    given = Path(out)
    if str(out).endswith(("/", os.sep)) or given.is_dir():
        raise InvalidValue(f"{out}: is a folder; give a file name for the export")
    resolved = Path(os.path.realpath(given))
    parent = resolved.parent
    if parent.exists() and not parent.is_dir():
        raise InvalidValue(f"{out}: {given.parent} is a file, not a folder; choose another")
    if not parent.is_dir():
        raise InvalidValue(
            f"{out}: the folder {given.parent} does not exist; create it first or choose another"
        )
    folders = [Path(os.path.realpath(folder)) for folder in protected]
    if project is not None:
        own = Path(os.path.realpath(project))
        if any(resolved == own.with_name(own.name + suffix) for suffix in _SIDECARS):
            raise InvalidValue(f"{out}: is the open project {own.name}; choose another file name")
        folders.append(own.with_name(own.name + BACKUPS_SUFFIX))
    for folder in [parent, *parent.parents]:
        if folder in folders or folder.name.endswith(BACKUPS_SUFFIX):
            raise InvalidValue(f"{out}: is inside the backups folder {folder}; choose another")
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        return given
    except OSError as exc:
        raise InvalidValue(f"{out}: cannot be checked ({exc.strerror})") from exc
    if not stat.S_ISREG(mode):
        raise InvalidValue(f"{out}: is not a regular file (a device, pipe or socket); "
                           "choose a file name")  # fmt: skip
    if is_project_file(resolved):
        raise InvalidValue(
            f"{out}: is a Framing Annotator project; an export never replaces a project"
        )
    if is_sqlite_file(resolved):  # a project whose newest header is still in its -wal, say
        raise InvalidValue(f"{out}: is an SQLite database; an export never replaces one")
    return given


def check_output_paths(
    paths: Iterable[Path], *, project: Path | str | None = None, protected: Iterable[Path] = ()
) -> None:
    """:func:`check_output_path` for every file one export writes, the main one first
    (``output_paths`` lists it last), so a refusal names the file the user chose."""
    protected = tuple(protected)
    for path in reversed(tuple(paths)):
        check_output_path(path, project=project, protected=protected)
