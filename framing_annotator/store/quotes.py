"""Rows of quotes and their frames, with version checks against concurrent edits."""

from __future__ import annotations

from dataclasses import replace

from ..domain.errors import ConflictError, InvalidValue, NotFound
from ..domain.model import (
    Quote,
)
from .base import RepositoryBase
from .rows import (
    now,
    quote_from,
)


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

    def quotes_by_speaker(self, speaker_id: int) -> list[Quote]:
        """Every quote, of any annotator, attributed to this speaker."""
        return self._quote_rows("q.speaker_id = ?", [speaker_id])

    def quote_counts_by_speaker(self) -> dict[int, int]:
        rows = self._rows(
            "SELECT speaker_id, count(*) AS n FROM quotes WHERE speaker_id IS NOT NULL "
            "GROUP BY speaker_id"
        )
        return {row["speaker_id"]: row["n"] for row in rows}

    def _quote_rows(self, where: str, params: list) -> list[Quote]:
        # ``where`` is built from fixed fragments only; values travel as parameters.
        # Frames come in a second query over the same quotes: a subquery per row is
        # several times slower on a whole project.
        source = f"FROM quotes q JOIN annotators a ON a.id = q.annotator_id WHERE {where}"
        frames: dict[str, list[str]] = {}
        for row in self._rows(
            f"SELECT f.quote_uuid, f.frame_key FROM quote_frames f JOIN quotes q "
            f"ON q.uuid = f.quote_uuid JOIN annotators a ON a.id = q.annotator_id WHERE {where}",
            params,
        ):
            frames.setdefault(row["quote_uuid"], []).append(row["frame_key"])
        rows = self._rows(
            f"SELECT q.*, a.name AS annotator {source} "
            'ORDER BY q.article_id, q.start, q."end", q.created_at',
            params,
        )
        return [quote_from(row, frames.get(row["uuid"], ())) for row in rows]

    def insert_quote(self, quote: Quote) -> Quote:
        """Store a new quote (or re-store a deleted one, keeping its UUID and version)."""
        self._check_against_article(quote)
        annotator_id = self.ensure_annotator(quote.annotator).id
        stamp = now()
        quote = replace(
            quote, created_at=quote.created_at or stamp, updated_at=quote.updated_at or stamp
        )
        self.db.execute(
            'INSERT INTO quotes(uuid, article_id, annotator_id, start, "end", kind, speaker_id, '
            "mention_start, mention_end, note, origin, suggestion_id, created_at, updated_at, "
            "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                quote.uuid,
                quote.article_id,
                annotator_id,
                quote.start,
                quote.end,
                quote.kind.value,
                quote.speaker_id,
                quote.mention.start if quote.mention else None,
                quote.mention.end if quote.mention else None,
                quote.note,
                quote.origin.value,
                quote.suggestion_id,
                quote.created_at,
                quote.updated_at,
                quote.version,
            ],
        )
        self._write_frames(quote)
        self._written_versions[quote.uuid] = quote.version
        return quote

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
        length = self._one(
            "SELECT length(text) AS n FROM articles WHERE id = ?", [quote.article_id]
        )
        if length is None:
            raise NotFound(f"article {quote.article_id} is not in this project")
        for span in (quote.span, quote.mention):
            if span is not None and span.end > length["n"]:
                raise InvalidValue(
                    f"span [{span.start}, {span.end}) runs past the article's "
                    f"{length['n']} characters"
                )
