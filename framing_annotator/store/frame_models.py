"""Rows of the frame learner: each coder's model, and the frame suggestions each quote showed."""

from __future__ import annotations

import json

from ..domain.frames import FrameProbability, ShownFrameSuggestion, StoredFrameModel
from .base import RepositoryBase
from .rows import now


class FrameModelRows(RepositoryBase):
    """Each coder's trained frame model, and the frame suggestions each quote showed."""

    # -- models -------------------------------------------------------------

    def frame_model(self, annotator: str) -> StoredFrameModel | None:
        row = self._one(
            "SELECT m.*, a.name AS annotator FROM frame_models m "
            "JOIN annotators a ON a.id = m.annotator_id WHERE a.name = ?",
            [annotator],
        )
        if row is None:
            return None
        return StoredFrameModel(
            annotator=row["annotator"],
            codebook_version=row["codebook_version"],
            model=bytes(row["model"]),
            trained_on=row["trained_on"],
            training_digest=row["training_digest"],
            full_trained_on=row["full_trained_on"],
            trained_at=row["trained_at"],
        )

    def save_frame_model(self, model: StoredFrameModel) -> None:
        annotator_id = self.ensure_annotator(model.annotator).id
        self.db.execute(
            "INSERT INTO frame_models(annotator_id, codebook_version, model, trained_on, "
            "training_digest, full_trained_on, trained_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(annotator_id) DO UPDATE SET codebook_version = excluded.codebook_version, "
            "model = excluded.model, trained_on = excluded.trained_on, "
            "training_digest = excluded.training_digest, "
            "full_trained_on = excluded.full_trained_on, trained_at = excluded.trained_at",
            [
                annotator_id,
                model.codebook_version,
                model.model,
                model.trained_on,
                model.training_digest,
                model.full_trained_on,
                model.trained_at or now(),
            ],
        )

    def delete_frame_model(self, annotator: str) -> None:
        self.db.execute(
            "DELETE FROM frame_models WHERE annotator_id = "
            "(SELECT id FROM annotators WHERE name = ?)",
            [annotator],
        )

    # -- suggestions shown --------------------------------------------------

    def record_frame_suggestion_shown(
        self, shown: ShownFrameSuggestion, *, accepted: bool = False
    ) -> None:
        """Remember what a quote showed; a later showing replaces it, keeping an acceptance.

        ``accepted``: the coder took the suggested frames now (one statement for G).
        """
        self.db.execute(
            "INSERT INTO frame_suggestions_shown(quote_uuid, frames, suggested, "
            "codebook_version, shown_at, accepted_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(quote_uuid) DO UPDATE SET frames = excluded.frames, "
            "suggested = excluded.suggested, codebook_version = excluded.codebook_version, "
            "shown_at = excluded.shown_at, "
            "accepted_at = coalesce(excluded.accepted_at, accepted_at)",
            [
                shown.quote_uuid,
                json.dumps([[f.key, round(f.probability, 4)] for f in shown.frames]),
                json.dumps(sorted(shown.suggested)),
                shown.codebook_version,
                shown.shown_at or now(),
                now() if accepted else shown.accepted_at,
            ],
        )

    def mark_frame_suggestion_accepted(self, quote_uuid: str) -> None:
        self.db.execute(
            "UPDATE frame_suggestions_shown SET accepted_at = ? WHERE quote_uuid = ?",
            [now(), quote_uuid],
        )

    def clear_frame_suggestion_accepted(self, quote_uuid: str) -> None:
        """Undo of an acceptance: the suggestion was shown, not (yet) taken."""
        self.db.execute(
            "UPDATE frame_suggestions_shown SET accepted_at = NULL WHERE quote_uuid = ?",
            [quote_uuid],
        )

    def frame_suggestion_shown(self, quote_uuid: str) -> ShownFrameSuggestion | None:
        row = self._one("SELECT * FROM frame_suggestions_shown WHERE quote_uuid = ?", [quote_uuid])
        return None if row is None else _shown_from(row)

    def frame_suggestions_shown(self) -> list[ShownFrameSuggestion]:
        """Every record of frame suggestions shown, of quotes that still exist."""
        rows = self._rows(
            "SELECT s.* FROM frame_suggestions_shown s JOIN quotes q ON q.uuid = s.quote_uuid "
            "ORDER BY s.quote_uuid"
        )
        return [_shown_from(row) for row in rows]

    def frame_suggestion_counts(self) -> dict[str, tuple[int, int]]:
        """Per annotator: (quotes that showed frame suggestions, quotes whose were accepted)."""
        rows = self._rows(
            "SELECT a.name AS annotator, count(*) AS shown, count(s.accepted_at) AS accepted "
            "FROM frame_suggestions_shown s JOIN quotes q ON q.uuid = s.quote_uuid "
            "JOIN annotators a ON a.id = q.annotator_id GROUP BY a.name"
        )
        return {row["annotator"]: (row["shown"], row["accepted"]) for row in rows}


def _shown_from(row: dict) -> ShownFrameSuggestion:
    return ShownFrameSuggestion(
        quote_uuid=row["quote_uuid"],
        frames=tuple(FrameProbability(k, p) for k, p in json.loads(row["frames"])),
        suggested=frozenset(json.loads(row["suggested"])),
        codebook_version=row["codebook_version"],
        shown_at=row["shown_at"],
        accepted_at=row["accepted_at"],
    )
