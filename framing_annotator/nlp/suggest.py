"""The suggester's public API: text in, domain :class:`Suggestion` objects out.

Callers pass normalised text (QUOTES.md); offsets are code points into it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from ..domain.model import QuoteKind, Suggestion
from ..domain.spans import Span
from .components import FOUND_KEY, TEXT_KEY
from .pipeline import load_pipeline, pipeline_name

_KINDS = {k.value: k for k in QuoteKind}  # QuoteKind(value) goes through the enum machinery


class Suggester:
    """Runs one loaded pipeline over articles and turns its spans into suggestions."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.pipeline_name: str = pipeline_name(nlp)
        self._tokenize = CachedTokenizer(nlp)

    def suggest(self, text: str) -> list[Suggestion]:
        """The suggested quotes of one article, in text order."""
        if not text:
            return []
        with _no_cyclic_gc():
            return self._to_suggestions(self.nlp(self._make_doc(text)), text)

    def suggest_many(
        self, texts: Iterable[str], *, batch_size: int = 32
    ) -> Iterator[list[Suggestion]]:
        """Like :meth:`suggest` for many articles, one list per text, batched with ``nlp.pipe``."""
        pairs = zip_texts(self.nlp, texts, batch_size, self._make_doc)
        while True:
            with _no_cyclic_gc():  # the pipeline runs inside next(); the caller's code does not
                pair = next(pairs, None)
                if pair is None:
                    return
                text, doc = pair
                out = self._to_suggestions(doc, text) if doc is not None else []
            yield out

    def _make_doc(self, text: str) -> Doc:
        """Tokenize ``text`` and leave the text itself with the doc for our components."""
        doc = self._tokenize(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def _to_suggestions(self, doc: Doc, text: str) -> list[Suggestion]:
        out: list[Suggestion] = []
        size = len(text)
        for r in doc.user_data.get(FOUND_KEY, ()):
            if not 0 <= r.start < r.end <= size:
                continue  # never hand out an offset that does not slice the text
            mention = None
            if r.mention is not None and 0 <= r.mention[0] < r.mention[1] <= size:
                mention = Span(*r.mention)
            out.append(
                Suggestion(
                    span=Span(r.start, r.end),
                    kind=_KINDS[r.kind],
                    pipeline=self.pipeline_name,
                    confidence=float(r.confidence or 0.0),
                    speaker=r.speaker,
                    mention=mention,
                    cue=r.cue,
                    speaker_title=r.speaker_title,
                )
            )
        return out


class CachedTokenizer:
    """``nlp.make_doc`` with spaCy's tokenizer cache filled for every chunk it has seen.

    The tokenizer caches how it split each whitespace-separated chunk, but within one text it
    stops adding to its cache after the first special case (``don't``, ``U.S.``), and it keeps
    at most 10,000 chunks: so most chunks of most articles went through its prefix, suffix and
    infix regexes every time they recurred, which was over half of its time. Here each chunk
    not seen before is first tokenized on its own, where no special case precedes it, so it is
    cached (unless it holds a special case itself); the cache holds up to ``CHUNKS`` of them.
    The docs are the same: the cache only skips the regexes for a chunk split before.
    """

    # distinct chunks kept: the 56,000 of the 840 PolNeAR files took 19 MB more memory in all
    CHUNKS = 100_000

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.seen: set[str] = set()
        self.tokenizer = nlp.tokenizer if isinstance(nlp.tokenizer, Tokenizer) else None
        self.specials: frozenset[str] = frozenset()
        if self.tokenizer is not None:
            self.tokenizer.max_cache_size = max(self.tokenizer.max_cache_size, self.CHUNKS)
            self.specials = _wrapped_words(self.tokenizer.rules)

    def __call__(self, text: str) -> Doc:
        if self.tokenizer is not None and len(self.seen) < self.CHUNKS \
                and len(text) <= self.nlp.max_length:
            chunks = text.split()  # spaCy's chunks, less the spaces
            # most chunks of most texts were seen before: looking them up stops at the first
            # new one, and is cheaper than a set of them all when there is none (~5 us of a
            # 1,000-character text)
            if not self.seen.issuperset(chunks):
                self._cache(set(chunks).difference(self.seen))
        return self.nlp.make_doc(text)

    def _cache(self, new: set[str]) -> None:
        """Split each chunk of ``new`` so that the tokenizer caches it (see the class)."""
        tokenizer = self.tokenizer
        # A word with marks around it (“word,) is split in one call with the others: a
        # doc per chunk cost more than splitting it. spaCy stops caching the rest of a
        # text after a special case, so every chunk that might hold one (Mr., don't, 'em,
        # :) is split alone; a check on the safe side, as it only ever costs time.
        specials = self.specials
        plain: list[str] = []
        for chunk in sorted(new):  # sorted: the vocab grows in the same order every run
            core = chunk.strip(WRAP)
            if core.isascii() and core.isalpha() and core not in specials:
                plain.append(chunk)
            else:
                tokenizer(chunk)
        if plain:
            tokenizer(" ".join(plain))
        self.seen.update(new)


WRAP = "\"“”‘’'()[]{},.;:!?…"  # marks that may close in or open a word in running text


def _wrapped_words(rules: dict) -> frozenset[str]:
    """The special cases' texts without the marks around them (``'em`` -> ``em``)."""
    return frozenset(k.strip(WRAP) for k in rules)


class _no_cyclic_gc:  # noqa: N801 - used as ``with _no_cyclic_gc():``, like a function
    """Pause the cyclic garbage collector: its passes walk the whole live heap, and a long
    article keeps millions of small objects alive, so with it on the cost per word grows
    with the length of the text. Nothing here makes reference cycles worth collecting.
    A class rather than a ``@contextmanager`` generator: that cost ~1.5 us a call."""

    def __enter__(self) -> None:
        self.was_on = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_on:
            gc.enable()


def zip_texts(
    nlp: Language, texts: Iterable[str], batch_size: int,
    make_doc: Callable[[str], Doc] | None = None,
) -> Iterator[tuple[str, Doc | None]]:
    """Pair each text with its doc; empty texts skip the pipeline (and yield None).
    ``make_doc`` tokenizes a text first (``nlp.pipe`` takes docs as well as texts)."""
    pending: list[str] = []

    def flush() -> Iterator[tuple[str, Doc | None]]:
        non_empty: list = [t for t in pending if t]
        if make_doc is not None:
            non_empty = [make_doc(t) for t in non_empty]
        docs = iter(nlp.pipe(non_empty, batch_size=batch_size)) if non_empty else iter(())
        for t in pending:
            yield (t, next(docs)) if t else (t, None)
        pending.clear()

    for text in texts:
        pending.append(text)
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def load_suggester(pipeline: str = "auto") -> Suggester:
    """Build a :class:`Suggester` on ``pipeline`` (``auto``, ``blank`` or a package name)."""
    return Suggester(load_pipeline(pipeline))
