"""Span matching between annotators, and span precision, recall and F1."""

from __future__ import annotations

from collections import Counter
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing_annotator.agreement import SpanScores, match_spans, span_f1, spans_match
from framing_annotator.domain.errors import SpanError
from framing_annotator.domain.spans import Span, same_unit


@pytest.mark.parametrize(
    ("a", "b", "rule", "expected"),
    [
        ((0, 10), (0, 10), "exact", True),
        ((0, 10), (0, 9), "exact", False),
        ((0, 10), (0, 5), "half", True),  # exactly half of the longer span
        ((0, 10), (0, 4), "half", False),
        ((0, 10), (5, 20), "half", False),  # half of a, but a third of b
        ((0, 10), (9, 30), "overlap", True),
        ((0, 10), (10, 30), "overlap", False),  # [start, end): touching is no overlap
        ((0, 10), (0, 3), 0.3, True),  # 3 >= 0.3 * 10 exactly (no float rounding)
        ((0, 10), (0, 3), 0.31, False),
        ((0, 10), (0, 10), 1.0, True),
        ((0, 10), (1, 10), 1.0, False),
        ((0, 10), (0, 5), 0.5, True),
    ],
)
def test_spans_match_rules(
    a: tuple[int, int], b: tuple[int, int], rule: str | float, expected: bool
) -> None:
    assert spans_match(a, b, match=rule) is expected
    assert spans_match(b, a, match=rule) is expected


def test_accepts_domain_spans() -> None:
    assert spans_match(Span(0, 10), (2, 10))
    assert span_f1([Span(0, 10)], [Span(1, 10)]) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize("rule", ["fuzzy", 0, 1.5, -0.5, True])
def test_rejects_unknown_rule(rule: object) -> None:
    with pytest.raises(ValueError, match="match must be"):
        spans_match((0, 1), (0, 1), match=rule)  # type: ignore[arg-type]


def test_rejects_invalid_span() -> None:
    with pytest.raises(SpanError):
        span_f1([(5, 5)], [(0, 3)])


def test_span_f1_counts_each_span_once() -> None:
    # Two identical predictions for one quote: one is a false alarm.
    assert span_f1([(0, 10)], [(0, 10), (0, 10)]) == (0.5, 1.0, pytest.approx(2 / 3))
    # A quote split in two halves: only one half matches it (one-to-one).
    assert span_f1([(0, 10)], [(0, 5), (5, 10)]) == (0.5, 1.0, pytest.approx(2 / 3))


def test_span_f1_hand_computed() -> None:
    reference = [(0, 20), (30, 40), (50, 60)]
    predicted = [(2, 20), (30, 34), (70, 80), (50, 61)]
    # (0,20)~(2,20) and (50,60)~(50,61) match; (30,40) vs (30,34) covers only 40 %.
    precision, recall, f1 = span_f1(reference, predicted)
    assert (precision, recall, f1) == (0.5, pytest.approx(2 / 3), pytest.approx(4 / 7))
    assert span_f1(reference, predicted, match="overlap") == (0.75, 1.0, pytest.approx(6 / 7))
    assert span_f1(reference, predicted, match="exact") == (0.0, 0.0, 0.0)


def test_matching_is_maximum_not_greedy() -> None:
    # Greedy by overlap would pair r0 with p0 (5 shared) and leave r1 unmatched.
    reference = [(0, 10), (9, 11)]
    predicted = [(5, 11), (0, 4)]
    assert match_spans(reference, predicted, match="overlap") == [(0, 1), (1, 0)]
    assert span_f1(reference, predicted, match="overlap") == (1.0, 1.0, 1.0)


def test_matching_prefers_larger_overlap() -> None:
    assert match_spans([(0, 10)], [(0, 6), (0, 10), (4, 10)]) == [(0, 1)]


@pytest.mark.parametrize(
    ("reference", "predicted", "expected"),
    [
        ([], [], (None, None, None)),
        ([], [(0, 3)], (0.0, None, 0.0)),
        ([(0, 3)], [], (None, 0.0, 0.0)),
    ],
)
def test_empty_sides(
    reference: list[tuple[int, int]],
    predicted: list[tuple[int, int]],
    expected: tuple[float | None, ...],
) -> None:
    assert span_f1(reference, predicted) == expected


def test_scores_from_counts() -> None:
    assert SpanScores.from_counts(3, 4, 6) == (0.5, 0.75, 0.6)
    with pytest.raises(ValueError):
        SpanScores.from_counts(5, 4, 6)


# ---------------------------------------------------------------- properties

spans = st.builds(lambda start, size: (start, start + size), st.integers(0, 40), st.integers(1, 15))


def brute_force_size(reference: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> int:
    """Largest one-to-one matching under the half rule, by trying every assignment."""
    small, large = sorted([reference, predicted], key=len)
    best = 0
    for chosen in permutations(range(len(large)), len(small)):
        pairs = sum(same_unit(Span(*small[i]), Span(*large[j])) for i, j in enumerate(chosen))
        best = max(best, pairs)
    return best


@settings(max_examples=150, deadline=None)
@given(reference=st.lists(spans, max_size=5), predicted=st.lists(spans, max_size=5))
def test_matching_is_maximum_and_valid(
    reference: list[tuple[int, int]], predicted: list[tuple[int, int]]
) -> None:
    pairs = match_spans(reference, predicted)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(same_unit(Span(*reference[i]), Span(*predicted[j])) for i, j in pairs)
    assert len(pairs) == brute_force_size(reference, predicted)


@settings(max_examples=150, deadline=None)
@given(
    reference=st.lists(spans, max_size=8),
    predicted=st.lists(spans, max_size=8),
    rule=st.sampled_from(["exact", "half", "overlap", 0.25, 0.8]),
)
def test_f1_is_symmetric_and_bounded(
    reference: list[tuple[int, int]], predicted: list[tuple[int, int]], rule: str | float
) -> None:
    forward = span_f1(reference, predicted, match=rule)
    backward = span_f1(predicted, reference, match=rule)
    assert forward.f1 == backward.f1
    assert (forward.precision, forward.recall) == (backward.recall, backward.precision)
    for score in forward:
        assert score is None or 0.0 <= score <= 1.0
    if rule == "exact":
        shared = sum((Counter(reference) & Counter(predicted)).values())
        assert len(match_spans(reference, predicted, match="exact")) == shared
