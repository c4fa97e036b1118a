"""spaCy components of the quote suggester, registered as factories.

``fa_paragraphs`` starts a sentence after every line break (headlines and paragraphs
often end without a period). ``fa_quotes`` writes ``doc.spans["quotes"]``; each span
carries the extensions below. The span's tokens may reach past the exact quote when
the tokenizer glued a mark to a word, so ``span._.offsets`` holds the exact
character offsets, which are what leaves the package.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, ORTH, SENT_START
from spacy.lang import lex_attrs
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from .rules import find_quotes
from .view import Columns, build_view, code_points

SPANS_KEY = "quotes"
TEXT_KEY = "fa_text"  # the exact text, set by the Suggester: Doc.text rebuilds it token by token
RULES_VERSION = "0.9"  # 0.9: issue 13, constructions; a new version re-suggests stored articles

FOUND_KEY = "fa_found"  # doc.user_data: the suggestions as plain records, in text order
EXTENSIONS = ("kind", "speaker", "mention", "cue", "confidence", "offsets")
COLUMNS_KEY = "fa_columns"  # doc.user_data: the token columns fa_sentences read, for the view
EXT_KEY = "fa_ext"  # doc.user_data[(EXT_KEY, name, span.start, span.end)]: an extension's value


def _extension(name: str) -> tuple:
    """A span extension kept in ``doc.user_data`` under our own key, so the quote finder can
    write all of a span's values as plain dict items (``span._.x = v`` costs microseconds
    each); ``span._.x`` reads and writes them as usual."""

    def get(span: Span) -> object:
        return span.doc.user_data.get((EXT_KEY, name, span.start, span.end))

    def set_(span: Span, value: object) -> None:
        span.doc.user_data[(EXT_KEY, name, span.start, span.end)] = value

    return get, set_


for _name in EXTENSIONS:
    if not Span.has_extension(_name):
        _get, _set = _extension(_name)
        Span.set_extension(_name, getter=_get, setter=_set)


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One suggestion as the Suggester reads it: character offsets into the text."""

    start: int
    end: int
    kind: str
    speaker: str | None
    mention: tuple[int, int] | None
    cue: str | None
    confidence: float
    rule: str  # the rule that found it (what the confidence is calibrated on)
    speaker_title: str | None = None  # the title the article gives the speaker (a type hint)


class ParagraphSentences:
    """Make every token after a line break start a sentence.

    Sentence starts are written as one array: setting ``token.is_sent_start`` token by token
    checks the whole document's annotation each time, which is quadratic on a long text.
    """

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2 or doc.has_annotation("DEP"):
            return doc  # a parser owns the sentences; nothing to add
        arr = doc.to_array([SENT_START, IS_SPACE, ORTH]).astype("int64")
        strings = doc.vocab.strings
        changed = False
        n = len(arr)
        for i in map(int, arr[:, 1].nonzero()[0]):
            if "\n" not in strings[int(arr[i, 2]) & 0xFFFFFFFFFFFFFFFF]:
                continue
            k = i + 1
            while k < n and arr[k, 1]:
                k += 1
            if k < n and arr[k, 0] != 1:
                arr[k, 0] = 1
                changed = True
        if changed:
            doc.from_array([SENT_START], arr[:, :1].astype("uint64"))
        return doc


