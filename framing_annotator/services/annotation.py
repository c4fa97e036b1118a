"""One annotator's working session on a project: run commands, undo and redo them.

:class:`AnnotationSession` is the one undo history: the window's controller
(:mod:`.controller`), scripts, the command line and the reliability tests all run
their commands through it. Each step is one write transaction, and the rule that
the first quote or decision starts an article runs inside that same transaction.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain

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
    """Everything an annotator sees of one article, kept up to date from ``Changes``.

    The items (quotes and pending suggestions) are held in reading order as sorted
    ``(start, end, key)`` entries: finding an item's place, the next one, or the next
    pending suggestion is a bisection, and a step that changes one item changes one entry.
    So a key costs the same in an article of 300 marks as in one of 600.
    """

    article: Article
    quotes: list[Quote]  # in text order (start, end, created_at)
    suggestions: list[Suggestion]
    status_by_suggestion: dict[int, SuggestionStatus]
    status: str
    _order: list[tuple[int, int, str]] = field(init=False, repr=False)
    _what: dict[str, Quote | Suggestion] = field(init=False, repr=False)
    _by_id: dict[int, Suggestion] = field(init=False, repr=False)
    _items: list[Item] | None = field(default=None, init=False, repr=False)
    pending_count: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self._by_id = {s.id: s for s in self.suggestions}
        what: dict[str, Quote | Suggestion] = {q.uuid: q for q in self.quotes}
        decided = self.status_by_suggestion
        pending = [s for s in self.suggestions if decided.get(s.id, PENDING) is PENDING]
        what.update((f"s{s.id}", s) for s in pending)
        self._what = what
        self._order = sorted([(x.span.start, x.span.end, key) for key, x in what.items()])
        self.pending_count = len(pending)

    # -- reading ----------------------------------------------------------

    @property
    def items(self) -> list[Item]:
        """Quotes and pending suggestions in reading order (built when asked, then kept)."""
        if self._items is None:
            self._items = [self._item(key) for _s, _e, key in self._order]
        return self._items

    def entries(self) -> list[tuple[int, int, str]]:
        """A copy of the items' ``(start, end, key)`` entries, in reading order."""
        return list(self._order)

    @property
    def count(self) -> int:
        """How many items there are: what "3 of 120" counts."""
        return len(self._order)

    @property
    def pending(self) -> list[Suggestion]:
        return [s for s in self.suggestions if self.decision(s) is PENDING]

    def decision(self, suggestion: Suggestion) -> SuggestionStatus:
        return self.status_by_suggestion.get(suggestion.id, PENDING)

    def position(self, key: str | None) -> int | None:
        """Where the item ``key`` is in reading order, or None."""
        thing = self._what.get(key) if key is not None else None
        if thing is None:
            return None
        return bisect_left(self._order, (thing.span.start, thing.span.end, key))

    def item(self, key: str | None) -> Item | None:
        return self._item(key) if key is not None and key in self._what else None

    def at(self, index: int) -> Item:
        """The item at ``index`` in reading order."""
        return self._item(self._order[index][2])

    def first_from(self, offset: int) -> int:
        """The index of the first item that starts at or after ``offset``."""
        return bisect_left(self._order, (offset,))

    def next_pending(self, span: Span, skip: str) -> str | None:
        """The first pending suggestion from ``span`` on in reading order, wrapping once."""
        order = self._order
        first = bisect_left(order, (span.start, span.end))
        for n in chain(range(first, len(order)), range(first)):
            key = order[n][2]
            if key[0] == "s" and key != skip:
                return key
        return None

    def quote(self, uuid: str) -> Quote | None:
        thing = self._what.get(uuid)
        return thing if isinstance(thing, Quote) else None

    def suggestion(self, key: str) -> Suggestion | None:
        """The suggestion of an item key ("s<id>"), pending or decided."""
        return self._by_id.get(int(key[1:])) if key[:1] == "s" and key[1:].isdigit() else None

    def _item(self, key: str) -> Item:
        thing = self._what[key]
        if isinstance(thing, Quote):
            return Item(key, thing.span, quote=thing)
        return Item(key, thing.span, suggestion=thing)

    # -- changing -----------------------------------------------------------

    def apply(self, changes: Changes, annotator: str) -> set[str]:
        """Take in what ``changes`` says is now stored; the keys of the items it touched."""
        mine = {
            quote.uuid: quote
            for quote in changes.stored
            if quote.article_id == self.article.id and quote.annotator == annotator
        }
        gone = changes.deleted | (changes.quotes - set(mine))
        touched = {uuid for uuid in gone if self._drop_quote(uuid)}
        for quote in mine.values():
            self._put_quote(quote)
            touched.add(quote.uuid)
        for decision in changes.decisions:
            suggestion = self._by_id.get(decision.suggestion_id)
            if decision.annotator == annotator and suggestion is not None:
                self._decide(suggestion, decision.status)
                touched.add(f"s{suggestion.id}")
        if touched:
            self._items = None
        return touched

    def _drop_quote(self, uuid: str) -> bool:
        old = self.quote(uuid)
        if old is None:
            return False
        del self.quotes[self._quote_index(old)]
        self._forget(uuid)
        return True

    def _put_quote(self, quote: Quote) -> None:
        old = self.quote(quote.uuid)
        if old is not None and (old.span, old.created_at) == (quote.span, quote.created_at):
            self.quotes[self._quote_index(old)] = quote  # an edit in place: nothing moves
            self._what[quote.uuid] = quote
            return
        if old is not None:
            self._drop_quote(quote.uuid)
        insort(self.quotes, quote, key=_quote_order)
        self._remember(quote.uuid, quote)

    def _decide(self, suggestion: Suggestion, status: SuggestionStatus) -> None:
        was = self.decision(suggestion)
        self.status_by_suggestion[suggestion.id] = status
        key = f"s{suggestion.id}"
        if was is PENDING and status is not PENDING:
            self._forget(key)
            self.pending_count -= 1
        elif was is not PENDING and status is PENDING:
            self._remember(key, suggestion)
            self.pending_count += 1

    def _quote_index(self, quote: Quote) -> int:
        n = bisect_left(self.quotes, _quote_order(quote), key=_quote_order)
        while self.quotes[n].uuid != quote.uuid:  # quotes with the same span and time
            n += 1
        return n

    def _remember(self, key: str, thing: Quote | Suggestion) -> None:
        self._what[key] = thing
        insort(self._order, (thing.span.start, thing.span.end, key))

    def _forget(self, key: str) -> None:
        thing = self._what.pop(key)
        del self._order[bisect_left(self._order, (thing.span.start, thing.span.end, key))]


