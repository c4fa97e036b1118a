"""spaCy DocBin export: one Doc per article and annotator, for training (docs/exports.md).

Each Doc is made by the tokenizer of ``spacy.blank("en")``. Quotes go to
``doc.spans["quotes"]``, labelled by kind. A quote's offsets need not fall on token
boundaries, so its span is ``doc.char_span(..., alignment_mode="expand")`` (the
smallest run of tokens that covers it) and the exact code-point offsets are kept in
``span._.offsets`` and in ``doc.user_data["quotes"]``. The span extensions are
``kind``, ``speaker``, ``speaker_type``, ``frames``, ``mention`` (a ``(start, end)``
pair, like the suggester's), ``annotator``, ``quote_id``, ``note`` and ``offsets``;
``span.id_`` is the quote UUID as well. Pending suggestions, when exported, go to
``doc.spans["suggestions"]``.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import numpy
import spacy
import srsly
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from ..domain.exchange import (
    AnnotatedArticle,
    AnnotationSet,
    Cancelled,
    OperationCancelled,
    Progress,
    never_cancelled,
)
from ..domain.model import Suggestion

QUOTES_KEY = "quotes"
SUGGESTIONS_KEY = "suggestions"
SPAN_EXTENSIONS = (
    "kind", "speaker", "speaker_type", "frames", "mention", "annotator", "quote_id", "note",
    "offsets",
)  # fmt: skip
DOC_ATTRS = ["ORTH", "SPACY"]
"""A blank pipeline sets nothing else, so nothing else is stored (it also keeps it fast)."""


def register_extensions() -> None:
    """Declare the span extensions (readers of a ``.spacy`` file call this, or do the same)."""
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _pair(span: Any) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def build_doc(
    nlp: Language, annotations: AnnotationSet, document: AnnotatedArticle, doc: Doc | None = None
) -> Doc:
    """The Doc of one article as one annotator marked it (``doc``: its fresh tokens, if made)."""
    article = document.article
    doc = nlp.make_doc(article.text) if doc is None else doc
    quotes: list[Span] = []
    plain: list[dict[str, Any]] = []
    for quote in document.quotes:
        speaker_type = annotations.speaker_type(quote.speaker)
        record = {
            "id": quote.uuid,
            "start": quote.start,
            "end": quote.end,
            "text": quote.span.text_of(article.text),
            "kind": quote.kind.value,
            "speaker": quote.speaker,
            "speaker_type": speaker_type.value if speaker_type else None,
            "mention": _pair(quote.mention),
            "frames": list(quote.frames),
            "annotator": document.annotator,
            "note": quote.note,
        }
        span = doc.char_span(
            quote.start, quote.end, label=quote.kind.value, alignment_mode="expand",
            span_id=quote.uuid,
        )  # fmt: skip
        if span is not None and len(span):
            ext = span._  # a new accessor object each time it is read
            for name in ("speaker", "speaker_type", "frames", "mention", "annotator", "note"):
                setattr(ext, name, record[name])
            ext.kind = record["kind"]
            ext.quote_id = quote.uuid
            ext.offsets = (quote.start, quote.end)
            record["token_start"], record["token_end"] = span.start, span.end
            quotes.append(span)
        plain.append(record)
    doc.spans[QUOTES_KEY] = quotes
    if document.suggestions:
        doc.spans[SUGGESTIONS_KEY] = _suggestion_spans(doc, document.suggestions)
        doc.user_data[SUGGESTIONS_KEY] = [_suggestion_record(s) for s in document.suggestions]
    doc.user_data[QUOTES_KEY] = plain
    doc.user_data.update(
        {
            "annotator": document.annotator,
            "article_id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "date": article.date,
            "url": article.url,
            "source": article.source,
            "text_sha256": article.text_sha256,
            "status": document.status,
        }
    )
    return doc


def _suggestion_record(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "start": suggestion.start,
        "end": suggestion.end,
        "kind": suggestion.kind.value,
        "speaker": suggestion.speaker,
        "mention": _pair(suggestion.mention),
        "pipeline": suggestion.pipeline,
        "confidence": suggestion.confidence,
    }


def _suggestion_spans(doc: Doc, suggestions: tuple[Suggestion, ...]) -> list[Span]:
    spans = []
    for suggestion in suggestions:
        span = doc.char_span(
            suggestion.start, suggestion.end, label=suggestion.kind.value,
            alignment_mode="expand",
        )  # fmt: skip
        if span is not None and len(span):
            spans.append(span)
    return spans


def token_arrays(docbin: DocBin, doc: Doc) -> tuple[Any, Any, set[str]]:
    """What :func:`add_tokenized` stores of a Doc's tokens: the same for every annotator's
    Doc of one article (they are copies of one tokenisation), so it is computed once."""
    array = doc.to_array(docbin.attrs)
    spaces = doc.to_array(SPACY)
    strings = doc.vocab.strings
    found = (
        {strings[key] for key in numpy.unique(doc.to_array([ORTH, NORM]))} if len(doc) else set()
    )
    return (
        array.reshape((array.shape[0], -1)),
        numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool),
        found,
    )


def add_tokenized(
    docbin: DocBin,
    doc: Doc,
    packer: srsly.msgpack.Packer,
    tokens: tuple[Any, Any, set[str]] | None = None,
) -> None:
    """``docbin.add(doc)`` for a Doc that only a tokenizer made, with the same result.

    ``DocBin.add`` builds a Token object per token to collect nine strings of which a
    tokenizer sets two (text and norm), and builds a msgpack packer per call; on 30,000
    articles that was most of the export. Here the strings come from the distinct
    ORTH/NORM ids and one packer is reused. ``tests/unit/exchange`` checks the result
    against ``DocBin.add``.
    """
    array, spaces, found = tokens if tokens is not None else token_arrays(docbin, doc)
    docbin.tokens.append(array)
    docbin.spaces.append(spaces)
    docbin.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
    strings = doc.vocab.strings
    if len(doc):
        docbin.strings.update(found)
        docbin.strings.add("")  # tag, lemma, dep, morph and entity strings are all empty
    docbin.cats.append(doc.cats)
    docbin.user_data.append(packer.pack(doc.user_data))
    groups: dict[bytes, list[str]] = {}
    for key, group in doc.spans.items():
        groups.setdefault(_span_group_bytes(group, packer), []).append(key)
        for span in group:
            docbin.strings.add(span.label_)
            if span.kb_id in strings:
                docbin.strings.add(span.kb_id_)
            if span.id in strings:
                docbin.strings.add(span.id_)
    docbin.span_groups.append(packer.pack(groups) if groups else doc.spans.to_bytes())


def _span_group_bytes(group: Any, packer: srsly.msgpack.Packer) -> bytes:
    """``SpanGroup.to_bytes()`` with the one packer: spaCy's makes a srsly packer per
    call, and each scans the installed packages' entry points (37% of a large export)."""
    spans = [
        struct.pack(">QQQllll", span.id, span.kb_id, span.label, span.start, span.end,
                    span.start_char, span.end_char)
        for span in group
    ]  # fmt: skip
    return packer.pack({"name": group.name, "attrs": group.attrs, "spans": spans})


