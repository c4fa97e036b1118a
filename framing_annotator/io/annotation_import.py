"""Reading annotation sets back: our JSONL (this module) and ``.qdpx`` (``qdpx_reader``).

A reader returns a whole :class:`AnnotationSet` or raises :class:`ImportRejected`
naming the file, the line or element, and what is wrong, before anything is stored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..domain.errors import ImportRejected, KnownError
from ..domain.exchange import AnnotatedArticle, AnnotationSet, ExchangeQuote
from ..domain.model import Article, Origin, QuoteKind, Suggestion
from ..domain.spans import Span, check_span
from ..domain.text import normalise_text
from .collector import SetCollector
from .export.jsonl import SUGGESTION_LABEL
from .export.refi_qda import guid

MAX_LINE_CHARS = 64 * 1024 * 1024
"""A longer JSONL line (one article with its quotes) is refused."""

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
DEFAULT_ANNOTATOR = "imported"


def read_annotation_file(path: Path) -> AnnotationSet:
    """Read ``.jsonl`` or ``.qdpx`` by its extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".qdpx":
        from .qdpx_reader import read_qdpx

        return read_qdpx(path)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path)
    raise ImportRejected(f"{path.name}: annotations must be a .jsonl or a .qdpx file")


def read_jsonl(path: Path) -> AnnotationSet:
    """Read our JSONL export (or doccano/Prodigy-style lines with the same span keys)."""
    path = Path(path)
    collector = SetCollector()
    documents: list[AnnotatedArticle] = []
    try:
        with open(path, encoding="utf-8-sig") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                if len(line) > MAX_LINE_CHARS:
                    raise ImportRejected(f"{path.name} line {number}: the line is too long")
                try:
                    documents.append(_document(json.loads(line), collector, path))
                except (KnownError, ValueError, TypeError, KeyError, AttributeError) as exc:
                    raise ImportRejected(f"{path.name} line {number}: {_reason(exc)}") from exc
    except OSError as exc:
        raise ImportRejected(f"{path.name}: cannot read it ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ImportRejected(f"{path.name}: not UTF-8 (byte {exc.start})") from exc
    return collector.annotation_set(documents, path.stem)


def _reason(exc: Exception) -> str:
    if isinstance(exc, KnownError):
        return exc.message
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg})"
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    return str(exc)


def _document(record: dict, collector: SetCollector, path: Path) -> AnnotatedArticle:
    text = record["text"]
    if not isinstance(text, str) or not text:
        raise ImportRejected("'text' must be a non-empty string")
    if normalise_text(text) != text:
        raise ImportRejected("the text has a BOM or carriage returns, so its offsets are unclear")
    meta = record.get("meta") or {}
    article = Article(
        text=text,
        title=str(meta.get("title") or ""),
        outlet=str(meta.get("outlet") or ""),
        date=str(meta.get("date") or ""),
        url=str(meta.get("url") or ""),
        source=str(meta.get("source") or path.name),
        text_sha256=str(meta.get("text_sha256") or ""),
    )
    annotator = str(record.get("annotator") or record.get("_annotator_id") or DEFAULT_ANNOTATOR)
    quotes, suggestions = [], []
    for index, span in enumerate(record.get("spans") or []):
        try:
            if span.get("label") == SUGGESTION_LABEL:
                suggestions.append(_suggestion(span, text, collector))
            else:
                quotes.append(_quote(span, article, annotator, collector))
        except (KnownError, ValueError, TypeError, KeyError) as exc:
            raise ImportRejected(f"span {index + 1}: {_reason(exc)}") from exc
    return AnnotatedArticle(
        article, annotator, tuple(quotes), tuple(suggestions), str(meta.get("status") or "")
    )


def _span(text: str, data: Any, expected: Any = None) -> Span:
    start, end = data["start"], data["end"]
    return check_span(text, start, end, expected if isinstance(expected, str) else None)


def _quote(span: dict, article: Article, annotator: str, collector: SetCollector) -> ExchangeQuote:
    text = article.text
    where = _span(text, span, span.get("text"))
    mention = span.get("mention")
    quote_id = span.get("id") or guid(
        "jsonl-quote", f"{article.text_sha256}:{annotator}:{where.start}:{where.end}"
    )
    return ExchangeQuote(
        uuid=str(quote_id),
        span=where,
        kind=QuoteKind(span.get("kind") or "direct"),
        speaker=collector.speaker(span.get("speaker"), span.get("speaker_type")),
        mention=_span(text, mention, mention.get("text")) if mention else None,
        frames=tuple(collector.frame(key) for key in span.get("frames") or ()),
        note=str(span.get("note") or ""),
        origin=Origin(span.get("origin") or "manual"),
        created_at=str(span.get("created_at") or ""),
        updated_at=str(span.get("updated_at") or ""),
    )


def _suggestion(span: dict, text: str, collector: SetCollector) -> Suggestion:
    mention = span.get("mention")
    return Suggestion(
        span=_span(text, span, span.get("text")),
        kind=QuoteKind(span.get("kind") or "direct"),
        pipeline=str(span.get("pipeline") or ""),
        confidence=float(span.get("confidence") or 0.0),
        speaker=collector.speaker(span.get("speaker"), span.get("speaker_type")),
        mention=_span(text, mention, mention.get("text")) if mention else None,
        cue=span.get("cue"),
        id=span.get("suggestion_id"),
    )
