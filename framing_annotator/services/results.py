"""Results: crosstabs of coded quotes (frames by outlet, speaker type, month, annotator) and
top speakers, the tables researchers publish. Qt-free, for the window and ``report``.

The core (:func:`crosstab`, :func:`top_speakers`, :func:`wilson`) works on plain rows,
one mapping per quote, so it serves a project, a CSV export or a Parquet corpus alike. A
field may hold one value or several (a quote's frames): a quote then counts once in each.

Percentages (and their Wilson intervals):

- **row %**: of the quotes in the row (e.g. with the frame), the share in this column
  (e.g. from this outlet). A row's shares add up to 100% when each quote has one column
  value.
- **column %**: of the quotes in the column, the share in this row: "31% of the quotes
  in outlet A carry the threat frame". Since a quote can carry several frames, a column's
  shares can add up to more than 100%.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from ..domain.errors import InvalidValue
from ..domain.model import GOLD
from ..store.repository import Repository

DIMENSIONS = ("frame", "outlet", "speaker_type", "month", "annotator", "speaker", "kind")
NO_FRAME = "(no frame)"
NO_OUTLET = "(no outlet)"
NO_DATE = "(no date)"
NO_SPEAKER = "(no speaker)"
NO_TYPE = "(no type)"
Z_95 = 1.959963984540054  # the 97.5th percentile of the standard normal

_MONTH = re.compile(r"^(\d{4})-(\d{2})")
_DAY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float | None, float | None]:
    """Wilson's (1927) score interval for a proportion; ``(None, None)`` when ``trials`` is 0.

    Unlike p ± z·se it stays within [0, 1] and is fair for small counts and shares near 0
    or 1 (Agresti and Coull 1998), which crosstabs of quotes are full of.
    """
    if trials == 0:
        return None, None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Cell:
    row: str
    col: str
    count: int
    row_pct: float | None
    row_low: float | None
    row_high: float | None
    col_pct: float | None
    col_low: float | None
    col_high: float | None


@dataclass(frozen=True)
class Crosstab:
    rows: str  # the dimension down the side, e.g. "frame"
    cols: str  # the dimension across, e.g. "outlet"
    row_categories: list[str]
    col_categories: list[str]
    cells: list[Cell]  # row by row, every pair of categories (zeros included)
    row_totals: dict[str, int]  # quotes in each row
    col_totals: dict[str, int]  # quotes in each column
    total: int  # quotes

    def cell(self, row: str, col: str) -> Cell:
        return next(c for c in self.cells if c.row == row and c.col == col)

    def as_json(self, labels: Mapping[str, str] | None = None) -> dict:
        return {
            "rows": self.rows,
            "cols": self.cols,
            "row_categories": self.row_categories,
            "col_categories": self.col_categories,
            "labels": dict(labels or {}),
            "total": self.total,
            "row_totals": self.row_totals,
            "col_totals": self.col_totals,
            "cells": [asdict(cell) for cell in self.cells],
        }


def _values(record: Mapping[str, object], field: str) -> tuple[str, ...]:
    value = record.get(field)
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(str(v) for v in value)
    return (str(value),) if value is not None else ()


def _ordered(seen: Iterable[str], order: Sequence[str] | None) -> list[str]:
    """Every category of ``order`` (seen or not: a frame nobody used is a row of zeros),
    then any others sorted, with "(no ...)" last."""
    first = list(order or [])
    rest = set(seen) - set(first)
    return first + sorted(rest, key=lambda c: (c.startswith("("), c.casefold()))


def crosstab(
    records: Iterable[Mapping[str, object]],
    rows: str,
    cols: str,
    *,
    row_order: Sequence[str] | None = None,
    col_order: Sequence[str] | None = None,
) -> Crosstab:
    """Counts, row and column percentages with Wilson 95% intervals of ``rows`` x ``cols``.

    ``records`` are plain mappings (one per quote); ``rows`` and ``cols`` name fields. A
    record with several values in a field counts once for each. Percentages are shares
    (0-1). ``row_order``/``col_order`` list categories to show first, in that order, even
    without quotes (e.g. the codebook's frames); categories seen besides follow, sorted.
    """
    counts: Counter[tuple[str, str]] = Counter()
    row_totals: Counter[str] = Counter()
    col_totals: Counter[str] = Counter()
    total = 0
    for record in records:
        down, across = _values(record, rows), _values(record, cols)
        total += 1
        for r in set(down):
            row_totals[r] += 1
        for c in set(across):
            col_totals[c] += 1
        for r in set(down):
            for c in set(across):
                counts[r, c] += 1
    row_categories = _ordered(row_totals, row_order)
    col_categories = _ordered(col_totals, col_order)
    cells = []
    for r in row_categories:
        for c in col_categories:
            n = counts[r, c]
            row_low, row_high = wilson(n, row_totals[r])
            col_low, col_high = wilson(n, col_totals[c])
            cells.append(Cell(
                r, c, n,
                n / row_totals[r] if row_totals[r] else None, row_low, row_high,
                n / col_totals[c] if col_totals[c] else None, col_low, col_high,
            ))  # fmt: skip
    return Crosstab(rows, cols, row_categories, col_categories, cells,
                    {r: row_totals[r] for r in row_categories},
                    {c: col_totals[c] for c in col_categories}, total)  # fmt: skip


def top_speakers(records: Iterable[Mapping[str, object]], limit: int = 10) -> list[dict]:
    """The most quoted speakers with their type and how often each frame came with them."""
    quotes: Counter[str] = Counter()
    frames: dict[str, Counter[str]] = {}
    types: dict[str, str] = {}
    for record in records:
        speaker = str(record.get("speaker") or NO_SPEAKER)
        if speaker == NO_SPEAKER:
            continue
        quotes[speaker] += 1
        types[speaker] = str(record.get("speaker_type") or NO_TYPE)
        frames.setdefault(speaker, Counter()).update(_values(record, "frame"))
    ranked = sorted(quotes, key=lambda s: (-quotes[s], s.casefold()))[:limit]
    return [
        {"speaker": s, "speaker_type": types[s], "quotes": quotes[s], "frames": dict(
            sorted(frames[s].items(), key=lambda item: (-item[1], item[0])))}
        for s in ranked
    ]  # fmt: skip


# --------------------------------------------------------------------------- a project


@dataclass(frozen=True)
class Filters:
    """Which quotes a result counts. ``annotator`` None: gold where any gold exists, else
    every coder's quotes (then a quote coded by two coders counts twice); for a table by
    annotator, every annotator's."""

    annotator: str | None = None
    outlets: tuple[str, ...] = ()
    date_from: str = ""  # ISO dates, inclusive; an article without a date is left out
    date_to: str = ""

    def describe(self, layer: str) -> str:
        parts = [f"quotes of {layer}"]
        if self.outlets:
            parts.append(f"outlets {', '.join(self.outlets)}")
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '…'} to {self.date_to or '…'}")
        return "; ".join(parts)


