"""One annotator's working session on a project: run commands, undo and redo them.

:class:`AnnotationSession` is the one undo history: the window's controller
(:mod:`.controller`), scripts, the command line and the reliability tests all run
their commands through it. Each step is one write transaction, and the rule that
the first quote or decision starts an article runs inside that same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass
class ArticleState:
    """Everything an annotator sees of one article, kept up to date from ``Changes``."""

    article: Article
    quotes: list[Quote]
    suggestions: list[Suggestion]
    status_by_suggestion: dict[int, SuggestionStatus]
    status: str
    _items: list[Item] | None = field(default=None, repr=False)
    _positions: dict[str, int] = field(default_factory=dict, repr=False)
    _pending: list[Suggestion] | None = field(default=None, repr=False)

    @property
    def items(self) -> list[Item]:
        """Quotes and pending suggestions in reading order: what J and K step through."""
        if self._items is None:
            entries = [Item(quote.uuid, quote.span, quote=quote) for quote in self.quotes]
            entries += [Item(f"s{s.id}", s.span, suggestion=s) for s in self.pending]
            self._items = sorted(
                entries, key=lambda item: (item.span.start, item.span.end, item.key)
            )
            self._positions = {item.key: n for n, item in enumerate(self._items)}
        return self._items

    @property
    def pending(self) -> list[Suggestion]:
        if self._pending is None:
            self._pending = [s for s in self.suggestions if self.decision(s) is PENDING]
        return self._pending

    def decision(self, suggestion: Suggestion) -> SuggestionStatus:
        return self.status_by_suggestion.get(suggestion.id, PENDING)

    def position(self, key: str | None) -> int | None:
        """Where the item ``key`` is in :attr:`items`, or None."""
        self.items  # noqa: B018 (builds the positions)
        return self._positions.get(key) if key is not None else None

    def item(self, key: str | None) -> Item | None:
        n = self.position(key)
        return None if n is None else self.items[n]

    def apply(self, changes: Changes, annotator: str) -> set[str]:
        """Take in what ``changes`` says is now stored; the keys of the items it touched."""
        touched: set[str] = set()
        mine = {
            quote.uuid: quote
            for quote in changes.stored
            if quote.article_id == self.article.id and quote.annotator == annotator
        }
        gone = changes.deleted | (changes.quotes - set(mine))
        if mine and not gone and self._replace_in_place(mine):
            return set(mine)  # an edit that kept every span: nothing moves
        if mine or gone & {quote.uuid for quote in self.quotes}:
            kept = [q for q in self.quotes if q.uuid not in gone and q.uuid not in mine]
            self.quotes = sorted(
                kept + list(mine.values()),
                key=lambda q: (q.span.start, q.span.end, q.created_at),
            )
            touched |= set(mine) | (gone & changes.quotes)
        ids = {s.id for s in self.suggestions}
        for decision in changes.decisions:
            if decision.annotator == annotator and decision.suggestion_id in ids:
                self.status_by_suggestion[decision.suggestion_id] = decision.status
                touched.add(f"s{decision.suggestion_id}")
        if touched:
            self._items = self._pending = None
        return touched

    def _replace_in_place(self, quotes: dict[str, Quote]) -> bool:
        """Swap in edited quotes whose spans did not change; False when one moved or is new."""
        items = self.items
        places = [self._positions.get(uuid) for uuid in quotes]
        if any(n is None or items[n].span != quotes[items[n].key].span for n in places):
            return False
        for n in places:
            items[n] = Item(items[n].key, items[n].span, quote=quotes[items[n].key])
        self.quotes = [quotes.get(q.uuid, q) for q in self.quotes]
        return True


PENDING = SuggestionStatus.PENDING


class AnnotationSession:
    """Commands with undo and redo for one annotator, outside Qt."""

    def __init__(self, repo: Repository, annotator: str, *, min_confidence: float = 0.0) -> None:
        self.repo = repo
        self.annotator = annotator
        self.min_confidence = min_confidence  # suggestions below it are not shown
        self._done: list[Command] = []
        self._undone: list[Command] = []
        # Articles this annotator has started (or finished), as far as this session has
        # seen: the start-article rule then costs no query on every later edit.
        self._started: set[int] = set()
        if not repo.read_only:  # a read-only project is shown as it is, never written
            with repo.transaction():
                repo.ensure_annotator(annotator)

    def execute(self, command: Command) -> Changes:
        """Do ``command`` as one transaction, with the start-article rule inside it."""
        changes = self._apply(command.do)
        self._done.append(command)
        self._undone.clear()
        return changes

    def undo(self) -> Changes:
        if not self._done:
            return Changes()
        command = self._done[-1]
        changes = self._apply(command.undo, start=False)
        self._undone.append(self._done.pop())
        return changes

    def redo(self) -> Changes:
        if not self._undone:
            return Changes()
        command = self._undone[-1]
        changes = self._apply(command.do)
        self._done.append(self._undone.pop())
        return changes

    def clear(self) -> None:
        """Forget the history (after a step failed, it no longer matches the project)."""
        self._done.clear()
        self._undone.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def _apply(self, step: Callable[[Repository], Changes], *, start: bool = True) -> Changes:
        started: set[int] = set()
        with self.repo.transaction() as repo:
            changes = step(repo)
            if changes.statuses:
                # A status command set the status itself: read it afresh next time.
                self._started -= changes.articles
            elif start and (changes.quotes or changes.suggestions):
                for article_id in changes.articles - self._started:
                    if self._start(repo, article_id):
                        changes |= Changes(articles=frozenset({article_id}), statuses=True)
                    started.add(article_id)
        self._started |= started  # only once the transaction is stored
        return changes

    def _start(self, repo: Repository, article_id: int) -> bool:
        """The first quote or decision starts an article; True if this one did.

        It is not an undoable step of its own: undoing that quote leaves the article
        started.
        """
        if repo.article_status(article_id, self.annotator) != "not_started":
            return False
        repo.set_article_status(article_id, self.annotator, "in_progress")
        return True

    def start_article(self, article_id: int) -> bool:
        """Mark the article in progress if this annotator had not started it; True if so."""
        with self.repo.transaction() as repo:
            started = self._start(repo, article_id)
        self._started.add(article_id)
        return started

    def knows_started(self, article_id: int, status: str) -> None:
        """The caller read ``status`` for ``article_id``: remember it if it is started."""
        if status != "not_started":
            self._started.add(article_id)
        else:
            self._started.discard(article_id)

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
