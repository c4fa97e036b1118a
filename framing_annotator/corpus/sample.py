"""Bringing a random sample of a corpus run into a project, to validate it by hand.

The Parquet output holds no article text (it would double the corpus), so each sampled
article is read again from its file and checked against its ``text_sha256``: the project
gets exactly the text the suggestions were made on, or a one-line reason why not.
Articles go in through the project's import, suggestions through the service that
stores them, so they are the same as if the project had suggested them itself.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import ImportRejected, KnownError
from ..domain.model import Article, QuoteKind, Suggestion
from ..domain.spans import Span
from ..services.project import Project
from ..services.suggestions import store_suggestions
from .plan import PARQUET, SINGLE_ARTICLE, Unit
from .run import require_corpus_extra
from .work import ARTICLES, QUOTES, read_unit


@dataclass
class Sample:
    """Articles of a corpus run, read again, with their suggestions by text digest."""

    articles: list[Article] = field(default_factory=list)
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


@dataclass
class SampleReport:
    added: int = 0
    duplicates: int = 0
    suggestions: int = 0


def read_sample(directory: Path, *, sample: int | None = None, seed: int = 0) -> Sample:
    """``sample`` articles of a corpus run (all with None), chosen at random with ``seed``.

    The same run, size and seed always give the same articles.
    """
    require_corpus_extra()
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    articles_dir, quotes_dir = directory / ARTICLES, directory / QUOTES
    if not articles_dir.is_dir() or not quotes_dir.is_dir():
        raise KnownError(f"{directory}: not the --output of framing-annotator corpus suggest")
    if sample is not None and sample < 1:
        raise KnownError("--sample must be at least 1")
    columns = ["path", "record", "text_sha256", "article"]
    parts = sorted(articles_dir.glob("*.parquet"))
    if not parts:
        raise KnownError(f"{directory}: holds no finished partition yet")
    try:
        table = ds.dataset(parts, format="parquet").to_table(
            columns=columns, filter=pc.field("refusal").is_null()
        )
    except (OSError, ValueError) as exc:  # ArrowInvalid is a ValueError
        raise KnownError(
            f"{directory}: its articles table cannot be read ({str(exc).splitlines()[0]}); "
            "run corpus suggest again into a new folder"
        ) from exc
    rows = zip(*(table.column(c).to_pylist() for c in columns), strict=True)
    population = _first_of_each_text(rows)
    if sample is not None and sample < len(population):
        population = sorted(random.Random(seed).sample(population, sample), key=_file_order)
    result = Sample()
    result.articles = _read_again(population, result.refused)
    read = {a.text_sha256 for a in result.articles}
    names = [name for _path, _record, digest, name in population if digest in read]
    result.suggestions = _suggestions_of(quotes_dir, names)
    return result


def store_sample(
    project: Project, sample: Sample, *, progress: Callable[[int, int], None] | None = None
) -> SampleReport:
    """Import the articles (through the project's import) and store their suggestions."""
    imported = project.import_articles(sample.articles)
    report = SampleReport(added=len(imported.added), duplicates=len(imported.duplicates))
    stored = [*imported.added, *imported.duplicates]
    for done, article in enumerate(stored, start=1):
        by_pipeline: dict[str, list[Suggestion]] = defaultdict(list)
        for s in sample.suggestions.get(article.text_sha256, []):
            by_pipeline[s.pipeline].append(s)
        for pipeline, items in by_pipeline.items():
            report.suggestions += store_suggestions(project.repo, article.id, items, pipeline)
        if progress:
            progress(done, len(stored))
    return report


def _file_order(row: tuple) -> tuple[str, int]:
    return row[0], row[1] or 0


def _first_of_each_text(rows: Iterable[tuple]) -> list[tuple]:
    """(path, record, digest, name) in file order, once per text: a project holds a text once."""
    seen: set[str] = set()
    out = []
    for row in sorted(rows, key=_file_order):
        if row[2] not in seen:
            seen.add(row[2])
            out.append(row)
    return out


def _read_again(chosen: list[tuple], refused: list[str]) -> list[Article]:
    """The sampled articles, read from their files; a changed or missing one is refused."""
    wanted: dict[str, dict[int | None, str]] = defaultdict(dict)
    for path, record, digest, _name in chosen:
        wanted[path][record] = digest
    out: list[Article] = []
    for path, records in wanted.items():
        found = _read_records(path, [n for n in records if n is not None])
        for record, digest in records.items():
            where = path if record is None else f"{path}, record {record}"
            item = found.get(record, found.get(None))  # None: the file was refused whole
            if isinstance(item, Article) and item.text_sha256 == digest:
                out.append(item)
            elif isinstance(item, ImportRejected):
                refused.append(item.message)
            else:
                refused.append(f"{where}: the text changed since the corpus run")
    return out


def _read_records(path: str, numbers: list[int]) -> dict[int | None, Article | ImportRejected]:
    """What the file holds now: its one article (under None), or the records asked for."""
    suffix = Path(path).suffix.lower()
    try:
        if suffix in PARQUET:
            from ..io.parquet import read_parquet_records

            return dict(read_parquet_records(Path(path), numbers))
    except ImportRejected as exc:
        return {None: exc}
    kind = "article" if suffix in SINGLE_ARTICLE else "records"
    return dict(read_unit(Unit(path, kind, file=path)))


def _suggestions_of(quotes_dir: Path, names: list[str]) -> dict[str, list[Suggestion]]:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    if not names:
        return {}
    table = ds.dataset(sorted(quotes_dir.glob("*.parquet")), format="parquet").to_table(
        filter=pc.field("article").isin(pa.array(names))
    )
    out: dict[str, list[Suggestion]] = defaultdict(list)
    for row in table.to_pylist():
        mention = row["speaker_mention"]
        out[row["text_sha256"]].append(
            Suggestion(
                span=Span(row["start"], row["end"]),
                kind=QuoteKind(row["kind"]),
                pipeline=row["pipeline"],
                confidence=row["confidence"],
                speaker=row["speaker"],
                mention=Span(mention["start"], mention["end"]) if mention else None,
                cue=row["cue"],
            )
        )
    return out
