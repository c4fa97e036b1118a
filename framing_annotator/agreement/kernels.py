"""The integer sums behind alpha and alpha_U, computed with numpy over a whole project.

``coefficients.py`` and ``unitizing.py`` take any values, check them and work unit by
unit in Python. A project's report has tens of thousands of quotes whose values are
already small integer codes, so it computes the same integer sums here, column-wise,
and turns them into a coefficient exactly as those functions do (the same Fractions),
which gives the same floats to the last bit. Where a sum could outgrow 64-bit integers
(continua of many millions of code points), the arrays are Python integers instead:
slower, still exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

import numpy as np

from .coefficients import AgreementResult, UndefinedReason

_SAFE = 2**62  # below this, int64 sums cannot overflow


def nominal_alpha(codes: np.ndarray) -> AgreementResult:
    """``krippendorff_alpha_result(rows, "nominal")`` for coders x units value codes.

    ``codes`` holds a non-negative code per value (equal codes for equal values) and -1
    where a coder gave none. See :func:`~.coefficients.krippendorff_alpha_result` for the
    definition; the nominal sums are D_o = sum_u (pairs of different values in u) /
    (m_u - 1) / n and D_e = (n^2 - sum_c n_c^2) / (n (n - 1)) over the pairable units.
    """
    n_coders = codes.shape[0]
    if n_coders == 0:
        return AgreementResult(None, UndefinedReason.NO_DATA)
    if codes.shape[1] == 0:
        return AgreementResult(None, UndefinedReason.NO_DATA, coders=n_coders)
    if n_coders < 2:
        return AgreementResult(None, UndefinedReason.FEWER_THAN_TWO_CODERS, coders=n_coders)
    present = codes >= 0
    m_u = present.sum(axis=0)
    pairable = m_u >= 2
    units = int(pairable.sum())
    if not units:
        return AgreementResult(None, UndefinedReason.NO_PAIRABLE_VALUES, coders=n_coders)
    codes, present, m_u = codes[:, pairable], present[:, pairable], m_u[pairable]
    # Ordered pairs of values from different coders that differ: m(m-1) minus the equal ones.
    equal = np.zeros(units, np.int64)
    for i, j in combinations(range(n_coders), 2):
        equal += present[i] & (codes[i] == codes[j])
    differ = m_u * (m_u - 1) - 2 * equal
    observed = sum(
        (Fraction(int(differ[m_u == m].sum()), int(m) - 1) for m in np.unique(m_u)), Fraction(0)
    )
    marginals = [int(x) for x in np.bincount(codes[present])]
    n = sum(marginals)
    expected = n * n - sum(x * x for x in marginals)
    d_o = observed / n
    d_e = Fraction(expected, n * (n - 1))
    counts = {"units": units, "coders": n_coders}
    if expected == 0:
        return AgreementResult(None, UndefinedReason.NO_VARIATION, float(d_o), float(d_e), **counts)
    return AgreementResult(float(1 - d_o / d_e), None, float(d_o), float(d_e), **counts)


@dataclass(frozen=True)
class ContinuumSums:
    """Per continuum: the integer sums of ``unitizing._category_disagreements``."""

    observed: list[int]  # sum of pair_disagreement over the unordered coder pairs
    numerator: list[int]
    denominator: list[int]
    units: list[int]  # each coder's units after merging overlaps, all coders


def unitized_sums(
    group: np.ndarray,
    coder: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    lengths: np.ndarray,
    coders: int,
) -> ContinuumSums:
    """Alpha_U sums for units ``[start, end)`` of one category by ``coder`` (0..coders-1)
    on continuum ``group`` (0..len(lengths)-1), every continuum at once."""
    return Continua(group, coder, start, end, lengths, coders).sums(range(coders))


class Continua:
    """Each coder's units on each continuum, merged where they overlap (as
    :func:`~.unitizing.merge_overlaps` does), with the observed disagreement of every pair
    of coders: what alpha_U for any subset of the coders (all, or a pair) is made of.

    Overlapping units of two coders are found with sorted searches instead of a sweep.
    """

    def __init__(
        self,
        group: np.ndarray,
        coder: np.ndarray,
        start: np.ndarray,
        end: np.ndarray,
        lengths: np.ndarray,
        coders: int,
    ) -> None:
        self.count, self.coders = len(lengths), coders
        self.lengths = lengths = np.asarray(lengths, dtype=np.int64)
        # Every continuum in its own stretch of one line, ``span`` apart, so that one sorted
        # search serves all of them (positions fit int64 for any real project). The
        # products below fit int64 when the bound does, else they are Python integers;
        # their sums may not fit, and _group_sums adds them exactly.
        self.span = span = int(max(end.max(), lengths.max()) if len(end) else lengths.max(
            initial=0)) + 1  # fmt: skip
        longest = int((end - start).max()) if len(end) else 0
        self.wide = np.int64 if max(longest**2 * coders * span, longest**3) < _SAFE else object

        key = group.astype(np.int64) * coders + coder
        order = np.lexsort((end, start, key))
        key, start, end = key[order], start[order].astype(np.int64), end[order].astype(np.int64)
        offset = key * span
        reach = np.maximum.accumulate(end + offset) if len(key) else key
        new = np.ones(len(key), bool)
        new[1:] = (key[1:] != key[:-1]) | (start[1:] + offset[1:] >= reach[:-1])
        first = np.flatnonzero(new)
        last = np.append(first[1:] - 1, len(key) - 1)[: len(first)]
        # The merged units, sorted by continuum, coder and start.
        u_key, u_start, u_end = key[first], start[first], reach[last] - offset[last]
        self.group, self.coder = u_key // coders, u_key % coders
        self.size = u_end - u_start
        on_line = self.group * span

        # Gaps of each coder: before each unit, after their last unit on a continuum.
        starts_key = np.ones(len(u_key), bool)
        starts_key[1:] = u_key[1:] != u_key[:-1]
        ends_key = np.append(starts_key[1:], True)[: len(u_key)]
        before = u_start - np.where(starts_key, 0, np.roll(u_end, 1))
        after = lengths[self.group[ends_key]] - u_end[ends_key]
        self.gap_group = np.concatenate([self.group[before > 0],
                                         self.group[ends_key][after > 0]])  # fmt: skip
        self.gap_coder = np.concatenate([self.coder[before > 0],
                                         self.coder[ends_key][after > 0]])  # fmt: skip
        self.gap = np.concatenate([before[before > 0], after[after > 0]])
        # (continuum, coder) pairs with a unit: the others have the whole continuum as a gap.
        self.key_group, self.key_coder = self.group[starts_key], self.coder[starts_key]

        self.observed: dict[tuple[int, int], list[int]] = {}
        for i, j in combinations(range(coders), 2):
            a, b = self.coder == i, self.coder == j
            a_start, a_end = on_line[a] + u_start[a], on_line[a] + u_end[a]
            b_start, b_end = on_line[b] + u_start[b], on_line[b] + u_end[b]
            # b's units overlapping a unit of a: those ending after it starts and starting
            # before it ends, a run of b's sorted, disjoint units.
            low = np.searchsorted(b_end, a_start, "right")
            high = np.searchsorted(b_start, a_end, "left")
            hits = np.maximum(high - low, 0)
            at_a = np.repeat(np.arange(len(a_start)), hits)
            at_b = np.repeat(low, hits) + np.arange(int(hits.sum())) - np.repeat(
                np.cumsum(hits) - hits, hits
            )
            hit_b = np.zeros(len(b_start), bool)
            hit_b[at_b] = True
            size_a, size_b = self.size[a].astype(self.wide), self.size[b].astype(self.wide)
            # Overlapping units differ by less than the longer one, so these squares fit.
            parts = [
                (self.group[a][at_a],
                 (a_start[at_a] - b_start[at_b]) ** 2 + (a_end[at_a] - b_end[at_b]) ** 2),
                # A unit that meets no unit of the other coder lies in one of their gaps.
                (self.group[a][hits == 0], size_a[hits == 0] ** 2),
                (self.group[b][~hit_b], size_b[~hit_b] ** 2),
            ]  # fmt: skip
            total = [0] * self.count
            for groups, values in parts:
                total = [x + y for x, y in zip(total, _group_sums(groups, values, self.count),
                                               strict=True)]  # fmt: skip
            self.observed[i, j] = total

    def sums(self, members: Sequence[int]) -> ContinuumSums:
        """The alpha_U sums over the coders ``members`` alone (sorted positions)."""
        members = list(members)
        m, count, span, lengths = len(members), self.count, self.span, self.lengths
        observed = [0] * count
        for pair in combinations(members, 2):
            observed = [x + y for x, y in zip(observed, self.observed[pair], strict=True)]
        mine = np.isin(self.coder, members)
        group, size = self.group[mine], self.size[mine]
        gap_mine = np.isin(self.gap_coder, members)
        present = np.bincount(self.key_group[np.isin(self.key_coder, members)],
                              minlength=count)  # fmt: skip
        whole = np.repeat(np.arange(count), np.where(lengths > 0, m - present, 0))
        gap_group = np.concatenate([self.gap_group[gap_mine], whole])
        gap = np.concatenate([self.gap[gap_mine], lengths[whole]])
        gap_order = np.lexsort((gap, gap_group))
        gap_line = gap_group[gap_order] * span + gap[gap_order]
        prefix = np.concatenate([np.zeros(1, np.int64), np.cumsum(gap[gap_order])])
        # The gaps of a unit's continuum at least as long as the unit (bisect_left).
        on_line = group * span
        low = np.searchsorted(gap_line, on_line + size, "left")
        high = np.searchsorted(gap_line, on_line + span, "left")
        size = size.astype(self.wide)
        longer = size * size * ((prefix[high] - prefix[low]).astype(self.wide)
                                - (high - low).astype(self.wide) * (size - 1))  # fmt: skip
        cubes = size * (size - 1) * (2 * size - 1) // 3

        units = np.bincount(group, minlength=count).tolist()
        longer_sum, cube_sum, pair_sum = (
            _group_sums(group, values, count) for values in (longer, cubes, size * (size - 1))
        )
        numerator = [(n - 1) * c + lg for n, c, lg in zip(units, cube_sum, longer_sum, strict=True)]
        denominator = [m * length * (m * length - 1) - p
                       for length, p in zip(lengths.tolist(), pair_sum, strict=True)]  # fmt: skip
        return ContinuumSums(observed, numerator, denominator, units)


def _group_sums(group: np.ndarray, values: np.ndarray, count: int) -> list[int]:
    """Exact sums of ``values`` by ``group`` (sorted, 0..count-1), as Python integers.

    int64 sums cannot overflow when |values| * len < 2**62; otherwise each value is split
    into its high and low 32 bits, whose sums fit, and the halves are joined afterwards.
    """
    bounds = np.searchsorted(group, np.arange(count + 1), "left")
    if values.dtype == object or not len(values):
        return [int(sum(values[bounds[g]:bounds[g + 1]])) for g in range(count)]
    if int(np.abs(values).max()) * len(values) < _SAFE:
        totals = np.concatenate([np.zeros(1, np.int64), np.cumsum(values)])
        return (totals[bounds[1:]] - totals[bounds[:-1]]).tolist()
    high, low = np.divmod(values, 2**32)
    result = []
    for half in (high, low):
        totals = np.concatenate([np.zeros(1, np.int64), np.cumsum(half)])
        result.append((totals[bounds[1:]] - totals[bounds[:-1]]).tolist())
    return [(h << 32) + lo for h, lo in zip(*result, strict=True)]
