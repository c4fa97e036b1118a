"""CSV export: one row per quote, for R, pandas and spreadsheets (docs/exports.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from ...domain.codebook import Codebook
from ...domain.exchange import (
    AnnotatedArticle,
    AnnotationSet,
    Cancelled,
    OperationCancelled,
    Progress,
    never_cancelled,
)
from ...domain.spans import Span

LEADING_COLUMNS = (
    "article_id", "text_sha256", "title", "outlet", "date", "annotator", "quote_id", "start",
    "end", "text", "kind", "speaker", "speaker_type", "mention_start", "mention_end",
    "mention_text", "frames",
)  # fmt: skip
TRAILING_COLUMNS = ("note", "created_at", "updated_at")
CODEBOOK_COLUMNS = ("key", "label", "description", "colour", "shortcut", "order")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (OWASP CSV injection)."""

FRAME_SEPARATOR = ";"


def header(codebook: Codebook) -> list[str]:
    """The header row: fixed columns, one ``frame_<key>`` per frame type, then the rest."""
    return [*LEADING_COLUMNS, *(f"frame_{key}" for key in codebook.keys), *TRAILING_COLUMNS]


_FORMULA_FIRST = frozenset(FORMULA_PREFIXES)


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``; numbers pass."""
    if isinstance(value, str) and value[:1] in _FORMULA_FIRST:
        return "'" + value
    return value


def _safe(text: str) -> str:
    """:func:`neutralise` for a cell known to be text (the fast path of a large export)."""
    return "'" + text if text[:1] in _FORMULA_FIRST else text


def codebook_path(out: Path) -> Path:
    """Where the codebook goes beside an export: ``<stem>_codebook.csv``."""
    return out.with_name(f"{out.stem}_codebook.csv")


def write_csv(
    annotations: AnnotationSet,
    path: Path,
    *,
    excel: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled = never_cancelled,
) -> int:
    """Write one row per quote (and per pending suggestion) to ``path``; returns the rows.

    ``excel`` adds a UTF-8 byte order mark, which Excel needs to read UTF-8.
    """
    rows = 0
    total = len(annotations.documents)
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header(annotations.codebook))
        for done, document in enumerate(annotations.documents, start=1):
            if cancelled():
                raise OperationCancelled
            # Rows come neutralised cell by cell where text can be: see _document_rows.
            document_rows = list(_document_rows(annotations, document))
            writer.writerows(document_rows)
            rows += len(document_rows)
            if progress:
                progress(done, total)
    return rows


def write_codebook_csv(codebook: Codebook, path: Path, *, excel: bool = False) -> None:
    """The frame types as a table: key, label, description, colour, shortcut, order."""
    with open(path, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CODEBOOK_COLUMNS)
        for frame in codebook.frames:
            row = (frame.key, frame.label, frame.description, frame.colour, frame.shortcut,
                   frame.order)  # fmt: skip
            writer.writerow([neutralise(value) for value in row])


def _mention_cells(text: str, mention: Span | None) -> list[object]:
    if mention is None:
        return ["", "", ""]
    return [mention.start, mention.end, mention.text_of(text)]


def _document_rows(annotations: AnnotationSet, document: AnnotatedArticle) -> Iterator[list]:
    """The CSV rows of one document, every text cell already neutralised.

    Only cells that hold text are checked (numbers and our own enum values cannot start a
    formula): checking all of them cost a fifth of a large export.
    """
    article = document.article
    text = article.text
    keys = annotations.codebook.keys
    lead = [article.id if article.id is not None else "", _safe(article.text_sha256),
            _safe(article.title), _safe(article.outlet), _safe(article.date),
            _safe(document.annotator)]  # fmt: skip
    speaker_types: dict[str | None, str] = {}
    for quote in document.quotes:
        speaker = quote.speaker
        if speaker not in speaker_types:
            kind = annotations.speaker_type(speaker)
            speaker_types[speaker] = kind.value if kind else ""
        frames = quote.frames
        mention = quote.mention
        span = quote.span
        yield [
            *lead,
            _safe(quote.uuid),
            span.start,
            span.end,
            _safe(text[span.start : span.end]),
            quote.kind.value,
            _safe(speaker) if speaker else "",
            speaker_types[speaker],
            *(("", "", "") if mention is None
              else (mention.start, mention.end, _safe(text[mention.start : mention.end]))),
            _safe(FRAME_SEPARATOR.join(frames)),
            *(int(key in frames) for key in keys),
            _safe(quote.note),
            _safe(quote.created_at),
            _safe(quote.updated_at),
        ]  # fmt: skip
    for suggestion in document.suggestions:
        speaker_type = annotations.speaker_type(suggestion.speaker)
        yield [
            neutralise(value)
            for value in [
                *lead,
                f"suggestion:{suggestion.id}",
                suggestion.start,
                suggestion.end,
                suggestion.span.text_of(text),
                suggestion.kind.value,
                suggestion.speaker or "",
                speaker_type.value if speaker_type else "",
                *_mention_cells(text, suggestion.mention),
                "",
                *(0 for _ in keys),
                f"pending suggestion ({suggestion.pipeline}, "
                f"confidence {suggestion.confidence:.2f})",
                "",
                "",
            ]
        ]
