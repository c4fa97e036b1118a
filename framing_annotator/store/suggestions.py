"""Rows of suggestions and each annotator's decisions on them."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.model import (
    Suggestion,
    SuggestionDecision,
    SuggestionStatus,
)
from ..domain.spans import Span
from .base import RepositoryBase
from .db import translate_errors
from .rows import KIND_BY_VALUE, now, span_or_none

_ARTICLE_SUGGESTIONS = (
    'SELECT start, "end", kind, pipeline, confidence, speaker, mention_start, mention_end, '
    'cue, article_id, id FROM suggestions WHERE article_id = ? ORDER BY start, "end"'
)


class SuggestionRows(RepositoryBase):
    """Rows of suggestions and each annotator's decisions on them."""

    # -- suggestions --------------------------------------------------------

    def replace_suggestions(
        self, article_id: int, suggestions: Iterable[Suggestion], *, pipeline: str = ""
    ) -> int:
        """Store a fresh set of suggestions for an article, dropping undecided old ones.

        ``pipeline`` records that it read the article, even if it suggested nothing.
        """
        suggestions = list(suggestions)
        self.db.execute(
            "DELETE FROM suggestions WHERE article_id = ? AND id NOT IN "
            "(SELECT suggestion_id FROM suggestion_decisions)",
            [article_id],
        )
        stamp = now()
        rows = [
            (
                article_id,
                s.start,
                s.end,
                s.kind.value,
                s.speaker,
                s.mention.start if s.mention else None,
                s.mention.end if s.mention else None,
                s.cue,
                s.confidence,
                s.pipeline,
                stamp,
            )
            for s in suggestions
        ]
        self.db.conn.executemany(
            'INSERT INTO suggestions(article_id, start, "end", kind, speaker, mention_start, '
            "mention_end, cue, confidence, pipeline, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        for name in {pipeline, *(s.pipeline for s in suggestions)} - {""}:
            self.db.execute(
                "INSERT INTO suggestion_runs(article_id, pipeline, finished_at) "
                "VALUES (?, ?, ?) ON CONFLICT(article_id, pipeline) "
                "DO UPDATE SET finished_at = excluded.finished_at",
                [article_id, name, stamp],
            )
        return len(rows)

    def suggestions(self, article_id: int) -> list[Suggestion]:
        # Tuples mapped by position, as quotes are: opening an article reads all of its
        # suggestions, and a dict and an enum lookup per row made that grow with the marks.
        with translate_errors(self.path):
            rows = self.db.execute(_ARTICLE_SUGGESTIONS, [article_id]).fetchall()
        return [
            Suggestion(
                Span(start, end), KIND_BY_VALUE[kind], pipeline, confidence, speaker,
                span_or_none(m_start, m_end), cue, article, suggestion_id,
            )
            for (start, end, kind, pipeline, confidence, speaker, m_start, m_end, cue, article,
                 suggestion_id) in rows
        ]  # fmt: skip

    def quote_counts(self) -> dict[str, int]:
        """Quotes per annotator name, over the whole project."""
        rows = self._rows(
            "SELECT a.name, count(q.uuid) AS n FROM annotators a "
            "LEFT JOIN quotes q ON q.annotator_id = a.id GROUP BY a.name ORDER BY a.name"
        )
        return {row["name"]: row["n"] for row in rows}

    def suggestion_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM suggestions").fetchone()[0]

    def articles_suggested(self, pipeline: str | None = None) -> set[int]:
        """Articles a pipeline (any, if None) has read, whether or not it found quotes."""
        if pipeline is None:
            rows = self._rows("SELECT DISTINCT article_id FROM suggestion_runs")
        else:
            rows = self._rows(
                "SELECT article_id FROM suggestion_runs WHERE pipeline = ?", [pipeline]
            )
        return {r["article_id"] for r in rows}

    def decisions(self, article_id: int, annotator: str) -> dict[int, SuggestionDecision]:
        rows = self._rows(
            "SELECT d.* FROM suggestion_decisions d JOIN suggestions s ON s.id = d.suggestion_id "
            "JOIN annotators a ON a.id = d.annotator_id WHERE s.article_id = ? AND a.name = ?",
            [article_id, annotator],
        )
        return {
            r["suggestion_id"]: SuggestionDecision(
                r["suggestion_id"], annotator, SuggestionStatus(r["status"]), r["quote_uuid"]
            )
            for r in rows
        }

    def set_decision(self, decision: SuggestionDecision) -> None:
        annotator_id = self.ensure_annotator(decision.annotator).id
        if decision.status is SuggestionStatus.PENDING:
            self.db.execute(
                "DELETE FROM suggestion_decisions WHERE suggestion_id = ? AND annotator_id = ?",
                [decision.suggestion_id, annotator_id],
            )
            return
        self.db.execute(
            "INSERT INTO suggestion_decisions(suggestion_id, annotator_id, status, quote_uuid, "
            "decided_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(suggestion_id, annotator_id) "
            "DO UPDATE SET status = excluded.status, quote_uuid = excluded.quote_uuid, "
            "decided_at = excluded.decided_at",
            [
                decision.suggestion_id,
                annotator_id,
                decision.status.value,
                decision.quote_uuid,
                now(),
            ],
        )
