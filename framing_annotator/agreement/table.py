"""The compared quotes as one table of numpy columns, and the units they form.

A project's report reads every compared quote once into a :class:`QuoteTable` and groups
them into units (QUOTES.md: quotes of different coders that overlap by at least half of
each) with one sorted sweep over all articles (:func:`unitise`). Every coefficient, the
pairs and the disagreements are then read off the same unit table, and a full
:class:`~framing_annotator.domain.model.Quote` is made only for a unit that is looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..domain.model import Origin, Quote, QuoteKind

KINDS = tuple(QuoteKind)
NO_SPEAKER = np.iinfo(np.int64).min  # a quote without a speaker (ids are never this)


class Columns(Protocol):
    """What :meth:`QuoteTable.from_columns` reads: row i of each array is one quote
    (``Repository.quote_columns`` returns such an object)."""

    article_id: np.ndarray
    annotator_id: np.ndarray
    annotators: dict[int, str]  # annotator id -> name
    start: np.ndarray
    end: np.ndarray
    kind: np.ndarray  # position in KINDS
    speaker_id: np.ndarray
    has_speaker: np.ndarray
    frame_keys: tuple[str, ...]
    frames: np.ndarray  # bool, quotes x frame_keys
    suggested: np.ndarray  # bool
    uuid: Sequence[str]

    def quote(self, row: int) -> Quote: ...


@dataclass(frozen=True)
class QuoteTable:
    """The compared coders' quotes, one row per quote."""

    article: np.ndarray  # the quote's article as a position in the report's article list
    article_id: np.ndarray
    coder: np.ndarray  # position in the report's coders
    start: np.ndarray
    end: np.ndarray
    kind: np.ndarray  # position in KINDS
    speaker: np.ndarray  # speaker id, NO_SPEAKER for none
    frames: np.ndarray  # bool, quotes x frame_keys
    frame_keys: tuple[str, ...]  # the report's frame keys
    suggested: np.ndarray  # bool: the quote began as an accepted suggestion
    uuid: Callable[[int], str]
    quote: Callable[[int], Quote]  # the full quote of a row, made when asked for

    def __len__(self) -> int:
        return len(self.start)

    @classmethod
    def from_quotes(
        cls,
        groups: Sequence[Sequence[Quote]],
        coders: Sequence[str],
        frame_keys: Sequence[str],
    ) -> QuoteTable:
        """The quotes of ``coders`` in each group (an article's quotes), from Quote objects."""
        position = {name: n for n, name in enumerate(coders)}
        kinds = {kind: n for n, kind in enumerate(KINDS)}
        quotes = [(g, q) for g, group in enumerate(groups) for q in group
                  if q.annotator in position]  # fmt: skip
        rows = [
            (g, q.article_id, position[q.annotator], q.start, q.end, kinds[q.kind],
             NO_SPEAKER if q.speaker_id is None else q.speaker_id)
            for g, q in quotes
        ]  # fmt: skip
        columns = np.array(rows, dtype=np.int64).reshape(-1, 7).T
        frames = np.array([[key in q.frames for key in frame_keys] for _, q in quotes], bool)
        objects = [q for _, q in quotes]
        suggested = np.array([q.origin == Origin.SUGGESTION for q in objects], bool)
        return cls(*columns, frames.reshape(len(objects), len(frame_keys)), tuple(frame_keys),
                   suggested,
                   lambda row: objects[row].uuid, objects.__getitem__)  # fmt: skip

    @classmethod
    def from_columns(
        cls,
        columns: Columns,
        article_ids: Sequence[int],
        coders: Sequence[str],
        frame_keys: Sequence[str],
    ) -> QuoteTable:
        """The quotes of ``coders`` on ``article_ids`` (in that order), from columns."""
        chosen = np.asarray(article_ids, dtype=np.int64).reshape(-1)
        ids = columns.article_id
        by_id = np.argsort(chosen, kind="stable")
        at = np.minimum(np.searchsorted(chosen[by_id], ids), max(len(chosen) - 1, 0))
        known = chosen[by_id][at] == ids if len(chosen) else np.zeros(len(ids), bool)
        # Annotator id -> position in coders (-1: not compared), through a small lookup.
        position = {name: n for n, name in enumerate(coders)}
        lookup = np.full(max(columns.annotators, default=0) + 1, -1, np.int64)
        for annotator_id, name in columns.annotators.items():
            lookup[annotator_id] = position.get(name, -1)
        coder = lookup[columns.annotator_id] if len(ids) else np.zeros(0, np.int64)
        keep = np.flatnonzero(known & (coder >= 0))
        frames = np.zeros((len(keep), len(frame_keys)), bool)
        for n, key in enumerate(frame_keys):
            if key in columns.frame_keys:
                frames[:, n] = columns.frames[keep, columns.frame_keys.index(key)]
        speaker = np.where(columns.has_speaker[keep], columns.speaker_id[keep], NO_SPEAKER)
        source = keep.tolist()
        return cls(
            by_id[at[keep]], ids[keep], coder[keep], columns.start[keep], columns.end[keep],
            columns.kind[keep], speaker.astype(np.int64), frames, tuple(frame_keys),
            columns.suggested[keep],
            lambda row: columns.uuid[source[row]], lambda row: columns.quote(source[row]),
        )  # fmt: skip


