"""Agreement for a whole annotation project: units, coefficients, pairs and disagreements.

Pure functions over domain objects, so a researcher can run them on quotes read
from an export as well as the app does on a project.

- **Detection** is Krippendorff's alpha_U on each article's text (the continuum), with
  each coder's quotes as units of the category ``quote``, per article and pooled.
- **Units**: quotes of different coders form one unit when they overlap by at least
  half of each (QUOTES.md). A coder with no quote in a unit counts as "no quote" for
  detection and as missing for the attribute coefficients.
- **Attributes**: nominal alpha on those units for the speaker (by canonical name; a
  quote without a speaker is missing), the kind, and each frame (present or absent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

import numpy as np

from ..domain.model import Quote
from ..domain.spans import Span
from .coefficients import AgreementResult, UndefinedReason
from .kernels import Continua, ContinuumSums, nominal_alpha, unitized_sums
from .lazy import LazyList
from .spans import SpanScores
from .table import KINDS, NO_SPEAKER, QuoteTable, UnitTable, attribute_codes, join_units, unitise
from .unitizing import category_fractions, category_result

RELIABLE = 0.800
TENTATIVE = 0.667
DETECTION = "quote"


def verdict(value: float | None) -> str:
    """Krippendorff's reading of an alpha: reliable, tentative, or unreliable."""
    if value is None:
        return "undefined"
    if value >= RELIABLE:
        return "reliable"
    if value >= TENTATIVE:
        return "tentative"
    return "unreliable"


@dataclass(frozen=True)
class ArticleQuotes:
    """One article's quotes by every coder: the input of :func:`project_agreement`."""

    article_id: int
    length: int
    quotes: Sequence[Quote]


@dataclass(frozen=True)
class Unit:
    """Quotes of different coders that mark the same stretch of text."""

    article_id: int
    quotes: dict[str, Quote]  # by annotator

    @property
    def span(self) -> Span:
        return Span(
            min(q.start for q in self.quotes.values()), max(q.end for q in self.quotes.values())
        )


class _TableUnit(Unit):
    """A unit of a report's unit table: its span from the table, its quotes made when first
    read (finding a unit by its span, as the window does, then makes no quote at all)."""

    def __init__(self, article_id: int, span: Span, make: Callable[[], dict[str, Quote]]):
        object.__setattr__(self, "article_id", article_id)
        object.__setattr__(self, "_span", span)
        object.__setattr__(self, "_make", make)

    @cached_property
    def quotes(self) -> dict[str, Quote]:  # type: ignore[override]
        return self._make()

    @property
    def span(self) -> Span:
        return self._span


@dataclass(frozen=True)
class Coefficient:
    variable: str  # "detection", "speaker", "kind" or "frame:<key>"
    coefficient: str  # "krippendorff_alpha_u" or "krippendorff_alpha"
    level: str
    result: AgreementResult
    units: int
    coders: int

    @property
    def value(self) -> float | None:
        return self.result.value

    @property
    def reason(self) -> str | None:
        return self.result.reason.value if self.result.reason else None


@dataclass(frozen=True)
class Pair:
    """Two coders compared: span F1 (first as reference) and their detection alpha_U."""

    first: str
    second: str
    spans: SpanScores
    detection: float | None


@dataclass(frozen=True)
class Disagreement:
    """A unit where the coders differ, with what each of them coded."""

    article_id: int
    span: Span
    variables: tuple[str, ...]  # "detection", "boundaries", "speaker", "kind", "frames"
    values: dict[str, dict[str, object]]  # coder -> {"span", "speaker", "kind", "frames"}


@dataclass(frozen=True)
class AgreementReport:
    annotators: tuple[str, ...]
    coefficients: list[Coefficient]
    per_article: dict[int, float | None]
    pairwise: list[Pair]
    disagreements: Sequence[Disagreement]  # made when read (a LazyList)
    units: Sequence[Unit] = field(repr=False, default_factory=list)  # made when read
    # What the units were read off, for consumers that need every unit (intervals).
    table: QuoteTable | None = field(default=None, repr=False, compare=False)
    unit_table: UnitTable | None = field(default=None, repr=False, compare=False)

    def coefficient(self, variable: str) -> Coefficient:
        return next(c for c in self.coefficients if c.variable == variable)


def build_units(quotes: Iterable[Quote]) -> list[Unit]:
    """Group one article's quotes into units: at most one quote per coder, each pair of
    quotes in a unit overlapping by at least half of each. Larger overlaps join first."""
    ordered = sorted(quotes, key=lambda q: (q.start, q.start - q.end, q.annotator, q.uuid))
    groups = join_units([(q.start, q.end, q.annotator, q) for q in ordered])
    return [Unit(group[0].article_id, {q.annotator: q for q in group}) for group in groups]


