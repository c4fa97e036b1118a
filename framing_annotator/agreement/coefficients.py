"""Reliability coefficients for coded units: Krippendorff's alpha, Cohen's and Fleiss' kappa.

Every coefficient is computed from its published definition with exact integer and
:class:`fractions.Fraction` arithmetic, and converted to ``float`` only at the end, so a
value is correct to the last printed digit. A coefficient that its definition leaves
undefined (a ratio 0/0, or no data to compare) is returned as ``None``; the ``*_result``
functions also say why, in words that can go into a report.

References
----------
- Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg
  School for Communication, University of Pennsylvania. (Coincidence matrix, metrics.)
- Krippendorff, K. (2004). *Content Analysis: An Introduction to Its Methodology*,
  2nd ed., ch. 11. Sage.
- Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
  Psychological Measurement* 20(1): 37-46.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
  *Psychological Bulletin* 76(5): 378-382.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from numbers import Integral, Real
from typing import Any, Literal

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")


class UndefinedReason(StrEnum):
    """Why a coefficient has no value. The text is written for a reliability report."""

    NO_DATA = "no data"
    FEWER_THAN_TWO_CODERS = "fewer than two coders"
    NO_PAIRABLE_VALUES = "no unit was coded by two or more coders, so nothing can be compared"
    NO_VARIATION = (
        "no variation: every value is the same, so expected disagreement is 0 "
        "and the coefficient is 0/0"
    )
    EMPTY_CONTINUUM = "the continuum has length 0"
    NO_UNITS = "no coder marked any unit"


@dataclass(frozen=True, slots=True)
class AgreementResult:
    """A coefficient together with what it was computed from.

    ``value`` is ``None`` exactly when ``reason`` is set. ``observed`` and ``expected`` are
    the two halves of the coefficient: for Krippendorff's alpha (and alpha_U) they are the
    observed and expected *disagreement* D_o and D_e (alpha = 1 - D_o/D_e); for the kappas
    they are the observed and chance *agreement* p_o and p_e
    (kappa = (p_o - p_e)/(1 - p_e)). ``units`` counts what entered the computation (pairable
    units, item pairs, subjects, or marked units for alpha_U) and ``coders`` the coders or
    raters.
    """

    value: float | None
    reason: UndefinedReason | None = None
    observed: float | None = None
    expected: float | None = None
    units: int = 0
    coders: int = 0

    @property
    def defined(self) -> bool:
        """True when the coefficient has a value."""
        return self.value is not None


def _undefined(reason: UndefinedReason, **counts: Any) -> AgreementResult:
    return AgreementResult(None, reason, **counts)


def _is_missing(value: object) -> bool:
    """``None`` and float NaN mark a missing value (NaN as in the ``krippendorff`` package)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def normalise_value(value: object) -> object:
    """One coded value as plain Python, with every spelling of "missing" as ``None``.

    Data often arrives from numpy or pandas: ``numpy.float32(2.0)`` becomes ``2.0``,
    ``numpy.int64(3)`` becomes ``3``, and ``None``, any NaN (float, numpy, Decimal),
    ``pandas.NA`` and ``pandas.NaT`` become ``None``. Neither library is imported: their
    scalars are recognised by what they are (``item()``, the ``NAType`` class).
    """
    if value is None:
        return None
    kind = type(value)
    if kind.__module__.startswith("pandas") and kind.__name__ in ("NAType", "NaTType"):
        return None
    if kind.__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # numpy scalar -> int, float, bool, str, ...
    if isinstance(value, float | Decimal) and value != value:  # NaN is not equal to itself
        return None
    return value


def normalise_rows(rows: Iterable[Iterable[object]]) -> list[list[object]]:
    """:func:`normalise_value` for each value of each row (a list, tuple or numpy array)."""
    return [[normalise_value(value) for value in row] for row in rows]


def _exact(value: object) -> int | Fraction:
    """A number as an exact int or Fraction (floats are converted without rounding)."""
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real | Decimal):
        if not math.isfinite(value):  # type: ignore[arg-type]
            raise ValueError(f"interval and ratio values must be finite, got {value!r}")
        return Fraction(value)  # type: ignore[arg-type]
    raise ValueError(
        f"interval and ratio values must be numbers, got {value!r} ({type(value).__name__})"
    )


# --------------------------------------------------------------------------- alpha


