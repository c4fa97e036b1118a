"""The ``suggest`` contract of QUOTES.md: one suggested quote as a plain record.

``framing-annotator suggest`` prints these records and ``corpus suggest`` stores them
(plus the article and pipeline columns), so both build them here: the records of an
article by column (:func:`suggestion_columns`, what a table of many quotes is built
from), and one record as a row of those columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Span, Suggestion


def suggestion_columns(
    article: str, text: str, suggestions: Sequence[Suggestion]
) -> dict[str, list[object]]:
    """The records of ``suggestions`` of the article named ``article`` whose text is
    ``text``, as one list a field, in the contract's order."""
    spans = [s.span for s in suggestions]
    return {
        "article": [article] * len(suggestions),
        "start": [span.start for span in spans],
        "end": [span.end for span in spans],
        "text": [text[span.start : span.end] for span in spans],
        "kind": [s.kind.value for s in suggestions],
        "speaker": [s.speaker for s in suggestions],
        "speaker_mention": [_mention(text, s.mention) for s in suggestions],
        "cue": [s.cue for s in suggestions],
        "confidence": [s.confidence for s in suggestions],
    }


def suggestion_record(article: str, text: str, suggestion: Suggestion) -> dict[str, object]:
    """One suggestion of the article named ``article`` whose text is ``text``."""
    columns = suggestion_columns(article, text, [suggestion])
    return {key: values[0] for key, values in columns.items()}


def _mention(text: str, mention: Span | None) -> dict[str, object] | None:
    if mention is None:
        return None
    return {"start": mention.start, "end": mention.end, "text": text[mention.start : mention.end]}
