"""spaCy components of the quote suggester, registered as factories.

``fa_paragraphs`` starts a sentence after every line break (headlines and paragraphs
often end without a period). ``fa_quotes`` writes ``doc.spans["quotes"]``; each span
carries the extensions below. The span's tokens may reach past the exact quote when
the tokenizer glued a mark to a word, so ``span._.offsets`` holds the exact
character offsets, which are what leaves the package.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from .rules import find_quotes
from .view import build_view

SPANS_KEY = "quotes"
TEXT_KEY = "fa_text"  # the exact text, set by the Suggester: Doc.text rebuilds it token by token
RULES_VERSION = "0.4"

for _name in ("kind", "speaker", "mention", "cue", "confidence", "offsets"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


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
        view = build_view(doc, doc_text(doc))
        for found in find_quotes(view):
            a, b = view.tok_at(found.start), view.tok_at(found.end - 1) + 1
            if not 0 <= a < b <= len(doc):
                continue
            span = Span(doc, a, b)
            span._.kind = found.kind
            span._.speaker = found.speaker
            span._.cue = found.cue
            span._.confidence = round(found.confidence, 2)
            span._.offsets = (found.start, found.end)
            if found.mention is not None:
                m = found.mention
                span._.mention = (view.starts[m.start], view.ends[m.end - 1])
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


class Sentences:
    """The blank pipeline's sentences in one vectorised pass: spaCy's ``sentencizer`` rule (a
    sentence starts at the first word after ``.``, ``!`` or ``?``) plus a start after every
    line break. Same starts as ``sentencizer`` + ``fa_paragraphs``, at a fraction of the cost,
    and linear on any length."""

    def __init__(self, vocab) -> None:  # noqa: ANN001 - spaCy's Vocab
        self.punct = numpy.array(
            [vocab.strings.add(c) for c in Sentencizer.default_punct_chars], dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([ORTH, IS_PUNCT, IS_SPACE])
        stop = numpy.isin(arr[:, 0], self.punct)
        words = numpy.flatnonzero((arr[:, 1] == 0) & ~stop)  # what the sentencizer calls words
        seen = numpy.cumsum(stop)
        starts = numpy.zeros(n, dtype=bool)
        starts[0] = True
        if len(words):
            # a word starts a sentence when a stop mark came since the word before it
            before = numpy.concatenate(([0], seen[words[:-1]]))
            upto = numpy.where(words > 0, seen[numpy.maximum(words - 1, 0)], 0)
            starts[words[upto > before]] = True
        strings = doc.vocab.strings
        for i in numpy.flatnonzero(arr[:, 2]).tolist():
            if "\n" in strings[int(arr[i, 0])]:
                k = i + 1
                while k < n and arr[k, 2]:
                    k += 1
                if k < n:
                    starts[k] = True
        values = numpy.where(starts, 1, -1).astype(numpy.int64).view(numpy.uint64)
        doc.from_array([SENT_START], values.reshape(-1, 1))
        return doc


@Language.factory("fa_sentences")
def make_sentences(nlp: Language, name: str) -> Sentences:
    return Sentences(nlp.vocab)


@Language.factory("fa_paragraphs")
def make_paragraph_sentences(nlp: Language, name: str) -> ParagraphSentences:
    return ParagraphSentences()


@Language.factory("fa_quotes", default_config={"spans_key": SPANS_KEY})
def make_quote_finder(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    return QuoteFinder(spans_key)
