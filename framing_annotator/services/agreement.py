"""Agreement for a project: which coders and articles to compare, then the report.

:func:`reliability` is what the window and ``framing-annotator agreement`` show: the
report, a bootstrapped interval for every coefficient, and :func:`coefficient_rows`, the
one table both of them print (plain names, the units each figure rests on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..agreement import names
from ..agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED, BootstrapInterval
from ..agreement.intervals import report_intervals
from ..agreement.names import about, coefficient_name, variable_label
from ..agreement.project import AgreementReport, ArticleQuotes, table_agreement, verdict
from ..agreement.table import QuoteTable
from ..domain.errors import InvalidValue
from ..domain.model import GOLD, Origin, Quote
from ..store.quote_columns import QuoteColumns
from ..store.repository import Repository
from .batch import collector_paused

# What a unit is, in the words the window's header and tooltips use (the ui reaches the
# agreement package only through this module).
UNIT_DEFINITION = names.UNIT_DEFINITION
UNITS_BEHIND = names.UNITS_BEHIND


@dataclass(frozen=True)
class Inputs:
    """What a report is computed from: the chosen coders, articles, speakers and frames.

    The quotes stay columns (``quotes``) until ``articles`` or ``everyone`` is read: a
    report needs no Quote objects, the coder diagnostics do.
    """

    coders: list[str]
    article_ids: list[int]  # sorted
    lengths: dict[int, int]
    quotes: QuoteColumns  # every quote of the project
    speaker_names: dict[int, str]
    frame_keys: list[str]
    frame_labels: dict[str, str]

    @cached_property
    def everyone(self) -> list[ArticleQuotes]:
        """The chosen articles with every annotator's quotes (gold too)."""
        by_article: dict[int, list[Quote]] = {a: [] for a in self.article_ids}
        for row in np.flatnonzero(np.isin(self.quotes.article_id, self.article_ids)).tolist():
            quote = self.quotes.quote(row)
            by_article[quote.article_id].append(quote)
        return [
            ArticleQuotes(a, self.lengths[a],
                          sorted(by_article[a], key=lambda q: (q.start, q.end, q.created_at)))
            for a in self.article_ids
        ]  # fmt: skip

    @cached_property
    def articles(self) -> list[ArticleQuotes]:
        """The chosen articles with the compared coders' quotes."""
        compared = set(self.coders)
        return [
            ArticleQuotes(a.article_id, a.length, [q for q in a.quotes if q.annotator in compared])
            for a in self.everyone
        ]

    def table(self) -> QuoteTable:
        """The compared coders' quotes on the chosen articles, as the report reads them."""
        return QuoteTable.from_columns(self.quotes, self.article_ids, self.coders, self.frame_keys)


def agreement_inputs(
    repo: Repository,
    *,
    annotators: Sequence[str] | None = None,
    article_ids: Sequence[int] | None = None,
    frame_keys: Sequence[str] | None = None,
) -> Inputs:
    """The coders (default: everyone with a quote, but ``gold``) and their articles.

    Without ``article_ids``, an article counts when every compared coder has worked on
    it (a quote, or the article marked in progress or done): an article someone has not
    opened yet says nothing about agreement. ``everyone`` keeps every annotator's quotes
    on those articles, so that gold can be compared with each coder on the same articles.
    """
    known = [a.name for a in repo.annotators()]
    quotes = repo.quote_columns()  # the one read of the quotes
    coding = sorted(quotes.annotators[i] for i in np.unique(quotes.annotator_id).tolist()
                    if quotes.annotators[i] != GOLD)  # fmt: skip
    coders = list(annotators) if annotators else coding
    unknown = [name for name in coders if name not in known]
    if unknown:
        raise InvalidValue(
            f"no annotator named {', '.join(unknown)} in this project "
            f"(annotators: {', '.join(known) or 'none yet'})"
        )
    codebook = repo.codebook()
    codebook_keys = list(codebook.keys)
    keys = list(frame_keys) if frame_keys else codebook_keys
    bad_keys = [key for key in keys if key not in codebook_keys]
    if bad_keys:
        raise InvalidValue(f"no frame {', '.join(bad_keys)} in the codebook")

    lengths = quotes.article_lengths
    if not coders:
        chosen: list[int] = []
    elif article_ids is None:
        # Worked on by every compared coder: a quote, or a status other than not started.
        worked = {coder: set() for coder in coders}
        for (article_id, name), status in repo.article_statuses().items():
            if status != "not_started" and name in worked:
                worked[name].add(article_id)
        for annotator_id, name in quotes.annotators.items():
            if name in worked:
                mine = quotes.article_id[quotes.annotator_id == annotator_id]
                worked[name].update(np.unique(mine).tolist())
        chosen = [a for a in lengths if all(a in worked[coder] for coder in coders)]
    else:
        missing = [a for a in article_ids if a not in lengths]
        if missing:
            raise InvalidValue(f"no article {', '.join(map(str, missing))} in this project")
        chosen = list(article_ids)
    chosen = sorted(set(chosen))
    return Inputs(
        coders,
        chosen,
        {a: lengths[a] for a in chosen},
        quotes,
        {s.id: s.name for s in repo.speakers()},
        keys,
        {frame.key: frame.label for frame in codebook.frames},
    )


