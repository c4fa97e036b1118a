"""Parquet for the corpus commands: reading article rows, and the two output tables.

Only the corpus commands use this module, and it imports pyarrow at the top, so import it
lazily (``pip install 'framing-annotator[corpus]'`` brings pyarrow).

A Parquet input has the columns of a CSV or JSONL import (``text``, ``title``, ``outlet``,
``date``, ``url``; names in any case) and each row is checked by the same rule as a CSV
row (:func:`framing_annotator.io.importers` ``record_to_article``). One difference: a bad
row refuses that row, not the whole file, since a corpus file may hold millions of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..domain.errors import ImportRejected
from ..domain.model import Article
from .export.files import atomic_paths
from .importers import METADATA_COLUMNS, record_to_article

PARQUET_SUFFIXES = (".parquet", ".pq")

MENTION_TYPE = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])

QUOTES_SCHEMA = pa.schema(
    [
        # The fields of `framing-annotator suggest --format jsonl` (docs/quotes.md), in its order
        ("article", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("speaker", pa.string()),
        ("speaker_mention", MENTION_TYPE),
        ("cue", pa.string()),
        ("confidence", pa.float64()),
        # ... then the article it came from and what produced it
        ("text_sha256", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("date", pa.string()),
        ("url", pa.string()),
        ("pipeline", pa.string()),
        ("app_version", pa.string()),
    ]
)
"""One row per suggested quote. Frame probabilities, when asked for, follow as
``frame_<key>`` float64 columns (:func:`quotes_schema`)."""

ARTICLES_SCHEMA = pa.schema(
    [
        ("article", pa.string()),
        ("path", pa.string()),  # the file, absolute, to read the text again
        ("record", pa.int64()),  # its record number in a CSV, JSONL or Parquet file, from 1
        ("source", pa.string()),  # the file's name, as `import` stores it
        ("text_sha256", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("date", pa.string()),
        ("url", pa.string()),
        ("words", pa.int64()),
        ("quotes", pa.int64()),
        ("refusal", pa.string()),
        ("pipeline", pa.string()),
        ("partition", pa.int64()),
    ]
)
"""One row per article read, and one per file or row refused (with ``refusal`` set and
no ``text_sha256``)."""


def quotes_schema(frame_keys: Iterable[str] = ()) -> pa.Schema:
    """The quotes table, with one probability column per frame of the learner."""
    schema = QUOTES_SCHEMA
    for key in frame_keys:
        schema = schema.append(pa.field(f"frame_{key}", pa.float64()))
    return schema


def parquet_rows(path: Path) -> int:
    """How many rows ``path`` has, from its footer; refuses a file that is no article table."""
    try:
        meta = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ImportRejected(f"{path}: not a readable Parquet file ({_first_line(exc)})") from exc
    names = {name.lower() for name in meta.schema_arrow.names}
    if "text" not in names:
        raise ImportRejected(
            f"{path}: the Parquet file has no 'text' column "
            f"(found: {', '.join(meta.schema_arrow.names)})"
        )
    return meta.metadata.num_rows


def read_parquet_articles(
    path: Path, start: int, stop: int
) -> Iterator[tuple[int, Article | ImportRejected]]:
    """Rows ``[start, stop)`` of ``path`` as (row number from 1, article or refusal).

    Only the row groups that hold those rows are read.
    """
    try:
        file = pq.ParquetFile(path)
        wanted = {
            name.lower(): name
            for name in file.schema_arrow.names
            if name.lower() in ("text", *METADATA_COLUMNS)
        }
        groups, first_row, offset = [], None, 0
        for group in range(file.metadata.num_row_groups):
            rows = file.metadata.row_group(group).num_rows
            if offset < stop and offset + rows > start:
                groups.append(group)
                first_row = offset if first_row is None else first_row
            offset += rows
        if not groups:
            return
        table = file.read_row_groups(groups, columns=list(wanted.values()))
    except (OSError, pa.ArrowException) as exc:
        raise ImportRejected(f"{path}: not a readable Parquet file ({_first_line(exc)})") from exc
    assert first_row is not None
    table = table.slice(start - first_row, stop - start)
    columns = {key: table.column(name).to_pylist() for key, name in wanted.items()}
    for i in range(table.num_rows):
        number = start + i + 1
        record = {key: values[i] for key, values in columns.items()}
        try:
            yield number, record_to_article(record, f"{path}, row {number}", path.name)
        except ImportRejected as exc:
            yield number, exc


def read_parquet_records(
    path: Path, numbers: Iterable[int]
) -> dict[int, Article | ImportRejected]:
    """The rows numbered ``numbers`` (from 1) of ``path``, reading each row group once."""
    wanted = sorted(set(numbers))
    out: dict[int, Article | ImportRejected] = {}
    try:
        meta = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException) as exc:
        raise ImportRejected(f"{path}: not a readable Parquet file ({_first_line(exc)})") from exc
    start = 0
    for group in range(meta.num_row_groups):
        stop = start + meta.row_group(group).num_rows
        inside = [n for n in wanted if start < n <= stop]
        if inside:
            for number, item in read_parquet_articles(path, start, stop):
                if number in inside:
                    out[number] = item
        start = stop
    return out


ARTICLE_FIELDS_OF_QUOTES = ("text_sha256", "title", "outlet", "date", "url", "pipeline")
"""The columns a quote row repeats from its article's row."""


def articles_table(rows: list[dict[str, object]]) -> pa.Table:
    """The articles table of a partition, from one dict a row (missing fields are null)."""
    return pa.Table.from_pylist(rows, schema=ARTICLES_SCHEMA)


def quotes_table(
    columns: dict[str, list], article_rows: list[int], articles: pa.Table, app_version: str,
    frame_keys: Iterable[str] = (),
) -> pa.Table:  # fmt: skip
    """The quotes table of a partition: the ``suggest`` contract's and the frames' ``columns``,
    then the fields of each quote's article, taken from ``articles`` by its row in
    ``article_rows`` (all quotes of an article share them: no list a field in Python)."""
    schema = quotes_schema(frame_keys)
    rows = pa.array(article_rows, pa.int64())
    arrays = []
    for spec in schema:
        if spec.name in ARTICLE_FIELDS_OF_QUOTES:
            arrays.append(articles.column(spec.name).take(rows))
        elif spec.name == "app_version":
            arrays.append(pa.repeat(pa.scalar(app_version, spec.type), len(rows)))
        else:
            arrays.append(pa.array(columns.get(spec.name, []), spec.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def write_table(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` whole or not at all (``atomic_paths``, as every export)."""
    with atomic_paths(path) as (tmp,):
        pq.write_table(table, tmp, compression="zstd")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
