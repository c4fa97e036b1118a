"""What a worker does with one partition: read it, suggest, write two Parquet files.

This runs inside a Dask worker process (or any process: it needs no Dask). The
suggester is loaded once per process and kept (:func:`worker_suggester`), so a worker
pays for the pipeline once, not once per partition.

A partition is done when both its files exist: ``quotes/part-N.parquet`` is written
first and ``articles/part-N.parquet`` last, each under a temporary name and then renamed.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..domain.errors import ImportRejected
from ..domain.model import Article, Suggestion
from ..domain.suggest_contract import suggestion_columns
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


def add_quotes(
    columns: dict[str, list], name: str, text: str, suggestions: list[Suggestion]
) -> int:
    """Append the ``suggest`` contract of one article's quotes to ``columns``; their number.

    The table is built by columns, not as a dict a row: a partition has tens of thousands
    of quotes. The article's own fields are not repeated here: the table takes them from
    the articles table by row (:func:`framing_annotator.io.parquet.quotes_table`).
    """
    for key, values in suggestion_columns(name, text, suggestions).items():
        columns[key].extend(values)
    return len(suggestions)


def warm_up(pipeline: str, frames: bytes | None = None) -> None:
    """Load the pipeline (and rebuild the frame learner) in this process now.

    Run once in each worker before any partition, so that the run's rate and ETA are the
    steady ones and a pipeline that cannot be loaded fails before any partition. pyarrow
    is imported here too (a quarter of a CPU-second), not in the first partition.
    """
    from ..io import parquet  # noqa: F401

    worker_suggester(pipeline)
    if frames is not None:
        from .frames import worker_learner

        worker_learner(frames)


def worker_stats() -> tuple[float, int]:
    """CPU seconds this process has used so far, and how many pipelines it loaded."""
    return time.process_time(), _load.cache_info().misses


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
    from ..io.parquet import articles_table, quotes_table, write_table

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
    quotes: dict[str, list] = defaultdict(list)
    quote_article: list[int] = []  # each quote's row in the articles table
    article_rows: list[dict[str, object]] = []
    article_texts: list[str | None] = []  # beside article_rows, for the frame learner
    refusals: list[str] = []
    words = 0
    for first, item in read:
        if isinstance(item, ImportRejected):
            refusals.append(item.message)
            article_rows.append({**first, "refusal": item.message, "words": 0, "quotes": 0,
                                 "partition": partition.index})  # fmt: skip
            article_texts.append(None)
            continue
        found = add_quotes(quotes, str(first["article"]), item.text, next(suggested))
        quote_article.extend([len(article_rows)] * found)
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
                "quotes": found,
                "refusal": None,
                "pipeline": suggester.pipeline_name,
                "partition": partition.index,
            }
        )
        article_texts.append(item.text)
    for sub in (QUOTES, ARTICLES):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)
    if frames is not None:
        from .frames import add_probabilities

        add_probabilities(quotes, [article_texts[row] for row in quote_article], frames)
    articles = articles_table(article_rows)
    write_table(quotes_table(quotes, quote_article, articles, __version__, frame_keys),
                out_dir / QUOTES / partition.name)  # fmt: skip
    write_table(articles, out_dir / ARTICLES / partition.name)
    return PartitionResult(partition.index, len(texts), words, len(quote_article),
                           tuple(refusals))  # fmt: skip
