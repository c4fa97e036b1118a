"""Loading the suggester and suggesting quotes in the background, for the window.

Signals:
    ready(str): the suggester is loaded; the pipeline's name.
    stored(list): suggestions for these article ids are now in the project.
    failed(str): loading or suggesting failed; a reason to show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..services.suggestions import Suggester, suggest_articles
from .workers import Worker, WorkerPool


class SuggestionRunner(QObject):
    ready = Signal(str)
    stored = Signal(list)
    failed = Signal(str)

    def __init__(self, project_path: Path, workers: WorkerPool) -> None:
        super().__init__()
        self.project_path = project_path
        self.workers = workers
        self.suggester: Suggester | None = None
        self._busy: set[int] = set()

    def load(self, loader: Callable[[], Suggester]) -> Worker:
        worker = Worker("load suggester", lambda _progress, _cancelled: loader())
        worker.signals.finished.connect(self._loaded)
        worker.signals.failed.connect(self.failed)
        return self.workers.start(worker)

    def _loaded(self, suggester: Suggester) -> None:
        self.suggester = suggester
        self.ready.emit(suggester.pipeline_name)

    def suggest(self, article_ids: list[int], *, again: bool = False) -> Worker | None:
        """Suggest for ``article_ids`` in a worker (its own connection); None if nothing to do."""
        wanted = [article_id for article_id in article_ids if article_id not in self._busy]
        if not wanted or self.suggester is None:
            return None
        self._busy.update(wanted)
        path, suggester = self.project_path, self.suggester

        def job(progress, cancelled):
            return suggest_articles(
                path,
                suggester,
                wanted,
                only_missing=not again,
                progress=progress,
                cancelled=cancelled,
            )

        worker = Worker("suggest", job)
        worker.signals.finished.connect(lambda _n: self._done(wanted))
        worker.signals.failed.connect(lambda reason: self._failed(wanted, reason))
        return self.workers.start(worker)

    def _done(self, article_ids: list[int]) -> None:
        self._busy.difference_update(article_ids)
        self.stored.emit(article_ids)

    def _failed(self, article_ids: list[int], reason: str) -> None:
        self._busy.difference_update(article_ids)
        self.failed.emit(reason)
