"""The repository's foundation: the connection, transactions, reads and project metadata."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from .db import (
    CACHE_KIB,
    needs_upgrade,
    open_database,
    read_only_medium,
    translate_errors,
    write_transaction,
)


class RepositoryBase:
    """A project file, open for reading and for transactional writes."""

    def __init__(self, db: Database, path: Path, *, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        """Opened with ``mode=ro``: every write fails with ProjectUnavailable."""
        # The version of each quote as this connection last wrote it. Undo and redo
        # expect exactly that version, so a change from another process in between is
        # detected, while this session's own steps never conflict with each other.
        self._written_versions: dict[str, int] = {}
        self._cache_raised = False

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, read_only: bool = False) -> Self:
        """``read_only``: a ``mode=ro`` connection (see ``db.open_database``)."""
        path = Path(path)
        if read_only and needs_upgrade(path) and not read_only_medium(path):
            read_only = False  # an older project is upgraded first, as any open would
        return cls(open_database(path, create=create, read_only=read_only), path,
                   read_only=read_only)  # fmt: skip

    @property
    def on_read_only_medium(self) -> bool:
        """The file or its folder cannot be written: changes could not be saved at all."""
        return read_only_medium(self.path)

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Self]:
        written = dict(self._written_versions)
        try:
            with write_transaction(self.db, self.path):
                yield self
        except BaseException:
            self._written_versions = written  # rolled back: forget what was not stored
            raise
        finally:
            if self._cache_raised and not self.db.conn.in_transaction:
                self._cache_raised = False
                self.db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def _cache_batch(self, characters: int) -> None:
        """Make room in the page cache, until the transaction ends, for a batch of
        ``characters`` of text: its rows and full-text index take about twice that. A
        batch that spills is written to the WAL and read back for its index before the
        commit: 8% of importing 10,000 articles in one transaction."""
        kib = 2 * characters // 1024
        if kib > CACHE_KIB:
            self._cache_raised = True
            self.db.execute(f"PRAGMA cache_size = -{kib}")

    def known_version(self, uuid: str, fallback: int) -> int:
        """The newer of ``fallback`` (the version the caller read) and the version this
        connection last wrote: a quote reloaded after a conflict can then be edited."""
        return max(fallback, self._written_versions.get(uuid, fallback))

    def _rows(self, sql: str, params: Sequence | dict = ()) -> list[dict]:
        with translate_errors(self.path):
            cursor = self.db.execute(sql, params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _one(self, sql: str, params: Sequence | dict = ()) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    # -- project metadata ---------------------------------------------------

    def meta(self, key: str, default: str = "") -> str:
        row = self._one("SELECT value FROM project_meta WHERE key = ?", [key])
        return default if row is None else row["value"]

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO project_meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]
