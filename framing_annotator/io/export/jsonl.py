"""JSONL export: one line per article and annotator, in doccano and Prodigy style.

Each line is ``{"text", "annotator", "meta", "spans"}``; a span has ``start``,
``end`` (code points, end exclusive) and ``label`` (``quote``, or ``suggestion``
for a pending suggestion), plus our keys. ``io/annotation_import.py`` reads it back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...domain.exchange import (
    AnnotatedArticle,
    AnnotationSet,
    Cancelled,
    ExchangeQuote,
    OperationCancelled,
    Progress,
    never_cancelled,
)
from ...domain.model import Suggestion
from ...domain.spans import Span

QUOTE_LABEL = "quote"
SUGGESTION_LABEL = "suggestion"
_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""What ``json.dumps(..., ensure_ascii=False)`` builds anew for every call."""


def _mention(text: str, mention: Span | None) -> dict | None:
    if mention is None:
        return None
    return {"start": mention.start, "end": mention.end, "text": mention.text_of(text)}


def quote_record(annotations: AnnotationSet, text: str, quote: ExchangeQuote) -> dict[str, Any]:
    speaker_type = annotations.speaker_type(quote.speaker)
    span, mention = quote.span, quote.mention
    return {
        "start": span.start,
        "end": span.end,
        "label": QUOTE_LABEL,
        "kind": quote.kind.value,
        "speaker": quote.speaker,
        "speaker_type": speaker_type.value if speaker_type else None,
        "mention": None if mention is None else _mention(text, mention),
        "frames": list(quote.frames),
        "note": quote.note or None,
        "id": quote.uuid,
        "text": text[span.start : span.end],
        "origin": quote.origin.value,
        "created_at": quote.created_at,
        "updated_at": quote.updated_at,
    }


def suggestion_record(
    annotations: AnnotationSet, text: str, suggestion: Suggestion
) -> dict[str, Any]:
    speaker_type = annotations.speaker_type(suggestion.speaker)
    return {
        "start": suggestion.start,
        "end": suggestion.end,
        "label": SUGGESTION_LABEL,
        "kind": suggestion.kind.value,
        "speaker": suggestion.speaker,
        "speaker_type": speaker_type.value if speaker_type else None,
        "mention": _mention(text, suggestion.mention),
        "frames": [],
        "note": None,
        "text": suggestion.span.text_of(text),
        "suggestion_id": suggestion.id,
        "pipeline": suggestion.pipeline,
        "confidence": suggestion.confidence,
        "cue": suggestion.cue,
    }


def document_record(annotations: AnnotationSet, document: AnnotatedArticle) -> dict[str, Any]:
    """The JSON object of one line."""
    article = document.article
    spans = [quote_record(annotations, article.text, q) for q in document.quotes]
    spans += [suggestion_record(annotations, article.text, s) for s in document.suggestions]
    return {
        "text": article.text,
        "annotator": document.annotator,
        "meta": {
            "article_id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "date": article.date,
            "url": article.url,
            "text_sha256": article.text_sha256,
            "source": article.source,
            "status": document.status,
        },
        "spans": spans,
    }


def write_jsonl(
    annotations: AnnotationSet,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled = never_cancelled,
) -> int:
    """Write one line per document to ``path`` (UTF-8, no ASCII escapes); returns the lines.

    Each line is ``json.dumps(document_record(...), ensure_ascii=False)``, byte for byte.
    An article's text (most of every line) is encoded once for all its annotators'
    lines, which come together: ``"text"`` is the first key, so the line is that encoded
    text followed by the rest of the record. A large export spent most of its time
    encoding the same texts again.
    """
    total = len(annotations.documents)
    text_of, head = None, b""
    with open(path, "wb") as stream:
        for done, document in enumerate(annotations.documents, start=1):
            if cancelled():
                raise OperationCancelled
            record = document_record(annotations, document)
            text = record.pop("text")
            if text != text_of:  # the same str object for one article's lines: no compare
                text_of = text
                head = b'{"text": ' + _ENCODER.encode(text).encode("utf-8") + b", "
            rest = _ENCODER.encode(record).encode("utf-8")  # b"{...}": never empty
            stream.write(head)
            stream.write(memoryview(rest)[1:])
            stream.write(b"\n")
            if progress:
                progress(done, total)
    return total
