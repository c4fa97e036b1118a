"""What a worker does with one partition: read it, suggest, write two Parquet files.

This runs inside a Dask worker process (or any process: it needs no Dask). The
suggester is loaded once per process and kept (:func:`worker_suggester`), so a worker
pays for the pipeline once, not once per partition.

A partition is done when both its files exist: ``quotes/part-N.parquet`` is written
first and ``articles/part-N.parquet`` last, each under a temporary name and then renamed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..domain.errors import ImportRejected
from ..domain.model import Article, Suggestion
from ..domain.suggest_contract import suggestion_record
from ..io.importers import read_articles
from .plan import Partition, Unit

if TYPE_CHECKING:
    from ..nlp.suggest import Suggester

QUOTES = "quotes"
ARTICLES = "articles"
BATCH = 32

_lock = threading.Lock()


@dataclass(frozen=True)
class PartitionResult:
    index: int
    articles: int = 0
    words: int = 0
    quotes: int = 0
    refusals: tuple[str, ...] = field(default=())
    skipped: bool = False  # already written by an earlier run


def is_done(out: Path, partition: Partition) -> bool:
    return (out / QUOTES / partition.name).exists() and (out / ARTICLES / partition.name).exists()


@cache
def _load(pipeline: str) -> Suggester:
    from ..nlp.suggest import load_suggester

    return load_suggester(pipeline)


def worker_suggester(pipeline: str) -> Suggester:
    """The suggester on ``pipeline``, loaded on this process's first call and then reused."""
    with _lock:  # a worker with several threads still loads the pipeline once
        return _load(pipeline)


def read_unit(unit: Unit) -> Iterator[tuple[int | None, Article | ImportRejected]]:
    """The articles of one unit as (record number from 1 or None, article or refusal).

    The number is None for a one-article file and for a file refused whole.
    """
    path = Path(unit.file or unit.path)
    if unit.refusal is not None:
        yield None, ImportRejected(unit.refusal)
        return
    if unit.kind == "parquet":
        from ..io.parquet import read_parquet_articles

        try:
            yield from read_parquet_articles(path, unit.start, unit.stop)
        except ImportRejected as exc:
            yield None, exc
        return
    try:
        articles = read_articles(path)
    except ImportRejected as exc:
        yield None, exc
        return
    if unit.kind == "article":
        yield None, articles[0]
    else:
        yield from enumerate(articles, start=1)


def article_name(path: str, record: int | None) -> str:
    """The path as given for a one-article file, ``PATH#N`` for the Nth record of a file."""
    return path if record is None else f"{path}#{record}"


def quote_row(name: str, article: Article, s: Suggestion, pipeline: str) -> dict[str, object]:
    """One row of the quotes table: the ``suggest`` contract, then the article and pipeline."""
    return {
        **suggestion_record(name, article.text, s),
        "text_sha256": article.text_sha256,
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date,
        "url": article.url,
        "pipeline": pipeline,
        "app_version": __version__,
    }


def run_partition(
    partition: Partition,
    out: str,
    pipeline: str,
    frames: bytes | None = None,
    frame_keys: tuple[str, ...] = (),
) -> PartitionResult:
    """Suggest for every article of ``partition`` and write its two files under ``out``.

    With ``frames`` (a frame learner's bytes, for the frames ``frame_keys``), each quote
    also gets a probability per frame.
    """
    from ..io.parquet import ARTICLES_SCHEMA, quotes_schema, write_table

    out_dir = Path(out)
    if is_done(out_dir, partition):
        return PartitionResult(partition.index, skipped=True)
    suggester = worker_suggester(pipeline)
    read: list[tuple[dict[str, object], Article | ImportRejected]] = []  # in file order
    for unit in partition.units:
        path = unit.file or str(Path(unit.path).resolve())
        for record, item in read_unit(unit):
            read.append(({"article": article_name(unit.path, record), "path": path,
                          "record": record, "source": Path(unit.path).name}, item))  # fmt: skip
    texts = [item.text for _, item in read if isinstance(item, Article)]
    suggested = iter(suggester.suggest_many(texts, batch_size=BATCH))
    quote_rows: list[dict[str, object]] = []
    quote_texts: list[str] = []  # the article text of each quote row, for the frame learner
    article_rows: list[dict[str, object]] = []
    refusals: list[str] = []
    words = 0
    for first, item in read:
        if isinstance(item, ImportRejected):
            refusals.append(item.message)
            article_rows.append({**first, "refusal": item.message, "words": 0, "quotes": 0,
                                 "partition": partition.index})  # fmt: skip
            continue
        name = str(first["article"])
        rows = [quote_row(name, item, s, suggester.pipeline_name) for s in next(suggested)]
        quote_rows.extend(rows)
        quote_texts.extend([item.text] * len(rows))
        count = len(item.text.split())
        words += count
        article_rows.append(
            {
                **first,
                "source": item.source,
                "text_sha256": item.text_sha256,
                "title": item.title,
                "outlet": item.outlet,
                "date": item.date,
                "url": item.url,
                "words": count,
                "quotes": len(rows),
                "refusal": None,
                "pipeline": suggester.pipeline_name,
                "partition": partition.index,
            }
        )
    for sub in (QUOTES, ARTICLES):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    if frames is not None:
        from .frames import add_probabilities

        add_probabilities(quote_rows, quote_texts, frames)
    write_table(quote_rows, quotes_schema(frame_keys), out_dir / QUOTES / partition.name)
    write_table(article_rows, ARTICLES_SCHEMA, out_dir / ARTICLES / partition.name)
    return PartitionResult(
        partition.index, len(texts), words, len(quote_rows), tuple(refusals)
    )