def project_agreement(
    articles: Iterable[ArticleQuotes],
    annotators: Sequence[str],
    speaker_names: Mapping[int, str],
    frame_keys: Sequence[str],
) -> AgreementReport:
    """Every coefficient for ``annotators`` over ``articles``; see the module docstring."""
    articles = list(articles)
    table = QuoteTable.from_quotes([a.quotes for a in articles], annotators, frame_keys)
    return table_agreement(table, [a.article_id for a in articles],
                           [a.length for a in articles], annotators, speaker_names,
                           frame_keys)  # fmt: skip


def table_agreement(
    table: QuoteTable,
    article_ids: Sequence[int],
    lengths: Sequence[int],
    annotators: Sequence[str],
    speaker_names: Mapping[int, str],
    frame_keys: Sequence[str],
) -> AgreementReport:
    """:func:`project_agreement` from a :class:`QuoteTable` whose ``article`` column
    indexes ``article_ids`` and ``lengths``: the path of a project's report."""
    coders = list(annotators)
    m = len(coders)
    sizes = np.asarray(lengths, dtype=np.int64).reshape(-1)
    units = unitise(table, coders)

    # Detection: alpha_U per article, and on the articles laid end to end (Krippendorff's
    # pooling, as concatenate_continua does).
    quotes_in = np.bincount(table.article, minlength=len(sizes))
    each = unitized_sums(table.article, table.coder, table.start, table.end, sizes, m)
    per_article: dict[int, float | None] = {}
    for n, article_id in enumerate(article_ids):
        per_article[article_id] = _alpha_u_value(each, n, int(sizes[n]), m, int(quotes_in[n]))
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    start, end = table.start + offsets[table.article], table.end + offsets[table.article]
    total = np.array([int(sizes.sum())], np.int64)
    # One grouping of the pooled units serves every coder and every pair of coders.
    pooled = Continua(np.zeros(len(table), np.int64), table.coder, start, end, total, m)
    detection = _alpha_u(pooled.sums(range(m)), 0, int(total[0]), m, len(table),
                         units_if_undefined=len(table))  # fmt: skip
    coefficients = [Coefficient("detection", "krippendorff_alpha_u", "nominal", detection,
                                len(table), m)]  # fmt: skip

    # Attributes: nominal alpha on a coder x unit table of value codes per variable.
    for variable, (code, _values) in attribute_codes(table, speaker_names).items():
        result = nominal_alpha(units.codes(code))
        coefficients.append(Coefficient(variable, "krippendorff_alpha", "nominal", result,
                                        result.units, m))  # fmt: skip

    unit_start, unit_end = units.spans(table)
    first = units.first_rows()

    def unit(n: int) -> Unit:
        def quotes() -> dict[str, Quote]:
            return {coders[table.coder[row]]: table.quote(row) for row in units.rows(n)}

        return _TableUnit(int(table.article_id[first[n]]),
                          Span(int(unit_start[n]), int(unit_end[n])), quotes)  # fmt: skip

    return AgreementReport(
        annotators=tuple(coders),
        coefficients=coefficients,
        per_article=per_article,
        pairwise=_pairs(table, units, coders, pooled, int(total[0])),
        disagreements=_disagreements(table, units, coders, speaker_names, frame_keys),
        units=LazyList(len(units), unit),
        table=table,
        unit_table=units,
    )


def _alpha_u(
    sums: ContinuumSums, n: int, length: int, m: int, quotes: int, units_if_undefined: int = 0
) -> AgreementResult:
    """Alpha_U of continuum ``n`` from its sums, undefined as unitized_alpha_result says."""
    reason = (UndefinedReason.EMPTY_CONTINUUM if length == 0
              else UndefinedReason.FEWER_THAN_TWO_CODERS if m < 2
              else UndefinedReason.NO_UNITS if not quotes else None)  # fmt: skip
    if reason is not None:
        return AgreementResult(None, reason, units=units_if_undefined, coders=m)
    d_o, d_e = category_fractions(
        sums.observed[n], sums.numerator[n], sums.denominator[n], m, length
    )
    return category_result(d_o, d_e, sums.units[n], m)


