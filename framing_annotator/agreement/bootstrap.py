"""Bootstrapped confidence intervals for Krippendorff's alpha and alpha_U.

A single alpha from a small reliability sample hides how much it could move with other
units. Hayes and Krippendorff (2007) therefore report alpha with a bootstrapped 95%
interval and the probability q that alpha falls below the smallest acceptable value
(0.667 or 0.800). This module draws those from the data:

- **Resampling.** For alpha (:func:`bootstrap_alpha`) the *units* (the columns of the
  reliability data) are drawn with replacement, as many as there are (a unit with fewer
  than two values adds nothing to a resample, as to alpha itself); for alpha_U
  (:func:`bootstrap_unitized_alpha`) the *continua* (articles) are drawn with replacement,
  since a quote's boundaries only make sense within its article. Alpha is then computed
  on each resample from its own coincidences, so both D_o and D_e vary, as in the unit
  bootstrap that Zapf et al. (2016) found to keep its nominal coverage. (KALPHA, Hayes and
  Krippendorff's macro, instead resamples pairs of values and keeps D_e fixed; on the
  same data the two intervals are close.)
- **Reported**: the 2.5th and 97.5th percentiles of the resampled alphas (the percentile
  interval), and q(alpha < 0.667), q(alpha < 0.800): the share of resamples below each
  threshold. Resamples in which alpha is undefined (no variation left) are left out and
  counted, so ``defined < draws`` says that the interval rests on fewer draws.
- **Reproducible**: the draws come from ``numpy.random.default_rng(seed)``, so the same
  data and seed always give the same interval.

Resampling with replacement is done by multinomial counts: units that hold the same
values are interchangeable, so a resample is a count per distinct kind of unit, and the
coincidences of a resample are a matrix product. 1,000 draws take milliseconds.

References
----------
- Hayes, A. F., Krippendorff, K. (2007). Answering the call for a standard reliability
  measure for coding data. *Communication Methods and Measures* 1(1): 77-89.
- Zapf, A., Castell, S., Morawietz, L., Karch, A. (2016). Measuring inter-rater
  reliability for nominal data - which coefficients and confidence intervals are
  appropriate? *BMC Medical Research Methodology* 16: 93.
- Efron, B., Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13
  (percentile intervals). Chapman & Hall.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .coefficients import LEVELS, krippendorff_alpha_result
from .unitizing import Unit, gap_lengths, merge_overlaps, pair_disagreement

DEFAULT_DRAWS = 1000
DEFAULT_SEED = 2007  # any fixed number: what matters is that it is written down
THRESHOLDS = (0.667, 0.800)
_BLOCK = 4_000_000  # numbers held at once per block of draws, to bound memory


@dataclass(frozen=True, slots=True)
class BootstrapInterval:
    """Alpha with its bootstrapped interval and the chances of falling below thresholds.

    ``value`` is the coefficient of the data itself; ``low`` and ``high`` are the 2.5th and
    97.5th percentiles of the resampled coefficients; ``q_below_0667`` and
    ``q_below_0800`` the share of resamples below 0.667 and 0.800. All four are ``None``
    when no resample has a defined coefficient, and when there is only one unit (or one
    article for alpha_U) to resample. ``defined`` counts the resamples that had one.
    """

    value: float | None
    low: float | None
    high: float | None
    q_below_0667: float | None
    q_below_0800: float | None
    draws: int
    defined: int
    seed: int
    resampled: str  # what was drawn with replacement: "units" or "articles"

    def contains(self, value: float) -> bool:
        return self.low is not None and self.high is not None and self.low <= value <= self.high


def _summarise(alphas: np.ndarray, value: float | None, draws: int, seed: int,
               resampled: str) -> BootstrapInterval:  # fmt: skip
    good = alphas[np.isfinite(alphas)]
    if value is None or good.size == 0:
        return BootstrapInterval(value, None, None, None, None, draws, int(good.size), seed,
                                 resampled)  # fmt: skip
    low, high = np.percentile(good, [2.5, 97.5])
    below = [float(np.mean(good < threshold)) for threshold in THRESHOLDS]
    return BootstrapInterval(
        value, float(low), float(high), below[0], below[1], draws, int(good.size), seed,
        resampled,
    )


def _check_draws(draws: int) -> None:
    if not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a positive whole number, got {draws!r}")


def _blocks(draws: int, width: int) -> Iterable[int]:
    """Sizes of blocks of draws so that a block holds about _BLOCK numbers."""
    size = max(1, _BLOCK // max(1, width))
    done = 0
    while done < draws:
        yield min(size, draws - done)
        done += size


# --------------------------------------------------------------------------- alpha


def bootstrap_alpha(
    reliability_data: Sequence[Sequence[object]],
    level: str = "nominal",
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> BootstrapInterval:
    """Krippendorff's alpha with a bootstrapped 95% interval, resampling units.

    ``reliability_data`` and ``level`` are as for
    :func:`~framing_annotator.agreement.krippendorff_alpha` (coder rows x unit columns,
    ``None`` for missing). ``value`` is exactly that function's alpha; the interval comes
    from ``draws`` resamples of the units (columns) drawn with ``seed``.

    >>> r = bootstrap_alpha([[1, 2, 3, 3, 2, 1], [1, 2, 3, 3, 2, 2]], draws=200, seed=1)
    >>> round(r.value, 3), r.low <= r.value <= r.high
    (0.788, True)
    """
    _check_draws(draws)
    exact = krippendorff_alpha_result(reliability_data, level)  # also validates the data
    kinds = unit_kinds(reliability_data, level)
    if exact.value is None or kinds.pairable < 2:  # one unit resamples to itself
        return _summarise(np.empty(0), exact.value, draws, seed, "units")
    rng = np.random.default_rng(seed)
    units = int(kinds.times.sum())
    chances = kinds.times / kinds.times.sum()
    values = kinds.values
    width = len(kinds.times) + len(kinds.entries) + len(values) * (
        len(values) if level == "ratio" else 3)  # fmt: skip
    alphas = []
    for block in _blocks(draws, width):
        counts = rng.multinomial(units, chances, size=block).astype(float)
        alphas.append(_alpha_of_counts(level, values, counts, kinds.marginals, kinds.entries))
    return _summarise(np.concatenate(alphas), exact.value, draws, seed, "units")


@dataclass(frozen=True)
class UnitKinds:
    """The reliability data as kinds of units: units that hold the same values are
    interchangeable, so a resample is a count per kind (``times`` counts the data's own)."""

    values: list  # the distinct values, in the level's order
    times: np.ndarray  # kinds: how many units of each kind the data hold
    marginals: np.ndarray  # kinds x values: how often each value occurs in a unit of the kind
    entries: list[tuple[int, int, int, float]]  # (kind, c, k, o_ck of one such unit), c != k
    pairable: int  # units with two or more values


def unit_kinds(reliability_data: Sequence[Sequence[object]], level: str) -> UnitKinds:
    """Group the columns of ``reliability_data`` by the values they hold. Units with fewer
    than two values form one kind that adds nothing, so that they are drawn like others."""
    kinds: Counter[frozenset] = Counter()
    lone = 0
    for column in zip(*reliability_data, strict=True):
        present = Counter(v for v in column if not (v is None or v != v))  # v != v: NaN
        if sum(present.values()) >= 2:
            kinds[frozenset(present.items())] += 1
        else:
            lone += 1
    pairable = sum(kinds.values())
    values = sorted({v for kind in kinds for v, _ in kind}, key=_order_key(level))
    index = {v: i for i, v in enumerate(values)}
    if lone:
        kinds[frozenset()] = lone
    patterns = list(kinds)
    marginals = np.zeros((len(patterns), len(values)))
    entries: list[tuple[int, int, int, float]] = []
    for p, kind in enumerate(patterns):
        m = sum(n for _, n in kind)
        for c, n_c in kind:
            marginals[p, index[c]] = n_c
            for k, n_k in kind:
                if c != k:  # each ordered pair of values, weighted 1/(m_u - 1)
                    entries.append((p, index[c], index[k], n_c * n_k / (m - 1)))
    times = np.array([kinds[p] for p in patterns], dtype=float)
    return UnitKinds(values, times, marginals, entries, pairable)


def _order_key(level: str):
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    if level == "nominal":
        return lambda v: (type(v).__name__, repr(v))  # any fixed order will do
    return lambda v: v


def _alpha_of_counts(
    level: str,
    values: list,
    counts: np.ndarray,  # draws x kinds: how often each kind of unit was drawn
    marginals: np.ndarray,  # kinds x values
    entries: list[tuple[int, int, int, float]],
) -> np.ndarray:
    """Alpha for each resample, from the coincidences its units add up to."""
    n_c = counts @ marginals  # draws x values
    n = n_c.sum(axis=1)
    kind, c, k, weight = (np.array(x) for x in zip(*entries, strict=True)) if entries else (
        np.zeros(0, int), np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    )  # fmt: skip
    coincidences = counts[:, kind] * weight  # draws x entries (off-diagonal o_ck parts)
    if level == "ordinal":
        position = np.cumsum(n_c, axis=1) - n_c / 2  # mid-ranks of this resample
        delta = (position[:, c] - position[:, k]) ** 2
        observed = (coincidences * delta).sum(axis=1)
        expected = 2 * n * (n_c * position**2).sum(axis=1) - 2 * (n_c * position).sum(axis=1) ** 2
    elif level == "nominal":
        observed = coincidences.sum(axis=1)
        expected = n * n - (n_c * n_c).sum(axis=1)
    elif level == "interval":
        x = np.array([float(v) for v in values])
        observed = coincidences @ ((x[c] - x[k]) ** 2)
        expected = 2 * n * (n_c @ x**2) - 2 * (n_c @ x) ** 2  # closed form, as in the exact code
    else:  # ratio: no closed form, a values x values matrix
        x = np.array([float(v) for v in values])
        total = x[:, None] + x[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            delta_ck = np.where(total > 0, ((x[:, None] - x[None, :]) / total) ** 2, 0.0)
        observed = coincidences @ delta_ck[c, k]
        expected = ((n_c @ delta_ck) * n_c).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        # alpha = 1 - D_o/D_e with D_o = observed/n and D_e = expected/(n(n-1))
        alpha = 1 - (n - 1) * observed / expected
    alpha[expected <= 1e-12 * np.maximum(n * n, 1)] = np.nan  # no variation: undefined
    return alpha


# --------------------------------------------------------------------------- alpha_U


def bootstrap_unitized_alpha(
    documents: Sequence[tuple[int, Iterable[Unit]]],
    coders: Sequence[Hashable],
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> BootstrapInterval:
    """Alpha_U of one category over several continua, with an interval from resampled continua.

    ``documents`` holds ``(length, units)`` per continuum (an article), with units
    ``(coder, start, length, category)`` of a single category, as for
    :func:`~framing_annotator.agreement.unitized_alpha`; ``coders`` names every coder,
    including those who marked nothing. Each resample draws as many continua as there are,
    with replacement, and computes alpha_U over them laid end to end.

    ``value`` is alpha_U over the continua kept apart (a gap never runs on into the next
    article); for one continuum it equals :func:`unitized_alpha`, and for several it can
    differ slightly from :func:`concatenate_continua`, which joins the last gap of one
    article to the first of the next.
    """
    _check_draws(draws)
    coders = list(coders)
    m = len(coders)
    pieces = [_continuum_parts(int(length), list(units), coders) for length, units in documents]
    if m < 2 or not pieces or sum(p.lengths.size for p in pieces) == 0:
        return _summarise(np.empty(0), None, draws, seed, "articles")

    size = np.array([p.length for p in pieces], dtype=float)
    count = np.array([p.lengths.size for p in pieces], dtype=float)
    cubic = np.array([p.cubic for p in pieces], dtype=float)
    square = np.array([p.square for p in pieces], dtype=float)
    observed = np.array([p.observed for p in pieces], dtype=float)
    cross = _cross_terms(pieces)

    def alpha_for(k: np.ndarray) -> np.ndarray:
        length, n_c = k @ size, k @ count
        d_o = 2 * (k @ observed) / (m * (m - 1) * length**2)
        numerator = (n_c - 1) * (k @ cubic) + ((k @ cross) * k).sum(axis=1)
        denominator = m * length * (m * length - 1) - k @ square
        d_e = 2 * numerator / (length * denominator)
        with np.errstate(invalid="ignore", divide="ignore"):
            alpha = 1 - d_o / d_e
        alpha[~(d_e > 0)] = np.nan
        return alpha

    value = float(alpha_for(np.ones((1, len(pieces))))[0])
    value = None if value != value else value
    if len(pieces) < 2:  # one article resamples to itself: no interval to be had
        return _summarise(np.empty(0), value, draws, seed, "articles")
    rng = np.random.default_rng(seed)
    alphas = []
    articles = len(pieces)
    for block in _blocks(draws, 2 * articles):
        k = rng.multinomial(articles, np.full(articles, 1 / articles), size=block).astype(float)
        alphas.append(alpha_for(k))
    return _summarise(np.concatenate(alphas), value, draws, seed, "articles")


@dataclass(frozen=True)
class _Continuum:
    """What one continuum adds to alpha_U's sums (see ``unitizing.py`` for the formulas)."""

    length: int
    lengths: np.ndarray  # every coder's unit lengths
    gaps: np.ndarray  # every coder's gap lengths, sorted
    observed: int  # sum over coder pairs i < j of delta^2
    cubic: int  # sum over units of l(l-1)(2l-1)/3
    square: int  # sum over units of l(l-1)


def _continuum_parts(length: int, units: list[Unit], coders: list[Hashable]) -> _Continuum:
    categories = {category for _, _, _, category in units}
    if len(categories) > 1:
        raise ValueError(f"bootstrap_unitized_alpha takes one category, got {sorted(categories)}")
    rows = {coder: [] for coder in coders}
    for coder, start, size, _ in units:
        if coder not in rows:
            raise ValueError(f"units by a coder not named in coders: {coder!r}")
        rows[coder].append((int(start), int(start) + int(size)))
    merged = [merge_overlaps(intervals) for intervals in rows.values()]
    observed = sum(
        pair_disagreement(merged[i], merged[j])
        for i in range(len(merged))
        for j in range(i + 1, len(merged))
    )
    lengths = np.array([e - s for row in merged for s, e in row], dtype=float)
    gaps = np.sort(np.array([g for row in merged for g in gap_lengths(row, length)], dtype=float))
    cubic = sum(int(n) * (int(n) - 1) * (2 * int(n) - 1) // 3 for n in lengths)
    square = sum(int(n) * (int(n) - 1) for n in lengths)
    return _Continuum(length, lengths, gaps, observed, cubic, square)


def _cross_terms(pieces: list[_Continuum]) -> np.ndarray:
    """cross[a, b] = sum over units g of a and gaps h of b with l_h >= l_g of
    l_g^2 (l_h - l_g + 1): the part of D_e that pairs units with gaps of any article.

    Units of one length reach the gaps alike, so the sum runs over distinct unit lengths
    (a few hundred) rather than over units: cross = weight @ reach, where weight[a, u] is
    the sum of l^2 over a's units of length u and reach[u, b] what one such unit adds with
    b's gaps.
    """
    owner = np.concatenate([np.full(p.lengths.size, a) for a, p in enumerate(pieces)])
    lengths = np.concatenate([p.lengths for p in pieces])
    distinct, which = np.unique(lengths, return_inverse=True)
    weight = np.bincount(owner * distinct.size + which, weights=lengths**2,
                         minlength=len(pieces) * distinct.size)  # fmt: skip
    weight = weight.reshape(len(pieces), distinct.size)
    reach = np.zeros((distinct.size, len(pieces)))
    for b, piece in enumerate(pieces):
        gaps = piece.gaps
        suffix = np.concatenate([np.cumsum(gaps[::-1])[::-1], [0.0]])
        first = np.searchsorted(gaps, distinct, side="left")  # gaps[first:] are long enough
        reach[:, b] = suffix[first] - (gaps.size - first) * (distinct - 1)
    return weight @ reach
