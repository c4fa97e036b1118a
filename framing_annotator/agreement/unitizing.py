"""Krippendorff's alpha_U: agreement on where units lie in a continuum (unitizing).

Coders mark stretches (units) of a continuum ``[0, length)``, such as an article's text,
and give each a category (for quote detection, the single category ``"quote"``). Alpha_U
compares where the coders put unit boundaries, not only whether they chose the same
category for a pre-cut unit, and is fully compatible with Krippendorff's alpha:
alpha_U = 1 - D_o/D_e.

For one category c, each coder's continuum splits into units of c and *gaps* (everything
that is not c, including units of other categories). With m coders and continuum length L:

- Observed disagreement (Krippendorff 1995; 2004, ch. 11)::

      D_o,c = sum_{i != j} sum_{g of i} sum_{h of j} delta^2(g, h) / (m (m - 1) L^2)

  where, for segments g (of coder i) and h (of coder j):

  - two overlapping units of c: delta^2 = (b_g - b_h)^2 + (e_g - e_h)^2 (b = begin, e = end);
  - a unit of c lying inside a gap of the other coder: delta^2 = l^2 (l = its length);
  - anything else (gap against gap, non-overlapping segments, a unit that only partly
    covers a gap): 0.

- Expected disagreement (Krippendorff 2004, ch. 11), over all N_c units of c by all coders
  and all gaps h of c by all coders (coders who marked nothing have one gap of length L)::

      D_e,c = (2/L) * sum_g [ (N_c - 1) (2 l_g^3 - 3 l_g^2 + l_g) / 3
                              + l_g^2 * sum_{h: l_h >= l_g} (l_h - l_g + 1) ]
              / ( m L (m L - 1) - sum_g l_g (l_g - 1) )

- Per category: alpha_U,c = 1 - D_o,c / D_e,c. Overall (all categories):
  alpha_U = 1 - sum_c D_o,c / sum_c D_e,c (equivalently the ratio of the per-category
  means, as DKPro Agreement computes it).

This is the variant implemented by DKPro Agreement's ``KrippendorffAlphaUnitizingAgreement``
(Meyer et al. 2014); it reproduces Krippendorff's (2004, p. 254) worked example (category c
0.7286 with D_o = 0.0144, D_e = 0.0532; overall 0.8587 exactly, printed as 0.8591 because
the book divides D's rounded to four places). It differs from DKPro only where
DKPro returns 0.0 or NaN for an undefined value (here the value is ``None`` with a reason)
and in merging a coder's overlapping units of one category, which alpha_U does not allow.

The arithmetic is exact (integers and one Fraction per category). The cost is
O(m^2 n + n log n) for n units of a category, so it is linear in practice.

References
----------
- Krippendorff, K. (1995). On the reliability of unitizing continuous data.
  *Sociological Methodology* 25: 47-76.
- Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology*,
  2nd ed., ch. 11 (alpha_U, worked example on p. 254). Sage.
- Meyer, C. M., Mieskes, M., Stab, C., Gurevych, I. (2014). DKPro Agreement: An
  Open-Source Java Library for Measuring Inter-Rater Agreement. COLING 2014 demos.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Integral

from .coefficients import AgreementResult, UndefinedReason

Unit = tuple[Hashable, int, int, Hashable]
"""A marked unit: ``(coder, start, length, category)``, covering ``[start, start + length)``."""

_Interval = tuple[int, int]  # [start, end)


@dataclass(frozen=True, slots=True)
class UnitizedResult:
    """Alpha_U overall and per category, each as an :class:`AgreementResult`."""

    overall: AgreementResult
    per_category: dict[Hashable, AgreementResult] = field(default_factory=dict)

    def values(self) -> tuple[float | None, dict[Hashable, float | None]]:
        """The plain ``(overall, {category: value})`` pair that :func:`unitized_alpha` returns."""
        return self.overall.value, {c: r.value for c, r in self.per_category.items()}


def unitized_alpha(
    length: int, units: Iterable[Unit], *, coders: Sequence[Hashable] | None = None
) -> tuple[float | None, dict[Hashable, float | None]]:
    """Krippendorff's alpha_U for units marked on the continuum ``[0, length)``.

    ``units`` are ``(coder, start, length, category)`` tuples. ``coders`` names every coder
    who took part, including coders who marked nothing (they count as having found no unit
    anywhere, which lowers agreement); by default it is the coders that occur in ``units``.

    Returns ``(overall, {category: value})``. A value is ``None`` when it is undefined: a
    continuum of length 0, fewer than two coders, no unit at all, or no variation (D_e = 0).
    :func:`unitized_alpha_result` gives the reasons and D_o, D_e. See the module docstring
    for the definition.

    A coder's own units of one category must not overlap (Krippendorff 1995); overlapping
    or duplicate ones are merged into their union first. Touching units stay separate.
    Raises ``ValueError`` for a negative length, a unit outside the continuum or of length
    < 1, or a unit by a coder missing from ``coders``.
    """
    return unitized_alpha_result(length, units, coders=coders).values()


def unitized_alpha_result(
    length: int,
    units: Iterable[Unit],
    *,
    coders: Sequence[Hashable] | None = None,
    validate: bool = True,
) -> UnitizedResult:
    """Alpha_U with D_o, D_e, unit counts and reasons; see :func:`unitized_alpha`.

    ``validate=False`` skips checking each unit, for callers whose units are known to
    be integer ``(coder, start, length, category)`` tuples inside the continuum.
    """
    if not isinstance(length, Integral) or length < 0:
        raise ValueError(f"the continuum length must be a non-negative integer, got {length!r}")
    length = int(length)
    unit_list = [_check_unit(unit, length) for unit in units] if validate else list(units)

    coder_list = _coder_list(unit_list, coders)
    m = len(coder_list)
    categories = list(dict.fromkeys(category for _, _, _, category in unit_list))

    reason: UndefinedReason | None = None
    if length == 0:
        reason = UndefinedReason.EMPTY_CONTINUUM
    elif m < 2:
        reason = UndefinedReason.FEWER_THAN_TWO_CODERS
    elif not unit_list:
        reason = UndefinedReason.NO_UNITS
    if reason is not None:
        return UnitizedResult(
            AgreementResult(None, reason, units=len(unit_list), coders=m),
            {c: AgreementResult(None, reason, coders=m) for c in categories},
        )

    grouped = _grouped(unit_list, coder_list, categories)
    return _from_grouped(grouped, coder_list, categories, length)


def unitized_alpha_subsets(
    length: int,
    units: Iterable[Unit],
    subsets: Sequence[Sequence[Hashable]],
    *,
    coders: Sequence[Hashable] | None = None,
) -> list[UnitizedResult]:
    """:func:`unitized_alpha_result` for each subset of ``coders`` (e.g. every pair), from
    one grouping of the units: the cost of one sort, not one per subset.

    ``units`` must be valid (as with ``validate=False``); each subset's result equals
    ``unitized_alpha_result(length, [u for u in units if u[0] in subset], coders=subset)``.
    """
    unit_list = list(units)
    coder_list = _coder_list(unit_list, coders)
    categories = list(dict.fromkeys(category for _, _, _, category in unit_list))
    grouped = _grouped(unit_list, coder_list, categories)
    results = []
    for subset in subsets:
        members = list(subset)
        present = [c for c in categories if any(grouped[c][coder] for coder in members)]
        count = sum(len(grouped[c][coder]) for c in present for coder in members)
        if length == 0 or len(members) < 2 or not count:
            reason = (UndefinedReason.EMPTY_CONTINUUM if length == 0
                      else UndefinedReason.FEWER_THAN_TWO_CODERS if len(members) < 2
                      else UndefinedReason.NO_UNITS)  # fmt: skip
            results.append(UnitizedResult(
                AgreementResult(None, reason, units=0, coders=len(members)),
                {c: AgreementResult(None, reason, coders=len(members)) for c in present},
            ))  # fmt: skip
            continue
        sub = {c: {coder: grouped[c][coder] for coder in members} for c in present}
        results.append(_from_grouped(sub, members, present, length))
    return results


def _grouped(
    unit_list: list[Unit], coder_list: list[Hashable], categories: list[Hashable]
) -> dict[Hashable, dict[Hashable, list[_Interval]]]:
    """Sorted, non-overlapping intervals per category and coder."""
    grouped: dict[Hashable, dict[Hashable, list[_Interval]]] = {
        c: {coder: [] for coder in coder_list} for c in categories
    }
    for coder, start, size, category in unit_list:
        grouped[category][coder].append((start, start + size))
    for by_coder in grouped.values():
        for coder, intervals in by_coder.items():
            by_coder[coder] = merge_overlaps(intervals)
    return grouped


def _from_grouped(
    grouped: dict[Hashable, dict[Hashable, list[_Interval]]],
    coder_list: Sequence[Hashable],
    categories: list[Hashable],
    length: int,
) -> UnitizedResult:
    m = len(coder_list)
    per_category: dict[Hashable, AgreementResult] = {}
    sum_d_o = Fraction(0)
    sum_d_e = Fraction(0)
    total_units = 0
    for category in categories:
        rows = list(grouped[category].values())
        d_o, d_e = _category_disagreements(rows, length)
        n_c = sum(len(row) for row in rows)
        total_units += n_c
        sum_d_o += d_o
        sum_d_e += d_e
        per_category[category] = _result(d_o, d_e, n_c, m)
    k = len(categories)
    overall = _result(sum_d_o, sum_d_e, total_units, m, scale=Fraction(1, k))
    return UnitizedResult(overall, per_category)


def concatenate_continua(
    documents: Iterable[tuple[int, Iterable[Unit]]], *, validate: bool = True
) -> tuple[int, list[Unit]]:
    """Lay several continua (e.g. articles) end to end for one pooled alpha_U.

    ``documents`` yields ``(length, units)`` per continuum; each unit's start is shifted by
    the total length before it. Pass the result to :func:`unitized_alpha` (with the full
    ``coders`` list). This is how Krippendorff pools texts into one continuum. Note that a
    gap at the end of one document and a gap at the start of the next become one longer
    gap, which slightly changes D_e compared with treating the documents separately.
    """
    offset = 0
    pooled: list[Unit] = []
    for size, units in documents:
        if not isinstance(size, Integral) or size < 0:
            raise ValueError(f"a continuum length must be a non-negative integer, got {size!r}")
        for unit in units:
            coder, start, unit_length, category = _check_unit(unit, int(size)) if validate else unit
            pooled.append((coder, start + offset, unit_length, category))
        offset += int(size)
    return offset, pooled


# --------------------------------------------------------------------------- internals


def _check_unit(unit: Unit, length: int) -> Unit:
    try:
        coder, start, size, category = unit
    except (TypeError, ValueError):
        raise ValueError(
            f"a unit must be a (coder, start, length, category) tuple, got {unit!r}"
        ) from None
    # Plain ints first: the abstract Integral check is slow on a project's many units.
    if not (type(start) is int or isinstance(start, Integral)) or not (
        type(size) is int or isinstance(size, Integral)
    ):
        raise ValueError(f"unit start and length must be integers, got {unit!r}")
    if size < 1:
        raise ValueError(f"a unit must be at least 1 long, got {unit!r}")
    if length > 0 and (start < 0 or start + size > length):
        raise ValueError(f"unit {unit!r} lies outside the continuum [0, {length})")
    return coder, int(start), int(size), category


def _coder_list(units: list[Unit], coders: Sequence[Hashable] | None) -> list[Hashable]:
    present = list(dict.fromkeys(coder for coder, _, _, _ in units))
    if coders is None:
        return present
    listed = list(coders)
    if len(set(listed)) != len(listed):
        raise ValueError(f"coders must be distinct, got {listed!r}")
    unknown = [coder for coder in present if coder not in set(listed)]
    if unknown:
        raise ValueError(f"units by coders not named in coders: {unknown!r}")
    return listed


def merge_overlaps(intervals: list[_Interval]) -> list[_Interval]:
    """Sort and merge intervals that share at least one position (touching ones stay apart).

    Public because ``bootstrap.py`` builds its per-article sums from the same sweeps.
    """
    intervals.sort()
    merged: list[_Interval] = []
    for start, end in intervals:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def pair_disagreement(a: list[_Interval], b: list[_Interval]) -> int:
    """sum of delta^2 over the segments of two coders (one direction of the pair).

    Overlapping units contribute the squared begin and end differences; a unit that
    overlaps no unit of the other coder lies inside one of that coder's gaps and
    contributes its squared length. Both lists are sorted and internally disjoint, so a
    two-pointer sweep visits every overlapping pair once.
    """
    total = 0
    hit_a = [False] * len(a)
    hit_b = [False] * len(b)
    i = j = 0
    while i < len(a) and j < len(b):
        start_a, end_a = a[i]
        start_b, end_b = b[j]
        if start_a < end_b and start_b < end_a:
            total += (start_a - start_b) ** 2 + (end_a - end_b) ** 2
            hit_a[i] = hit_b[j] = True
        if end_a <= end_b:
            i += 1
        else:
            j += 1
    total += sum((e - s) ** 2 for (s, e), hit in zip(a, hit_a, strict=True) if not hit)
    total += sum((e - s) ** 2 for (s, e), hit in zip(b, hit_b, strict=True) if not hit)
    return total


def gap_lengths(intervals: list[_Interval], length: int) -> list[int]:
    """Lengths of the stretches of [0, length) that the (sorted, disjoint) units leave free."""
    gaps: list[int] = []
    position = 0
    for start, end in intervals:
        if start > position:
            gaps.append(start - position)
        position = end
    if length > position:
        gaps.append(length - position)
    return gaps


def _category_disagreements(rows: list[list[_Interval]], length: int) -> tuple[Fraction, Fraction]:
    """Exact (D_o,c, D_e,c) for one category; ``rows`` holds each coder's units."""
    m = len(rows)
    observed = 0
    for i in range(m):
        for j in range(i + 1, m):
            observed += pair_disagreement(rows[i], rows[j])

    lengths = [end - start for row in rows for start, end in row]
    n_c = len(lengths)
    gaps = sorted(gap for row in rows for gap in gap_lengths(row, length))
    suffix = [0] * (len(gaps) + 1)  # suffix[p] = sum(gaps[p:])
    for p in range(len(gaps) - 1, -1, -1):
        suffix[p] = suffix[p + 1] + gaps[p]
    numerator = 0
    for size in lengths:
        # l(l-1)(2l-1) = 2l^3 - 3l^2 + l is 6 * sum_{x<l} x^2, so the division is exact.
        numerator += (n_c - 1) * (size * (size - 1) * (2 * size - 1) // 3)
        p = bisect_left(gaps, size)  # gaps[p:] are the gaps at least as long as the unit
        numerator += size * size * (suffix[p] - (len(gaps) - p) * (size - 1))
    denominator = m * length * (m * length - 1) - sum(size * (size - 1) for size in lengths)
    return category_fractions(observed, numerator, denominator, m, length)


def category_fractions(
    observed: int, numerator: int, denominator: int, m: int, length: int
) -> tuple[Fraction, Fraction]:
    """(D_o,c, D_e,c) from the integer sums: ``observed`` over the unordered coder pairs,
    ``numerator`` and ``denominator`` of D_e,c without the factors 2 and 1/length.

    Shared with ``kernels.py``, which computes the same sums with numpy for a project.
    """
    d_o = Fraction(2 * observed, m * (m - 1) * length * length)  # ordered pairs i != j
    d_e = Fraction(2 * numerator, length * denominator)
    return d_o, d_e


def category_result(d_o: Fraction, d_e: Fraction, units: int, coders: int) -> AgreementResult:
    """Alpha_U of one category, which is also the overall alpha_U when it is the only one."""
    return _result(d_o, d_e, units, coders)


def _result(
    d_o: Fraction, d_e: Fraction, units: int, coders: int, scale: Fraction = Fraction(1)
) -> AgreementResult:
    observed, expected = float(d_o * scale), float(d_e * scale)
    if d_e == 0:
        return AgreementResult(
            None, UndefinedReason.NO_VARIATION, observed, expected, units=units, coders=coders
        )
    return AgreementResult(float(1 - d_o / d_e), None, observed, expected, units, coders)
