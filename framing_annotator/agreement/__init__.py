"""Inter-annotator agreement: reliability coefficients for researchers' own scripts.

Plain Python (the standard library, and numpy for the bootstrap and a whole project's
report), with no Qt, no project file and no spaCy, so it can be imported on its own::

    from framing_annotator.agreement import (
        krippendorff_alpha, cohen_kappa, fleiss_kappa, unitized_alpha, span_f1,
    )

    krippendorff_alpha([[1, 2, 3, None], [1, 2, 4, 4]], level="ordinal")
    cohen_kappa(["threat", "none", "threat"], ["threat", "threat", "threat"])
    fleiss_kappa([[0, 3], [1, 2], [3, 0]])   # subjects x categories rating counts
    unitized_alpha(120, [("ana", 5, 30, "quote"), ("ben", 7, 28, "quote")])
    span_f1([(5, 35)], [(7, 35), (60, 80)])  # precision, recall, F1

What each function computes:

- ``krippendorff_alpha(data, level)``: Krippendorff's alpha for coder rows x units, with
  ``None`` for a missing value, at the nominal, ordinal, interval or ratio level
  (Krippendorff 2011). Units with fewer than two values cannot be paired and are ignored.
- ``cohen_kappa(a, b)``: Cohen's (1960) kappa for two coders; items that either coder left
  out (``None``) are dropped.
- ``fleiss_kappa(counts)``: Fleiss' (1971) kappa for a subjects x categories count matrix,
  with the same number of ratings for every subject.
- ``unitized_alpha(length, units, coders=...)``: Krippendorff's alpha_U for units marked on
  a continuum ``[0, length)``, such as quotes in an article, overall and per category
  (Krippendorff 1995, 2004; the variant of DKPro Agreement).
- ``bootstrap_alpha(data, level, draws=1000, seed=...)`` and
  ``bootstrap_unitized_alpha(documents, coders, ...)``: the coefficient with a
  bootstrapped 95% interval (units, or articles for alpha_U, drawn with replacement) and
  q(alpha < 0.667), q(alpha < 0.800) (Hayes and Krippendorff 2007); see ``bootstrap.py``.
- ``span_f1``, ``match_spans``, ``spans_match``: one-to-one matching of two annotators'
  spans (exact, at least half of each as in QUOTES.md, any overlap, or a threshold) and
  span precision, recall and F1.

Every coefficient is computed exactly (integers and fractions) from its definition and
returned as a ``float``, or as ``None`` when the definition leaves it undefined: no data,
fewer than two coders, no unit coded twice, or no variation (all values the same, 0/0).
The ``*_result`` variants return an :class:`AgreementResult` whose ``reason`` says why,
and which also carries the observed and expected (dis)agreement and the counts.

Krippendorff (2004, p. 241) suggests relying on variables with alpha >= 0.800 and drawing
only tentative conclusions from those with 0.667 <= alpha < 0.800.
"""

from .bootstrap import BootstrapInterval, bootstrap_alpha, bootstrap_unitized_alpha
from .coefficients import (
    AgreementResult,
    UndefinedReason,
    cohen_kappa,
    cohen_kappa_result,
    fleiss_kappa,
    fleiss_kappa_result,
    krippendorff_alpha,
    krippendorff_alpha_result,
)
from .spans import SpanScores, match_spans, span_f1, spans_match
from .unitizing import (
    UnitizedResult,
    concatenate_continua,
    unitized_alpha,
    unitized_alpha_result,
)

__all__ = [
    "AgreementResult",
    "BootstrapInterval",
    "SpanScores",
    "UndefinedReason",
    "UnitizedResult",
    "bootstrap_alpha",
    "bootstrap_unitized_alpha",
    "cohen_kappa",
    "cohen_kappa_result",
    "concatenate_continua",
    "fleiss_kappa",
    "fleiss_kappa_result",
    "krippendorff_alpha",
    "krippendorff_alpha_result",
    "match_spans",
    "span_f1",
    "spans_match",
    "unitized_alpha",
    "unitized_alpha_result",
]
