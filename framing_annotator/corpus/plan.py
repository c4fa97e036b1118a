"""Cutting a corpus into partitions, before any article is read.

A partition is a short list of units, each a thing a worker reads: one article file
(.txt, .md, .html), one CSV or JSONL file (read whole, as ``import`` does, so one file
is one partition however many rows it has; files over 64 MiB are refused), or a range of
rows of a Parquet file. Only file names and Parquet footers are read here, so planning
ten million articles takes seconds and the articles themselves are read in the workers.

The plan is the same for the same inputs, so a rerun finds the partitions it wrote.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..domain.errors import ImportRejected, KnownError
from ..io.importers import supported_suffixes

SINGLE_ARTICLE = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
PARQUET = (".parquet", ".pq")


@dataclass(frozen=True)
class Unit:
    """Something a worker reads: a whole file, or rows ``[start, stop)`` of a Parquet file.

    ``refusal`` is set when planning already knows the file cannot be read; the worker
    then records the refusal instead of reading.
    """

    path: str  # as given: it names the articles in the output
    kind: str  # "article" (one article per file), "records" (CSV, JSONL) or "parquet"
    file: str = ""  # absolute, for workers whose working folder is another
    start: int = 0
    stop: int = 0
    size: int = 0
    refusal: str | None = None


@dataclass(frozen=True)
class Partition:
    index: int
    units: tuple[Unit, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:06d}.parquet"

    @property
    def expected_articles(self) -> int | None:
        """How many articles it holds, or None when a CSV or JSONL file makes it unknown."""
        total = 0
        for unit in self.units:
            if unit.refusal is not None:
                total += 1  # its refusal is a row of the articles table
            elif unit.kind == "records":
                return None
            else:
                total += unit.stop - unit.start if unit.kind == "parquet" else 1
        return total


@dataclass(frozen=True)
class Plan:
    partitions: tuple[Partition, ...]

    @property
    def fingerprint(self) -> str:
        """Names, sizes and ranges of every unit: a changed input gives another plan."""
        data = json.dumps([[asdict(u) for u in p.units] for p in self.partitions])
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    @property
    def expected_articles(self) -> int | None:
        counts = [p.expected_articles for p in self.partitions]
        return None if None in counts else sum(counts)  # type: ignore[arg-type]


def plan_corpus(inputs: list[Path], partition_size: int) -> Plan:
    """Partitions of at most ``partition_size`` articles over every file in ``inputs``.

    A folder stands for every readable file in it and its subfolders, in name order.
    """
    if partition_size < 1:
        raise KnownError("--partition-size must be at least 1")
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            files.extend(_files_in(path))
        elif path.exists():
            files.append(path)
        else:
            raise KnownError(f"{path}: no such file or folder")
    partitions: list[Partition] = []
    pending: list[Unit] = []  # article files and Parquet rows, filled up to partition_size
    filled = 0

    def alone(unit: Unit) -> None:  # a partition of its own
        partitions.append(Partition(len(partitions), (unit,)))

    def close_pending() -> None:
        nonlocal pending, filled
        if pending:
            partitions.append(Partition(len(partitions), tuple(pending)))
            pending, filled = [], 0

    for path in files:
        suffix = path.suffix.lower()
        where = {"path": str(path), "file": str(path.resolve()), "size": _size(path)}
        if suffix in PARQUET:
            try:
                rows = _parquet_rows(path)
            except ImportRejected as exc:
                alone(Unit(kind="parquet", refusal=exc.message, **where))
                continue
            start = 0
            while start < rows:
                take = min(partition_size - filled, rows - start)
                pending.append(Unit(kind="parquet", start=start, stop=start + take, **where))
                filled += take
                start += take
                if filled >= partition_size:
                    close_pending()
        elif suffix in SINGLE_ARTICLE:
            pending.append(Unit(kind="article", **where))
            filled += 1
            if filled >= partition_size:
                close_pending()
        elif suffix in supported_suffixes():
            alone(Unit(kind="records", **where))
        else:
            refusal = (
                f"{path}: unsupported file type {path.suffix or '(none)'!r}; use one of "
                f"{', '.join(supported_suffixes() + PARQUET)}"
            )
            alone(Unit(kind="article", refusal=refusal, **where))
    close_pending()
    return Plan(tuple(partitions))


def _files_in(folder: Path) -> list[Path]:
    suffixes = set(supported_suffixes()) | set(PARQUET)
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in suffixes
    )  # fmt: skip


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


def _parquet_rows(path: Path) -> int:
    from ..io.parquet import parquet_rows  # pyarrow loads only for Parquet inputs

    return parquet_rows(path)
