"""Project use cases: create or open a project, import articles, list, describe, search."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..domain.codebook import Codebook
from ..domain.errors import ImportRejected
from ..domain.model import Article, ArticleDetails, ArticleSummary, SearchHit
from ..io.codebooks import DEFAULT_PRESET, load_preset
from ..io.importers import read_articles, supported_suffixes
from ..store.db import check_integrity, read_only_medium
from ..store.repository import Repository, now
from ..store.search import INDEX_STEP, SHARED_INDEX_STEP
from .batch import collector_paused

Progress = Callable[[int, int], None]
"""Called with (files done, files in all) after each file."""

IMPORT_CHUNK = 2000
"""Articles written per transaction during an import: a file is never split across two."""
IMPORT_CHUNK_CHARS = 16_000_000
"""Or fewer, once their text reaches this many characters: long articles are not all held."""


@dataclass
class ImportReport:
    added: list[Article] = field(default_factory=list)
    duplicates: list[Article] = field(default_factory=list)
    rejected: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.cancelled


@dataclass(frozen=True)
class ProjectInfo:
    path: Path
    schema_version: int
    app_version: str
    created_at: str
    articles: int
    suggestions: int
    speakers: int
    codebook: str
    frames: tuple[str, ...]
    quotes_by_annotator: dict[str, int]


class Project:
    """An open project file and the use cases over it."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo

    @property
    def path(self) -> Path:
        return self.repo.path

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = False,
        codebook: str = DEFAULT_PRESET,
        read_only: bool = False,
    ) -> Project:
        """Open ``path``; with ``create``, a missing file becomes a new project whose
        codebook is the preset named ``codebook``. ``read_only`` is for uses that only
        read (the ``info``, ``articles``, ``search``, ``agreement`` and ``export``
        commands): nothing can be written, and a project on a read-only medium opens."""
        path = Path(path)
        is_new = not path.exists()
        preset = load_preset(codebook) if is_new else None  # a bad name fails before a file
        repo = Repository.open(path, create=create, read_only=read_only and not is_new)
        project = cls(repo)
        if preset is not None:
            project._initialise(preset)
        return project

    @classmethod
    def open_for_window(cls, path: Path | str) -> Project:
        """For the window: writable when it can be, else read-only (see ``read_only_note``)."""
        if Path(path).is_file() and read_only_medium(Path(path)):
            return cls.open(path, read_only=True)
        return cls.open(path)

    @property
    def read_only(self) -> bool:
        """True when no change can be saved: the window disables editing."""
        return self.repo.read_only

    @property
    def read_only_note(self) -> str | None:
        """One line for the user when the project's medium cannot be written, else None."""
        if not self.repo.on_read_only_medium:
            return None
        return (
            f"{self.path} is on a read-only medium or folder: it is open for reading only, "
            "and changes cannot be saved"
        )

    def close(self) -> None:
        self.repo.close()

    def check(self, *, thorough: bool = False) -> str:
        """``"ok"`` or what is damaged, reading every page (opening does not): the check
        behind the backup worker and a "Check project" action. ``thorough`` also checks
        that every index matches its table (``integrity_check``, slower)."""
        return check_integrity(self.path, quick=not thorough)

    def _initialise(self, codebook: Codebook) -> None:
        with self.repo.transaction() as repo:
            repo.set_meta("created_at", now())
            repo.set_meta("created_by_version", __version__)
            repo.set_codebook(codebook)

    # -- import ------------------------------------------------------------

    def import_files(
        self,
        paths: Iterable[Path],
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ImportReport:
        """Import every readable file; a bad file is reported and skipped, never half-stored.

        A folder stands for every article file in it and its subfolders.
        """
        paths = [
            found
            for path in map(Path, paths)
            for found in (self.article_files(path) if path.is_dir() else [path])
        ]
        report = ImportReport()
        pending: list[Article] = []
        pending_chars = 0
        for done, path in enumerate(paths, start=1):
            if cancelled():
                report.cancelled = True
                break
            try:
                articles = read_articles(path)
            except ImportRejected as exc:
                report.rejected.append((path, exc.message))
            else:
                pending.extend(articles)
                pending_chars += sum(len(article.text) for article in articles)
            if len(pending) >= IMPORT_CHUNK or pending_chars >= IMPORT_CHUNK_CHARS:
                self._store(pending, report)
                pending, pending_chars = [], 0
            if progress:
                progress(done, len(paths))
        self._store(pending, report)
        return report

    @staticmethod
    def article_files(folder: Path) -> list[Path]:
        """Every file in ``folder`` and its subfolders that the importers can read."""
        suffixes = set(supported_suffixes())
        return sorted(
            path for path in Path(folder).rglob("*")
            if path.is_file() and path.suffix.lower() in suffixes
        )  # fmt: skip

    def import_articles(self, articles: Iterable[Article]) -> ImportReport:
        report = ImportReport()
        self._store(list(articles), report)
        return report

    def unindexed_count(self) -> int:
        """How many articles wait to be indexed for search (see :meth:`index_for_search`)."""
        return self.repo.unindexed_count()

    def index_for_search(
        self,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        yield_to_writers: bool = False,
    ) -> int:
        """Index the articles that a large import or merge queued for search, in steps of
        ``INDEX_STEP``; returns how many were indexed. Cancelled, the rest stays queued
        for the next run, and a search indexes whatever is queued before it answers.

        An import of 500 articles or more stores them without indexing them (migration
        0006): the index costs more than the import itself, and the articles can be read
        and coded while it is built. ``yield_to_writers`` (the window's worker) takes steps
        of ``SHARED_INDEX_STEP`` and waits after each as long as it took: SQLite's busy
        handler retries a waiting writer at intervals, and a loop that takes the lock
        straight back made the window's saves wait up to 0.8 s while 20,000 articles were
        indexed (54 ms with the pause).
        """
        step = SHARED_INDEX_STEP if yield_to_writers else INDEX_STEP
        total = left = self.repo.unindexed_count()
        while left and not cancelled():
            started = time.perf_counter()
            left = self.repo.index_for_search(step)
            if progress:
                progress(total - left, total)
            if yield_to_writers and left:
                time.sleep(time.perf_counter() - started)
        return total - left

    def _store(self, articles: list[Article], report: ImportReport) -> None:
        if not articles:
            return
        with self.repo.transaction() as repo:
            for stored, added in repo.add_articles(articles):
                (report.added if added else report.duplicates).append(stored)

    # -- reading -----------------------------------------------------------

    def article(self, article_id: int) -> Article:
        return self.repo.article(article_id)

    def articles(self) -> list[ArticleSummary]:
        with collector_paused():  # one object per article, no cycles: see batch.py
            return self.repo.article_summaries()

    def article_details(self) -> dict[int, ArticleDetails]:
        """Url, source, digest and length of every article, by id: what the list leaves out."""
        return self.repo.article_details()

    def search(
        self, query: str, *, speaker: str | None = None, frame: str | None = None
    ) -> list[SearchHit]:
        return self.repo.search(query, speaker=speaker, frame=frame)

    def matching_article_ids(
        self,
        query: str,
        *,
        outlet: str | None = None,
        speaker: str | None = None,
        frame: str | None = None,
    ) -> set[int]:
        """The articles the list shows for a search, filtered in SQL (no row limit)."""
        return self.repo.matching_article_ids(query, outlet=outlet, speaker=speaker, frame=frame)

    def info(self) -> ProjectInfo:
        repo = self.repo
        codebook = repo.codebook()
        return ProjectInfo(
            path=self.path,
            schema_version=repo.schema_version(),
            app_version=repo.meta("created_by_version"),
            created_at=repo.meta("created_at"),
            articles=repo.article_count(),
            suggestions=repo.suggestion_count(),
            speakers=len(repo.speakers()),
            codebook=codebook.name,
            frames=codebook.keys,
            quotes_by_annotator=repo.quote_counts(),
        )
