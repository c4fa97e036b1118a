"""The ``suggest`` contract of QUOTES.md: one suggested quote as a plain record.

``framing-annotator suggest`` prints these records and ``corpus suggest`` stores them
(plus the article and pipeline columns), so both build them here.
"""

from __future__ import annotations

from .model import Suggestion


def suggestion_record(article: str, text: str, suggestion: Suggestion) -> dict[str, object]:
    """One suggestion of the article named ``article`` whose text is ``text``."""
    mention = None
    if suggestion.mention is not None:
        m = suggestion.mention
        mention = {"start": m.start, "end": m.end, "text": text[m.start : m.end]}
    return {
        "article": article,
        "start": suggestion.start,
        "end": suggestion.end,
        "text": text[suggestion.start : suggestion.end],
        "kind": str(suggestion.kind),
        "speaker": suggestion.speaker,
        "speaker_mention": mention,
        "cue": suggestion.cue,
        "confidence": suggestion.confidence,
    }
