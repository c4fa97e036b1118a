"""Krippendorff's alpha_U: published examples, hand-computed cases, edges and properties."""

from __future__ import annotations

import random
from collections.abc import Hashable
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing_annotator.agreement import (
    UndefinedReason,
    concatenate_continua,
    unitized_alpha,
    unitized_alpha_result,
)

Unit = tuple[Hashable, int, int, Hashable]


# ---------------------------------------------------------------- a naive reference alpha_U


def naive_unitized(
    length: int, units: list[Unit], coders: list[Hashable]
) -> tuple[Fraction, Fraction, dict[Hashable, tuple[Fraction, Fraction]]]:
    """(sum D_o, sum D_e, {c: (D_o, D_e)}) from explicit segments, every pair of segments."""
    categories = list(dict.fromkeys(u[3] for u in units))
    m = len(coders)
    per: dict[Hashable, tuple[Fraction, Fraction]] = {}
    for category in categories:
        segments = {}
        for coder in coders:
            marked = sorted((s, s + n) for c, s, n, k in units if c == coder and k == category)
            row, position = [], 0
            for start, end in marked:
                if start > position:
                    row.append((position, start, False))
                row.append((start, end, True))
                position = end
            if position < length:
                row.append((position, length, False))
            segments[coder] = row
        observed = 0
        for i in coders:
            for j in coders:
                if i == j:
                    continue
                for bg, eg, unit_g in segments[i]:
                    for bh, eh, unit_h in segments[j]:
                        if unit_g and unit_h and bg < eh and bh < eg:
                            observed += (bg - bh) ** 2 + (eg - eh) ** 2
                        elif unit_g and not unit_h and bh <= bg and eg <= eh:
                            observed += (eg - bg) ** 2
                        elif unit_h and not unit_g and bg <= bh and eh <= eg:
                            observed += (eh - bh) ** 2
        lengths = [e - b for row in segments.values() for b, e, unit in row if unit]
        gaps = [e - b for row in segments.values() for b, e, unit in row if not unit]
        n_c = len(lengths)
        total = Fraction(0)
        for size in lengths:
            total += Fraction((n_c - 1) * (2 * size**3 - 3 * size**2 + size), 3)
            total += size * size * sum(gap - size + 1 for gap in gaps if gap >= size)
        denominator = m * length * (m * length - 1) - sum(x * (x - 1) for x in lengths)
        d_e = Fraction(2, length) * total / denominator
        d_o = Fraction(observed, m * (m - 1) * length * length)
        per[category] = (d_o, d_e)
    return sum(d for d, _ in per.values()), sum(d for _, d in per.values()), per


# ---------------------------------------------------------------- published examples


def krippendorff_2004() -> tuple[int, list[Unit]]:
    """Krippendorff (2004, p. 254): continuum 150..450, shifted here to start at 0."""
    units = [
        (0, 225, 70, "c"), (0, 370, 30, "c"), (1, 220, 80, "c"), (1, 355, 20, "c"),
        (1, 400, 20, "c"), (0, 180, 60, "k"), (0, 300, 50, "k"), (1, 180, 60, "k"),
        (1, 300, 50, "k"),
    ]  # fmt: skip
    return 300, [(coder, start - 150, size, cat) for coder, start, size, cat in units]


def test_krippendorff_2004_example() -> None:
    length, units = krippendorff_2004()
    result = unitized_alpha_result(length, units)
    c, k = result.per_category["c"], result.per_category["k"]
    assert c.observed == pytest.approx(0.0144, abs=1e-4)
    assert c.expected == pytest.approx(0.0532, abs=1e-4)
    assert c.value == pytest.approx(0.7286, abs=1e-4)
    assert k.observed == 0.0
    assert k.expected == pytest.approx(0.0490, abs=1e-4)
    assert k.value == 1.0
    # Published 0.8591 = 1 - 0.0144/(0.0532 + 0.0490) uses rounded D's; exact is 0.85867.
    assert result.overall.value == pytest.approx(0.8591, abs=5e-4)
    assert result.overall.value == pytest.approx(0.858665, abs=1e-6)


def krippendorff_1995() -> tuple[int, list[Unit]]:
    """Krippendorff (1995, p. 57): four pairs of coders on 24 positions, categories A-D."""
    table = {
        "A": [[(2, 8), (14, 6)], [(4, 4), (15, 2)]],
        "B": [[(0, 18)], [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)]],
        "C": [[(2, 6), (10, 2), (14, 4), (20, 2)], [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]],
        "D": [
            [(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)],
            [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)],
        ],
    }  # fmt: skip
    units = [
        (coder, start, size, category)
        for category, rows in table.items()
        for coder, row in enumerate(rows)
        for start, size in row
    ]
    return 24, units


def test_krippendorff_1995_observed_disagreements() -> None:
    # D_o per category as printed in the paper (and asserted by DKPro Agreement's tests).
    result = unitized_alpha_result(*krippendorff_1995())
    observed = {c: r.observed for c, r in result.per_category.items()}
    assert observed == pytest.approx(
        {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}, abs=1e-5
    )


