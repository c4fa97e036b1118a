"""A flat, read-only view of a spaCy ``Doc`` that the quote rules walk over.

The rules look at each token many times; plain Python lists are several times
faster to index than ``Token`` attributes, which keeps the blank pipeline well above
20,000 words per second.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc

from .marks import Quotation, find_quotations

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


@dataclass
class DocView:
    """Token texts, offsets, sentences and quotations of one document."""

    text: str
    words: list[str]
    lower: list[str]
    starts: list[int]
    ends: list[int]
    sent_start: list[bool]
    sent_end: list[int]  # per token: the exclusive end token of its sentence
    quotations: list[Quotation]
    quote_tokens: list[tuple[int, int]]  # token range [a, b) of each quotation
    quote_of: list[int]  # per token: the quotation it lies in, or -1
    ent_start: list[int] | None = None  # per token: start of its named entity, or -1
    ent_end: list[int] | None = None
    ent_label: list[str] | None = None
    newline: list[bool] = field(default_factory=list)
    head: list[int] | None = None  # per token: its syntactic head (trained parser only)
    dep: list[str] | None = None
    left_edge: list[int] | None = None
    breaks: list[int] = field(default_factory=list)  # the tokens holding a line break
    cap: list[bool] = field(default_factory=list)  # per token: starts with a capital (or 'Capital)

    def __len__(self) -> int:
        return len(self.words)

    def tok_at(self, char: int) -> int:
        """The index of the token containing (or first following) ``char``."""
        i = bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        if self.ends[i] <= char and i + 1 < len(self.words):
            return i + 1
        return i

    def is_cap(self, i: int) -> bool:
        return self.cap[i]


def _quotes_open_sentences(words: list[str], quote_tokens: list[tuple[int, int]],
                           first: numpy.ndarray) -> None:
    """Start a sentence at an opening mark after a period (the sentencizer keeps it behind)."""
    for a, _b in quote_tokens:
        p = a - 1
        while p >= 0 and words[p].isspace():
            p -= 1
        if p >= 0 and words[p] in (".", "!", "?", "…") and not first[a]:
            first[a] = True
            if a + 1 < len(words):
                first[a + 1] = False


MAX_SENTENCE_TOKENS = 400
"""A run of tokens this long without a sentence start is cut into windows of this size, which
the rules read as sentences, so every scan bounded by its sentence is bounded outright: in a
text without sentence ends each cue's clause ran to the end of the text. The longest sentence
in PolNeAR train and our test articles has 222 tokens (spaces included)."""


def _bound_sentences(first: numpy.ndarray) -> list[int]:
    """Start a new sentence every ``MAX_SENTENCE_TOKENS`` tokens of a longer one, in place,
    and return per token the next sentence start after it (or the token count). One pass for
    both: the starts are found again only when a long sentence was cut."""
    heads = numpy.concatenate((numpy.flatnonzero(first), [len(first)]))
    lengths = heads[1:] - heads[:-1]
    long = numpy.flatnonzero(lengths > MAX_SENTENCE_TOKENS).tolist()
    if long:
        for k in long:
            a, b = int(heads[k]), int(heads[k + 1])
            first[a + MAX_SENTENCE_TOKENS : b : MAX_SENTENCE_TOKENS] = True
        heads = numpy.concatenate((numpy.flatnonzero(first), [len(first)]))
        lengths = heads[1:] - heads[:-1]
    return numpy.repeat(heads[1:], lengths).tolist()


def code_points(text: str) -> numpy.ndarray:
    """The text's code points as one array, to look at the tokens' first characters at once."""
    return numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)


def _capitalised(text: str, starts: numpy.ndarray, ends: numpy.ndarray,
                 points: numpy.ndarray | None = None) -> list[bool]:
    """Per token: starts with a capital, or with an apostrophe and a capital (``'Capital``).

    The first characters are looked at as code points in one array: an ASCII one is a capital
    when it is A-Z; only the rare others go through ``str.isupper``."""
    if not len(starts):
        return []
    if points is None:
        points = code_points(text)
    firsts = points[starts]
    cap = ((firsts - numpy.uint32(ord("A"))) < 26).tolist()  # wraps below "A"
    # one pass over the rare others: non-ASCII (’ among them) and the ASCII apostrophe
    for i in numpy.flatnonzero((firsts >= 128) | (firsts == ord("'"))).tolist():
        a = int(starts[i])
        if text[a] in "'’":
            cap[i] = a + 1 < int(ends[i]) and text[a + 1].isupper()
        else:
            cap[i] = text[a].isupper()
    return cap


class Columns(NamedTuple):
    """Token columns of a doc that an earlier component has read (or written) already."""

    idx: numpy.ndarray
    length: numpy.ndarray
    starts: list[int]
    ends: list[int]
    sent_start: numpy.ndarray  # per token: starts a sentence (as written to the doc)
    breaks: list[int]  # the space tokens holding a line break
    points: numpy.ndarray | None = None  # the text's code points (code_points), if read


def build_view(doc: Doc, text: str | None = None, columns: Columns | None = None) -> DocView:
    """Flatten ``doc`` (whose text is ``text``, when the caller has it) and pair its marks;
    ``columns`` are its offsets and spaces when the sentence splitter left them."""
    text = doc.text if text is None else text
    n = len(doc)
    if columns is None:
        # whole columns from one array call: a Token object per token costs several times more
        arr = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(numpy.int64)
        starts_a = arr[:, 0]
        ends_a = starts_a + arr[:, 1]
        starts = starts_a.tolist()
        ends = ends_a.tolist()
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        first = doc.to_array(SENT_START) == 1 if n else numpy.zeros(0, dtype=bool)
        breaks = [i for i in numpy.flatnonzero(arr[:, 2]).tolist() if "\n" in words[i]]
        points = None
    else:
        starts_a, ends_a = columns.idx, columns.idx + columns.length
        starts, ends = columns.starts, columns.ends
        words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
        first = columns.sent_start.copy()  # the quotations move some starts below
        breaks = columns.breaks
        points = columns.points
    lower = list(map(str.lower, words))  # in C: faster than slicing a lowered text
    if n:
        first[0] = True
    newline = [False] * n
    for i in breaks:
        newline[i] = True
    cap = _capitalised(text, starts_a, ends_a, points)
    quotations = find_quotations(text)
    quote_of = [-1] * n
    quote_tokens: list[tuple[int, int]] = []
    view = DocView(text, words, lower, starts, ends, [], [], quotations,
                   quote_tokens, quote_of, newline=newline, cap=cap, breaks=breaks)
    for q in quotations:
        quote_tokens.append((view.tok_at(q.start), view.tok_at(q.end - 1) + 1))
    for qi, (a, b) in enumerate(quote_tokens):
        quote_of[a:b] = [qi] * (b - a)
    _quotes_open_sentences(words, quote_tokens, first)
    view.sent_end = _bound_sentences(first)
    view.sent_start = first.tolist()
    if doc.has_annotation("DEP"):
        view.head = [t.head.i for t in doc]
        view.dep = [t.dep_ for t in doc]
        view.left_edge = [t.left_edge.i for t in doc]
    if doc.has_annotation("ENT_IOB"):
        ent_start = [-1] * n
        ent_end = [-1] * n
        ent_label = [""] * n
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                for i in range(ent.start, ent.end):
                    ent_start[i], ent_end[i], ent_label[i] = ent.start, ent.end, ent.label_
        view.ent_start, view.ent_end, view.ent_label = ent_start, ent_end, ent_label
    return view
