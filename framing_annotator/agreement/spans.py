"""Matching two annotators' spans, and span precision, recall and F1 between them.

A span is a :class:`~framing_annotator.domain.spans.Span` or a ``(start, end)`` pair of
code-point offsets, ``[start, end)``. Two spans *match* under one of these rules:

- ``"exact"``: same start and same end;
- ``"half"`` (default): they overlap by at least half of each span, the rule by which
  QUOTES.md decides that two quotes are the same unit
  (:func:`framing_annotator.domain.spans.same_unit`);
- ``"overlap"``: they share at least one code point;
- a number t in (0, 1]: they overlap by at least t times the length of each span
  (0.5 is ``"half"``, 1.0 is ``"exact"``).

Scores count a *one-to-one* matching: each span is matched at most once, and the matching
is a maximum one (as many pairs as the rule allows), so duplicates or a span split in two
do not count twice. Among maximum matchings, pairs with larger overlap are preferred.
With r reference spans, p predicted spans and t matched pairs::

    precision = t / p,   recall = t / r,   F1 = 2 t / (r + p)

F1 is symmetric, so for two annotators it does not matter who is the "reference";
precision and recall swap. A score is ``None`` when its denominator is 0 (no predicted
spans, no reference spans, or neither).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Literal, NamedTuple

from ..domain.spans import Span, same_unit

SpanLike = Span | tuple[int, int]
MatchRule = Literal["exact", "half", "overlap"] | float


class SpanScores(NamedTuple):
    """Precision, recall and F1 of predicted spans against reference spans (None if 0/0)."""

    precision: float | None
    recall: float | None
    f1: float | None

    @classmethod
    def from_counts(cls, matched: int, n_reference: int, n_predicted: int) -> SpanScores:
        """Scores from counts, e.g. summed over many articles (micro-average)."""
        if not 0 <= matched <= min(n_reference, n_predicted):
            raise ValueError(
                f"matched ({matched}) must lie between 0 and the smaller of "
                f"n_reference ({n_reference}) and n_predicted ({n_predicted})"
            )
        precision = matched / n_predicted if n_predicted else None
        recall = matched / n_reference if n_reference else None
        total = n_reference + n_predicted
        f1 = 2 * matched / total if total else None
        return cls(precision, recall, f1)


def _as_span(span: SpanLike) -> Span:
    if isinstance(span, Span):
        return span
    start, end = span
    return Span(start, end)


def _threshold(match: MatchRule) -> Fraction | None:
    """The overlap share that ``match`` requires, exactly; None for the exact rule.

    A float threshold is read as the decimal it prints as (0.3 is 3/10), so that
    ``overlap >= t * length`` is not spoiled by binary rounding.
    """
    if match == "exact":
        return None
    if match == "half":
        return Fraction(1, 2)
    if match == "overlap":
        return Fraction(0)
    if isinstance(match, (int, float)) and not isinstance(match, bool) and 0 < match <= 1:
        return Fraction(str(match))
    raise ValueError(
        f"match must be 'exact', 'half', 'overlap' or a number in (0, 1], got {match!r}"
    )


def _matches(a: Span, b: Span, threshold: Fraction | None) -> bool:
    if threshold is None:
        return a == b
    if threshold == Fraction(1, 2):
        return same_unit(a, b)
    shared = a.overlap(b)
    if threshold == 0:
        return shared > 0
    return shared > 0 and shared >= threshold * len(a) and shared >= threshold * len(b)


def spans_match(a: SpanLike, b: SpanLike, *, match: MatchRule = "half") -> bool:
    """Whether two spans match under ``match`` (see the module docstring for the rules)."""
    return _matches(_as_span(a), _as_span(b), _threshold(match))


def match_spans(
    reference: Iterable[SpanLike], predicted: Iterable[SpanLike], *, match: MatchRule = "half"
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching, as sorted ``(reference index, predicted index)`` pairs.

    Candidate pairs are found with a sorted sweep, and the matching is grown with augmenting
    paths (Kuhn's algorithm), trying larger overlaps first. For the few, mostly disjoint
    quotes of an article this is close to linear.
    """
    threshold = _threshold(match)
    refs = [_as_span(span) for span in reference]
    preds = [_as_span(span) for span in predicted]
    if not refs or not preds:
        return []

    order = sorted(range(len(preds)), key=lambda j: (preds[j].start, preds[j].end))
    starts = [preds[j].start for j in order]
    longest = max(len(span) for span in preds)
    candidates: list[list[int]] = []
    for ref in refs:
        # A predicted span overlapping ref starts in (ref.start - longest, ref.end).
        lo = bisect_left(starts, ref.start - longest + 1)
        hi = bisect_left(starts, ref.end)
        found = [order[p] for p in range(lo, hi) if _matches(ref, preds[order[p]], threshold)]
        found.sort(key=lambda j: (-ref.overlap(preds[j]), j))
        candidates.append(found)

    ref_partner: list[int | None] = [None] * len(refs)
    pred_partner: list[int | None] = [None] * len(preds)
    for root in sorted(range(len(refs)), key=lambda i: (refs[i].start, refs[i].end, i)):
        if candidates[root]:
            _augment(root, candidates, ref_partner, pred_partner)
    return [(i, j) for i, j in enumerate(ref_partner) if j is not None]


def _augment(
    root: int,
    candidates: Sequence[Sequence[int]],
    ref_partner: list[int | None],
    pred_partner: list[int | None],
) -> bool:
    """Find an augmenting path from the unmatched reference ``root`` and flip it (iterative)."""
    visited: set[int] = set()
    path_refs = [root]
    path_preds: list[int] = []  # path_preds[k] is the predicted span chosen at path_refs[k]
    iterators = [iter(candidates[root])]
    while iterators:
        for pred in iterators[-1]:
            if pred not in visited:
                break
        else:
            iterators.pop()
            path_refs.pop()
            if path_preds:
                path_preds.pop()
            continue
        visited.add(pred)
        path_preds.append(pred)
        holder = pred_partner[pred]
        if holder is None:
            for ref, chosen in zip(path_refs, path_preds, strict=True):
                ref_partner[ref] = chosen
                pred_partner[chosen] = ref
            return True
        path_refs.append(holder)
        iterators.append(iter(candidates[holder]))
    return False


def span_f1(
    reference: Iterable[SpanLike], predicted: Iterable[SpanLike], *, match: MatchRule = "half"
) -> SpanScores:
    """Span precision, recall and F1 of ``predicted`` against ``reference``.

    Uses the maximum one-to-one matching of :func:`match_spans` under ``match`` (default
    ``"half"``, the QUOTES.md unit rule). Returns a :class:`SpanScores` that unpacks as
    ``precision, recall, f1``; a score is ``None`` when its denominator is 0.
    """
    refs = list(reference)
    preds = list(predicted)
    pairs = match_spans(refs, preds, match=match)
    return SpanScores.from_counts(len(pairs), len(refs), len(preds))