def _quote_order(quote: Quote) -> tuple[int, int, str]:
    return (quote.span.start, quote.span.end, quote.created_at)


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
        # Records that are not steps of their own (no undo), such as "these frame
        # suggestions were shown": stored in the next step's transaction, or by flush().
        # So moving through the article (J, K) writes nothing.
        self._riders: list[Callable[[Repository], object]] = []
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

    def write_with_next(self, write: Callable[[Repository], object]) -> None:
        """Store ``write`` inside the next step's transaction (or at :meth:`flush`)."""
        self._riders.append(write)

    def flush(self) -> None:
        """Store what waits for the next step now, in one transaction (before the project
        is read elsewhere, or closed)."""
        if self._riders:
            with self.repo.transaction() as repo:
                stored = self._ride(repo)
            del self._riders[:stored]

    def _ride(self, repo: Repository) -> int:
        """Run the waiting writes in ``repo``'s transaction; they are dropped from the queue
        by the caller once it is stored (a failed step keeps them for the next)."""
        for write in self._riders:
            write(repo)
        return len(self._riders)

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
            riders = self._ride(repo)
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
        del self._riders[:riders]
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
        suggestions = repo.suggestions(article_id)
        if self.min_confidence > 0:
            suggestions = [s for s in suggestions if s.confidence >= self.min_confidence]
        return ArticleState(
            article=repo.article(article_id),
            quotes=repo.quotes(article_id, self.annotator),
            suggestions=suggestions,
            status_by_suggestion={sid: d.status for sid, d in decisions.items()},
            status=repo.article_status(article_id, self.annotator),
        )

    def speakers(self) -> list[Speaker]:
        return self.repo.speakers()

    def codebook(self) -> Codebook:
        return self.repo.codebook()
