"""Pair quotation marks into quotations, from an open/close table (QUOTES.md).

Counting marks breaks on the first stray or unbalanced mark, so pairing walks the
marks in order with one open quotation at a time: a mark closes it only when the
table allows that closer for its opener. Single marks inside a quotation are
nested quotes (or apostrophes) and never close it. A quotation that reaches the
end of its paragraph stays open only when the next paragraph reopens with a mark
of the same family (the multi-paragraph convention); otherwise it is dropped.

This module is plain Python: no spaCy, so it is cheap to test and to fuzz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opener -> closers it accepts. Ambiguous marks (" and '') appear on both sides.
CLOSERS: dict[str, frozenset[str]] = {
    "“": frozenset({"”", '"', "“"}),  # “…“ is rare but seen in German-style sources
    "„": frozenset({"“", "”", '"'}),
    "‟": frozenset({"”", '"'}),
    "«": frozenset({"»"}),
    "»": frozenset({"«"}),  # Danish/Swedish order; only opens at a paragraph or word start
    "‹": frozenset({"›"}),
    '"': frozenset({'"', "”"}),
    "``": frozenset({"''", '"'}),
    "''": frozenset({"''", "”", '"'}),
    "”": frozenset({"”", '"'}),  # sloppy text that opens with a closing mark
}
DOUBLE_OPENERS = frozenset({"“", "„", "‟", "«", "‹", "``"})
AMBIGUOUS = frozenset({'"', "''", "”", "»"})
SINGLE_MARKS = frozenset({"‘", "’", "'", "`"})
# Marks that reopen a quotation at the start of a continued paragraph, per family.
REOPENERS: dict[str, frozenset[str]] = {
    "“": frozenset({"“", '"', "„"}),
    "„": frozenset({"„", "“"}),
    "‟": frozenset({"‟", "“"}),
    "«": frozenset({"«", "»"}),
    "»": frozenset({"»"}),
    "‹": frozenset({"‹"}),
    '"': frozenset({'"', "“"}),
    "``": frozenset({"``", "''"}),
    "''": frozenset({"''", "``"}),
    "”": frozenset({"”", "“"}),
}

MARK_RE = re.compile(r"''|``|[“”„‟«»‹›\"‘’'`]")
OPEN_CONTEXT = frozenset(" \t\n\u00a0([{—–-/:;")
MAX_PARAGRAPHS = 12  # a quotation reopening more often than this is more likely noise


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted stretch ``text[start:end]`` including its opening and closing marks."""

    start: int
    end: int
    open_mark: str
    close_mark: str
    paragraphs: int = 1

    @property
    def inner_start(self) -> int:
        return self.start + len(self.open_mark)

    @property
    def inner_end(self) -> int:
        return self.end - len(self.close_mark)


def _open_like(text: str, start: int, end: int) -> bool:
    """A mark opens when it follows a space/opening punctuation and precedes a non-space."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before in OPEN_CONTEXT or before in "“„‟«‹‘") and not after.isspace()


def _close_like(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    return not before.isspace()


def _paragraph_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _reopen_at(text: str, nl: int, family: str) -> int | None:
    """Where the next paragraph after the newline at ``nl`` reopens with ``family``, if it does."""
    i = nl
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    m = MARK_RE.match(text, i)
    if m and m.group() in REOPENERS.get(family, frozenset()):
        return m.end()
    return None


SINGLE_MAX_CHARS = 400


def _single_quotation(
    text: str, marks: list[re.Match[str]], i: int, mark: str, ms: int, me: int
) -> Quotation | None:
    """A top-level single-quoted stretch (headline style: ``Reid: 'Never underestimate him.'``).

    Single marks double as apostrophes, so only a mark that opens a word and a mark that
    ends one (followed by a space or punctuation) pair, within one line.
    """
    if mark not in ("‘", "'") or not _open_like(text, ms, me) or not text[me:me + 1].isalnum():
        return None
    closers = ("’", "'") if mark == "‘" else ("'",)
    line_end = text.find("\n", me)
    limit = min(len(text) if line_end < 0 else line_end, ms + SINGLE_MAX_CHARS)
    for c in marks[i:]:
        if c.start() >= limit:
            return None
        cm = c.group()
        if cm in DOUBLE_OPENERS or cm in ('"', "''", "”"):
            return None  # a double mark inside: not a plain single-quoted stretch
        if cm in closers and _close_like(text, c.start(), c.end()):
            after = text[c.end() : c.end() + 1]
            if not after.isalnum():
                return Quotation(ms, c.end(), mark, cm)
    return None


def find_quotations(text: str) -> list[Quotation]:
    """Return the top-level quotations of ``text`` in order, never overlapping."""
    found: list[Quotation] = []
    marks = list(MARK_RE.finditer(text))
    # Where a failed search for each opener ran out: a later opener of the same kind before
    # that point would scan a subset of the same marks and fail too (keeps hostile text linear).
    exhausted: dict[str, int] = {}
    i = 0
    n_marks = len(marks)
    while i < n_marks:
        m = marks[i]
        mark, ms, me = m.group(), m.start(), m.end()
        i += 1
        if mark in SINGLE_MARKS:
            single = _single_quotation(text, marks, i, mark, ms, me)
            if single is not None:
                found.append(single)
                while i < n_marks and marks[i].start() < single.end:
                    i += 1
            continue
        if mark not in DOUBLE_OPENERS and not (mark in AMBIGUOUS and _open_like(text, ms, me)):
            continue  # a stray closing mark
        if mark == "»" and not _open_like(text, ms, me):
            continue
        if exhausted.get(mark, -1) > i:
            continue
        # Look for the closer, crossing paragraph breaks only where the quote reopens.
        closers = CLOSERS[mark]
        para_end = _paragraph_end(text, me)
        paragraphs = 1
        j = i
        closed: Quotation | None = None
        stopped = False
        while j < n_marks:
            c = marks[j]
            if c.start() >= para_end:
                resume = _reopen_at(text, para_end, mark)
                if resume is None or paragraphs >= MAX_PARAGRAPHS:
                    stopped = True
                    break
                paragraphs += 1
                para_end = _paragraph_end(text, resume)
                # skip the reopening mark itself
                while j < n_marks and marks[j].start() < resume:
                    j += 1
                continue
            cm = c.group()
            j += 1
            if cm in closers:
                # An ambiguous closer that looks like an opener of a nested quote is skipped,
                # unless it is the same ambiguous mark (then it must close: "a" "b").
                if cm in AMBIGUOUS and cm != mark and not _close_like(text, c.start(), c.end()):
                    continue
                if cm == mark and mark in AMBIGUOUS and not _close_like(text, c.start(), c.end()):
                    # `"a "b"` -- a space before the mark: treat the first as stray.
                    stopped = True
                    break
                closed = Quotation(ms, c.end(), mark, cm, paragraphs)
                break
        if closed is None:
            if not stopped:
                exhausted[mark] = n_marks
            elif j > i:
                exhausted[mark] = max(exhausted.get(mark, -1), j)
            continue  # unbalanced: the opener is dropped, scanning resumes after it
        found.append(closed)
        while i < n_marks and marks[i].start() < closed.end:
            i += 1
    return found
