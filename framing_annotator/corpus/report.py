"""Crosstabs of suggested quotes straight from a corpus run's Parquet files, with Dask.

Each quotes file is counted on its own (pyarrow, a few columns only) as one Dask task;
the small per-file counts are then added up. Only the final table, a few hundred cells
at most, comes back to this process, so the corpus can be larger than memory.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..domain.errors import KnownError
from .run import require_corpus_extra
from .work import QUOTES

ROWS = ("frame", "kind", "speaker")
COLS = ("outlet", "month", "kind")
FRAME_PREFIX = "frame_"
FRAME_THRESHOLD = 0.5
"""A quote counts under a frame when the learner gives it at least this probability."""
NONE = {"outlet": "(no outlet)", "month": "(no date)", "speaker": "(no speaker)",
        "frame": "(no frame)", "kind": "(none)"}  # fmt: skip


@dataclass(frozen=True)
class Crosstab:
    """Counts of quotes by a row variable and a column variable, with totals."""

    rows: str
    cols: str
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    quotes: int  # quotes counted; under frames one quote may count in several rows

    @classmethod
    def from_counter(cls, rows: str, cols: str, counter: Counter, quotes: int) -> Crosstab:
        row_labels = tuple(sorted({r for r, _ in counter}, key=_label_order))
        col_labels = tuple(sorted({c for _, c in counter}, key=_label_order))
        counts = tuple(tuple(counter.get((r, c), 0) for c in col_labels) for r in row_labels)
        return cls(rows, cols, row_labels, col_labels, counts, quotes)

    def row_totals(self) -> list[int]:
        return [sum(row) for row in self.counts]

    def col_totals(self) -> list[int]:
        return [sum(column) for column in zip(*self.counts, strict=True)] if self.counts else []

    def table_headers(self) -> list[str]:
        return [self.rows, *self.col_labels, "total"]

    def table_rows(self) -> list[list[object]]:
        totals = self.row_totals()
        body: list[list[object]] = [
            [label, *row, total]
            for label, row, total in zip(self.row_labels, self.counts, totals, strict=True)
        ]
        return [*body, ["total", *self.col_totals(), sum(self.row_totals())]]

    def to_json(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "cols": self.cols,
            "quotes": self.quotes,
            "row_labels": list(self.row_labels),
            "col_labels": list(self.col_labels),
            "counts": [list(row) for row in self.counts],
            "cells": [
                {self.rows: r, self.cols: c, "count": n}
                for r, row in zip(self.row_labels, self.counts, strict=True)
                for c, n in zip(self.col_labels, row, strict=True)
            ],
        }

    def write_csv(self, out: TextIO) -> None:
        """Long form, one cell a line, with its share of the row and of the column."""
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([self.rows, self.cols, "count", "row_percent", "col_percent"])
        col_totals = self.col_totals()
        for label, row, total in zip(self.row_labels, self.counts, self.row_totals(), strict=True):
            for col, n, col_total in zip(self.col_labels, row, col_totals, strict=True):
                writer.writerow([label, col, n, _percent(n, total), _percent(n, col_total)])


def _percent(n: int, total: int) -> str:
    return f"{100 * n / total:.1f}" if total else ""


def _label_order(label: str) -> tuple[bool, str]:
    return label.startswith("("), label  # "(no outlet)" and the like last


def count_file(path: str, rows: str, cols: str) -> tuple[Counter, int]:
    """(row, col) counts of one quotes file, and how many quotes it holds.

    Vectorised with pyarrow: a file of a million quotes takes well under a second.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    frames = [n for n in pq.read_schema(path).names if n.startswith(FRAME_PREFIX)]
    needed = {name for v in (rows, cols) for name in _source_columns(v, frames)}
    table = pq.read_table(path, columns=sorted(needed))
    counter: Counter = Counter()
    if "frame" in (rows, cols):
        other = cols if rows == "frame" else rows
        labels = _labels(table, other)
        none = pa.array([True] * table.num_rows, pa.bool_())
        for frame in frames:
            has = pc.fill_null(pc.greater_equal(table.column(frame), FRAME_THRESHOLD), False)
            none = pc.and_(none, pc.invert(has))
            _count(counter, frame[len(FRAME_PREFIX) :], labels.filter(has), rows == "frame")
        _count(counter, NONE["frame"], labels.filter(none), rows == "frame")
    else:
        grouped = pa.table({"r": _labels(table, rows), "c": _labels(table, cols)})
        for item in grouped.group_by(["r", "c"]).aggregate([([], "count_all")]).to_pylist():
            counter[(item["r"], item["c"])] += item["count_all"]
    return counter, table.num_rows


def _source_columns(variable: str, frames: list[str]) -> list[str]:
    if variable == "frame":
        return frames
    return ["date"] if variable == "month" else [variable]


def _labels(table, variable: str):  # noqa: ANN001, ANN202 - pyarrow types, imported lazily
    """The label of each quote under ``variable``, with a "(no ...)" label for blanks."""
    import pyarrow.compute as pc

    if variable == "month":
        dates = pc.fill_null(table.column("date"), "")
        valid = pc.match_substring_regex(dates, r"^\d{4}-\d{2}")
        values = pc.if_else(valid, pc.utf8_slice_codeunits(dates, 0, 7), "")
    else:
        values = pc.utf8_trim_whitespace(pc.fill_null(table.column(variable), ""))
    return pc.if_else(pc.equal(values, ""), NONE[variable], values)


def _count(counter: Counter, label: str, others, label_is_row: bool) -> None:  # noqa: ANN001
    import pyarrow.compute as pc

    for item in pc.value_counts(others).to_pylist():
        key = (label, item["values"]) if label_is_row else (item["values"], label)
        counter[key] += item["counts"]


def merge_counts(parts: Iterable[tuple[Counter, int]]) -> tuple[Counter, int]:
    total: Counter = Counter()
    quotes = 0
    for counter, n in parts:
        total.update(counter)
        quotes += n
    return total, quotes


def corpus_crosstab(
    directory: Path,
    *,
    rows: str = "frame",
    cols: str = "outlet",
    scheduler: str | None = None,
    workers: int | None = None,
) -> Crosstab:
    """The crosstab of ``rows`` by ``cols`` over every quote of a corpus run.

    With ``scheduler`` the files are counted on that Dask cluster; else on this
    machine with Dask's threads (pyarrow reads without holding the GIL).
    """
    require_corpus_extra()
    import dask
    import pyarrow.parquet as pq

    if rows not in ROWS:
        raise KnownError(f"--rows is one of {', '.join(ROWS)}, not {rows!r}")
    if cols not in COLS:
        raise KnownError(f"--cols is one of {', '.join(COLS)}, not {cols!r}")
    files = sorted(str(p) for p in (directory / QUOTES).glob("*.parquet"))
    if not files:
        raise KnownError(f"{directory}: holds no quotes table; is it a corpus suggest --output?")
    if "frame" in (rows, cols) and not any(
        n.startswith(FRAME_PREFIX) for n in pq.read_schema(files[0]).names
    ):
        raise KnownError(
            f"{directory}: this run has no frame probabilities; use --rows kind or speaker"
        )
    parts = [dask.delayed(count_file)(f, rows, cols) for f in files]
    total = dask.delayed(merge_counts)(parts)
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            counter, quotes = client.compute(total).result()
    else:
        counter, quotes = total.compute(scheduler="threads", num_workers=workers)
    return Crosstab.from_counter(rows, cols, counter, quotes)