def test_dkpro_small_example() -> None:
    # r0: -11111111-   r1: --1-1-1---   (DKPro Agreement's UnitizingAgreementTest)
    units = [(0, 1, 8, "A"), (1, 2, 1, "A"), (1, 4, 1, "A"), (1, 6, 1, "A")]
    result = unitized_alpha_result(10, units)
    category = result.per_category["A"]
    assert category.observed == pytest.approx(0.9100, abs=1e-4)
    assert category.expected == pytest.approx(0.5351, abs=1e-4)
    assert category.value == pytest.approx(-0.7003, abs=1e-4)


# ---------------------------------------------------------------- hand-computed


def test_two_shifted_units_hand_computed() -> None:
    # L = 4, A: [0,2), B: [1,3). D_o = 2 * ((0-1)^2 + (2-3)^2) / (2 * 1 * 16) = 1/8.
    # Gaps [2,4) | [0,1), [3,4) -> 2, 1, 1. Each unit (l = 2): 1*2*1*3/3 + 4*(2-2+1) = 6.
    # D_e = (2/4) * 12 / (8*7 - 2 - 2) = 3/26, so alpha_U = 1 - (1/8)/(3/26) = -1/12.
    overall, per_category = unitized_alpha(4, [("A", 0, 2, "q"), ("B", 1, 2, "q")])
    assert overall == per_category["q"] == float(Fraction(-1, 12))


def test_identical_units_agree_perfectly() -> None:
    units = [(coder, s, n, "quote") for coder in "xyz" for s, n in [(3, 10), (20, 5)]]
    assert unitized_alpha(40, units) == (1.0, {"quote": 1.0})


def test_one_unit_by_one_of_three_coders_is_zero() -> None:
    # DKPro Agreement's testSingleAnnotationUnit: D_o equals D_e.
    overall, _ = unitized_alpha(20, [(0, 0, 1, "X")], coders=[0, 1, 2])
    assert overall == 0.0


def test_coders_who_marked_nothing_count() -> None:
    units = [("ana", 5, 30, "quote"), ("ben", 5, 30, "quote")]
    assert unitized_alpha(120, units)[0] == 1.0
    with_silent, _ = unitized_alpha(120, units, coders=["ana", "ben", "cy"])
    assert with_silent is not None and with_silent < 0.5
    d_o, d_e, _ = naive_unitized(120, units, ["ana", "ben", "cy"])
    assert with_silent == float(1 - d_o / d_e)


def test_touching_units_stay_separate() -> None:
    split = [("a", 0, 5, "q"), ("a", 5, 5, "q"), ("b", 0, 10, "q")]
    d_o, d_e, _ = naive_unitized(20, split, ["a", "b"])
    assert unitized_alpha(20, split)[0] == float(1 - d_o / d_e)
    assert unitized_alpha(20, split)[0] != 1.0


def test_overlapping_units_of_one_coder_are_merged() -> None:
    overlapping = [("a", 0, 6, "q"), ("a", 4, 6, "q"), ("a", 4, 6, "q"), ("b", 1, 9, "q")]
    merged = [("a", 0, 10, "q"), ("b", 1, 9, "q")]
    assert unitized_alpha(30, overlapping) == unitized_alpha(30, merged)


def test_other_categories_are_gaps() -> None:
    units = [("a", 0, 10, "direct"), ("b", 0, 10, "indirect")]
    result = unitized_alpha_result(30, units)
    assert set(result.per_category) == {"direct", "indirect"}
    assert result.per_category["direct"].value == result.per_category["indirect"].value
    assert result.overall.value is not None and result.overall.value < 0


# ---------------------------------------------------------------- undefined and invalid


@pytest.mark.parametrize(
    ("length", "units", "coders", "reason"),
    [
        (0, [], ["a", "b"], UndefinedReason.EMPTY_CONTINUUM),
        (0, [("a", 0, 1, "q")], None, UndefinedReason.EMPTY_CONTINUUM),
        (10, [("a", 0, 3, "q")], None, UndefinedReason.FEWER_THAN_TWO_CODERS),
        (10, [], None, UndefinedReason.FEWER_THAN_TWO_CODERS),
        (10, [], ["a", "b"], UndefinedReason.NO_UNITS),
        # both coders mark the whole one-position continuum: D_o = D_e = 0
        (1, [("a", 0, 1, "q"), ("b", 0, 1, "q")], None, UndefinedReason.NO_VARIATION),
    ],
)
def test_undefined(length: int, units: list[Unit], coders: list[str] | None, reason: str) -> None:
    result = unitized_alpha_result(length, units, coders=coders)
    assert result.overall.value is None
    assert result.overall.reason is reason
    assert all(r.value is None for r in result.per_category.values())
    overall, per_category = unitized_alpha(length, units, coders=coders)
    assert overall is None and all(v is None for v in per_category.values())


