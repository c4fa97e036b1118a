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


OPENING_MARKS = "“„‟«‹\"'‘`"
CLOSING_MARKS = "”»›\"'’"
_INNER_PUNCTUATION = ",.;:!?…"


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "’'-_"


def snap_to_words(text: str, start: int, end: int) -> Span | None:
    """The span a rough selection means: whole words, quotation marks kept, no outer space.

    A selection that starts or ends inside a word grows to the whole word; one that
    touches a quotation mark takes the mark, and the punctuation just inside a closing
    mark (``“We won,”``). Returns None when nothing but white space is selected.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    while start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while end < len(text) and _is_word(text[end]) and _is_word(text[end - 1]):
        end += 1
    if start > 0 and text[start - 1] in OPENING_MARKS and text[start] not in OPENING_MARKS:
        start -= 1
    # Punctuation, then a closing mark: both belong to a direct quote.
    probe = end
    while probe < len(text) and text[probe] in _INNER_PUNCTUATION:
        probe += 1
    if probe < len(text) and text[probe] in CLOSING_MARKS and text[start] in OPENING_MARKS:
        end = probe + 1
    return Span(start, end)


def _word_end_after(text: str, position: int) -> int:
    """End of the next word at or after ``position``, with the punctuation and marks on it."""
    while position < len(text) and not _is_word(text[position]):
        position += 1
    while position < len(text) and _is_word(text[position]):
        position += 1
    while position < len(text) and text[position] in _INNER_PUNCTUATION + CLOSING_MARKS:
        position += 1
    return position


def _word_start_before(text: str, position: int) -> int:
    """Start of the word before ``position``, with an opening mark right before it."""
    while position > 0 and not _is_word(text[position - 1]):
        position -= 1
    while position > 0 and _is_word(text[position - 1]):
        position -= 1
    if position > 0 and text[position - 1] in OPENING_MARKS:
        position -= 1
    return position


def move_edge(text: str, span: Span, *, edge: str, direction: int) -> Span:
    """``span`` with its start or end moved by one word; never empty, never outside the text.

    ``edge`` is ``"start"`` or ``"end"``, ``direction`` is 1 (right) or -1 (left).
    """
    start, end = span.start, span.end
    if edge == "end" and direction > 0:
        end = _word_end_after(text, end)
    elif edge == "end":
        end = _word_start_before(text, end)
        while end > start and (text[end - 1].isspace() or text[end - 1] in OPENING_MARKS):
            end -= 1
    elif direction < 0:
        if start > 0 and text[start - 1] in OPENING_MARKS:
            start -= 1  # first take the quotation mark that opens this word
        else:
            start = _word_start_before(text, start)
    else:
        start = _word_end_after(text, start)
        while start < end and not _is_word(text[start]) and text[start] not in OPENING_MARKS:
            start += 1
    if end <= start:
        return span
    return Span(start, end)
