"""Span rules: code-point offsets into an article's text, ``[start, end)``."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import SpanError


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of code points. Overlapping spans are allowed."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise SpanError(f"span offsets must be integers, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end <= self.start:
            raise SpanError(f"span [{self.start}, {self.end}) is empty or negative")

    def __len__(self) -> int:
        return self.end - self.start

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]

    def overlap(self, other: Span) -> int:
        """How many code points the two spans share."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))


def check_span(text: str, start: int, end: int, expected: str | None = None) -> Span:
    """Return the span if it lies inside ``text`` (and slices to ``expected``)."""
    span = Span(start, end)
    if end > len(text):
        raise SpanError(
            f"span [{start}, {end}) runs past the end of the text ({len(text)} characters)"
        )
    if expected is not None and text[start:end] != expected:
        raise SpanError(f"span [{start}, {end}) slices to {text[start:end]!r}, not {expected!r}")
    return span


def same_unit(a: Span, b: Span) -> bool:
    """Two spans mark the same quote when they overlap by at least half of each (QUOTES.md)."""
    shared = a.overlap(b)
    return shared * 2 >= len(a) and shared * 2 >= len(b)