def doc_text(doc: Doc) -> str:
    """The doc's text, from ``user_data`` when the caller left it there."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


class QuoteFinder:
    """Find direct, mixed and indirect quotes with their speakers (QUOTES.md)."""

    def __init__(self, spans_key: str = SPANS_KEY) -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        records: list[QuoteRecord] = []
        data = doc.user_data
        columns = data.pop(COLUMNS_KEY, None)
        if not isinstance(columns, Columns) or len(columns.starts) != len(doc):
            columns = None  # a component between fa_sentences and this one changed the tokens
        view = build_view(doc, doc_text(doc), columns)
        for found in find_quotes(view):
            a, b = view.tok_at(found.start), view.tok_at(found.end - 1) + 1
            if not 0 <= a < b <= len(doc):
                continue
            m = found.mention
            record = QuoteRecord(
                found.start, found.end, found.kind, found.speaker,
                (view.starts[m.start], view.ends[m.end - 1]) if m is not None else None,
                found.cue, round(found.confidence, 2), found.rule, found.speaker_title)
            records.append(record)
            spans.append(Span(doc, a, b, label=found.kind))
            for name, value in (("kind", record.kind), ("speaker", record.speaker),
                                ("cue", record.cue), ("confidence", record.confidence),
                                ("offsets", (record.start, record.end)),
                                ("mention", record.mention)):
                data[(EXT_KEY, name, a, b)] = value
        doc.spans[self.spans_key] = spans
        data[FOUND_KEY] = records
        return doc


class Sentences:
    """The blank pipeline's sentences in one vectorised pass: spaCy's ``sentencizer`` rule (a
    sentence starts at the first word after ``.``, ``!`` or ``?``) plus a start after every
    line break. Same starts as ``sentencizer`` + ``fa_paragraphs``, at a fraction of the cost,
    and linear on any length."""

    def __init__(self, vocab) -> None:  # noqa: ANN001 - spaCy's Vocab
        self.punct = frozenset(Sentencizer.default_punct_chars)
        getters = vocab.lex_attr_getters
        # the token flags are worked out from the first characters only while spaCy's own
        # rules make them (str.isspace, every character of category P)
        self.by_points = getters.get(IS_PUNCT) is lex_attrs.is_punct \
            and getters.get(IS_SPACE) is lex_attrs.is_space
        self.tables = _bmp_tables(self.punct) if self.by_points else None

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # the offsets rather than ORTH: the token texts are sliced from the text, and the view
        # takes the same columns (COLUMNS_KEY) instead of reading them again (~20 ns a token
        # and a column)
        text = doc_text(doc)
        points = None
        if self.by_points:
            arr = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
            points = code_points(text)
            idx, ends = arr[:, 0].tolist(), (arr[:, 0] + arr[:, 1]).tolist()
            is_punct, is_space, stop = self._flags(text, points, arr, idx, ends)
        else:
            arr = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).astype(numpy.int64)
            idx, ends = arr[:, 0].tolist(), (arr[:, 0] + arr[:, 1]).tolist()
            is_punct, is_space = arr[:, 2] != 0, arr[:, 3] != 0
            # the stop marks are punctuation tokens, so only those are looked up
            stop = numpy.zeros(n, dtype=bool)
            stop[[i for i in numpy.flatnonzero(is_punct).tolist()
                  if text[idx[i]:ends[i]] in self.punct]] = True
        words = numpy.flatnonzero(~(is_punct | stop))  # what the sentencizer calls words
        starts = numpy.zeros(n, dtype=bool)
        starts[0] = True
        # a word starts a sentence when a stop mark came since the word before it: the first
        # word after each stop mark (a stop is never a word, so searchsorted finds the next)
        after = words.searchsorted(numpy.flatnonzero(stop))
        starts[words[after[after < len(words)]]] = True
        breaks = [i for i in numpy.flatnonzero(is_space).tolist() if "\n" in text[idx[i]:ends[i]]]
        for i in breaks:
            k = i + 1
            while k < n and is_space[k]:
                k += 1
            if k < n:
                starts[k] = True
        values = numpy.where(starts, 1, -1).astype(numpy.int64, copy=False).view(numpy.uint64)
        doc.from_array([SENT_START], values.reshape(-1, 1))
        # the view takes the starts and breaks from here rather than reading them again; a
        # component between this one and fa_quotes that changes the tokens drops them (it
        # must not change the sentences alone)
        doc.user_data[COLUMNS_KEY] = Columns(arr[:, 0], arr[:, 1], idx, ends, starts,
                                             breaks, points)
        return doc

    def _flags(self, text: str, points: numpy.ndarray, arr: numpy.ndarray, idx: list[int],
               ends: list[int]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """IS_PUNCT, IS_SPACE and "is a stop mark" per token, from the first code points in
        one array pass (reading the two flags costs ~25 ns a token each). A token is all
        space or none (the tokenizer splits at every change), and almost every token of
        punctuation is one character long: the longer ones, and those whose first character
        lies beyond the tables, are looked at one by one."""
        space_of, punct_of, stop_of = self.tables
        firsts = points[arr[:, 0]]
        bmp = numpy.minimum(firsts, 0xFFFF)  # no whitespace lies beyond the BMP
        is_space, is_punct = space_of[bmp], punct_of[bmp]
        single = arr[:, 1] == 1
        stop = stop_of[bmp] & single
        for i in numpy.flatnonzero((is_punct & ~single) | (firsts > 0xFFFF)).tolist():
            word = text[idx[i]:ends[i]]
            is_punct[i] = lex_attrs.is_punct(word)
            stop[i] = word in self.punct
        return is_punct, is_space, stop


@cache
def _bmp_tables(punct: frozenset[str]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Per code point of the BMP: whitespace (``str.isspace``), punctuation (category P, as
    spaCy's ``is_punct``) and a sentencizer stop mark. Built once, in ~15 ms."""
    chars = [chr(c) for c in range(0x10000)]
    space_of = numpy.array([c.isspace() for c in chars])
    punct_of = numpy.array([unicodedata.category(c).startswith("P") for c in chars])
    stop_of = numpy.zeros(0x10000, dtype=bool)
    stop_of[[ord(c) for c in punct if len(c) == 1 and ord(c) < 0x10000]] = True
    return space_of, punct_of, stop_of


@Language.factory("fa_sentences")
def make_sentences(nlp: Language, name: str) -> Sentences:
    return Sentences(nlp.vocab)


@Language.factory("fa_paragraphs")
def make_paragraph_sentences(nlp: Language, name: str) -> ParagraphSentences:
    return ParagraphSentences()


@Language.factory("fa_quotes", default_config={"spans_key": SPANS_KEY})
def make_quote_finder(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    return QuoteFinder(spans_key)