def write_docbin(
    annotations: AnnotationSet,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled = never_cancelled,
) -> int:
    """Write every document of ``annotations`` as a ``.spacy`` file; returns the Docs."""
    register_extensions()
    nlp = spacy.blank("en")
    docbin = DocBin(attrs=DOC_ATTRS, store_user_data=True)
    packer = srsly.msgpack.Packer(use_bin_type=True)  # what srsly.msgpack_dumps uses
    total = len(annotations.documents)
    doc, doc_of, arrays = None, "", None
    for done, document in enumerate(annotations.documents, start=1):
        if cancelled():
            raise OperationCancelled
        if document.article.text_sha256 != doc_of:  # documents of an article come together
            doc, doc_of = nlp.make_doc(document.article.text), document.article.text_sha256
            arrays = token_arrays(docbin, doc)
        else:
            # The article's next annotator gets the same tokens: the last one's spans and
            # user data are in the DocBin already, so they are cleared, which leaves the
            # Doc as the tokenizer made it. Copying it instead was a fifth of the export.
            doc.spans.clear()
            doc.user_data.clear()
        add_tokenized(docbin, build_doc(nlp, annotations, document, doc), packer, arrays)
        if progress:
            progress(done, total)
    Path(path).write_bytes(_docbin_bytes(docbin, packer))
    return total


def _docbin_bytes(docbin: DocBin, packer: srsly.msgpack.Packer) -> bytes:
    """``DocBin.to_bytes()`` with the one packer and zlib level 1 instead of 6.

    The same message, which ``DocBin.from_bytes`` reads alike (zlib reads every level);
    level 6 alone took longer than building all the Docs of a large export.
    """
    tokens = numpy.vstack(docbin.tokens) if docbin.tokens else numpy.asarray([])
    spaces = numpy.vstack(docbin.spaces) if docbin.spaces else numpy.asarray([])
    msg = {
        "version": docbin.version,
        "attrs": docbin.attrs,
        "tokens": tokens.tobytes("C"),
        "spaces": spaces.tobytes("C"),
        "lengths": numpy.asarray([len(t) for t in docbin.tokens], dtype="int32").tobytes("C"),
        "strings": sorted(docbin.strings),
        "cats": docbin.cats,
        "flags": docbin.flags,
        "span_groups": docbin.span_groups,
    }
    if docbin.store_user_data:
        msg["user_data"] = docbin.user_data
    return zlib.compress(packer.pack(msg), 1)
