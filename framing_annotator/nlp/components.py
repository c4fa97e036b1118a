"""spaCy components of the quote suggester, registered as factories.

``fa_paragraphs`` starts a sentence after every line break (headlines and paragraphs
often end without a period). ``fa_quotes`` writes ``doc.spans["quotes"]``; each span
carries the extensions below. The span's tokens may reach past the exact quote when
the tokenizer glued a mark to a word, so ``span._.offsets`` holds the exact
character offsets, which are what leaves the package.
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
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
        for found in find_quotes(build_view(doc, doc_text(doc))):
            span = doc.char_span(found.start, found.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            span._.kind = found.kind
            span._.speaker = found.speaker
            span._.cue = found.cue
            span._.confidence = round(found.confidence, 2)
            span._.offsets = (found.start, found.end)
            if found.mention is not None:
                m = found.mention
                span._.mention = (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("fa_paragraphs")
def make_paragraph_sentences(nlp: Language, name: str) -> ParagraphSentences:
    return ParagraphSentences()


@Language.factory("fa_quotes", default_config={"spans_key": SPANS_KEY})
def make_quote_finder(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    return QuoteFinder(spans_key)
