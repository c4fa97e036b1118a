"""Row mapping: from SQLite rows to domain objects, and the small helpers around it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from ..domain.model import (
    Article,
    Origin,
    Quote,
    QuoteKind,
    Speaker,
    SpeakerType,
)
from ..domain.spans import Span

KIND_BY_VALUE = {kind.value: kind for kind in QuoteKind}
ORIGIN_BY_VALUE = {origin.value: origin for origin in Origin}
"""Stored values to enum members: a dict lookup per row costs less than calling the enum,
which counts when a whole project's quotes are read."""


def now() -> str:
    """UTC timestamps with milliseconds, sortable as text."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def span_or_none(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(start, end)


def fts_query(query: str) -> str:
    """Quote every word so user input is never read as FTS5 syntax."""
    words = [word.replace('"', "") for word in query.split()]
    return " ".join(f'"{word}"' for word in words if word)


def frame_keys(joined: str | None) -> frozenset[str]:
    return frozenset(joined.split("\x1f")) if joined else frozenset()


def article_from(row: dict) -> Article:
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


def speaker_from(row: dict, aliases: list[str]) -> Speaker:
    return Speaker(
        name=row["name"],
        aliases=tuple(aliases),
        type=SpeakerType(row["type"]) if row["type"] else None,
        id=row["id"],
    )


def quote_from(row: dict, frames: Iterable[str]) -> Quote:
    return Quote(
        article_id=row["article_id"],
        annotator=row["annotator"],
        span=Span(row["start"], row["end"]),
        kind=QuoteKind(row["kind"]),
        speaker_id=row["speaker_id"],
        mention=span_or_none(row["mention_start"], row["mention_end"]),
        frames=frozenset(frames),
        note=row["note"],
        origin=Origin(row["origin"]),
        suggestion_id=row["suggestion_id"],
        uuid=row["uuid"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        version=row["version"],
    )