@dataclass(frozen=True)
class QuoteRecords:
    records: list[dict]
    layer: str  # "gold", an annotator's name, or "every coder"
    frame_labels: dict[str, str]
    frame_order: list[str]
    description: str


def month_of(date: str) -> str:
    match = _MONTH.match(date or "")
    return f"{match.group(1)}-{match.group(2)}" if match else NO_DATE


def quote_records(
    repo: Repository, filters: Filters | None = None, *, by_annotator: bool = False
) -> QuoteRecords:
    """One plain row per quote of the chosen layer, with its article's outlet and month.

    ``by_annotator``: the table compares annotators, so without an ``annotator`` filter
    every annotator's quotes (gold too) are counted.
    """
    filters = filters or Filters()
    for bound in (filters.date_from, filters.date_to):
        if bound and not _DAY.match(bound):
            raise InvalidValue(f"a date must be written YYYY-MM-DD, got {bound!r}")
    names = {a.name for a in repo.annotators()}
    quotes = repo.quotes()
    if filters.annotator is None and by_annotator:
        layer = "every annotator"
    elif filters.annotator is None:
        layer = GOLD if any(q.annotator == GOLD for q in quotes) else "every coder"
    elif filters.annotator not in names:
        raise InvalidValue(
            f"no annotator named {filters.annotator} in this project "
            f"(annotators: {', '.join(sorted(names)) or 'none yet'})"
        )
    else:
        layer = filters.annotator
    if layer == "every coder":
        quotes = [q for q in quotes if q.annotator != GOLD]
    elif layer != "every annotator":
        quotes = [q for q in quotes if q.annotator == layer]
    articles = {s.id: s for s in repo.article_summaries()}
    known_outlets = {s.outlet for s in articles.values()}
    unknown = [o for o in filters.outlets if o not in known_outlets]
    if unknown:
        raise InvalidValue(f"no article from outlet {', '.join(unknown)} in this project")
    speakers = {s.id: s for s in repo.speakers()}
    codebook = repo.codebook()
    records = []
    for quote in quotes:
        article = articles[quote.article_id]
        if filters.outlets and article.outlet not in filters.outlets:
            continue
        if (filters.date_from or filters.date_to) and not article.date:
            continue
        if filters.date_from and article.date[:10] < filters.date_from:
            continue
        if filters.date_to and article.date[:10] > filters.date_to:
            continue
        speaker = speakers.get(quote.speaker_id) if quote.speaker_id else None
        frames = [key for key in codebook.keys if key in quote.frames]
        records.append({
            "quote": quote.uuid,
            "article_id": quote.article_id,
            "annotator": quote.annotator,
            "outlet": article.outlet or NO_OUTLET,
            "date": article.date,
            "month": month_of(article.date),
            "speaker": speaker.name if speaker else NO_SPEAKER,
            "speaker_type": speaker.type.value if speaker and speaker.type else (
                NO_TYPE if speaker else NO_SPEAKER),
            "kind": quote.kind.value,
            "frame": tuple(frames) or (NO_FRAME,),
        })  # fmt: skip
    labels = {frame.key: frame.label for frame in codebook.frames}
    return QuoteRecords(records, layer, labels, [*codebook.keys, NO_FRAME],
                        filters.describe(layer))  # fmt: skip


