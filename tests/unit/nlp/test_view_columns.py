"""The view built from the columns ``fa_sentences`` leaves is the view read from the doc."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing_annotator.nlp.components import COLUMNS_KEY, doc_text
from framing_annotator.nlp.suggest import Suggester
from framing_annotator.nlp.view import Columns, DocView, build_view

PIECES = ["Okafor said.", "“We will,” she said.", "\n", "\n\n", " ", "  \n ", "Mr. Reyes",
          "U.S.", "?", "!", "…", "“", "”", "'", "a", "said", "(AP)", "\t", "word,”"]


def fields(view: DocView) -> dict:
    return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_view_from_columns_is_the_view_from_the_doc(suggester: Suggester,
                                                    parts: list[str]) -> None:
    text = " ".join(parts)
    doc = suggester.nlp.get_pipe("fa_sentences")(suggester._make_doc(text))
    columns = doc.user_data[COLUMNS_KEY]
    assert isinstance(columns, Columns)
    assert fields(build_view(doc, doc_text(doc), columns)) == fields(build_view(doc))


@pytest.mark.parametrize("text", ["", "One.", "\n\nTwo lines\nhere. “Yes.”"])
def test_short_texts(suggester: Suggester, text: str) -> None:
    doc = suggester.nlp.get_pipe("fa_sentences")(suggester._make_doc(text))
    columns = doc.user_data.get(COLUMNS_KEY)
    assert fields(build_view(doc, doc_text(doc), columns)) == fields(build_view(doc))
