"""Text normalisation and the article digest (QUOTES.md, "Text and offsets")."""

from __future__ import annotations

import hashlib

BOM = "\ufeff"


def normalise_text(text: str) -> str:
    """Drop one leading BOM and turn ``\\r\\n`` and ``\\r`` into ``\\n``; change nothing else.

    Offsets of every annotation refer to the text this returns, so it must stay
    this small: curly quotes, non-breaking spaces and emoji are kept as they are.
    """
    if text.startswith(BOM):
        text = text[1:]
    if "\r" not in text:  # most texts: one fast scan, where replace("\r\n") is a slow one
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_digest(text: str) -> str:
    """The SHA-256 hex digest of normalised text, encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
