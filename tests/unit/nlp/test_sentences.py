"""``fa_sentences`` gives spaCy's ``sentencizer`` + ``fa_paragraphs`` starts, and reads the
token flags it needs from the code points exactly as spaCy's lexemes hold them."""

from __future__ import annotations

import numpy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH
from spacy.pipeline import Sentencizer

from framing_annotator.nlp.components import ParagraphSentences
from framing_annotator.nlp.suggest import Suggester
from framing_annotator.nlp.view import code_points

# stop marks, marks of several characters, marks and letters beyond the BMP, odd spaces
PIECES = ["Okafor said.", "Yes", "?", "!", "…", "...", "?!", "''", "--", "“", "”", "—", "\n",
          "\n\n", " ", "\u00a0", "\u3000", "\u2028", "\t", "𑁇", "𑁇𑁇", "𝐀bc", "🎉", "।", "。",
          "Mr.", "U.S.", "(AP)", "a", "2.5", "'", "x\x1cy"]

pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), min_size=1,
                  max_size=30)


def _no_surrogates(text: str) -> bool:
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in text)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces)
def test_flags_from_code_points_are_spacys(suggester: Suggester, parts: list[str]) -> None:
    text = " ".join(parts)
    if not _no_surrogates(text):
        return  # spaCy's string store cannot hash a lone surrogate
    doc = suggester._make_doc(text)
    sentences = suggester.nlp.get_pipe("fa_sentences")
    assert sentences.by_points
    arr = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).astype(numpy.int64)
    idx, ends = arr[:, 0].tolist(), (arr[:, 0] + arr[:, 1]).tolist()
    is_punct, is_space, stop = sentences._flags(text, code_points(text), arr, idx, ends)
    assert is_punct.tolist() == (arr[:, 2] != 0).tolist()
    assert is_space.tolist() == (arr[:, 3] != 0).tolist()
    assert stop.tolist() == [bool(p) and text[a:b] in sentences.punct
                             for p, a, b in zip(arr[:, 2].tolist(), idx, ends, strict=True)]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces)
def test_starts_are_the_sentencizers_and_paragraphs(suggester: Suggester,
                                                    parts: list[str]) -> None:
    text = " ".join(parts)
    if not _no_surrogates(text):
        return
    ours = suggester.nlp.get_pipe("fa_sentences")(suggester._make_doc(text))
    theirs = ParagraphSentences()(Sentencizer()(suggester._make_doc(text)))
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]