def krippendorff_alpha(
    reliability_data: Sequence[Sequence[Any]], level: Level | str = "nominal"
) -> float | None:
    """Krippendorff's alpha for coders who assigned values to the same units.

    ``reliability_data`` has one row per coder and one column per unit; ``None`` (or a
    float NaN) marks a value the coder did not give. ``level`` names the metric:
    ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``.

    Returns alpha = 1 - D_o/D_e, or ``None`` when alpha is undefined: no data, fewer than
    two coders, no unit with two or more values, or no variation (D_e = 0). Use
    :func:`krippendorff_alpha_result` to learn which.

    >>> krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4]])
    0.6956521739130435
    """
    return krippendorff_alpha_result(reliability_data, level).value


def krippendorff_alpha_result(
    reliability_data: Sequence[Sequence[Any]], level: Level | str = "nominal"
) -> AgreementResult:
    """Krippendorff's alpha with D_o, D_e, counts and the reason when it is undefined.

    Definition (Krippendorff 2011): a unit u with m_u >= 2 values is *pairable*; units with
    fewer values are ignored. Each pairable unit adds every ordered pair of its values
    (c, k), taken from different coders, to the coincidence matrix with weight 1/(m_u - 1),
    so o_ck = sum_u (number of c-k pairs in u)/(m_u - 1). With n_c = sum_k o_ck (how often
    value c occurs among pairable values) and n = sum_c n_c::

        D_o = 1/n            * sum_c sum_k o_ck    * delta^2(c, k)
        D_e = 1/(n (n - 1))  * sum_c sum_k n_c n_k * delta^2(c, k)
        alpha = 1 - D_o / D_e

    Metrics delta^2(c, k):

    - nominal: 0 if c == k else 1;
    - ordinal: (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 over the values present in the
      pairable data, in their natural order (the distance between mid-ranks of the
      marginal frequencies; values need only be orderable);
    - interval: (c - k)^2;
    - ratio: ((c - k)/(c + k))^2, values must be >= 0.

    The arithmetic is exact: the weights 1/(m_u - 1) are brought to a common denominator
    and the ordinal metric is scaled by 4, so everything stays an integer (or a Fraction for
    non-integer numbers). Cost is linear in the number of units plus the number of distinct
    values (the ratio metric is quadratic in distinct values).

    Raises ``ValueError`` for an unknown level, rows of different lengths, non-numeric
    values at the interval or ratio level, negative values at the ratio level, or values
    that cannot be ordered at the ordinal level.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    rows = normalise_rows(reliability_data)
    n_coders = len(rows)
    if n_coders == 0:
        return _undefined(UndefinedReason.NO_DATA)
    n_units = len(rows[0])
    for index, row in enumerate(rows):
        if len(row) != n_units:
            raise ValueError(
                f"every coder row must cover the same units: row 0 has {n_units} values, "
                f"row {index} has {len(row)}"
            )
    if n_units == 0:
        return _undefined(UndefinedReason.NO_DATA, coders=n_coders)
    if n_coders < 2:
        return _undefined(UndefinedReason.FEWER_THAN_TWO_CODERS, coders=n_coders)

    # Pairable units, counted by the values they hold: a project has many units that
    # look alike (every coder says 1), and each distinct unit is worked out only once.
    alike: Counter[tuple[Hashable, ...]] = Counter()
    for column in zip(*rows, strict=True):
        present = tuple(value for value in column if not _is_missing(value))
        if len(present) >= 2:
            alike[present] += 1
    # Grouped by how many values they hold (m_u), as (value counts, how many such units).
    units_by_m: dict[int, list[tuple[Counter[Hashable], int]]] = {}
    for present, times in alike.items():
        units_by_m.setdefault(len(present), []).append((Counter(present), times))
    pairable = sum(alike.values())
    if pairable == 0:
        return _undefined(UndefinedReason.NO_PAIRABLE_VALUES, coders=n_coders)

    # Coincidences scaled by W = lcm(m_u - 1) so that every weight W/(m_u - 1) is an integer.
    scale = math.lcm(*(m - 1 for m in units_by_m))
    coincidences: Counter[tuple[Hashable, Hashable]] = Counter()
    marginals: Counter[Hashable] = Counter()
    for m, group in units_by_m.items():
        weight = scale // (m - 1)
        for counts, times in group:
            items = list(counts.items())
            for c, n_c in items:
                marginals[c] += n_c * times
                for k, n_k in items:
                    pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                    if pairs:
                        coincidences[c, k] += weight * pairs * times
    n = sum(marginals.values())

    observed_sum, expected_sum, metric_scale = _disagreement_sums(level, coincidences, marginals, n)
    # D_o = observed_sum / (scale * n * metric_scale); D_e = expected_sum / (n(n-1) metric_scale)
    d_o = Fraction(observed_sum, 1) / (scale * n * metric_scale)
    d_e = Fraction(expected_sum, 1) / (n * (n - 1) * metric_scale)
    counts = {"units": pairable, "coders": n_coders}
    if expected_sum == 0:
        return AgreementResult(None, UndefinedReason.NO_VARIATION, float(d_o), float(d_e), **counts)
    alpha = 1 - d_o / d_e
    return AgreementResult(float(alpha), None, float(d_o), float(d_e), **counts)


def _disagreement_sums(
    level: str,
    coincidences: Counter[tuple[Hashable, Hashable]],
    marginals: Counter[Hashable],
    n: int,
) -> tuple[int | Fraction, int | Fraction, int]:
    """Return (sum o_ck d_ck, sum n_c n_k d_ck, s) where d = s * delta^2 for the level.

    The expected sum uses closed forms where the metric allows it, so it costs O(V) in the
    number V of distinct values: for nominal, sum_{c != k} n_c n_k = n^2 - sum n_c^2; for
    squared differences of positions x_c, sum n_c n_k (x_c - x_k)^2 =
    2 n sum n_c x_c^2 - 2 (sum n_c x_c)^2.
    """
    if level == "nominal":
        observed = sum(o for (c, k), o in coincidences.items() if c != k)
        expected = n * n - sum(n_c * n_c for n_c in marginals.values())
        return observed, expected, 1

    if level in ("interval", "ordinal"):
        if level == "interval":
            position = {value: _exact(value) for value in marginals}
            metric_scale = 1
        else:
            position = _doubled_midranks(marginals)
            metric_scale = 4  # (2 r_c - 2 r_k)^2 = 4 (r_c - r_k)^2
        observed = sum(
            o * (position[c] - position[k]) ** 2 for (c, k), o in coincidences.items() if c != k
        )
        first = sum(n_c * position[c] for c, n_c in marginals.items())
        second = sum(n_c * position[c] ** 2 for c, n_c in marginals.items())
        expected = 2 * n * second - 2 * first * first
        return observed, expected, metric_scale

    # ratio
    exact = {value: _exact(value) for value in marginals}
    for value, number in exact.items():
        if number < 0:
            raise ValueError(f"ratio values must not be negative, got {value!r}")

    def delta(c: Hashable, k: Hashable) -> int | Fraction:
        a, b = exact[c], exact[k]
        return 0 if a == b else Fraction(a - b, 1) ** 2 / (a + b) ** 2

    observed = sum(o * delta(c, k) for (c, k), o in coincidences.items() if c != k)
    items = list(marginals.items())
    expected = sum(n_c * n_k * delta(c, k) for c, n_c in items for k, n_k in items if c != k)
    return observed, expected, 1


def _doubled_midranks(marginals: Counter[Hashable]) -> dict[Hashable, int]:
    """2 x mid-rank of each value: 2 * sum_{g < c} n_g + n_c, in the values' natural order.

    For c <= k, sum_{g=c..k} n_g - (n_c + n_k)/2 equals r_k - r_c with the mid-rank
    r_c = sum_{g<c} n_g + n_c/2, so Krippendorff's ordinal metric is (r_k - r_c)^2.
    """
    try:
        ordered = sorted(marginals)
    except TypeError as error:
        raise ValueError(f"ordinal values must be mutually orderable: {error}") from None
    result: dict[Hashable, int] = {}
    below = 0
    for value in ordered:
        result[value] = 2 * below + marginals[value]
        below += marginals[value]
    return result


# --------------------------------------------------------------------------- kappas


def cohen_kappa(a: Sequence[Hashable | None], b: Sequence[Hashable | None]) -> float | None:
    """Cohen's (1960) kappa for two coders who labelled the same items.

    ``a[i]`` and ``b[i]`` are the two labels of item i. Items where either label is missing
    (``None`` or NaN) are dropped (pairwise deletion), because kappa is defined only on
    items both coders labelled; use :func:`krippendorff_alpha` to keep partial data.

    Returns kappa = (p_o - p_e)/(1 - p_e), or ``None`` when no complete pair remains or both
    coders used one and the same label for every item (p_e = 1, kappa = 0/0).
    Raises ``ValueError`` when the sequences differ in length.
    """
    return cohen_kappa_result(a, b).value


def cohen_kappa_result(
    a: Sequence[Hashable | None], b: Sequence[Hashable | None]
) -> AgreementResult:
    """Cohen's kappa with p_o, p_e, the number of complete pairs and any undefined reason.

    p_o is the share of items with the same label; p_e = sum_c p_a(c) p_b(c) uses each
    coder's own label distribution (Cohen 1960, eq. 1). Computed exactly as
    (N * agree - S) / (N^2 - S) with S = sum_c count_a(c) count_b(c).
    """
    a, b = normalise_rows([a, b])
    if len(a) != len(b):
        raise ValueError(
            f"Cohen's kappa needs two label sequences of equal length, got {len(a)} and {len(b)}"
        )
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if not (_is_missing(x) or _is_missing(y))]
    total = len(pairs)
    if total == 0:
        return _undefined(UndefinedReason.NO_DATA, coders=2)
    agree = sum(1 for x, y in pairs if x == y)
    count_a = Counter(x for x, _ in pairs)
    count_b = Counter(y for _, y in pairs)
    chance = sum(n_c * count_b[c] for c, n_c in count_a.items())
    p_o = Fraction(agree, total)
    p_e = Fraction(chance, total * total)
    counts = {"units": total, "coders": 2}
    if chance == total * total:
        return AgreementResult(None, UndefinedReason.NO_VARIATION, float(p_o), float(p_e), **counts)
    kappa = Fraction(total * agree - chance, total * total - chance)
    return AgreementResult(float(kappa), None, float(p_o), float(p_e), **counts)


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' (1971) kappa for a subjects x categories matrix of rating counts.

    ``counts[i][j]`` is how many raters put subject i into category j. Every subject must
    have the same number of ratings n (Fleiss' design); otherwise ``ValueError`` is raised
    (use :func:`krippendorff_alpha` for unequal or missing ratings).

    Returns kappa = (P_bar - P_e)/(1 - P_e), or ``None`` when there is no subject, fewer
    than two ratings per subject, or all ratings fall into one category (P_e = 1).
    """
    return fleiss_kappa_result(counts).value


