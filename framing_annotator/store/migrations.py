"""The project schema, built only by named, ordered migrations.

Never edit a migration that has shipped: add a new one. The schema version of a
project is the number of migrations applied to it, mirrored in ``PRAGMA user_version``.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "framing_annotator"
APPLICATION_ID = 0x46524D41  # "FRMA": marks an SQLite file as one of our projects

migrations = Migrations(MIGRATION_SET)
MIGRATION_NAMES: list[str] = []


def migration(name: str):
    """Register a migration under ``name``; the order of registration is the order applied."""
    MIGRATION_NAMES.append(name)
    return migrations(name=name)


def run_script(db: Database, script: str) -> None:
    """Run a multi-statement script inside the caller's transaction.

    ``sqlite3.Connection.executescript`` would commit first, which breaks the
    all-or-nothing promise of a migration, so statements are run one by one.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement[:60]!r}")


@migration("0001_initial")
def initial(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE project_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            text_sha256 TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );

        CREATE TABLE annotators (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE
        );

        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            type TEXT
        );

        CREATE TABLE speaker_aliases (
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            PRIMARY KEY (speaker_id, alias)
        );

        CREATE TABLE frame_types (
            key TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL,
            shortcut TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL
        );

        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
            speaker TEXT,
            mention_start INTEGER,
            mention_end INTEGER,
            cue TEXT,
            confidence REAL NOT NULL,
            pipeline TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX suggestions_by_article ON suggestions(article_id, start);

        CREATE TABLE quotes (
            uuid TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL CHECK ("end" > start),
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            mention_start INTEGER,
            mention_end INTEGER,
            note TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL CHECK (origin IN ('manual', 'suggestion')),
            suggestion_id INTEGER REFERENCES suggestions(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX quotes_by_article ON quotes(article_id, annotator_id, start);
        CREATE INDEX quotes_by_speaker ON quotes(speaker_id);

        CREATE TABLE quote_frames (
            quote_uuid TEXT NOT NULL REFERENCES quotes(uuid) ON DELETE CASCADE,
            frame_key TEXT NOT NULL REFERENCES frame_types(key) ON UPDATE CASCADE,
            PRIMARY KEY (quote_uuid, frame_key)
        );
        CREATE INDEX quote_frames_by_key ON quote_frames(frame_key);

        -- Coders decide on suggestions independently, so the status is per annotator.
        CREATE TABLE suggestion_decisions (
            suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
            quote_uuid TEXT,
            decided_at TEXT NOT NULL,
            PRIMARY KEY (suggestion_id, annotator_id)
        );

        CREATE TABLE article_status (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator_id INTEGER NOT NULL REFERENCES annotators(id),
            status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator_id)
        );

        -- Full-text search. Article text is indexed through external content; quote text
        -- is sliced from its article by the triggers (substr counts code points, as we do).
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='id'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;

        CREATE VIRTUAL TABLE quotes_fts USING fts5(text);
        CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) SELECT new.rowid,
                substr(articles.text, new.start + 1, new."end" - new.start)
                FROM articles WHERE articles.id = new.article_id;
        END;
        CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            DELETE FROM quotes_fts WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER quotes_fts_update AFTER UPDATE OF start, "end" ON quotes BEGIN
            DELETE FROM quotes_fts WHERE rowid = old.rowid;
            INSERT INTO quotes_fts(rowid, text) SELECT new.rowid,
                substr(articles.text, new.start + 1, new."end" - new.start)
                FROM articles WHERE articles.id = new.article_id;
        END;
        """,
    )


@migration("0002_suggestion_runs")
def suggestion_runs(db: Database) -> None:
    """Remember which articles a pipeline has read, even when it found no quote there."""
    run_script(
        db,
        """
        CREATE TABLE suggestion_runs (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            pipeline TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (article_id, pipeline)
        );
        INSERT INTO suggestion_runs(article_id, pipeline, finished_at)
            SELECT article_id, pipeline, max(created_at) FROM suggestions
            GROUP BY article_id, pipeline;
        """,
    )


@migration("0003_frame_learner")
def frame_learner(db: Database) -> None:
    """Issue 16: each coder's trained frame model, and which frame suggestions each quote showed.

    One model per coder (the project is the file). ``codebook_version`` is a digest of the
    frame keys it was trained for: a different codebook makes the model stale.
    ``frame_suggestions_shown`` keeps no foreign key to ``quotes``: a quote deleted and
    brought back by undo still remembers that its coder saw suggestions.
    """
    run_script(
        db,
        """
        CREATE TABLE frame_models (
            annotator_id INTEGER PRIMARY KEY REFERENCES annotators(id) ON DELETE CASCADE,
            codebook_version TEXT NOT NULL,
            model BLOB NOT NULL,
            trained_on INTEGER NOT NULL,
            training_digest TEXT NOT NULL,
            full_trained_on INTEGER NOT NULL,
            trained_at TEXT NOT NULL
        );

        CREATE TABLE frame_suggestions_shown (
            quote_uuid TEXT PRIMARY KEY,
            frames TEXT NOT NULL,
            suggested TEXT NOT NULL,
            codebook_version TEXT NOT NULL,
            shown_at TEXT NOT NULL,
            accepted_at TEXT
        );
        """,
    )


@migration("0004_article_list")
def article_list(db: Database) -> None:
    """Issue 14: the article list reads one narrow index, never the article text.

    ``length(text)`` read every article's text (its overflow pages) to count code points,
    which was most of listing a large project. ``text_length`` holds that count: the
    store writes it with each article (Python's ``len``), and the triggers keep it right
    for a row written any other way. ``articles_listed`` holds every column the list
    shows, so listing scans it alone. ``ALTER TABLE ADD COLUMN`` puts the column after
    the text in each row, where only the index makes it cheap to read.
    """
    run_script(
        db,
        """
        ALTER TABLE articles ADD COLUMN text_length INTEGER;
        UPDATE articles SET text_length = length(text);
        CREATE INDEX articles_listed ON articles(
            id, title, outlet, date, url, source, text_sha256, text_length
        );
        CREATE TRIGGER articles_length_insert AFTER INSERT ON articles
            WHEN new.text_length IS NULL BEGIN
            UPDATE articles SET text_length = length(new.text) WHERE id = new.id;
        END;
        CREATE TRIGGER articles_length_update AFTER UPDATE OF text ON articles BEGIN
            UPDATE articles SET text_length = length(new.text) WHERE id = new.id;
        END;
        """,
    )



@migration("0005_article_quote_counts")
def article_quote_counts(db: Database) -> None:
    """Issue 14: the article list reads each article's quote counts from one short row.

    Counting every article's quotes per annotator as the list is read cost as much as
    the rest of the list twice over (the index of 114,000 quotes, one string per quote).
    ``article_quote_counts`` holds them instead, as ``annotator id:count,...``: one row
    per article with quotes, none for an article without. Triggers keep it right for
    any write (a row is counted again from ``quotes_by_article``, a few index entries),
    so there is no foreign key: deleting an article deletes its quotes, and their
    triggers its row. Bulk inserts set the insert trigger aside and count a batch once
    (``store/bulk.py``).
    """

    run_script(
        db,
        """
        CREATE TABLE article_quote_counts (
            article_id INTEGER PRIMARY KEY,
            counts TEXT NOT NULL
        );
        INSERT INTO article_quote_counts(article_id, counts)
            SELECT article_id, group_concat(annotator_id || ':' || n) FROM (
                SELECT article_id, annotator_id, count(*) AS n FROM quotes
                GROUP BY article_id, annotator_id
            ) GROUP BY article_id;
        CREATE TRIGGER quotes_counted_insert AFTER INSERT ON quotes BEGIN
            DELETE FROM article_quote_counts WHERE article_id = new.article_id;
            INSERT INTO article_quote_counts(article_id, counts)
                SELECT article_id, group_concat(annotator_id || ':' || n) FROM (
                    SELECT article_id, annotator_id, count(*) AS n FROM quotes
                    WHERE article_id = new.article_id GROUP BY article_id, annotator_id
                ) GROUP BY article_id;
        END;
        CREATE TRIGGER quotes_counted_delete AFTER DELETE ON quotes BEGIN
            DELETE FROM article_quote_counts WHERE article_id = old.article_id;
            INSERT INTO article_quote_counts(article_id, counts)
                SELECT article_id, group_concat(annotator_id || ':' || n) FROM (
                    SELECT article_id, annotator_id, count(*) AS n FROM quotes
                    WHERE article_id = old.article_id GROUP BY article_id, annotator_id
                ) GROUP BY article_id;
        END;
        CREATE TRIGGER quotes_counted_update AFTER UPDATE OF article_id, annotator_id
            ON quotes BEGIN
            DELETE FROM article_quote_counts
                WHERE article_id IN (old.article_id, new.article_id);
            INSERT INTO article_quote_counts(article_id, counts)
                SELECT article_id, group_concat(annotator_id || ':' || n) FROM (
                    SELECT article_id, annotator_id, count(*) AS n FROM quotes
                    WHERE article_id IN (old.article_id, new.article_id)
                    GROUP BY article_id, annotator_id
                ) GROUP BY article_id;
        END;
        """,
    )


@migration("0006_search_backlog")
def search_backlog(db: Database) -> None:
    """Issue 14: a large import stores its articles first and indexes them for search after.

    Filling the full-text index costs more than storing the articles themselves (about
    1.7 times sqlite3 writing the same rows), so a batch of articles is queued in
    ``articles_unindexed`` instead (``store/bulk.py``) and indexed in steps afterwards
    (``index_for_search``); a search first indexes whatever is still queued. The delete
    and update triggers leave the index alone for a queued article, which it does not
    hold yet: an external-content index told to delete what it never had is damaged.
    """
    run_script(
        db,
        """
        CREATE TABLE articles_unindexed (article_id INTEGER PRIMARY KEY);
        DROP TRIGGER articles_fts_delete;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                SELECT 'delete', old.id, old.title, old.text WHERE NOT EXISTS
                    (SELECT 1 FROM articles_unindexed WHERE article_id = old.id);
            DELETE FROM articles_unindexed WHERE article_id = old.id;
        END;
        DROP TRIGGER articles_fts_update;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
                SELECT 'delete', old.id, old.title, old.text WHERE NOT EXISTS
                    (SELECT 1 FROM articles_unindexed WHERE article_id = old.id);
            INSERT INTO articles_fts(rowid, title, text)
                SELECT new.id, new.title, new.text WHERE NOT EXISTS
                    (SELECT 1 FROM articles_unindexed WHERE article_id = new.id);
        END;
        """,
    )

SCHEMA_VERSION = len(MIGRATION_NAMES)
