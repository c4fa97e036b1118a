"""The suggester's tokenizer cache (``CachedTokenizer``) never changes a doc."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from framing_annotator.nlp.pipeline import blank_pipeline
from framing_annotator.nlp.suggest import CachedTokenizer

# special cases ("don't", "Mr.", "U.S.") next to punctuation and quotation marks: the chunks
# that spaCy's own cache skips after the first special case of a text
PIECES = ["don't", "Mr.", "U.S.", "can't,", "“I'm", "it’s”", "said", "Lima's", "(AP)", "—",
          "e-mail", "well-known,", "3.5%", "'90s", "\n\n", ":)", "“", "”", "gonna", "Okafor."]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, CachedTokenizer]:
    return blank_pipeline(), CachedTokenizer(blank_pipeline())


def tokens(doc: Doc) -> list[tuple[str, str, str]]:
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40))
def test_cached_docs_are_the_tokenizers_docs(pipelines: tuple[Language, CachedTokenizer],
                                             parts: list[str]) -> None:
    plain, cached = pipelines
    text = " ".join(parts)
    # twice: the second time every chunk comes from the cache
    assert tokens(cached(text)) == tokens(plain.make_doc(text))
    assert tokens(cached(text)) == tokens(plain.make_doc(text))


def test_chunks_are_cached_after_a_special_case(pipelines: tuple[Language, CachedTokenizer]
                                                ) -> None:
    _plain, cached = pipelines
    text = "Mr. Okafor didn't say “well-known,” the Quarry-Road council's 2,5% (rise)."
    first = tokens(cached(text))
    assert set(text.split()) <= cached.seen
    assert cached.tokenizer is not None and cached.tokenizer.max_cache_size >= cached.CHUNKS
    assert tokens(cached(text)) == first


# the letters the tokenizer's patterns name (units after a digit, 's, °F.): never alone a match
LETTER_WORDS = ["km", "s", "S", "in", "ft", "mph", "T", "G", "M", "K", "kmh", "hPa", "F", "C",
                "www", "http", "com", "Okafor", "a", "I"]
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
TAILS = ",.;:!?\"'”’“)]…-—–%$£²°5s'kmFUS/h.-~=<>#&_éк🎉"


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.sampled_from(LETTER_WORDS), st.text(alphabet=LETTERS, min_size=1, max_size=12),
                 st.text(max_size=12),
                 # a word with marks, digits or units after it: the searches skip its letters
                 st.builds(str.__add__, st.text(alphabet=LETTERS, max_size=8),
                           st.text(alphabet=TAILS, max_size=6))))
def test_skipping_letters_keeps_every_match(pipelines: tuple[Language, CachedTokenizer],
                                            word: str) -> None:
    tokenizer = pipelines[0].tokenizer
    for found, name in ((tokenizer.suffix_search, "search"), (tokenizer.url_match, "match")):
        raw = getattr(found.__self__.regex, name)(word)
        got = found(word)
        assert (got and got.span()) == (raw and raw.span())
    raw_infixes = [m.span() for m in tokenizer.infix_finditer.__self__.regex.finditer(word)]
    assert [m.span() for m in tokenizer.infix_finditer(word)] == raw_infixes