def _alpha_u_value(sums: ContinuumSums, n: int, length: int, m: int, quotes: int) -> float | None:
    """``_alpha_u(...).value`` without Fractions, for the many per-article values.

    With D_o = 2 O / (m (m-1) L^2) and D_e = 2 N / (L D), 1 - D_o/D_e is the integer
    ratio (m (m-1) L N - O D) / (m (m-1) L N), and Python divides integers with correct
    rounding, as Fraction's float() does: the same float.
    """
    denominator = sums.denominator[n]
    if length == 0 or m < 2 or not quotes or denominator <= 0:
        return _alpha_u(sums, n, length, m, quotes).value  # undefined, or as it was
    numerator = sums.numerator[n]
    if numerator == 0:
        return None  # no variation
    scale = m * (m - 1) * length * numerator
    return (scale - sums.observed[n] * denominator) / scale


def _pairs(
    table: QuoteTable,
    units: UnitTable,
    coders: Sequence[str],
    pooled: Continua,
    length: int,
) -> list[Pair]:
    """Span F1 and pooled detection alpha_U for every pair of coders.

    Two coders' quotes match when they fall in the same unit (overlap by at least half
    of each, one quote per coder), so F1 and the coefficients count the same units.
    """
    present = units.members >= 0
    pairs = []
    for first, second in combinations(range(len(coders)), 2):
        quotes = int(((table.coder == first) | (table.coder == second)).sum())
        alpha = _alpha_u(pooled.sums([first, second]), 0, length, 2, quotes)
        scores = SpanScores.from_counts(int((present[:, first] & present[:, second]).sum()),
                                        int(present[:, first].sum()),
                                        int(present[:, second].sum()))  # fmt: skip
        pairs.append(Pair(coders[first], coders[second], scores, alpha.value))
    return pairs


def _disagreements(
    table: QuoteTable,
    units: UnitTable,
    coders: Sequence[str],
    speaker_names: Mapping[int, str],
    frame_keys: Sequence[str],
) -> Sequence[Disagreement]:
    """Units where the coders differ, by article and start; each made when it is read."""
    members, m = units.members, len(coders)
    if not len(units):
        return LazyList(0, lambda n: None)
    present = members >= 0
    first = units.first_rows()

    def differs(column: np.ndarray) -> np.ndarray:
        other = column[members]
        unequal = other != column[first][:, None]
        if unequal.ndim == 3:  # frames: any key
            unequal = unequal.any(axis=2)
        return (present & unequal).any(axis=1)

    flags = [
        ("detection", present.sum(axis=1) < m),
        ("boundaries", differs(table.start) | differs(table.end)),
        ("speaker", differs(table.speaker)),
        ("kind", differs(table.kind)),
        ("frames", differs(table.frames)),
    ]
    found = np.flatnonzero(np.logical_or.reduce([flag for _, flag in flags]))
    unit_start, unit_end = units.spans(table)
    article = table.article_id[first]
    found = found[np.lexsort((found, unit_start[found], article[found]))]

    def make(n: int) -> Disagreement:
        unit = int(found[n])
        coded = {}
        for row in units.rows(unit):
            speaker = int(table.speaker[row])
            coded[coders[table.coder[row]]] = {
                "span": (int(table.start[row]), int(table.end[row])),
                "speaker": speaker_names.get(speaker) if speaker and speaker != NO_SPEAKER
                else None,
                "kind": KINDS[table.kind[row]].value,
                "frames": tuple(sorted(k for k, on in zip(frame_keys, table.frames[row],
                                                          strict=True) if on)),
            }  # fmt: skip
        return Disagreement(
            int(article[unit]), Span(int(unit_start[unit]), int(unit_end[unit])),
            tuple(name for name, flag in flags if flag[unit]), coded,
        )  # fmt: skip

    return LazyList(len(found), make)


NO_FRAME = "(none)"


def frame_confusion(
    units: Sequence[Unit], first: str, second: str, frame_keys: Sequence[str]
) -> dict[tuple[str, str], int]:
    """How the two coders' frames meet on the units both of them marked.

    Each frame of the first coder's quote is counted against each frame of the
    second's (``(none)`` for a quote without frames), so the diagonal holds the
    frames they share. Keys are ``(first coder's frame, second coder's frame)``.
    """
    keys = set(frame_keys)
    counts: dict[tuple[str, str], int] = {}
    for unit in units:
        if first not in unit.quotes or second not in unit.quotes:
            continue
        rows = sorted(unit.quotes[first].frames & keys) or [NO_FRAME]
        columns = sorted(unit.quotes[second].frames & keys) or [NO_FRAME]
        for row in rows:
            for column in columns:
                counts[row, column] = counts.get((row, column), 0) + 1
    return counts
