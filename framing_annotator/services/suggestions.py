"""Storing suggestions for a project's articles, resumably.

The suggester comes from ``nlp/`` and is passed in (or loaded lazily), so this
module, like the rest of the services, imports no spaCy until it is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

from ..domain.model import Suggestion
from ..store.repository import Repository
from .nlp_import import nlp_import_lock

BATCH = 16


class Suggester(Protocol):
    pipeline_name: str

    def suggest(self, text: str) -> list[Suggestion]: ...

    def suggest_many(self, texts: Iterable[str], *, batch_size: int = 32): ...


def load_suggester(pipeline: str = "auto") -> Suggester:
    """Load the spaCy suggester (slow: seconds with a trained pipeline)."""
    with nlp_import_lock:
        from ..nlp.suggest import load_suggester as load

    return load(pipeline)


def store_suggestions(
    repo: Repository, article_id: int, suggestions: Sequence[Suggestion], pipeline: str
) -> int:
    """Replace an article's undecided suggestions, as one transaction."""
    with repo.transaction():
        return repo.replace_suggestions(article_id, suggestions, pipeline=pipeline)


def suggest_articles(
    project_path: Path,
    suggester: Suggester,
    article_ids: Sequence[int] | None = None,
    *,
    only_missing: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Suggest quotes for articles and store them; returns how many articles were done.

    Opens its own connection, so it can run in a worker thread or another process.
    Each article is stored as soon as it is done: an interrupted run keeps finished
    articles, and with ``only_missing`` a new run resumes where it stopped.
    """
    repo = Repository.open(project_path)
    try:
        wanted = (
            list(article_ids)
            if article_ids is not None
            else [s.id for s in repo.article_summaries()]
        )
        if only_missing:
            done_before = repo.articles_suggested(suggester.pipeline_name)
            wanted = [article_id for article_id in wanted if article_id not in done_before]
        finished = 0
        for first in range(0, len(wanted), BATCH):
            if cancelled():
                break
            batch = wanted[first : first + BATCH]
            texts = [repo.article(article_id).text for article_id in batch]
            for article_id, suggestions in zip(
                batch, suggester.suggest_many(texts, batch_size=BATCH), strict=True
            ):
                store_suggestions(repo, article_id, suggestions, suggester.pipeline_name)
                finished += 1
                if progress:
                    progress(finished, len(wanted))
                if cancelled():
                    return finished
        return finished
    finally:
        repo.close()
