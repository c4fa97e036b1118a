"""The project's lists: annotators, speakers with their aliases, and the codebook."""

from __future__ import annotations

from dataclasses import replace

from ..domain.codebook import Codebook, FrameType
from ..domain.errors import InvalidValue, NotFound
from ..domain.model import (
    Annotator,
    Speaker,
)
from .base import RepositoryBase
from .rows import (
    speaker_from,
)


class CatalogueRows(RepositoryBase):
    """The project's lists: annotators, speakers with their aliases, and the codebook."""

    # -- annotators ---------------------------------------------------------

    def annotators(self) -> list[Annotator]:
        return [Annotator(r["name"], r["id"]) for r in self._rows("SELECT * FROM annotators")]

    def ensure_annotator(self, name: str) -> Annotator:
        annotator = Annotator(name.strip())
        # Read first: the annotator nearly always exists, and every edit asks for it.
        row = self._one("SELECT id FROM annotators WHERE name = ?", [annotator.name])
        if row is not None:
            return replace(annotator, id=row["id"])
        cursor = self.db.execute("INSERT INTO annotators(name) VALUES (?)", [annotator.name])
        return replace(annotator, id=cursor.lastrowid)

    def _annotator_id(self, name: str) -> int:
        row = self._one("SELECT id FROM annotators WHERE name = ?", [name])
        if row is None:
            raise NotFound(f"no annotator named {name!r} in this project")
        return row["id"]

    # -- speakers -----------------------------------------------------------

    def speakers(self) -> list[Speaker]:
        aliases: dict[int, list[str]] = {}
        for row in self._rows("SELECT speaker_id, alias FROM speaker_aliases ORDER BY alias"):
            aliases.setdefault(row["speaker_id"], []).append(row["alias"])
        return [
            speaker_from(row, aliases.get(row["id"], []))
            for row in self._rows("SELECT * FROM speakers ORDER BY name COLLATE NOCASE")
        ]

    def speaker(self, speaker_id: int) -> Speaker:
        row = self._one("SELECT * FROM speakers WHERE id = ?", [speaker_id])
        if row is None:
            raise NotFound(f"speaker {speaker_id} is not in this project")
        aliases = self._rows(
            "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", [speaker_id]
        )
        return speaker_from(row, [r["alias"] for r in aliases])

    def speaker_by_name(self, name: str) -> Speaker | None:
        row = self._one("SELECT id FROM speakers WHERE name = ?", [name])
        return None if row is None else self.speaker(row["id"])

    def save_speaker(self, speaker: Speaker) -> Speaker:
        """Insert a new speaker (``id`` None) or replace an existing one with its aliases."""
        kind = speaker.type.value if speaker.type else None
        exists = speaker.id is not None and self._one(
            "SELECT 1 FROM speakers WHERE id = ?", [speaker.id]
        )
        namesake = self.speaker_by_name(speaker.name)
        if namesake is not None and namesake.id != speaker.id:
            raise InvalidValue(f"a speaker named {speaker.name!r} already exists")
        if not exists:
            # A known id is kept (undo and redo bring a speaker back under its old id).
            cursor = self.db.execute(
                "INSERT INTO speakers(id, name, type) VALUES (?, ?, ?)",
                [speaker.id, speaker.name, kind],
            )
            speaker = replace(speaker, id=cursor.lastrowid)
        else:
            self.db.execute(
                "UPDATE speakers SET name = ?, type = ? WHERE id = ?",
                [speaker.name, kind, speaker.id],
            )
            self.db.execute("DELETE FROM speaker_aliases WHERE speaker_id = ?", [speaker.id])
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO speaker_aliases(speaker_id, alias) VALUES (?, ?)",
            [(speaker.id, alias) for alias in speaker.aliases],
        )
        return speaker

    def delete_speaker_if_unused(self, speaker_id: int) -> bool:
        """Remove a speaker no quote refers to; True if it was removed."""
        cursor = self.db.execute(
            "DELETE FROM speakers WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM quotes WHERE speaker_id = ?)",
            [speaker_id, speaker_id],
        )
        return cursor.rowcount == 1

    # -- codebook -----------------------------------------------------------

    def codebook(self) -> Codebook:
        frames = tuple(
            FrameType(
                key=r["key"],
                label=r["label"],
                description=r["description"],
                colour=r["colour"],
                shortcut=r["shortcut"],
                order=r["position"],
            )
            for r in self._rows("SELECT * FROM frame_types ORDER BY position")
        )
        return Codebook(name=self.meta("codebook_name", "Codebook"), frames=frames)

    def save_frame_type(self, frame: FrameType) -> None:
        self.db.execute(
            "INSERT INTO frame_types(key, label, description, colour, shortcut, position) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET label = excluded.label, "
            "description = excluded.description, colour = excluded.colour, "
            "shortcut = excluded.shortcut, position = excluded.position",
            [frame.key, frame.label, frame.description, frame.colour, frame.shortcut, frame.order],
        )

    def delete_frame_type_if_unused(self, key: str) -> bool:
        """Remove a frame type no quote carries; True if it was removed."""
        cursor = self.db.execute(
            "DELETE FROM frame_types WHERE key = ? AND NOT EXISTS "
            "(SELECT 1 FROM quote_frames WHERE frame_key = ?)",
            [key, key],
        )
        return cursor.rowcount == 1

    def set_codebook(self, codebook: Codebook) -> None:
        for frame in codebook.frames:
            self.save_frame_type(frame)
        self.set_meta("codebook_name", codebook.name)
