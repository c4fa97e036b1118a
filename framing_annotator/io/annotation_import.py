"""Reading annotation sets back: our JSONL (this module) and ``.qdpx`` (``qdpx_reader``).

A reader returns a whole :class:`AnnotationSet` or raises :class:`ImportRejected`
naming the file, the line or element, and what is wrong, before anything is stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain.errors import ImportRejected, KnownError
from ..domain.exchange import AnnotatedArticle, AnnotationSet, ExchangeQuote
from ..domain.limits import NAME_MAX, bad_character, checked_text, make_article
from ..domain.model import Article, Origin, QuoteKind, Suggestion
from ..domain.spans import Span, check_span
from ..domain.text import normalise_text
from .collector import SetCollector
from .export.jsonl import SUGGESTION_LABEL
from .export.refi_qda import guid
from .importers import check_regular_file
from .schemas import validate_row

MAX_LINE_CHARS = 64 * 1024 * 1024
"""A longer JSONL line (one article with its quotes) is refused."""

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
DEFAULT_ANNOTATOR = "imported"


def read_annotation_file(path: Path) -> AnnotationSet:
    """Read ``.jsonl`` or ``.qdpx`` by its extension."""
    path = Path(path)
    check_regular_file(path, path.name)  # not a pipe, a device or a folder
    suffix = path.suffix.lower()
    if suffix == ".qdpx":
        from .qdpx_reader import read_qdpx

        return read_qdpx(path)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path)
    raise ImportRejected(f"{path.name}: annotations must be a .jsonl or a .qdpx file")


def read_jsonl(path: Path) -> AnnotationSet:
    """Read our JSONL export (or doccano/Prodigy-style lines with the same span keys).

    Every line is checked against ``resources/schemas/annotation-row.schema.json``
    first. A file with a bad line is refused whole (the project gets all of a file
    or none of it), and the message names the first bad line and counts the rest.
    """
    path = Path(path)
    collector = SetCollector()
    documents: list[AnnotatedArticle] = []
    quotes_seen: dict[str, tuple[int, tuple]] = {}  # quote id -> (line, content)
    refused: list[str] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as stream:
            for number, line in enumerate(_lines(stream, path.name), start=1):
                if not line.strip():
                    continue
                where = f"{path.name}, line {number}"
                if len(line) > MAX_LINE_CHARS:
                    refused.append(f"{where}: the line is over {MAX_LINE_CHARS:,} characters")
                    continue
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError) as exc:
                    refused.append(f"{where}: {_reason(exc)}")
                    continue
                try:
                    validate_row(record, "annotation", where)
                except ImportRejected as exc:
                    refused.append(exc.message)
                    continue
                try:
                    document = _document(record, collector, path)
                    _check_repeats(document, number, quotes_seen)
                    documents.append(document)
                except (KnownError, ValueError, TypeError, KeyError) as exc:
                    refused.append(f"{where}: {_reason(exc)}")
    except OSError as exc:
        raise ImportRejected(f"{path.name}: cannot read it ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            f"{path.name}: not UTF-8 (byte {exc.start}); re-save it as UTF-8"
        ) from exc
    if refused:
        more = f" (and {len(refused) - 1} more lines refused)" if len(refused) > 1 else ""
        raise ImportRejected(refused[0] + more)
    if not documents:
        raise ImportRejected(f"{path.name}: the file has no annotation lines")
    return collector.annotation_set(documents, path.stem)


def _lines(stream, name: str) -> Iterator[str]:
    """Lines ending in ``\n`` only: a ``\r`` or U+2028 inside JSON text is not a line end.

    A line is never held past :data:`MAX_LINE_CHARS`: a file of gigabytes without a line
    break is refused once it is that long, not read into memory whole.
    """
    pending: list[str] = []  # the pieces of the line not yet ended
    size, number = 0, 0
    while chunk := stream.read(1 << 20):
        *ended, tail = chunk.split("\n")
        if ended:
            ended[0] = "".join(pending) + ended[0]
            pending, size = [], 0
            number += len(ended)
            yield from ended
        pending.append(tail)
        size += len(tail)
        if size > MAX_LINE_CHARS:
            raise ImportRejected(
                f"{name}, line {number + 1}: the line is over {MAX_LINE_CHARS:,} characters"
            )
    if pending and any(pending):
        yield "".join(pending)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KnownError):
        return exc.message
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "the JSON is nested too deeply"
    if isinstance(exc, KeyError):
        return f"missing {exc}"
    return str(exc)


def _check_repeats(document: AnnotatedArticle, line: int, seen: dict) -> None:
    """The same quote id twice in one file must be the same quote, said in one place."""
    for quote in document.quotes:
        content = (document.article.text_sha256, document.annotator, quote.content())
        first = seen.setdefault(quote.uuid, (line, content))
        if first[1] != content:
            raise ImportRejected(
                f"quote id {quote.uuid} was given on line {first[0]} of this same file "
                "with other content; give each quote its own id"
            )


def _document(record: dict, collector: SetCollector, path: Path) -> AnnotatedArticle:
    text = record["text"]
    problem = bad_character(text)
    if problem:
        raise ImportRejected(f"field text: holds {problem}")
    if normalise_text(text) != text:
        raise ImportRejected(
            "field text: has a BOM or carriage returns, so its offsets are unclear"
        )
    meta = record.get("meta") or {}
    article = make_article(
        "field meta",
        text,
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        date=meta.get("date"),
        url=meta.get("url"),
        source=meta.get("source") or path.name,
        text_sha256=meta.get("text_sha256") or "",
    )
    annotator = checked_text(
        record.get("annotator") or record.get("_annotator_id") or DEFAULT_ANNOTATOR,
        "", "field annotator", limit=NAME_MAX,
    ) or DEFAULT_ANNOTATOR  # fmt: skip
    quotes, suggestions = [], []
    for index, span in enumerate(record.get("spans") or []):
        where = f"field spans[{index}]"
        try:
            if span.get("label") == SUGGESTION_LABEL:
                suggestions.append(_suggestion(span, text, collector))
            else:
                quotes.append(_quote(span, article, annotator, collector))
        except (KnownError, ValueError, TypeError, KeyError) as exc:
            raise ImportRejected(f"{where}: {_reason(exc)}") from exc
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
        note=checked_text(span.get("note") or "", "", "note", strip=False),
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