@dataclass(frozen=True)
class UnitTable:
    """The units of a :class:`QuoteTable`, in report order (article, then first quote)."""

    members: np.ndarray  # units x coders: the table row of each coder's quote, -1 for none
    rank: np.ndarray  # per table row: its place in the order that quotes join units

    def __len__(self) -> int:
        return len(self.members)

    def rows(self, unit: int) -> list[int]:
        """The unit's table rows in the order its quotes joined it."""
        rows = [int(r) for r in self.members[unit] if r >= 0]
        return sorted(rows, key=lambda r: self.rank[r])

    def first_rows(self) -> np.ndarray:
        """Each unit's first quote (the one its other quotes are compared with)."""
        if not len(self.members):
            return np.zeros(0, np.int64)
        joined = np.where(self.members >= 0, self.rank[self.members], len(self.rank))
        return self.members[np.arange(len(self.members)), np.argmin(joined, axis=1)]

    def spans(self, table: QuoteTable) -> tuple[np.ndarray, np.ndarray]:
        """Each unit's (start, end): from its first start to its last end."""
        if not len(self.members):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        present = self.members >= 0
        start = np.where(present, table.start[self.members], np.iinfo(np.int64).max)
        return start.min(axis=1), np.where(present, table.end[self.members], -1).max(axis=1)

    def ordered_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """(unit, row) for every quote, unit by unit in the order quotes joined them."""
        unit, column = np.nonzero(self.members >= 0)
        rows = self.members[unit, column]
        order = np.lexsort((self.rank[rows], unit))
        return unit[order], rows[order]

    def codes(self, code: np.ndarray) -> np.ndarray:
        """Coders x units: ``code`` (one per table row) of each coder's quote, -1 for none."""
        if not len(self.rank):
            return np.zeros((self.members.shape[1], len(self.members)), np.int64)
        return np.where(self.members >= 0, code[self.members], -1).T


def attribute_codes(
    table: QuoteTable, speaker_names: Mapping[int, str]
) -> dict[str, tuple[np.ndarray, list[Any]]]:
    """Per attribute variable: each quote's value as a code (-1: none), and the values.

    The values are what the report compares: the speaker's canonical name (a quote
    without a speaker, or with an unknown one, has none), the kind, 0/1 per frame.
    """
    names = list(dict.fromkeys(speaker_names.values()))
    code_of = {name: n for n, name in enumerate(names)}
    ids, at = np.unique(table.speaker, return_inverse=True)
    by_id = np.array([code_of.get(speaker_names.get(i), -1) if i and i != NO_SPEAKER else -1
                      for i in ids.tolist()], dtype=np.int64)  # fmt: skip
    speaker = by_id[at.reshape(-1)] if len(ids) else np.zeros(0, np.int64)
    variables = {"speaker": (speaker, names), "kind": (table.kind, [k.value for k in KINDS])}
    for n, key in enumerate(table.frame_keys):
        variables[f"frame:{key}"] = (table.frames[:, n].astype(np.int64), [0, 1])
    return variables