@pytest.mark.parametrize(
    ("length", "units", "coders", "message"),
    [
        (-1, [], None, "non-negative"),
        (10, [("a", 8, 3, "q")], None, "outside"),
        (10, [("a", -1, 3, "q")], None, "outside"),
        (10, [("a", 2, 0, "q")], None, "at least 1"),
        (10, [("a", 2.5, 1, "q")], None, "integers"),
        (10, [("a", 2, 1)], None, "tuple"),
        (10, [("z", 2, 1, "q")], ["a", "b"], "not named"),
        (10, [], ["a", "a"], "distinct"),
    ],
)
def test_invalid_input(
    length: int, units: list[Unit], coders: list[str] | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        unitized_alpha(length, units, coders=coders)


# ---------------------------------------------------------------- pooling


def test_concatenate_continua_shifts_units() -> None:
    length, units = concatenate_continua(
        [(10, [("a", 2, 3, "q")]), (0, []), (20, [("b", 0, 5, "q"), ("a", 1, 4, "q")])]
    )
    assert length == 30
    assert units == [("a", 2, 3, "q"), ("b", 10, 5, "q"), ("a", 11, 4, "q")]
    with pytest.raises(ValueError, match="outside"):
        concatenate_continua([(5, [("a", 4, 3, "q")])])


# ---------------------------------------------------------------- properties


@st.composite
def studies(draw: st.DrawFn) -> tuple[int, list[Unit], list[int]]:
    length = draw(st.integers(1, 30))
    coders = list(range(draw(st.integers(2, 4))))
    units: list[Unit] = []
    for coder in coders:
        for category in draw(st.sets(st.sampled_from(["q", "r"]))):
            points = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
            for start, end in zip(points[::2], points[1::2], strict=False):
                if start < end:  # consecutive units may touch but never overlap
                    units.append((coder, start, end - start, category))
    return length, units, coders


@settings(max_examples=150, deadline=None)
@given(study=studies())
def test_matches_naive_definition(study: tuple[int, list[Unit], list[int]]) -> None:
    length, units, coders = study
    result = unitized_alpha_result(length, units, coders=coders)
    if not units:
        assert result.overall.reason is UndefinedReason.NO_UNITS
        return
    sum_o, sum_e, per = naive_unitized(length, units, coders)
    assert result.overall.value == (None if sum_e == 0 else float(1 - sum_o / sum_e))
    for category, (d_o, d_e) in per.items():
        expected = None if d_e == 0 else float(1 - d_o / d_e)
        assert result.per_category[category].value == expected


@settings(max_examples=100, deadline=None)
@given(study=studies(), seed=st.integers(0, 2**16))
def test_order_and_names_of_coders_do_not_matter(
    study: tuple[int, list[Unit], list[int]], seed: int
) -> None:
    length, units, coders = study
    rng = random.Random(seed)
    renamed = {coder: f"coder-{rng.random()}" for coder in coders}
    shuffled = [(renamed[c], s, n, k) for c, s, n, k in units]
    rng.shuffle(shuffled)
    new_coders = [renamed[c] for c in coders]
    rng.shuffle(new_coders)
    assert unitized_alpha(length, shuffled, coders=new_coders) == unitized_alpha(
        length, units, coders=coders
    )


@settings(max_examples=100, deadline=None)
@given(study=studies())
def test_values_are_at_most_one_and_identical_coders_agree(
    study: tuple[int, list[Unit], list[int]],
) -> None:
    length, units, coders = study
    overall, per_category = unitized_alpha(length, units, coders=coders)
    for value in [overall, *per_category.values()]:
        assert value is None or value <= 1.0
    first = [(c, s, n, k) for c, s, n, k in units if c == coders[0]]
    copies = [(coder, s, n, k) for coder in coders for _, s, n, k in first]
    overall, per_category = unitized_alpha(length, copies, coders=coders)
    for value in [overall, *per_category.values()]:
        assert value is None or value == 1.0


def test_subsets_from_one_grouping_equal_separate_computations():
    import random

    from framing_annotator.agreement.unitizing import unitized_alpha_result, unitized_alpha_subsets

    rng = random.Random(3)
    units = []
    for coder in ("a", "b", "c"):
        for n in range(30):
            start = n * 100 + rng.randrange(10)
            units.append((coder, start, rng.randrange(5, 80), rng.choice(["q", "r"])))
    units.append(("d", 5, 10, "q"))
    subsets = [("a", "b"), ("a", "c"), ("b", "c"), ("a", "b", "c"), ("c", "e"), ("e", "f")]
    coders = ["a", "b", "c", "d", "e", "f"]
    got = unitized_alpha_subsets(3100, units, subsets, coders=coders)
    for subset, result in zip(subsets, got, strict=True):
        alone = [u for u in units if u[0] in subset]
        assert result == unitized_alpha_result(3100, alone, coders=list(subset)), subset
