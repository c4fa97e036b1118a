"""Bootstrapped intervals for every coefficient of a project's agreement report.

The report (``project.py``) gives each coefficient on the data; this module reads the
same units back into reliability data and resamples them (``bootstrap.py``): the units
of quotes for speaker, kind and frames, the articles for detection (alpha_U). One seed
serves every variable, so all of them are drawn from the same resampled units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .bootstrap import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    BootstrapInterval,
    bootstrap_alpha,
    bootstrap_unitized_alpha,
)
from .project import DETECTION, AgreementReport, Unit


def attribute_data(
    units: Sequence[Unit],
    coders: Sequence[str],
    variable: str,
    speaker_names: Mapping[int, str],
) -> list[list[object]]:
    """Coder rows x unit columns for ``speaker``, ``kind`` or ``frame:<key>``, with
    ``None`` where a coder has no quote in the unit (or a quote without a speaker)."""
    if variable == "speaker":
        def value_of(q):
            return speaker_names.get(q.speaker_id) if q.speaker_id else None
    elif variable == "kind":
        def value_of(q):
            return q.kind.value
    elif variable.startswith("frame:"):
        key = variable.removeprefix("frame:")

        def value_of(q):
            return int(key in q.frames)
    else:
        raise ValueError(f"no reliability data for the variable {variable!r}")
    return [[value_of(u.quotes[c]) if c in u.quotes else None for u in units] for c in coders]


def detection_documents(
    report: AgreementReport, lengths: Mapping[int, int]
) -> list[tuple[int, list[tuple[str, int, int, str]]]]:
    """Each compared article as ``(length, quotes as alpha_U units)``."""
    marked: dict[int, list[tuple[str, int, int, str]]] = {a: [] for a in report.per_article}
    for unit in report.units:
        for coder, quote in unit.quotes.items():
            marked[unit.article_id].append((coder, quote.start, len(quote.span), DETECTION))
    return [(lengths[article_id], marked[article_id]) for article_id in report.per_article]


def report_intervals(
    report: AgreementReport,
    lengths: Mapping[int, int],
    speaker_names: Mapping[int, str],
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, BootstrapInterval]:
    """An interval for each coefficient of ``report``, by variable.

    ``lengths`` gives each article's text length (by id), ``speaker_names`` the canonical
    speaker names, as for :func:`~framing_annotator.agreement.project.project_agreement`.
    """
    coders = list(report.annotators)
    intervals: dict[str, BootstrapInterval] = {}
    for coefficient in report.coefficients:
        if coefficient.variable == "detection":
            intervals["detection"] = bootstrap_unitized_alpha(
                detection_documents(report, lengths), coders, draws=draws, seed=seed
            )
        else:
            data = attribute_data(report.units, coders, coefficient.variable, speaker_names)
            intervals[coefficient.variable] = bootstrap_alpha(
                data, coefficient.level, draws=draws, seed=seed
            )
    return intervals