def project_crosstab(repo: Repository, rows: str, cols: str,
                     filters: Filters | None = None) -> tuple[Crosstab, QuoteRecords]:  # fmt: skip
    """The crosstab of ``rows`` x ``cols`` over a project's quotes (see :func:`crosstab`)."""
    for name in (rows, cols):
        if name not in DIMENSIONS:
            raise InvalidValue(f"cannot tabulate {name!r}: choose one of {', '.join(DIMENSIONS)}")
    found = quote_records(repo, filters, by_annotator="annotator" in (rows, cols))
    order = {"frame": found.frame_order}
    table = crosstab(found.records, rows, cols, row_order=order.get(rows),
                     col_order=order.get(cols))  # fmt: skip
    return table, found


def results_json(table: Crosstab, found: QuoteRecords, speakers: int = 10) -> dict:
    """What ``framing-annotator report --format json`` prints and the Results window shows."""
    return {
        "layer": found.layer,
        "filters": found.description,
        "crosstab": table.as_json(category_labels(table, found)),
        "top_speakers": top_speakers(found.records, speakers),
    }


def category_labels(table: Crosstab, found: QuoteRecords) -> dict[str, str]:
    """Display names of the categories: codebook labels for frames, else the value itself."""
    labels = {}
    for name, categories in ((table.rows, table.row_categories),
                             (table.cols, table.col_categories)):  # fmt: skip
        for category in categories:
            labels[category] = found.frame_labels.get(category, category) if name == "frame" \
                else category
    return labels


CSV_COLUMNS = ["row", "col", "row_label", "col_label", "count", "row_pct", "row_low", "row_high",
               "col_pct", "col_low", "col_high"]  # fmt: skip


def crosstab_csv_rows(table: Crosstab, labels: Mapping[str, str]) -> list[list[object]]:
    """The crosstab in long form, one row per cell, under :data:`CSV_COLUMNS`."""
    rows = []
    for cell in table.cells:
        data = {**asdict(cell), "row_label": labels.get(cell.row, cell.row),
                "col_label": labels.get(cell.col, cell.col)}  # fmt: skip
        rows.append(["" if data[c] is None else data[c] for c in CSV_COLUMNS])
    return rows


def write_results(table: Crosstab, found: QuoteRecords, path: Path) -> Path:
    """``.json``: what ``report --format json`` prints; else the long-form CSV."""
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(results_json(table, found), ensure_ascii=False, indent=2)
                        + "\n", encoding="utf-8")  # fmt: skip
        return path
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(crosstab_csv_rows(table, category_labels(table, found)))
    return path
