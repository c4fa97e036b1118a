"""The repository: maps project rows to domain objects. The only SQL in the codebase.

Reads are plain methods; every write method must run inside
:meth:`Repository.transaction`, which is one user action.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from ..domain.codebook import Codebook, FrameType
from ..domain.errors import ConflictError, InvalidValue, NotFound
from ..domain.model import (
    Annotator,
    Article,
    ArticleSummary,
    Origin,
    Quote,
    QuoteKind,
    SearchHit,
    Speaker,
    SpeakerType,
    Suggestion,
    SuggestionDecision,
    SuggestionStatus,
)
from ..domain.spans import Span
from .db import open_database, translate_errors, write_transaction


def now() -> str:
    """UTC timestamps with milliseconds, sortable as text."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(start, end)


class Repository:
    """A project file, open for reading and for transactional writes."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        # The version of each quote as this connection last wrote it. Undo and redo
        # expect exactly that version, so a change from another process in between is
        # detected, while this session's own steps never conflict with each other.
        self._written_versions: dict[str, int] = {}

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False) -> Repository:
        path = Path(path)
        return cls(open_database(path, create=create), path)

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Repository]:
        written = dict(self._written_versions)
        try:
            with write_transaction(self.db, self.path):
                yield self
        except BaseException:
            self._written_versions = written  # rolled back: forget what was not stored
            raise

    def known_version(self, uuid: str, fallback: int) -> int:
        """The newer of ``fallback`` (the version the caller read) and the version this
        connection last wrote: a quote reloaded after a conflict can then be edited."""
        return max(fallback, self._written_versions.get(uuid, fallback))

    @contextlib.contextmanager
    def reading(self) -> Iterator[Repository]:
        """A consistent snapshot for several reads, with SQLite errors made readable."""
        with translate_errors(self.path):
            yield self

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

    # -- articles -----------------------------------------------------------

    def add_article(self, article: Article) -> tuple[Article, bool]:
        """Store ``article`` unless its text is already here; returns (stored, added)."""
        existing = self.article_by_digest(article.text_sha256)
        if existing is not None:
            return existing, False
        cursor = self.db.execute(
            "INSERT INTO articles(text_sha256, title, outlet, date, url, source, text, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.text_sha256,
                article.title,
                article.outlet,
                article.date,
                article.url,
                article.source,
                article.text,
                now(),
            ],
        )
        return replace(article, id=cursor.lastrowid), True

    def article(self, article_id: int) -> Article:
        row = self._one("SELECT * FROM articles WHERE id = ?", [article_id])
        if row is None:
            raise NotFound(f"article {article_id} is not in this project")
        return _article(row)

    def article_by_digest(self, text_sha256: str) -> Article | None:
        row = self._one("SELECT * FROM articles WHERE text_sha256 = ?", [text_sha256])
        return None if row is None else _article(row)

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_summaries(self) -> list[ArticleSummary]:
        """Every article without its text, with quote counts and status per annotator."""
        counts: dict[int, dict[str, int]] = {}
        for row in self._rows(
            "SELECT q.article_id, a.name, count(*) AS n FROM quotes q "
            "JOIN annotators a ON a.id = q.annotator_id GROUP BY q.article_id, a.name"
        ):
            counts.setdefault(row["article_id"], {})[row["name"]] = row["n"]
        statuses: dict[int, dict[str, str]] = {}
        for row in self._rows(
            "SELECT s.article_id, a.name, s.status FROM article_status s "
            "JOIN annotators a ON a.id = s.annotator_id"
        ):
            statuses.setdefault(row["article_id"], {})[row["name"]] = row["status"]
        suggested = {
            row["article_id"] for row in self._rows("SELECT DISTINCT article_id FROM suggestions")
        }
        return [
            ArticleSummary(
                id=row["id"],
                title=row["title"],
                outlet=row["outlet"],
                date=row["date"],
                url=row["url"],
                source=row["source"],
                text_sha256=row["text_sha256"],
                length=row["length"],
                quote_counts=counts.get(row["id"], {}),
                statuses=statuses.get(row["id"], {}),
                has_suggestions=row["id"] in suggested,
            )
            for row in self._rows(
                "SELECT id, title, outlet, date, url, source, text_sha256, "
                "length(text) AS length FROM articles ORDER BY id"
            )
        ]

    # -- annotators ---------------------------------------------------------

    def annotators(self) -> list[Annotator]:
        return [Annotator(r["name"], r["id"]) for r in self._rows("SELECT * FROM annotators")]

    def ensure_annotator(self, name: str) -> Annotator:
        annotator = Annotator(name.strip())
        self.db.execute("INSERT OR IGNORE INTO annotators(name) VALUES (?)", [annotator.name])
        row = self._one("SELECT id FROM annotators WHERE name = ?", [annotator.name])
        return replace(annotator, id=row["id"])

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
            _speaker(row, aliases.get(row["id"], []))
            for row in self._rows("SELECT * FROM speakers ORDER BY name COLLATE NOCASE")
        ]

    def speaker(self, speaker_id: int) -> Speaker:
        row = self._one("SELECT * FROM speakers WHERE id = ?", [speaker_id])
        if row is None:
            raise NotFound(f"speaker {speaker_id} is not in this project")
        aliases = self._rows(
            "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias", [speaker_id]
        )
        return _speaker(row, [r["alias"] for r in aliases])

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
        return [_quote(row, frames.get(row["uuid"], ())) for row in rows]

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
        known = set(self.codebook().keys)
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
        return [
            _suggestion(row)
            for row in self._rows(
                'SELECT * FROM suggestions WHERE article_id = ? ORDER BY start, "end"',
                [article_id],
            )
        ]

    def quote_counts(self) -> dict[str, int]:
        """Quotes per annotator name, over the whole project."""
        rows = self._rows(
            "SELECT a.name, count(q.uuid) AS n FROM annotators a "
            "LEFT JOIN quotes q ON q.annotator_id = a.id GROUP BY a.name ORDER BY a.name"
        )
        return {row["name"]: row["n"] for row in rows}

    def suggestion_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM suggestions").fetchone()[0]

    def articles_with_suggestions(self) -> set[int]:
        return {r["article_id"] for r in self._rows("SELECT DISTINCT article_id FROM suggestions")}

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

    # -- per-annotator article status ---------------------------------------

    def article_status(self, article_id: int, annotator: str) -> str:
        row = self._one(
            "SELECT s.status FROM article_status s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE s.article_id = ? AND a.name = ?",
            [article_id, annotator],
        )
        return "not_started" if row is None else row["status"]

    def set_article_status(self, article_id: int, annotator: str, status: str) -> None:
        annotator_id = self.ensure_annotator(annotator).id
        self.db.execute(
            "INSERT INTO article_status(article_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(article_id, annotator_id) "
            "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            [article_id, annotator_id, status, now()],
        )

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

    def _search_quotes(
        self, match: str, speaker: str | None, frame: str | None, limit: int
    ) -> list[SearchHit]:
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
        where = " AND ".join(clauses) or "1"  # fixed fragments; values are parameters
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
                frames=_frame_keys(r["frame_keys"]),
            )
            for r in rows
        ]

    def _search_articles(self, match: str, limit: int) -> list[SearchHit]:
        rows = self._rows(
            "SELECT rowid AS id, title, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet "
            "FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            [match, limit],
        )
        return [
            SearchHit(what="article", article_id=r["id"], title=r["title"], text=r["snippet"])
            for r in rows
        ]

    # -- bulk reads for exports (added for services/exchange.py) -------------

    def articles(self, ids: Iterable[int] | None = None) -> list[Article]:
        """Whole articles (with text) by id, or all of them, in id order; one query per 500."""
        if ids is None:
            return [_article(row) for row in self._rows("SELECT * FROM articles ORDER BY id")]
        wanted = sorted(set(ids))
        found: list[Article] = []
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            marks = ", ".join("?" * len(chunk))
            found += [
                _article(row)
                for row in self._rows(
                    f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", chunk
                )
            ]
        return found


def fts_query(query: str) -> str:
    """Quote every word so user input is never read as FTS5 syntax."""
    words = [word.replace('"', "") for word in query.split()]
    return " ".join(f'"{word}"' for word in words if word)


def _frame_keys(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split("\x1f")) if joined else frozenset()


def _article(row: dict) -> Article:
    return Article(
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        date=row["date"],
        url=row["url"],
        source=row["source"],
        id=row["id"],
        text_sha256=row["text_sha256"],
    )


def _speaker(row: dict, aliases: list[str]) -> Speaker:
    return Speaker(
        name=row["name"],
        aliases=tuple(aliases),
        type=SpeakerType(row["type"]) if row["type"] else None,
        id=row["id"],
    )


def _quote(row: dict, frames: Iterable[str]) -> Quote:
    return Quote(
        article_id=row["article_id"],
        annotator=row["annotator"],
        span=Span(row["start"], row["end"]),
        kind=QuoteKind(row["kind"]),
        speaker_id=row["speaker_id"],
        mention=_span(row["mention_start"], row["mention_end"]),
        frames=frozenset(frames),
        note=row["note"],
        origin=Origin(row["origin"]),
        suggestion_id=row["suggestion_id"],
        uuid=row["uuid"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )


def _suggestion(row: dict) -> Suggestion:
    return Suggestion(
        span=Span(row["start"], row["end"]),
        kind=QuoteKind(row["kind"]),
        pipeline=row["pipeline"],
        confidence=row["confidence"],
        speaker=row["speaker"],
        mention=_span(row["mention_start"], row["mention_end"]),
        cue=row["cue"],
        article_id=row["article_id"],
        id=row["id"],
    )
