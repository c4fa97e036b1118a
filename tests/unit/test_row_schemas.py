"""The quick check of a JSONL article line agrees with the schema's own validator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing_annotator.domain.errors import ImportRejected
from framing_annotator.io.schemas import plain_check, validate_row, validator

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=3),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(),
                                                         max_size=1),
)  # fmt: skip
KEYS = st.sampled_from(["text", "title", "outlet", "date", "url", "other"])
ROWS = st.one_of(st.dictionaries(KEYS, VALUES, max_size=6), VALUES)


@settings(max_examples=600, deadline=None)
@given(ROWS)
def test_the_quick_check_says_yes_only_to_rows_the_schema_takes(row):
    fits = plain_check("article")
    if fits(row):
        assert validator("article").is_valid(row), row


@pytest.mark.parametrize(
    "row",
    [
        {"text": "A story."},
        {"text": "A story.", "title": None, "outlet": 7, "date": 2024.5, "url": "https://x"},
        {"text": "A story.", "extra": [1, 2]},
    ],
)
def test_the_usual_lines_take_the_quick_path(row):
    assert plain_check("article")(row) is True


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"text": ""}, "non-empty text"),
        ({"title": "No text"}, "text"),
        ({"text": "A story.", "outlet": True}, "outlet"),
        ({"text": "A story.", "date": ["2024"]}, "date"),
        (["not", "an", "object"], "object"),
    ],
)
def test_a_line_that_misfits_is_still_refused_with_the_validators_words(row, message):
    assert plain_check("article")(row) is False
    with pytest.raises(ImportRejected, match=message):
        validate_row(row, "article", "file.jsonl, line 3")


def test_a_schema_with_other_rules_has_no_quick_check():
    assert plain_check("annotation") is None