def _report(inputs: Inputs) -> AgreementReport:
    return table_agreement(inputs.table(), inputs.article_ids,
                           [inputs.lengths[a] for a in inputs.article_ids], inputs.coders,
                           inputs.speaker_names, inputs.frame_keys)  # fmt: skip


def agreement_report(
    repo: Repository,
    *,
    annotators: Sequence[str] | None = None,
    article_ids: Sequence[int] | None = None,
    frame_keys: Sequence[str] | None = None,
) -> AgreementReport:
    """Coefficients for ``annotators``; see :func:`agreement_inputs` for the defaults."""
    with collector_paused():  # a report makes many small objects and no cycles
        inputs = agreement_inputs(
            repo, annotators=annotators, article_ids=article_ids, frame_keys=frame_keys
        )
        return _report(inputs)


# --------------------------------------------------------------------------- reliability


@dataclass(frozen=True)
class Reliability:
    """A report with an interval for each coefficient (``draws`` = 0: no intervals)."""

    report: AgreementReport
    inputs: Inputs
    intervals: dict[str, BootstrapInterval] = field(default_factory=dict)
    draws: int = 0
    seed: int = DEFAULT_SEED

    @property
    def article_count(self) -> int:
        return len(self.report.per_article)

    @property
    def unit_count(self) -> int:
        """Every unit: the stretches of text any compared coder marked as a quote."""
        return len(self.report.units)

    @property
    def shared_unit_count(self) -> int:
        """Units marked by two or more coders: the most any attribute alpha can rest on."""
        units = self.report.unit_table
        if units is None:
            return sum(1 for unit in self.report.units if len(unit.quotes) >= 2)
        return int(((units.members >= 0).sum(axis=1) >= 2).sum())

    def units_behind(self, variable: str) -> int:
        """The units a figure rests on: all of them for detection (alpha_U compares every
        stretch, including those only one coder marked), else those with two values."""
        if variable == "detection":
            return self.unit_count
        return self.report.coefficient(variable).units


def reliability(
    repo: Repository,
    *,
    annotators: Sequence[str] | None = None,
    article_ids: Sequence[int] | None = None,
    frame_keys: Sequence[str] | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> Reliability:
    """The agreement report with ``draws`` bootstrap resamples drawn with ``seed``."""
    with collector_paused():  # a report makes many small objects and no cycles
        inputs = agreement_inputs(
            repo, annotators=annotators, article_ids=article_ids, frame_keys=frame_keys
        )
        report = _report(inputs)
        intervals = (
            report_intervals(report, inputs.lengths, inputs.speaker_names, draws=draws,
                             seed=seed)
            if draws and len(inputs.coders) >= 2
            else {}
        )  # fmt: skip
    return Reliability(report, inputs, intervals, draws, seed)


def summary_line(rel: Reliability) -> str:
    """The header of the window and of the command's table: what was compared, with the
    one count of units that the table's Units column also uses."""
    articles = rel.article_count
    coders = ", ".join(rel.report.annotators) or "nobody yet"
    return (
        f"{articles} article{'' if articles == 1 else 's'} coded by all of {coders} · "
        f"{rel.unit_count} unit{'' if rel.unit_count == 1 else 's'}, "
        f"{rel.shared_unit_count} marked by two or more coders · "
        f"{len(rel.report.disagreements)} with disagreements"
    )


def coefficient_rows(rel: Reliability) -> list[dict]:
    """One row per coefficient: what the window's table, the CLI table, JSON and CSV show."""
    rows = []
    for c in rel.report.coefficients:
        interval = rel.intervals.get(c.variable)
        rows.append(
            {
                "variable": c.variable,
                "label": variable_label(c.variable, rel.inputs.frame_labels),
                "coefficient": c.coefficient,
                "name": coefficient_name(c.coefficient, c.level),
                "level": c.level,
                "value": c.value,
                "ci_low": interval.low if interval else None,
                "ci_high": interval.high if interval else None,
                "q_below_0667": interval.q_below_0667 if interval else None,
                "q_below_0800": interval.q_below_0800 if interval else None,
                "units": rel.units_behind(c.variable),
                "coders": c.coders,
                "verdict": verdict(c.value),
                "reason": c.reason,
                "about": about(c.variable),
            }
        )
    return rows


def origin_counts(rel: Reliability) -> dict[str, dict[str, int]]:
    """Per coder: how many compared quotes began as an accepted suggestion, how many by hand.

    Reviewers ask about automation bias: coders who accept suggestions may agree with
    each other because they agree with the machine.
    """
    table = rel.report.table
    if table is not None:  # every compared quote is in one unit
        return {coder: {"quotes": int((table.coder == n).sum()),
                        "from_suggestions": int(table.suggested[table.coder == n].sum())}
                for n, coder in enumerate(rel.report.annotators)}  # fmt: skip
    counts = {coder: {"quotes": 0, "from_suggestions": 0} for coder in rel.report.annotators}
    for unit in rel.report.units:
        for coder, quote in unit.quotes.items():
            counts[coder]["quotes"] += 1
            counts[coder]["from_suggestions"] += quote.origin == Origin.SUGGESTION
    return counts
