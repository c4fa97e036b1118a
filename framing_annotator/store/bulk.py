"""Bulk writes: a full-text trigger set aside for a batch, the index filled once after it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database

FTS_BATCH = 500
"""From this many rows in one batch, the full-text rows are written in one statement."""

# trigger -> (the table it indexes, the batch form of what it writes: rows from rowid ?)
_FTS_TRIGGERS = {
    "articles_fts_insert": (
        "SELECT coalesce(max(rowid), 0) + 1 FROM articles",
        "INSERT INTO articles_fts(rowid, title, text) "
        "SELECT id, title, text FROM articles WHERE id >= ?",
    ),
    "quotes_fts_insert": (
        "SELECT coalesce(max(rowid), 0) + 1 FROM quotes",
        "INSERT INTO quotes_fts(rowid, text) SELECT q.rowid, "
        'substr(a.text, q.start + 1, q."end" - q.start) '
        "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.rowid >= ?",
    ),
}


@contextlib.contextmanager
def fts_filled_once(db: Database, trigger: str, rows: int) -> Iterator[None]:
    """For a batch of ``rows`` inserts: with at least ``FTS_BATCH``, drop ``trigger`` for
    the block, then index the new rows in one statement and put the trigger back.

    Indexing a batch in one statement takes half the time of a trigger per row. It runs
    inside the caller's write transaction, so nobody else ever sees the schema without
    the trigger, and the trigger comes back as the very statement the schema held.
    """
    if rows < FTS_BATCH:
        yield
        return
    next_rowid, fill = _FTS_TRIGGERS[trigger]
    first = db.execute(next_rowid).fetchone()[0]
    (sql,) = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [trigger]
    ).fetchone()
    db.execute(f"DROP TRIGGER {trigger}")  # a key of _FTS_TRIGGERS, never user input
    try:
        yield
        db.execute(fill, [first])
    finally:
        db.execute(sql)