def fleiss_kappa_result(counts: Sequence[Sequence[int]]) -> AgreementResult:
    """Fleiss' kappa with P_bar, P_e, counts and any undefined reason.

    With N subjects, n ratings each, n_ij ratings of subject i in category j::

        P_i   = (sum_j n_ij^2 - n) / (n (n - 1))
        P_bar = mean_i P_i
        p_j   = sum_i n_ij / (N n),   P_e = sum_j p_j^2

    computed exactly with integers and Fractions.
    """
    matrix = normalise_rows(counts)
    if not matrix or not matrix[0]:
        return _undefined(UndefinedReason.NO_DATA)
    width = len(matrix[0])
    for index, row in enumerate(matrix):
        if len(row) != width:
            raise ValueError(
                f"every subject needs a count for each of the {width} categories; "
                f"subject {index} has {len(row)}"
            )
        for value in row:
            if not isinstance(value, Integral) or value < 0:
                raise ValueError(
                    f"counts must be non-negative integers, subject {index} has {value!r}"
                )
    totals = [sum(row) for row in matrix]
    raters = totals[0]
    for index, total in enumerate(totals):
        if total != raters:
            raise ValueError(
                "Fleiss' kappa needs the same number of ratings for every subject: "
                f"subject 0 has {raters}, subject {index} has {total}. "
                "Use krippendorff_alpha for unequal or missing ratings."
            )
    subjects = len(matrix)
    if raters < 2:
        return _undefined(UndefinedReason.FEWER_THAN_TWO_CODERS, units=subjects, coders=raters)
    squares = sum(int(v) * int(v) for row in matrix for v in row)
    column_totals = [sum(int(row[j]) for row in matrix) for j in range(width)]
    all_ratings = subjects * raters
    p_bar = Fraction(squares - all_ratings, all_ratings * (raters - 1))
    p_e = Fraction(sum(t * t for t in column_totals), all_ratings * all_ratings)
    result_counts = {"units": subjects, "coders": raters}
    if p_e == 1:
        return AgreementResult(
            None, UndefinedReason.NO_VARIATION, float(p_bar), float(p_e), **result_counts
        )
    kappa = (p_bar - p_e) / (1 - p_e)
    return AgreementResult(float(kappa), None, float(p_bar), float(p_e), **result_counts)
