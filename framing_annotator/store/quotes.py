"""Rows of quotes and their frames, with version checks against concurrent edits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..domain.errors import ConflictError, InvalidValue, NotFound
from ..domain.exchange import ExchangeQuote
from ..domain.model import Quote
from ..domain.spans import Span
from .base import RepositoryBase
from .bulk import filled_once
from .db import translate_errors
from .quote_columns import (
    ANNOTATORS_SQL,
    FRAMES_SQL,
    LENGTHS_SQL,
    QUOTE_COLUMNS_SQL,
    QuoteColumns,
    quote_columns,
)
from .rows import KIND_BY_VALUE, ORIGIN_BY_VALUE, now


class QuoteRows(RepositoryBase):
    """Rows of quotes and their frames, with version checks against concurrent edits."""

    # -- quotes -------------------------------------------------------------

    def quote(self, uuid: str) -> Quote:
        rows = self._quote_rows("q.uuid = ?", [uuid])
        if not rows:
            raise NotFound(f"quote {uuid} is not in this project (it may have been deleted)")
        return rows[0]

    def quotes(self, article_id: int | None = None, annotator: str | None = None) -> list[Quote]:
        clauses, params = [], []
        if article_id is not None:
            clauses.append("q.article_id = ?")
            params.append(article_id)
        if annotator is not None:
            clauses.append("a.name = ?")
            params.append(annotator)
        return self._quote_rows(" AND ".join(clauses) or "1", params)

    def coded_quotes(self, annotator: str, limit: int | None = None) -> list[Quote]:
        """``annotator``'s quotes that carry at least one frame, in reading order.

        With ``limit``, only that many: the most recently edited. They are picked in SQL,
        so a coder with 150,000 quotes costs one scan, not 150,000 quotes read and dropped.
        """
        coded = "a.name = ? AND EXISTS (SELECT 1 FROM quote_frames f WHERE f.quote_uuid = q.uuid)"
        if limit is None:
            return self._quote_rows(coded, [annotator])
        with translate_errors(self.path):
            # NOT INDEXED: walking the UUID index to probe quote_frames in key order is
            # three times slower than one plain scan of the table.
            uuids = [
                uuid
                for (uuid,) in self.db.execute(
                    "SELECT q.uuid FROM quotes q NOT INDEXED "
                    "WHERE q.annotator_id = (SELECT id FROM annotators WHERE name = ?) "
                    "AND EXISTS (SELECT 1 FROM quote_frames f WHERE f.quote_uuid = q.uuid) "
                    "ORDER BY q.updated_at DESC, q.uuid DESC LIMIT ?",
                    [annotator, limit],
                )
            ]
        return sorted(
            self.quotes_by_uuid(uuids).values(),
            key=lambda q: (q.article_id, q.start, q.end, q.created_at),
        )

    def quote_columns(self) -> QuoteColumns:
        """Every quote as columns, with full quotes made only when asked for (agreement)."""
        with translate_errors(self.path):
            frames = self.db.execute(FRAMES_SQL).fetchall()
            rows = self.db.execute(QUOTE_COLUMNS_SQL).fetchall()
            annotators = self.db.execute(ANNOTATORS_SQL).fetchall()
            lengths = self.db.execute(LENGTHS_SQL).fetchall()
        return quote_columns(rows, frames, annotators, lengths)

    def quotes_by_uuid(self, uuids: Iterable[str]) -> dict[str, Quote]:
        """The stored quotes among ``uuids``, by UUID; one query per 500."""
        wanted = sorted(set(uuids))
        found: dict[str, Quote] = {}
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            marks = ", ".join("?" * len(chunk))
            found.update((q.uuid, q) for q in self._quote_rows(f"q.uuid IN ({marks})", chunk))
        return found

    def quotes_by_speaker(self, speaker_id: int) -> list[Quote]:
        """Every quote, of any annotator, attributed to this speaker."""
        return self._quote_rows("q.speaker_id = ?", [speaker_id])

    def quote_counts_by_speaker(self) -> dict[int, int]:
        rows = self._rows(
            "SELECT speaker_id, count(*) AS n FROM quotes WHERE speaker_id IS NOT NULL "
            "GROUP BY speaker_id"
        )
        return {row["speaker_id"]: row["n"] for row in rows}

    def exchange_quotes(self) -> list[tuple[int, str, ExchangeQuote]]:
        """Every quote as it leaves the project, with its article id and annotator, in the
        order of :meth:`quotes`: an export builds these straight from the rows, not
        through a :class:`Quote` each (that was a quarter of gathering 100,000 quotes)."""
        names = {row[0]: row[1] for row in self.db.execute("SELECT id, name FROM speakers")}
        frames, rows = self._quote_tuples("1", [])
        kinds, origins, no_frames = KIND_BY_VALUE, ORIGIN_BY_VALUE, ()
        return [
            (article_id, annotator, ExchangeQuote(
                uuid, Span(start, end), kinds[kind],
                None if speaker_id is None else names.get(speaker_id),
                None if m_start is None or m_end is None else Span(m_start, m_end),
                frames.get(uuid, no_frames), note, origins[origin], created_at, updated_at,
            ))
            for (article_id, annotator, start, end, kind, speaker_id, m_start, m_end, note,
                 origin, _suggestion_id, uuid, created_at, updated_at, _version) in rows
        ]  # fmt: skip

    def _quote_rows(self, where: str, params: list) -> list[Quote]:
        frames, rows = self._quote_tuples(where, params)
        kinds, origins, no_frames = KIND_BY_VALUE, ORIGIN_BY_VALUE, frozenset()
        return [
            Quote(
                article_id, annotator, Span(start, end), kinds[kind], speaker_id,
                None if m_start is None or m_end is None else Span(m_start, m_end),
                frozenset(frames[uuid]) if uuid in frames else no_frames,
                note, origins[origin], suggestion_id, uuid, created_at, updated_at, version,
            )
            for (article_id, annotator, start, end, kind, speaker_id, m_start, m_end, note,
                 origin, suggestion_id, uuid, created_at, updated_at, version) in rows
        ]  # fmt: skip

    def _quote_tuples(self, where: str, params: list) -> tuple[dict[str, list[str]], list]:
        """The frame keys by quote UUID and the quote rows (as tuples) that ``where`` picks."""
        # ``where`` is built from fixed fragments only; values travel as parameters.
        # Frames come in a second query over the same quotes: a subquery per row is
        # several times slower on a whole project. Rows are read as tuples and mapped
        # by position: a report reads every quote of a project, and a dict per row was
        # a third of its time.
        source = f"FROM quotes q JOIN annotators a ON a.id = q.annotator_id WHERE {where}"
        frames: dict[str, list[str]] = {}
        frames_sql = (
            "SELECT quote_uuid, frame_key FROM quote_frames"  # every quote: no join needed
            if where == "1"
            else "SELECT f.quote_uuid, f.frame_key FROM quote_frames f JOIN quotes q "
            "ON q.uuid = f.quote_uuid JOIN annotators a ON a.id = q.annotator_id "
            f"WHERE {where}"
        )
        with translate_errors(self.path):
            for uuid, key in self.db.execute(frames_sql, params):
                frames.setdefault(uuid, []).append(key)
            rows = self.db.execute(
                'SELECT q.article_id, a.name, q.start, q."end", q.kind, q.speaker_id, '
                "q.mention_start, q.mention_end, q.note, q.origin, q.suggestion_id, q.uuid, "
                f"q.created_at, q.updated_at, q.version {source} "
                'ORDER BY q.article_id, q.start, q."end", q.created_at',
                params,
            ).fetchall()
        return frames, rows

    def insert_quote(self, quote: Quote) -> Quote:
        """Store a new quote (or re-store a deleted one, keeping its UUID and version)."""
        return self.insert_quotes([quote])[0]

    def insert_quotes(self, quotes: Sequence[Quote]) -> list[Quote]:
        """Store many new quotes at once: the bulk path of imports, merges and adjudication.

        Article lengths, annotators and the codebook are read once for the whole batch,
        rows go in with ``executemany``, and for a large batch the quotes' full-text rows
        are written by one statement at the end instead of a trigger per row. Every quote
        is checked as :meth:`insert_quote` checks one; a bad one stops the whole batch
        (the caller's transaction then stores none of it).
        """
        if not quotes:
            return []
        lengths = self._article_lengths({q.article_id for q in quotes})
        known = (  # one read for the batch, none when no quote has frames (a keypress)
            {row[0] for row in self.db.execute("SELECT key FROM frame_types")}
            if any(q.frames for q in quotes)
            else set()
        )
        annotator_ids = {name: self.ensure_annotator(name).id
                         for name in sorted({q.annotator for q in quotes})}  # fmt: skip
        stamp = now()
        stored, rows, frames = [], [], []
        for quote in quotes:
            _check_span(quote, lengths)
            unknown = quote.frames - known
            if unknown:
                raise InvalidValue(f"unknown frame key(s): {', '.join(sorted(unknown))}")
            if not (quote.created_at and quote.updated_at):
                quote = replace(quote, created_at=quote.created_at or stamp,
                                updated_at=quote.updated_at or stamp)  # fmt: skip
            mention = quote.mention
            rows.append((
                quote.uuid, quote.article_id, annotator_ids[quote.annotator], quote.span.start,
                quote.span.end, quote.kind.value, quote.speaker_id,
                mention.start if mention else None, mention.end if mention else None,
                quote.note, quote.origin.value, quote.suggestion_id, quote.created_at,
                quote.updated_at, quote.version,
            ))  # fmt: skip
            frames.extend((quote.uuid, key) for key in sorted(quote.frames))
            stored.append(quote)
        with filled_once(self.db, "quotes", len(rows)):
            self.db.conn.executemany(
                'INSERT INTO quotes(uuid, article_id, annotator_id, start, "end", kind, '
                "speaker_id, mention_start, mention_end, note, origin, suggestion_id, "
                "created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?)",
                rows,
            )
        if frames:
            self.db.conn.executemany(
                "INSERT INTO quote_frames(quote_uuid, frame_key) VALUES (?, ?)", frames
            )
        for quote in stored:
            self._written_versions[quote.uuid] = quote.version
        return stored

    def _article_lengths(self, ids: set[int]) -> dict[int, int]:
        lengths: dict[int, int] = {}
        wanted = sorted(ids)
        for begin in range(0, len(wanted), 500):
            chunk = wanted[begin : begin + 500]
            marks = ", ".join("?" * len(chunk))
            lengths.update(
                self.db.execute(
                    f"SELECT id, text_length FROM articles WHERE id IN ({marks})", chunk
                ).fetchall()
            )
        return lengths

    def update_quote(self, quote: Quote, *, expected_version: int) -> Quote:
        """Replace a quote's fields if nobody changed it since ``expected_version``.

        The stored version goes up by one. A mismatch means another session edited
        the quote meanwhile: that is reported, never silently overwritten.
        """
        self._check_against_article(quote)
        updated = replace(quote, version=expected_version + 1, updated_at=now())
        cursor = self.db.execute(
            'UPDATE quotes SET start = ?, "end" = ?, kind = ?, speaker_id = ?, '
            "mention_start = ?, mention_end = ?, note = ?, updated_at = ?, version = ? "
            "WHERE uuid = ? AND version = ?",
            [
                updated.start,
                updated.end,
                updated.kind.value,
                updated.speaker_id,
                updated.mention.start if updated.mention else None,
                updated.mention.end if updated.mention else None,
                updated.note,
                updated.updated_at,
                updated.version,
                updated.uuid,
                expected_version,
            ],
        )
        if cursor.rowcount != 1:
            self._raise_conflict(quote.uuid, expected_version)
        self.db.execute("DELETE FROM quote_frames WHERE quote_uuid = ?", [quote.uuid])
        self._write_frames(updated)
        self._written_versions[quote.uuid] = updated.version
        return updated

    def delete_quote(self, uuid: str, *, expected_version: int) -> None:
        cursor = self.db.execute(
            "DELETE FROM quotes WHERE uuid = ? AND version = ?", [uuid, expected_version]
        )
        if cursor.rowcount != 1:
            self._raise_conflict(uuid, expected_version)
        self._written_versions[uuid] = expected_version  # a re-insert brings this version back

    def _raise_conflict(self, uuid: str, expected_version: int) -> None:
        row = self._one("SELECT version FROM quotes WHERE uuid = ?", [uuid])
        if row is None:
            raise ConflictError(f"quote {uuid} was deleted in another window meanwhile")
        raise ConflictError(
            f"quote {uuid} was changed in another window meanwhile "
            f"(version {row['version']}, expected {expected_version}); reload to see it"
        )

    def _write_frames(self, quote: Quote) -> None:
        if not quote.frames:
            return  # nothing to check or write: one keypress stays a few statements
        known = {row["key"] for row in self._rows("SELECT key FROM frame_types")}
        unknown = set(quote.frames) - known
        if unknown:
            raise InvalidValue(f"unknown frame key(s): {', '.join(sorted(unknown))}")
        self.db.conn.executemany(
            "INSERT INTO quote_frames(quote_uuid, frame_key) VALUES (?, ?)",
            [(quote.uuid, key) for key in sorted(quote.frames)],
        )

    def _check_against_article(self, quote: Quote) -> None:
        _check_span(quote, self._article_lengths({quote.article_id}))


def _check_span(quote: Quote, lengths: dict[int, int]) -> None:
    length = lengths.get(quote.article_id)
    if length is None:
        raise NotFound(f"article {quote.article_id} is not in this project")
    for span in (quote.span, quote.mention):
        if span is not None and span.end > length:
            raise InvalidValue(
                f"span [{span.start}, {span.end}) runs past the article's {length} characters"
            )
