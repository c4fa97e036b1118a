"""Scans that once grew with the whole text: a sentence's start and the suggestions a span
overlaps. Each is checked against its plain definition; bench/bench_suggest.py measures the cost."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing_annotator.nlp.base import Found, RulesBase, TakenSpans
from framing_annotator.nlp.suggest import Suggester
from framing_annotator.nlp.view import MAX_SENTENCE_TOKENS, build_view

PIECES = ["Okafor said.", "“We will,” she said", "\n", "\n\n", " ", "Mr. Reyes", "U.S.", "?",
          "…", "“", "”", "and", "said that", "officials claimed", "words"]


def walked_start(view, i: int) -> int:
    """The definition: walk back to a sentence start or to the token after a line break."""
    while i > 0 and not view.sent_start[i] and not view.newline[i - 1]:
        i -= 1
    return i


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_sentence_start_is_the_walk_back(suggester: Suggester, parts: list[str]) -> None:
    doc = suggester.nlp.get_pipe("fa_sentences")(suggester._make_doc(" ".join(parts)))
    view = build_view(doc)
    rules = RulesBase(view)
    for i in range(len(view.words)):
        assert rules._sentence_start(i) == walked_start(view, i)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5000), st.integers(1, 3000)), max_size=30),
       st.integers(0, 6000), st.integers(1, 6000))
def test_overlapping_is_every_overlap_once(spans, start, length) -> None:
    taken = TakenSpans()
    founds = [Found(a, a + n, "direct", None, None, "test") for a, n in spans]
    for f in founds:
        taken.add(f)
    end = start + length
    expected = [f for f in founds if f.start < end and start < f.end]
    hits = taken.overlapping(start, end)
    assert len(hits) == len({id(f) for f in hits})
    assert {id(f) for f in hits} == {id(f) for f in expected}


RUN_ON = [  # units of a text that never ends a sentence, each once quadratic
    "“the plan would work,” the mayor said and “it is fine” according to Ana Ruiz who told "
    "them “no” ",
    "the mayor said that the plan would work and officials claimed it was fine while Ana Ruiz "
    "told reporters that it failed, ",
    "Ruiz called the plan “a disaster” and “a mess” while officials termed it “fine” ",
    "Ruiz Says Plan Works: “Yes” Novak Says ",
]


@pytest.mark.parametrize("unit", RUN_ON)
def test_a_run_on_text_is_read_in_windows(suggester: Suggester, unit: str) -> None:
    """300,000 characters without a sentence end are read as sentences of at most
    MAX_SENTENCE_TOKENS tokens, so every scan bounded by its sentence stays bounded."""
    text = unit * (300_000 // len(unit))
    doc = suggester.nlp.get_pipe("fa_sentences")(suggester._make_doc(text))
    view = build_view(doc)
    starts = [i for i, first in enumerate(view.sent_start) if first] + [len(view.words)]
    assert max(b - a for a, b in zip(starts[:-1], starts[1:], strict=True)) <= MAX_SENTENCE_TOKENS
    found = suggester.suggest(text)
    assert len(found) > len(text) // 1000
    assert all(0 <= f.start < f.end <= len(text) for f in found)
