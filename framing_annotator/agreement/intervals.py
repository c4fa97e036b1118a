"""Bootstrapped intervals for every coefficient of a project's agreement report.

The report (``project.py``) gives each coefficient on the data; this module reads the
same units back into reliability data and resamples them (``bootstrap.py``): the units
of quotes for speaker, kind and frames, the articles for detection (alpha_U). One seed
serves every variable, so all of them are drawn from the same resampled units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import repeat

import numpy as np

from .bootstrap import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    BootstrapInterval,
    bootstrap_alpha,
    bootstrap_unitized_alpha,
)
from .project import DETECTION, AgreementReport, Unit
from .table import attribute_codes


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


def _table_attribute_data(
    report: AgreementReport, variable: str, speaker_names: Mapping[int, str]
) -> list[list[object]]:
    """:func:`attribute_data` of ``report.units``, read off its unit table (no Quote objects)."""
    code, values = attribute_codes(report.table, speaker_names)[variable]
    lookup = np.array([*values, None], dtype=object)  # code -1 -> None
    return lookup[report.unit_table.codes(code)].tolist()


def _table_detection_documents(
    report: AgreementReport, lengths: Mapping[int, int]
) -> list[tuple[int, list[tuple[str, int, int, str]]]]:
    """:func:`detection_documents`, read off the report's unit table."""
    table, units = report.table, report.unit_table
    marked: dict[int, list[tuple[str, int, int, str]]] = {a: [] for a in report.per_article}
    unit, rows = units.ordered_rows()
    if len(rows):
        article = table.article_id[units.first_rows()][unit]
        coders = np.array(report.annotators, dtype=object)[table.coder[rows]].tolist()
        sizes = (table.end[rows] - table.start[rows]).tolist()
        quotes = list(zip(coders, table.start[rows].tolist(), sizes, repeat(DETECTION),
                          strict=False))  # fmt: skip
        # Units come article by article: one slice of quotes per run of the same article.
        bounds = [0, *(np.flatnonzero(np.diff(article)) + 1).tolist(), len(rows)]
        for low, high in zip(bounds, bounds[1:], strict=False):
            marked[int(article[low])].extend(quotes[low:high])
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
    tabled = report.table is not None and report.unit_table is not None
    intervals: dict[str, BootstrapInterval] = {}
    for coefficient in report.coefficients:
        if coefficient.variable == "detection":
            documents = (_table_detection_documents(report, lengths) if tabled
                         else detection_documents(report, lengths))  # fmt: skip
            intervals["detection"] = bootstrap_unitized_alpha(
                documents, coders, draws=draws, seed=seed
            )
        else:
            data = (
                _table_attribute_data(report, coefficient.variable, speaker_names)
                if tabled
                else attribute_data(report.units, coders, coefficient.variable, speaker_names)
            )
            intervals[coefficient.variable] = bootstrap_alpha(
                data, coefficient.level, draws=draws, seed=seed
            )
    return intervals
