"""One annotator's working session on a project: run commands, undo and redo them.

The window keeps its own ``QUndoStack`` and calls :func:`apply` for each step;
scripts, the command line and tests use :class:`AnnotationSession`, whose stacks
behave the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..domain.codebook import Codebook
from ..domain.model import (
    Article,
    Quote,
    Speaker,
    Suggestion,
    SuggestionStatus,
)
from ..domain.spans import Span
from ..store.repository import Repository
from .commands import Changes, Command


def apply(repo: Repository, step: Callable[[Repository], Changes]) -> Changes:
    """Run one ``do`` or ``undo`` as one transaction: stored whole, or not at all."""
    with repo.transaction():
        return step(repo)


@dataclass(frozen=True)
class Item:
    """A quote or a pending suggestion, as the annotator steps through them."""

    key: str  # the quote's UUID, or "s<id>" for a suggestion
    span: Span
    quote: Quote | None = None
    suggestion: Suggestion | None = None


@dataclass(frozen=True)
class ArticleState:
    """Everything an annotator sees of one article."""

    article: Article
    quotes: list[Quote]
    suggestions: list[Suggestion]
    status_by_suggestion: dict[int, SuggestionStatus]
    status: str

    @cached_property
    def items(self) -> list[Item]:
        """Quotes and pending suggestions in reading order: what J and K step through."""
        entries = [Item(quote.uuid, quote.span, quote=quote) for quote in self.quotes]
        entries += [Item(f"s{s.id}", s.span, suggestion=s) for s in self.pending]
        return sorted(entries, key=lambda item: (item.span.start, item.span.end, item.key))

    @cached_property
    def pending(self) -> list[Suggestion]:
        return [
            s
            for s in self.suggestions
            if self.status_by_suggestion.get(s.id, SuggestionStatus.PENDING)
            is SuggestionStatus.PENDING
        ]


class AnnotationSession:
    """Commands with undo and redo for one annotator, outside Qt."""

    def __init__(self, repo: Repository, annotator: str, *, min_confidence: float = 0.0) -> None:
        self.repo = repo
        self.annotator = annotator
        self.min_confidence = min_confidence  # suggestions below it are not shown
        self._done: list[Command] = []
        self._undone: list[Command] = []
        if not repo.read_only:  # a read-only project is shown as it is, never written
            with repo.transaction():
                repo.ensure_annotator(annotator)

    def execute(self, command: Command) -> Changes:
        changes = apply(self.repo, command.do)
        self._done.append(command)
        self._undone.clear()
        return changes

    def undo(self) -> Changes:
        if not self._done:
            return Changes()
        command = self._done[-1]
        changes = apply(self.repo, command.undo)
        self._undone.append(self._done.pop())
        return changes

    def redo(self) -> Changes:
        if not self._undone:
            return Changes()
        command = self._undone[-1]
        changes = apply(self.repo, command.do)
        self._done.append(self._undone.pop())
        return changes

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    def start_article(self, article_id: int) -> bool:
        """Mark the article in progress if this annotator had not started it; True if so.

        The first quote or decision starts an article. It is not an undoable step of its
        own: undoing that quote leaves the article started.
        """
        with self.repo.transaction() as repo:
            if repo.article_status(article_id, self.annotator) != "not_started":
                return False
            repo.set_article_status(article_id, self.annotator, "in_progress")
            return True

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    # -- reading ----------------------------------------------------------

    def article_state(self, article_id: int) -> ArticleState:
        repo = self.repo
        decisions = repo.decisions(article_id, self.annotator)
        return ArticleState(
            article=repo.article(article_id),
            quotes=repo.quotes(article_id, self.annotator),
            suggestions=[
                s for s in repo.suggestions(article_id) if s.confidence >= self.min_confidence
            ],
            status_by_suggestion={sid: d.status for sid, d in decisions.items()},
            status=repo.article_status(article_id, self.annotator),
        )

    def speakers(self) -> list[Speaker]:
        return self.repo.speakers()

    def codebook(self) -> Codebook:
        return self.repo.codebook()
