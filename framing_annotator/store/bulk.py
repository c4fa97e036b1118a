"""Bulk writes: the per-row triggers set aside for a batch, their rows written once after it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlite_utils import Database

BATCH = 500
"""From this many rows in one batch, what the insert triggers write is written in one go."""

# table -> (its next rowid, {insert trigger: the batch form of what it writes, for rows
# from rowid ?}); the triggers themselves are in migrations.py.
_BATCHED = {
    "articles": (
        "SELECT coalesce(max(rowid), 0) + 1 FROM articles",
        {
            # Queued, not indexed: the index is filled after the import (migration 0006).
            "articles_fts_insert": "INSERT INTO articles_unindexed(article_id) "
            "SELECT id FROM articles WHERE id >= ?",
        },
    ),
    "quotes": (
        "SELECT coalesce(max(rowid), 0) + 1 FROM quotes",
        {
            "quotes_fts_insert": "INSERT INTO quotes_fts(rowid, text) SELECT q.rowid, "
            'substr(a.text, q.start + 1, q."end" - q.start) '
            "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.rowid >= ?",
            "quotes_counted_insert": "REPLACE INTO article_quote_counts(article_id, counts) "
            "SELECT article_id, group_concat(annotator_id || ':' || n) FROM ("
            "SELECT article_id, annotator_id, count(*) AS n FROM quotes WHERE article_id IN "
            "(SELECT article_id FROM quotes WHERE rowid >= ?) "
            "GROUP BY article_id, annotator_id) GROUP BY article_id",
        },
    ),
}


@contextlib.contextmanager
def filled_once(db: Database, table: str, rows: int) -> Iterator[None]:
    """For a batch of ``rows`` inserts into ``table``: with at least ``BATCH``, drop its
    insert triggers for the block, then write their batch form for the new rows, one
    statement each, and put the triggers back.

    Indexing a batch of quotes in one statement takes half the time of a trigger per
    row, and an article's quotes are counted once, not once per quote. A batch of
    articles is queued for the search index, which ``index_for_search`` fills later.
    It runs inside the caller's write transaction, so nobody else ever sees the schema
    without the triggers, and each comes back as the very statement the schema held.
    """
    if rows < BATCH:
        yield
        return
    next_rowid, fills = _BATCHED[table]
    first = db.execute(next_rowid).fetchone()[0]
    schema = {
        trigger: db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [trigger]
        ).fetchone()[0]
        for trigger in fills
    }
    for trigger in fills:
        db.execute(f"DROP TRIGGER {trigger}")  # a key of _BATCHED, never user input
    try:
        yield
        for fill in fills.values():
            db.execute(fill, [first])
    finally:
        for trigger in fills:
            db.execute(schema[trigger])
