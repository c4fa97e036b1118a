"""What the frame learner reads about a quote: its text, the sentence around it, the speaker type.

No spaCy here, so callers (services, the Dask runner of a corpus) can build inputs cheaply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_LIMIT = 240
"""At most this many characters of context on each side of a quote."""

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n+")


@dataclass(frozen=True)
class FrameText:
    """One quote as the learner sees it.

    ``context`` is the rest of the sentence (or paragraph) the quote sits in, without the
    quote itself: the reporting clause ("said the mayor after the vote") often carries
    the frame as much as the quote does. ``speaker_type`` is a domain speaker type
    ("politician", "law enforcement") or empty.
    """

    text: str
    context: str = ""
    speaker_type: str = ""


def context_around(article_text: str, start: int, end: int, *, limit: int = CONTEXT_LIMIT) -> str:
    """The text of the sentence around ``[start, end)``, minus the quote, as one line.

    Sentence ends are found by punctuation followed by a space or a line break: good
    enough for context, and it needs no parser.
    """
    before = article_text[max(0, start - limit) : start]
    after = article_text[end : end + limit]
    cut = None
    for match in _SENTENCE_END.finditer(before):
        cut = match.end()
    if cut is not None:
        before = before[cut:]
    match = _SENTENCE_END.search(after)
    if match is not None:
        after = after[: match.start() + 1]
    return " ".join(f"{before} {after}".split())


def speaker_token(speaker_type: str) -> str:
    """One word the bag of words can weigh: ``speaker_law_enforcement``."""
    return "speaker_" + "_".join(speaker_type.lower().split()) if speaker_type else ""


def feature_text(item: FrameText, *, context: str) -> str:
    """The one string the learner tokenises for ``item``.

    ``context`` is how the context takes part: ``"none"`` (the quote only), ``"plain"``
    (context words join the quote's words) or ``"marked"`` (context words get a ``ctx_``
    prefix, so "attack" in the reporting clause weighs apart from "attack" in the quote).
    Lower-cased, since the bag of words counts exact word forms.
    """
    parts = [item.text.lower()]
    if item.speaker_type:
        parts.append(speaker_token(item.speaker_type))
    if context == "plain" and item.context:
        parts.append(item.context.lower())
    elif context == "marked" and item.context:
        parts.append(" ".join("ctx_" + word for word in re.findall(r"\w+", item.context.lower())))
    elif context not in ("none", "plain", "marked"):
        raise ValueError(f"unknown context mode {context!r}")
    return " \n ".join(parts)
