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
from bisect import bisect_left
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
    "‘": frozenset({"‘"}),
    "'": frozenset({"'"}),
}

# two apostrophes or two backticks make one mark; the character class comes first so that the
# regex engine skips to the next mark at C speed (the alternation ''|``|[...] took twice as long)
MARK_RE = re.compile(r"[“”„‟«»‹›\"‘’'`](?:(?<=')'|(?<=`)`)?")
# (with the invisible format marks that pasted social-media text carries: direction marks,
# zero-width space, word joiner)
OPEN_CONTEXT = frozenset(" \t\n\u00a0([{—–-/:;\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                         "\u2060\u2066\u2067\u2068\u2069\ufeff")
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
    # "… ‘outreach,’ ” he said": a space between a nested closing mark and the outer one;
    # "… doing this, " Trump said": a stray space after the quote's last punctuation
    return not before.isspace() or (before in " \u00a0\u2009\u202f" and start > 1
                                    and (text[start - 2] in "’'" or (
                                        text[start - 2] in ",.?!"
                                        and (end >= len(text) or text[end].isspace()))))


class _ParagraphEnds:
    """Where the paragraph holding a position ends: the next newline, found by bisection over
    the newlines listed once (``str.find`` per mark would be quadratic on a long line)."""

    def __init__(self, text: str) -> None:
        self.n = len(text)
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def __call__(self, pos: int) -> int:
        k = bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else self.n


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


SINGLE_MAX_CHARS = 3000  # one paragraph of a single-quoted quotation
SINGLE_MAX_MARKS = 64  # marks scanned per single opener (keeps hostile text linear)
# Elisions that start with an apostrophe: 'em, 'til, 'cause, rock 'n' roll, the '90s.
ELISIONS = frozenset({"em", "til", "tis", "twas", "cause", "cos", "bout", "n", "round", "s"})
STRONG_AFTER = frozenset(".,;:!?)]}—–-…\n")
STRONG_BEFORE = frozenset(".,;:!?…—–-")


def _elision(text: str, me: int) -> bool:
    """True when the mark ending at ``me`` starts an elided word rather than a quotation."""
    k = me
    while k < len(text) and text[k].isalnum():
        k += 1
    word = text[me:k].lower()
    if word in ELISIONS:
        return True
    # '90s, ’60s, '16: a decade or a year
    return word[:2].isdigit() and (len(word) == 2 or word[2:] in ("s",))


def _single_closer(text: str, cs: int, ce: int) -> int:
    """How well a single mark at ``[cs, ce)`` closes a quotation: 0 not at all (``don’t``),
    1 weakly (a letter before and a space after, which may be a plural possessive:
    ``the officers’ own report``), 2 clearly (punctuation on either side, or the line ends)."""
    if not _close_like(text, cs, ce):
        return 0
    after = text[ce : ce + 1]
    if after.isalnum():
        return 0
    if text[cs - 1] in STRONG_BEFORE or after == "" or after in STRONG_AFTER \
            or after in "“”\"«»„":
        return 2
    return 1


def _single_quotation(
    text: str, marks: list[re.Match[str]], i: int, mark: str, ms: int, me: int,
    paragraph_end: _ParagraphEnds, reopened: set[int],
) -> Quotation | None:
    """A top-level single-quoted stretch: British copy (``Hughes said: ‘We got this wrong.’``)
    and headlines (``Reid: 'Never underestimate him.'``). Double marks inside it are nested.

    Single marks double as apostrophes, so only a mark that opens a word pairs, and the
    closer is the first mark that clearly ends a quotation (punctuation before or after it);
    a mark that only may end one (``the officers’ own``) is taken when no clear closer comes
    before the paragraph ends or the next quotation opens. A paragraph with no closer at all
    continues when the next paragraph reopens with the same mark (multi-paragraph quotes);
    the reopening marks crossed go into ``reopened``, so that when the quotation fails none of
    them is tried again as an opener (keeps hostile text linear).
    """
    if mark not in ("‘", "'") or not _open_like(text, ms, me) or not text[me:me + 1].isalnum():
        return None
    if _elision(text, me):
        return None
    closers = ("’", "'") if mark == "‘" else ("'",)
    para_end = paragraph_end(me)
    limit = min(para_end, ms + SINGLE_MAX_CHARS)
    weak: int | None = None
    paragraphs = 1
    j = i
    scanned = 0
    n_marks = len(marks)
    while j < n_marks and scanned < SINGLE_MAX_MARKS:
        c = marks[j]
        if c.start() >= limit:
            if weak is not None or c.start() < para_end or paragraphs >= MAX_PARAGRAPHS:
                break
            # no closer in this paragraph: a quotation continued in the next one?
            k = para_end - 1
            while k > ms and text[k].isspace():
                k -= 1
            if text[k] not in ".?!…:,":
                return None
            resume = _reopen_at(text, para_end, mark)
            if resume is None or not text[resume:resume + 1].isalnum():
                return None
            paragraphs += 1
            reopened.add(resume)
            para_end = paragraph_end(resume)
            limit = min(para_end, resume + SINGLE_MAX_CHARS)
            while j < n_marks and marks[j].start() < resume:
                j += 1
            continue
        j += 1
        scanned += 1
        cm, cs, ce = c.group(), c.start(), c.end()
        if cm in closers:
            strength = _single_closer(text, cs, ce)
            if strength == 2:
                return Quotation(ms, ce, mark, cm, paragraphs)
            if strength == 1 and weak is None:
                weak = ce
                continue
        if cm == mark and _open_like(text, cs, ce) and text[ce:ce + 1].isalnum() \
                and not _elision(text, ce):
            break  # the next single-quoted stretch opens: this one ended before it
    if weak is not None:
        return Quotation(ms, weak, mark, text[weak - 1], paragraphs)
    return None


def find_quotations(text: str) -> list[Quotation]:
    """Return the top-level quotations of ``text`` in order, never overlapping."""
    found: list[Quotation] = []
    marks = list(MARK_RE.finditer(text))
    paragraph_end = _ParagraphEnds(text)
    reopened: set[int] = set()
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
            if me in reopened:
                continue  # it reopened a paragraph of a single quotation that failed
            single = _single_quotation(text, marks, i, mark, ms, me, paragraph_end, reopened)
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
        para_end = paragraph_end(me)
        paragraphs = 1
        j = i
        closed: Quotation | None = None
        stopped = False
        # “… “nested” …”: a curly opener inside a curly quotation opens a nested one, whose
        # closer is not the outer closer; if the outer one never closes, the first closer does
        depth = 0
        fallback: Quotation | None = None
        while j < n_marks:
            c = marks[j]
            if c.start() >= para_end and depth and fallback is not None:
                closed = fallback
                break
            if c.start() >= para_end:
                resume = _reopen_at(text, para_end, mark)
                if resume is None or paragraphs >= MAX_PARAGRAPHS:
                    stopped = True
                    break
                paragraphs += 1
                para_end = paragraph_end(resume)
                # skip the reopening mark itself
                while j < n_marks and marks[j].start() < resume:
                    j += 1
                continue
            cm = c.group()
            j += 1
            if mark == "“" and cm == "“" and c.start() > 1 and text[c.start() - 1] == " " \
                    and text[c.start() - 2] not in ".?!:…" and _open_like(text, c.start(), c.end()):
                # (after a full stop it opens the next quotation of a sloppy text instead)
                depth += 1
                continue
            if depth and cm == "”":
                depth -= 1
                if fallback is None:
                    fallback = Quotation(ms, c.end(), mark, cm, paragraphs)
                continue
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
        if closed is None and fallback is not None:
            closed = fallback
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