def join_units(ordered: Sequence[tuple[int, int, Hashable, Any]]) -> list[list[Any]]:
    """Group quotes into units, given as ``(start, end, coder, item)`` sorted by start
    (longer first, then coder, then uuid): at most one quote per coder, each pair of quotes
    in a unit overlapping by at least half of each. Larger overlaps join first.

    Returns each unit's items in the order they joined it, units in order of creation.
    """
    units: list[list[Any]] = []
    # Units that may still overlap: [coders in it, furthest end, their (start, end)s, items].
    open_units: list[list] = []
    for start, end, coder, item in ordered:
        # Quotes come by start, so a unit ending before this one starts is closed for good.
        open_units = [entry for entry in open_units if entry[1] > start]
        best, best_overlap = None, 0
        for entry in open_units:
            if coder in entry[0]:
                continue
            # same_unit with every quote of the unit: shared >= half of each (so > 0).
            smallest = None
            for other_start, other_end in entry[2]:
                shared = min(end, other_end) - max(start, other_start)
                if shared * 2 < end - start or shared * 2 < other_end - other_start:
                    break
                if smallest is None or shared < smallest:
                    smallest = shared
            else:
                if smallest is not None and smallest > best_overlap:
                    best, best_overlap = entry, smallest
        if best is None:
            best = [set(), end, [], []]
            units.append(best[3])
            open_units.append(best)
        best[0].add(coder)
        best[1] = max(best[1], end)
        best[2].append((start, end))
        best[3].append(item)
    return units


def unitise(table: QuoteTable, coders: Sequence[str]) -> UnitTable:
    """The units of ``table`` as :func:`join_units` forms them, article by article.

    Quotes are sorted once; a run of quotes that overlap one another in a chain can only
    form units among themselves. A run with one quote per coder, every pair overlapping
    by half, is one unit (the common case, decided with array comparisons); any other
    run goes through :func:`join_units`.
    """
    m, n = len(coders), len(table)
    if not n:
        return UnitTable(np.zeros((0, m), np.int64), np.zeros(0, np.int64))
    by_name = np.argsort(np.argsort(np.array(coders, dtype=object)))  # coder -> rank by name
    start, end, coder, article = table.start, table.end, table.coder, table.article
    order = np.lexsort((by_name[coder], start - end, start, article))
    s, e, c, g = start[order], end[order], coder[order], article[order]
    span = int(e.max()) + 1
    offset = g * span
    reach = np.maximum.accumulate(e + offset)
    new = np.ones(n, bool)
    new[1:] = (g[1:] != g[:-1]) | (s[1:] + offset[1:] >= reach[:-1])
    run = np.cumsum(new) - 1
    bounds = np.append(np.flatnonzero(new), n)
    mixed = np.diff(bounds) > m
    for d in range(1, m):
        a, b = np.arange(n - d), np.arange(d, n)
        shared = np.minimum(e[a], e[b]) - np.maximum(s[a], s[b])
        bad = (run[a] == run[b]) & (
            (c[a] == c[b]) | (shared * 2 < e[a] - s[a]) | (shared * 2 < e[b] - s[b])
        )
        mixed[run[a][bad]] = True

    first = bounds[run]  # per sorted position: the position of its unit's first quote
    for r in np.flatnonzero(mixed).tolist():
        low, high = int(bounds[r]), int(bounds[r + 1])
        # join_units's order, with the uuid that breaks ties between a coder's copies.
        rows = sorted(order[low:high].tolist(), key=lambda row: (
            int(start[row]), int(start[row] - end[row]), coders[coder[row]], table.uuid(row),
        ))  # fmt: skip
        order[low:high] = rows
        ordered = [(int(start[row]), int(end[row]), int(coder[row]), low + k)
                   for k, row in enumerate(rows)]  # fmt: skip
        for members in join_units(ordered):
            first[members] = members[0]
    units, unit_of = np.unique(first, return_inverse=True)
    members = np.full((len(units), m), -1, np.int64)
    members[unit_of, coder[order]] = order
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n)
    return UnitTable(members, rank)
