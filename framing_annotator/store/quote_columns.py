"""Every quote of a project as columns, for computations over all of them (agreement).

A report over a whole project reads tens of thousands of quotes but shows a handful, so
the quotes come back as numpy columns and a :class:`~framing_annotator.domain.model.Quote`
is made only for a row that is asked for. The fields only a full quote needs travel as
one JSON text per row, which SQLite builds faster than Python receives nine columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from ..domain.model import Quote, QuoteKind
from ..domain.spans import Span
from .rows import ORIGIN_BY_VALUE

KINDS = tuple(QuoteKind)  # the ``kind`` column holds positions in this tuple

# Kinds come as their position in KINDS: small ints cost Python no object, a string per
# row does. (The random-project tests round-trip every kind.)
QUOTE_COLUMNS_SQL = (
    'SELECT article_id, annotator_id, start, "end", '
    "CASE kind WHEN 'direct' THEN 0 WHEN 'mixed' THEN 1 WHEN 'indirect' THEN 2 END, "
    "speaker_id, origin = 'suggestion', uuid, json_array(mention_start, mention_end, note, "
    "origin, suggestion_id, created_at, updated_at, version) FROM quotes"
)
assert [kind.value for kind in KINDS] == ["direct", "mixed", "indirect"]
FRAMES_SQL = "SELECT quote_uuid, frame_key FROM quote_frames"
ANNOTATORS_SQL = "SELECT id, name FROM annotators"
LENGTHS_SQL = "SELECT id, text_length FROM articles"  # schema 4: no text is read


@dataclass(frozen=True)
class QuoteColumns:
    """The quotes as columns (row i of each array is one quote), in no particular order."""

    article_id: np.ndarray
    annotator_id: np.ndarray
    annotators: dict[int, str]  # annotator id -> name
    article_lengths: dict[int, int]  # every article of the project, quoted or not
    start: np.ndarray
    end: np.ndarray
    kind: np.ndarray  # position in KINDS
    speaker_id: np.ndarray  # 0 where has_speaker is False
    has_speaker: np.ndarray
    frame_keys: tuple[str, ...]
    frames: np.ndarray  # bool, quotes x frame_keys
    suggested: np.ndarray  # bool: the quote began as an accepted suggestion
    uuid: tuple[str, ...]
    _rest: tuple[str, ...] = field(repr=False)  # JSON: the fields only a full Quote needs

    def __len__(self) -> int:
        return len(self.uuid)

    def quote(self, row: int) -> Quote:
        """The full quote of ``row``, made now."""
        m_start, m_end, note, origin, suggestion_id, created, updated, version = json.loads(
            self._rest[row]
        )
        frames = frozenset(k for k, on in zip(self.frame_keys, self.frames[row], strict=True)
                           if on)  # fmt: skip
        return Quote(
            int(self.article_id[row]), self.annotators[int(self.annotator_id[row])],
            Span(int(self.start[row]), int(self.end[row])), KINDS[self.kind[row]],
            int(self.speaker_id[row]) if self.has_speaker[row] else None,
            None if m_start is None or m_end is None else Span(m_start, m_end), frames, note,
            ORIGIN_BY_VALUE[origin], suggestion_id, self.uuid[row], created, updated, version,
        )  # fmt: skip


def quote_columns(
    rows: list[tuple],
    frames: list[tuple[str, str]],
    annotators: list[tuple[int, str]],
    lengths: list[tuple[int, int]],
) -> QuoteColumns:
    """Columns from the rows of the four queries above."""
    names, article_lengths = dict(annotators), dict(lengths)
    if not rows:
        empty = np.zeros(0, np.int64)
        return QuoteColumns(empty, empty, names, article_lengths, empty, empty, empty, empty,
                            np.zeros(0, bool), (), np.zeros((0, 0), bool), np.zeros(0, bool),
                            (), ())  # fmt: skip
    article_id, annotator_id, start, end, kind, speaker_id, suggested, uuid, rest = zip(
        *rows, strict=True
    )
    # None becomes NaN in a float array: the quotes without a speaker.
    speaker = np.array(speaker_id, dtype=np.float64)
    has_speaker = ~np.isnan(speaker)
    index = dict(zip(uuid, range(len(uuid)), strict=True))
    frame_uuid, frame_key = zip(*frames, strict=True) if frames else ((), ())
    keys = sorted(set(frame_key))
    frame_matrix = np.zeros((len(uuid), len(keys)), bool)
    if frames:
        # A quote deleted between the two reads leaves frames without a row: skipped.
        at = np.array(list(map(index.get, frame_uuid, repeat(-1))), dtype=np.int64)
        code = {key: n for n, key in enumerate(keys)}
        columns = np.array(list(map(code.__getitem__, frame_key)), dtype=np.int64)
        frame_matrix[at[at >= 0], columns[at >= 0]] = True

    def ints(values: tuple) -> np.ndarray:
        return np.array(values, dtype=np.int64)

    return QuoteColumns(
        ints(article_id), ints(annotator_id), names, article_lengths, ints(start), ints(end),
        ints(kind),
        np.where(has_speaker, np.nan_to_num(speaker), 0).astype(np.int64), has_speaker,
        tuple(keys), frame_matrix, np.array(suggested, dtype=bool), uuid, rest,
    )  # fmt: skip
