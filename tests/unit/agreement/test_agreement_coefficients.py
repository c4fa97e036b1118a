"""Krippendorff's alpha, Cohen's kappa and Fleiss' kappa: hand-computed cases and edges."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing_annotator.agreement import (
    UndefinedReason,
    cohen_kappa,
    cohen_kappa_result,
    fleiss_kappa,
    fleiss_kappa_result,
    krippendorff_alpha,
    krippendorff_alpha_result,
)

LEVELS = ["nominal", "ordinal", "interval", "ratio"]


# ---------------------------------------------------------------- a naive reference alpha


def naive_alpha(data: list[list[int | None]], level: str) -> float | None:
    """Alpha straight from Krippendorff (2011): explicit pairs, explicit metric, O(V^2)."""
    coincidences: dict[tuple[int, int], Fraction] = defaultdict(Fraction)
    for column in zip(*data, strict=True):
        values = [v for v in column if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[c, k] += Fraction(1, m - 1)
    values = sorted({c for c, _ in coincidences})
    n_c = {c: sum(coincidences[c, k] for k in values) for c in values}
    n = sum(n_c.values())

    def delta(c: int, k: int) -> Fraction:
        if level == "nominal":
            return Fraction(c != k)
        if level == "interval":
            return Fraction(c - k) ** 2
        if level == "ratio":
            return Fraction(0) if c == k else Fraction(c - k, c + k) ** 2
        low, high = min(c, k), max(c, k)
        between = sum(n_c[g] for g in values if low <= g <= high)
        return (between - (n_c[c] + n_c[k]) / 2) ** 2

    if n == 0:
        return None
    d_o = sum(coincidences[c, k] * delta(c, k) for c in values for k in values) / n
    d_e = sum(n_c[c] * n_c[k] * delta(c, k) for c in values for k in values) / (n * (n - 1))
    if d_e == 0:
        return None
    return float(1 - d_o / d_e)


# ---------------------------------------------------------------- hand-computed alpha

# Two coders, units (1, 1) and (2, 3): n_1 = 2, n_2 = n_3 = 1, n = 4, o_23 = o_32 = 1.
SMALL = [[1, 2], [1, 3]]


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        # D_o = 2/4, D_e = (16 - 6)/12
        ("nominal", Fraction(2, 5)),
        # D_o = 2*1/4, D_e = 2*(2*1*1 + 2*1*4 + 1*1*1)/12 = 22/12
        ("interval", Fraction(8, 11)),
        # delta(1,2) = 1.5^2, delta(1,3) = 2.5^2, delta(2,3) = 1: D_o = 1/2, D_e = 3
        ("ordinal", Fraction(5, 6)),
        # delta(1,2) = 1/9, delta(1,3) = 1/4, delta(2,3) = 1/25: D_o = 1/50, D_e = 686/5400
        ("ratio", Fraction(289, 343)),
    ],
)
def test_alpha_small_hand_computed(level: str, expected: Fraction) -> None:
    assert krippendorff_alpha(SMALL, level) == float(expected)


def test_alpha_nominal_hand_computed() -> None:
    # n = 8; D_o = 2/8 (the 3-4 pair); D_e = (64 - 4 - 4 - 9 - 1)/56 = 46/56
    assert krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]]) == float(Fraction(16, 23))


def test_alpha_result_carries_disagreements_and_counts() -> None:
    result = krippendorff_alpha_result([[1, 2, 3, 3], [1, 2, 3, 4]])
    assert result.defined and result.reason is None
    assert result.observed == 0.25
    assert result.expected == pytest.approx(46 / 56)
    assert (result.units, result.coders) == (4, 2)


def test_alpha_unequal_values_per_unit_uses_weights() -> None:
    data = [[1, 1, 2, None], [1, 2, 2, 3], [2, None, 2, 3]]
    assert krippendorff_alpha(data) == naive_alpha(data, "nominal")


def test_alpha_accepts_strings_nan_and_floats() -> None:
    nominal = [["threat", "safety", None], ["threat", "safety", "threat"]]
    assert krippendorff_alpha(nominal) == 1.0
    with_nan = [[1.0, 2.0, float("nan")], [1.0, 2.5, 4.0]]
    assert krippendorff_alpha(with_nan, "interval") == krippendorff_alpha(
        [[1.0, 2.0, None], [1.0, 2.5, 4.0]], "interval"
    )
    # floats are converted exactly, so identical float values agree perfectly
    assert krippendorff_alpha([[0.1, 0.3], [0.1, 0.3]], "interval") == 1.0


def test_alpha_ordinal_needs_only_order() -> None:
    as_numbers = [[1, 2, 3, 3], [1, 2, 3, 4]]
    as_letters = [["a", "b", "c", "c"], ["a", "b", "c", "d"]]
    spaced = [[1, 20, 300, 300], [1, 20, 300, 4000]]
    value = krippendorff_alpha(as_numbers, "ordinal")
    assert value == krippendorff_alpha(as_letters, "ordinal")
    assert value == krippendorff_alpha(spaced, "ordinal")


# ---------------------------------------------------------------- undefined alpha


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], UndefinedReason.NO_DATA),
        ([[], []], UndefinedReason.NO_DATA),
        ([[1, 2, 3]], UndefinedReason.FEWER_THAN_TWO_CODERS),
        ([[1, None], [None, 2]], UndefinedReason.NO_PAIRABLE_VALUES),
        ([[None, None], [None, None]], UndefinedReason.NO_PAIRABLE_VALUES),
        ([[3, 3, 3], [3, 3, None]], UndefinedReason.NO_VARIATION),
        ([[1], [1]], UndefinedReason.NO_VARIATION),  # one unit, one value
    ],
)
@pytest.mark.parametrize("level", LEVELS)
def test_alpha_undefined(data: list[list[int | None]], reason: str, level: str) -> None:
    assert krippendorff_alpha(data, level) is None
    result = krippendorff_alpha_result(data, level)
    assert result.value is None and not result.defined
    assert result.reason is reason
    assert str(result.reason)  # readable text for the report


def test_alpha_one_unit_with_different_values_is_zero() -> None:
    # With a single pairable unit, observed and expected disagreement coincide.
    assert krippendorff_alpha([[1], [2]]) == 0.0
    assert krippendorff_alpha([[1], [1], [2]], "interval") == 0.0


def test_alpha_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="level"):
        krippendorff_alpha([[1], [1]], "cardinal")
    with pytest.raises(ValueError, match="same units"):
        krippendorff_alpha([[1, 2], [1]])
    with pytest.raises(ValueError, match="numbers"):
        krippendorff_alpha([["a", "b"], ["a", "c"]], "interval")
    with pytest.raises(ValueError, match="negative"):
        krippendorff_alpha([[-1, 2], [-1, 1]], "ratio")
    with pytest.raises(ValueError, match="orderable"):
        krippendorff_alpha([["a", 2], ["a", 1]], "ordinal")


# ---------------------------------------------------------------- alpha properties

coder_rows = st.integers(min_value=2, max_value=4).flatmap(
    lambda coders: st.integers(min_value=1, max_value=8).flatmap(
        lambda units: st.lists(
            st.lists(
                st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
                min_size=units,
                max_size=units,
            ),
            min_size=coders,
            max_size=coders,
        )
    )
)


@settings(max_examples=150, deadline=None)
@given(data=coder_rows, level=st.sampled_from(LEVELS))
def test_alpha_matches_naive_definition(data: list[list[int | None]], level: str) -> None:
    assert krippendorff_alpha(data, level) == naive_alpha(data, level)


@settings(max_examples=100, deadline=None)
@given(data=coder_rows, level=st.sampled_from(LEVELS), seed=st.integers(0, 2**16))
def test_alpha_ignores_order_of_coders_and_units(
    data: list[list[int | None]], level: str, seed: int
) -> None:
    rng = random.Random(seed)
    rows = [list(row) for row in data]
    rng.shuffle(rows)
    columns = list(zip(*rows, strict=True))
    rng.shuffle(columns)
    shuffled = [list(row) for row in zip(*columns, strict=True)]
    assert krippendorff_alpha(shuffled, level) == krippendorff_alpha(data, level)


@settings(max_examples=100, deadline=None)
@given(
    row=st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=1, max_size=10),
    copies=st.integers(2, 4),
    level=st.sampled_from(LEVELS),
)
def test_alpha_of_identical_coders_is_one_when_defined(
    row: list[int | None], copies: int, level: str
) -> None:
    value = krippendorff_alpha([row] * copies, level)
    distinct = {v for v in row if v is not None}
    assert value == (1.0 if len(distinct) >= 2 else None)


@settings(max_examples=100, deadline=None)
@given(data=coder_rows, level=st.sampled_from(LEVELS))
def test_alpha_is_at_most_one(data: list[list[int | None]], level: str) -> None:
    value = krippendorff_alpha(data, level)
    assert value is None or (math.isfinite(value) and value <= 1.0)


# ---------------------------------------------------------------- Cohen's kappa


def test_cohen_hand_computed() -> None:
    # agree 3 of 4; S = 2*1 + 2*3 = 8; kappa = (4*3 - 8)/(16 - 8)
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == 0.5
    result = cohen_kappa_result([1, 1, 0, 0], [1, 0, 0, 0])
    assert (result.observed, result.expected, result.units) == (0.75, 0.5, 4)


def test_cohen_drops_items_with_a_missing_label() -> None:
    # Remaining pairs (1,1), (0,0), (1,0): agree 2, S = 2*1 + 1*2 = 4 -> (6 - 4)/(9 - 4)
    assert cohen_kappa([1, None, 0, 0, 1], [1, 1, 0, None, 0]) == 0.4
    assert cohen_kappa_result([1, None, 0, 0, 1], [1, 1, 0, None, 0]).units == 3


def test_cohen_extremes() -> None:
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    assert cohen_kappa([0, 1], [1, 0]) == -1.0
    # each coder used one label, a different one: p_o = p_e = 0
    assert cohen_kappa(["x", "x"], ["y", "y"]) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ([], [], UndefinedReason.NO_DATA),
        ([None, 1], [2, None], UndefinedReason.NO_DATA),
        (["x", "x", "x"], ["x", "x", "x"], UndefinedReason.NO_VARIATION),
    ],
)
def test_cohen_undefined(a: list[object], b: list[object], reason: str) -> None:
    assert cohen_kappa(a, b) is None
    assert cohen_kappa_result(a, b).reason is reason


def test_cohen_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError, match="equal length"):
        cohen_kappa([1, 2], [1])


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 3)), st.one_of(st.none(), st.integers(0, 3))),
        max_size=30,
    )
)
def test_cohen_is_symmetric_and_bounded(pairs: list[tuple[int | None, int | None]]) -> None:
    a = [x for x, _ in pairs]
    b = [y for _, y in pairs]
    value = cohen_kappa(a, b)
    assert value == cohen_kappa(b, a)
    assert value is None or -1.0 <= value <= 1.0


# ---------------------------------------------------------------- Fleiss' kappa


def test_fleiss_hand_computed() -> None:
    # n = 3 raters, N = 3: P_bar = (23 - 9)/18 = 7/9, P_e = (16 + 25)/81; kappa = 22/40
    assert fleiss_kappa([[0, 3], [1, 2], [3, 0]]) == 0.55
    result = fleiss_kappa_result([[0, 3], [1, 2], [3, 0]])
    assert result.observed == pytest.approx(7 / 9)
    assert (result.units, result.coders) == (3, 3)


def test_fleiss_perfect_agreement() -> None:
    assert fleiss_kappa([[3, 0, 0], [0, 3, 0], [0, 0, 3]]) == 1.0


def test_fleiss_two_raters_equals_scott_pi() -> None:
    # Fleiss' kappa with two raters is Scott's pi: (p_o - p_e)/(1 - p_e) with pooled marginals.
    # Items: (a,a), (a,b), (b,b), (b,b): p_o = 3/4, pooled a = 3/8, b = 5/8.
    p_o, p_e = Fraction(3, 4), Fraction(3, 8) ** 2 + Fraction(5, 8) ** 2
    expected = (p_o - p_e) / (1 - p_e)
    assert fleiss_kappa([[2, 0], [1, 1], [0, 2], [0, 2]]) == float(expected)


@pytest.mark.parametrize(
    ("counts", "reason"),
    [
        ([], UndefinedReason.NO_DATA),
        ([[]], UndefinedReason.NO_DATA),
        ([[1, 0], [0, 1]], UndefinedReason.FEWER_THAN_TWO_CODERS),
        ([[4, 0], [4, 0]], UndefinedReason.NO_VARIATION),
    ],
)
def test_fleiss_undefined(counts: list[list[int]], reason: str) -> None:
    assert fleiss_kappa(counts) is None
    assert fleiss_kappa_result(counts).reason is reason


def test_fleiss_rejects_unequal_raters() -> None:
    with pytest.raises(ValueError, match="same number of ratings.*subject 1 has 2"):
        fleiss_kappa([[1, 2], [1, 1]])


@pytest.mark.parametrize("counts", [[[1, 2], [3]], [[1, -1], [0, 0]], [[1.5, 1.5], [3, 0]]])
def test_fleiss_rejects_malformed_counts(counts: list[list[float]]) -> None:
    with pytest.raises(ValueError):
        fleiss_kappa(counts)  # type: ignore[arg-type]
