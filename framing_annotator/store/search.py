"""Full-text search over quotes and articles (FTS5), and the queue of articles it has
still to index (migration 0006)."""

from __future__ import annotations

from ..domain.model import (
    QuoteKind,
    SearchHit,
)
from .base import RepositoryBase
from .db import translate_errors
from .rows import (
    frame_keys,
    fts_query,
)

# The article index, and a read-only connection's own index of the queued articles:
# (table, name in MATCH and snippet).
_INDEX = ("articles_fts", "articles_fts")
_QUEUED_INDEX = ("temp.queued_fts", "queued_fts")


INDEX_STEP = 2000
"""Queued articles indexed for search per transaction by a command, which has the file
to itself: fewer, larger steps cost less (100 a step cost 20% more CPU in all)."""
SHARED_INDEX_STEP = 100
"""The same in the window, whose own saves wait for the step: a short hold of the write
lock (4 ms for news articles, at most about 60 ms when FTS5 merges its segments)."""


class SearchRows(RepositoryBase):
    """Full-text search over quotes and articles (FTS5)."""

    _queued_index: int | None = None
    """The ``data_version`` at which this connection's temporary index of the queue was
    built. Not the queue's count and newest id: another connection may change a queued
    article, or delete the newest and import as many again, and leave both as they were."""

    # -- the articles still to index ------------------------------------------

    def unindexed_count(self) -> int:
        """How many articles wait for the search index (queued by a large import)."""
        return self.db.execute("SELECT count(*) FROM articles_unindexed").fetchone()[0]

    def index_for_search(self, limit: int) -> int:
        """Index up to ``limit`` queued articles, oldest first, in one transaction;
        returns how many still wait. Each statement fills the index for a
        whole step, as cheap as FTS5 can be (the same work as sqlite3 by itself)."""
        with self.transaction():
            # The step ends at its newest queued id, not its newest article: an id queued
            # for an article no longer there (written by hand) is dropped with the step,
            # where it would otherwise stay first in the queue, and the caller loop forever.
            last, characters = self.db.execute(
                "SELECT max(u.article_id), sum(a.text_length) FROM (SELECT article_id FROM "
                "articles_unindexed ORDER BY article_id LIMIT ?) u "
                "LEFT JOIN articles a ON a.id = u.article_id",
                [limit],
            ).fetchone()
            if last is not None:
                self._cache_batch(characters or 0)
                self.db.execute(
                    "INSERT INTO articles_fts(rowid, title, text) SELECT a.id, a.title, a.text "
                    "FROM articles_unindexed u JOIN articles a ON a.id = u.article_id "
                    "WHERE u.article_id <= ? ORDER BY u.article_id",
                    [last],
                )
                self.db.execute("DELETE FROM articles_unindexed WHERE article_id <= ?", [last])
            return self.unindexed_count()

    def _article_indexes(self) -> list[tuple[str, str]]:
        """The full-text indexes that together hold every article: (table, name) each.

        Queued articles are indexed first, in steps (a background worker indexing the same
        queue waits for one step, never for all), so that a search never misses one. A read-only
        connection cannot write the index: it indexes them in a temporary one of its own
        (in memory, rebuilt when another connection has written) and searches both.
        """
        if not self.unindexed_count():
            return [_INDEX]
        if not self.read_only:
            while self.index_for_search(SHARED_INDEX_STEP):
                pass
            return [_INDEX]
        # It changes with every commit of another connection (this one writes nothing).
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if self._queued_index != version:
            self.db.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.queued_fts USING fts5(title, text)"
            )
            self.db.execute("DELETE FROM temp.queued_fts")
            self.db.execute(
                "INSERT INTO temp.queued_fts(rowid, title, text) SELECT a.id, a.title, a.text "
                "FROM articles_unindexed u JOIN articles a ON a.id = u.article_id"
            )
            self._queued_index = version
        return [_INDEX, _QUEUED_INDEX]

    def _matching_articles(self, match: str) -> tuple[str, list[str]]:
        """A subquery for the ids of the articles matching ``match``, and its values."""
        with translate_errors(self.path):
            indexes = self._article_indexes()
        arms = [f"SELECT rowid FROM {table} WHERE {name} MATCH ?" for table, name in indexes]
        return " UNION ALL ".join(arms), [match] * len(indexes)

    # -- search -------------------------------------------------------------

    def search(
        self, query: str, *, speaker: str | None = None, frame: str | None = None, limit: int = 200
    ) -> list[SearchHit]:
        """Quotes (and, without speaker or frame filters, articles) matching ``query``.

        ``query`` is a list of words, all of which must occur; FTS5 operators typed
        by a user are taken literally, so a stray quote mark is never a syntax error.
        """
        match = fts_query(query)
        hits = self._search_quotes(match, speaker, frame, limit)
        if match and speaker is None and frame is None:
            hits += self._search_articles(match, limit)
        return hits

    def matching_article_ids(
        self,
        query: str,
        *,
        outlet: str | None = None,
        speaker: str | None = None,
        frame: str | None = None,
    ) -> set[int]:
        """Ids of every article the list should show for ``query`` and the filters.

        All in SQL, without a limit: the list filters by this set instead of testing each
        of its rows. Without a speaker or frame, an article matches when its title or text
        holds all the words (a quote's words are its article's words); with one, when one
        of its quotes by that speaker or with that frame holds them. An empty query
        matches every article (under the filters).
        """
        match = fts_query(query)
        if match and outlet is None and speaker is None and frame is None:
            with translate_errors(self.path):  # the index alone holds the answer
                return {row[0] for row in self.db.execute(*self._matching_articles(match))}
        clauses, params = [], []
        if outlet is not None:
            clauses.append("a.outlet = ?")
            params.append(outlet)
        if speaker is None and frame is None:
            if match:
                matching, values = self._matching_articles(match)
                clauses.append(f"a.id IN ({matching})")
                params += values
        else:
            inner, inner_params = _quote_filters(match, speaker, frame)
            clauses.append(f"a.id IN (SELECT q.article_id FROM quotes q WHERE {inner})")
            params += inner_params
        where = " AND ".join(clauses) or "1"  # fixed fragments; values are parameters
        with translate_errors(self.path):
            return {
                row[0]
                for row in self.db.execute(f"SELECT a.id FROM articles a WHERE {where}", params)
            }

    def _search_quotes(
        self, match: str, speaker: str | None, frame: str | None, limit: int
    ) -> list[SearchHit]:
        where, params = _quote_filters(match, speaker, frame)
        rows = self._rows(
            'SELECT q.uuid, q.article_id, q.start, q."end", q.kind, art.title, '
            "an.name AS annotator, sp.name AS speaker, "
            'substr(art.text, q.start + 1, q."end" - q.start) AS text, '
            "(SELECT group_concat(frame_key, char(31)) FROM quote_frames f "
            " WHERE f.quote_uuid = q.uuid) AS frame_keys "
            "FROM quotes q JOIN articles art ON art.id = q.article_id "
            "JOIN annotators an ON an.id = q.annotator_id "
            f"LEFT JOIN speakers sp ON sp.id = q.speaker_id WHERE {where} "
            "ORDER BY q.article_id, q.start LIMIT ?",
            [*params, limit],
        )
        return [
            SearchHit(
                what="quote",
                article_id=r["article_id"],
                title=r["title"],
                text=r["text"],
                start=r["start"],
                end=r["end"],
                quote_uuid=r["uuid"],
                annotator=r["annotator"],
                speaker=r["speaker"],
                kind=QuoteKind(r["kind"]),
                frames=frame_keys(r["frame_keys"]),
            )
            for r in rows
        ]

    def _search_articles(self, match: str, limit: int) -> list[SearchHit]:
        with translate_errors(self.path):
            indexes = self._article_indexes()
        rows = self._rows(
            " UNION ALL ".join(
                f"SELECT rowid AS id, title, snippet({name}, 1, '[', ']', '…', 12) AS snippet, "
                f"rank AS score FROM {table} WHERE {name} MATCH ?"
                for table, name in indexes
            )
            + " ORDER BY score LIMIT ?",
            [*[match] * len(indexes), limit],
        )
        return [
            SearchHit(what="article", article_id=r["id"], title=r["title"], text=r["snippet"])
            for r in rows
        ]


def _quote_filters(match: str, speaker: str | None, frame: str | None) -> tuple[str, list]:
    """The WHERE clause (over quotes ``q``) for words, speaker and frame, with its values."""
    clauses, params = [], []
    if match:
        clauses.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    if speaker:
        clauses.append(
            "q.speaker_id IN (SELECT id FROM speakers WHERE name = ? COLLATE NOCASE "
            "UNION SELECT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE)"
        )
        params += [speaker, speaker]
    if frame:
        clauses.append("q.uuid IN (SELECT quote_uuid FROM quote_frames WHERE frame_key = ?)")
        params.append(frame)
    return " AND ".join(clauses) or "1", params  # fixed fragments; values are parameters
