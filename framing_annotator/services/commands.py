"""Every change to annotations is a command with ``do`` and ``undo``.

Commands are Qt-free: the window wraps them in a ``QUndoStack``, and the command
line and the tests run them through :class:`~.annotation.AnnotationSession`.
Each ``do`` or ``undo`` runs inside one transaction (the caller opens it), and
returns :class:`Changes` so that views know what to refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ..domain.errors import InvalidValue
from ..domain.model import (
    Origin,
    Quote,
    Speaker,
    Suggestion,
    SuggestionDecision,
    SuggestionStatus,
)
from ..store.repository import Repository


@dataclass(frozen=True)
class Changes:
    """What a command changed: enough for a view to refresh only what it shows.

    ``stored``, ``deleted`` and ``decisions`` say what the changed quotes and
    decisions are now, so that the controller can update what it holds without
    reading the article again. A command that cannot say leaves them empty, and
    the controller then reads the article afresh.
    """

    articles: frozenset[int] = frozenset()
    quotes: frozenset[str] = frozenset()
    suggestions: bool = False
    speakers: bool = False
    statuses: bool = False
    codebook: bool = False
    stored: tuple[Quote, ...] = ()
    deleted: frozenset[str] = frozenset()
    decisions: tuple[SuggestionDecision, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        # ``other`` happened after ``self``: its view of a quote wins.
        later = {quote.uuid for quote in other.stored} | other.deleted
        return Changes(
            articles=self.articles | other.articles,
            quotes=self.quotes | other.quotes,
            suggestions=self.suggestions or other.suggestions,
            speakers=self.speakers or other.speakers,
            statuses=self.statuses or other.statuses,
            codebook=self.codebook or other.codebook,
            stored=tuple(q for q in self.stored if q.uuid not in later) + other.stored,
            deleted=(self.deleted - later) | other.deleted,
            decisions=self.decisions + other.decisions,
        )

    @property
    def describes_quotes(self) -> bool:
        """True when every changed quote's new state is in ``stored`` or ``deleted``."""
        known = {quote.uuid for quote in self.stored} | self.deleted
        return self.quotes <= known and (not self.suggestions or bool(self.decisions))


class Command(Protocol):
    """A reversible user action."""

    @property
    def text(self) -> str:
        """What the Undo menu item says, e.g. "Create quote"."""
        ...

    def do(self, repo: Repository) -> Changes: ...

    def undo(self, repo: Repository) -> Changes: ...


def _quote_changes(quote: Quote, *, deleted: bool = False) -> Changes:
    """``quote`` changed; it is now as given, or gone when ``deleted``."""
    return Changes(
        articles=frozenset({quote.article_id}),
        quotes=frozenset({quote.uuid}),
        stored=() if deleted else (quote,),
        deleted=frozenset({quote.uuid}) if deleted else frozenset(),
    )


def _version(repo: Repository, quote: Quote) -> Quote:
    """``quote`` with the version this session last wrote for it, if it wrote one."""
    return replace(quote, version=repo.known_version(quote.uuid, quote.version))


@dataclass
class CreateQuote:
    quote: Quote
    text: str = "Create quote"
    _stored: Quote | None = field(default=None, repr=False)

    def do(self, repo: Repository) -> Changes:
        # A redo brings the quote back with its UUID and the version it had.
        self._stored = repo.insert_quote(_version(repo, self._stored or self.quote))
        return _quote_changes(self._stored)

    def undo(self, repo: Repository) -> Changes:
        stored = _version(repo, self.stored)
        repo.delete_quote(stored.uuid, expected_version=stored.version)
        return _quote_changes(stored, deleted=True)

    @property
    def stored(self) -> Quote:
        assert self._stored is not None, "the command has not run"
        return self._stored


@dataclass
class EditQuote:
    """Change a quote's fields; ``after`` is the whole new quote (same UUID)."""

    before: Quote
    after: Quote
    text: str = "Edit quote"
    _current: Quote | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.before.uuid != self.after.uuid:
            raise InvalidValue("an edit cannot change a quote's identity")

    def do(self, repo: Repository) -> Changes:
        expected = repo.known_version(self.before.uuid, self.before.version)
        self._current = repo.update_quote(self.after, expected_version=expected)
        return _quote_changes(self._current)

    def undo(self, repo: Repository) -> Changes:
        expected = repo.known_version(self.before.uuid, self.current.version)
        self._current = repo.update_quote(self.before, expected_version=expected)
        return _quote_changes(self._current)

    @property
    def current(self) -> Quote:
        assert self._current is not None, "the command has not run"
        return self._current


@dataclass
class DeleteQuote:
    quote: Quote
    text: str = "Delete quote"

    def do(self, repo: Repository) -> Changes:
        current = _version(repo, self.quote)
        repo.delete_quote(current.uuid, expected_version=current.version)
        return _quote_changes(current, deleted=True)

    def undo(self, repo: Repository) -> Changes:
        return _quote_changes(repo.insert_quote(_version(repo, self.quote)))


def find_speaker(
    repo: Repository, name: str, known: Sequence[Speaker] | None = None
) -> Speaker | None:
    """The project's speaker called ``name`` (canonical or alias), or None if there is none.

    ``known`` is the speaker list the caller already holds (the controller keeps one),
    which spares reading it again.
    """
    wanted = name.strip()
    if known is not None:
        exact = next((s for s in known if s.name == wanted), None)
        return exact or next((s for s in known if s.answers_to(wanted)), None)
    exact = repo.speaker_by_name(wanted)
    if exact is not None:
        return exact
    for speaker in repo.speakers():
        if speaker.answers_to(wanted):
            return speaker
    return None


@dataclass
class AcceptSuggestion:
    """Turn a suggestion into the annotator's quote, with its speaker (created if new).

    ``speakers``: the project's speakers as the caller knows them (optional).
    """

    suggestion: Suggestion
    annotator: str
    frames: frozenset[str] = frozenset()
    text: str = "Accept suggestion"
    speakers: Sequence[Speaker] | None = field(default=None, repr=False)
    _quote: Quote | None = field(default=None, repr=False)
    _created_speaker: Speaker | None = field(default=None, repr=False)
    _speaker_id: int | None = field(default=None, repr=False)

    def do(self, repo: Repository) -> Changes:
        suggestion = self.suggestion
        if suggestion.id is None or suggestion.article_id is None:
            raise InvalidValue("only a stored suggestion can be accepted")
        changes = Changes()
        if self._quote is not None:  # redo: the same speaker under the same id, the same quote
            speaker_id = self._speaker_id
            if self._created_speaker is not None:
                speaker_id = repo.save_speaker(self._created_speaker).id
                changes |= Changes(speakers=True)
            quote = _version(repo, replace(self._quote, speaker_id=speaker_id))
        else:
            speaker_id = None
            if suggestion.speaker:
                speaker = find_speaker(repo, suggestion.speaker, self.speakers)
                if speaker is None:
                    speaker = repo.save_speaker(Speaker(suggestion.speaker.strip()))
                    self._created_speaker = speaker
                    changes |= Changes(speakers=True)
                speaker_id = speaker.id
            self._speaker_id = speaker_id
            quote = Quote(
                article_id=suggestion.article_id,
                annotator=self.annotator,
                span=suggestion.span,
                kind=suggestion.kind,
                speaker_id=speaker_id,
                mention=suggestion.mention,
                frames=self.frames,
                origin=Origin.SUGGESTION,
                suggestion_id=suggestion.id,
            )
        self._quote = repo.insert_quote(quote)
        decision = SuggestionDecision(
            suggestion.id, self.annotator, SuggestionStatus.ACCEPTED, self._quote.uuid
        )
        repo.set_decision(decision)
        return changes | _decision_changes(decision, suggestion) | _quote_changes(self._quote)

    def undo(self, repo: Repository) -> Changes:
        assert self._quote is not None and self.suggestion.id is not None
        quote = _version(repo, self._quote)
        repo.delete_quote(quote.uuid, expected_version=quote.version)
        decision = SuggestionDecision(self.suggestion.id, self.annotator, SuggestionStatus.PENDING)
        repo.set_decision(decision)
        changes = _decision_changes(decision, self.suggestion) | _quote_changes(
            self._quote, deleted=True
        )
        if self._created_speaker is not None:
            repo.delete_speaker_if_unused(self._created_speaker.id)
            changes |= Changes(speakers=True)
        return changes

    @property
    def quote(self) -> Quote:
        assert self._quote is not None, "the command has not run"
        return self._quote


def _decision_changes(decision: SuggestionDecision, suggestion: Suggestion) -> Changes:
    assert suggestion.article_id is not None
    return Changes(
        articles=frozenset({suggestion.article_id}), suggestions=True, decisions=(decision,)
    )


@dataclass
class DecideSuggestion:
    """Reject a suggestion (or set it back to pending) for one annotator.

    ``before``: the annotator's decision on it so far, when the caller knows it
    (pending if there was none); otherwise it is read.
    """

    suggestion: Suggestion
    annotator: str
    status: SuggestionStatus = SuggestionStatus.REJECTED
    text: str = "Reject suggestion"
    before: SuggestionStatus | None = None

    def do(self, repo: Repository) -> Changes:
        assert self.suggestion.id is not None and self.suggestion.article_id is not None
        if self.before is None:
            decisions = repo.decisions(self.suggestion.article_id, self.annotator)
            found = decisions.get(self.suggestion.id)
            self.before = found.status if found else SuggestionStatus.PENDING
        decision = SuggestionDecision(self.suggestion.id, self.annotator, self.status)
        repo.set_decision(decision)
        return _decision_changes(decision, self.suggestion)

    def undo(self, repo: Repository) -> Changes:
        assert self.before is not None and self.suggestion.id is not None
        decision = SuggestionDecision(self.suggestion.id, self.annotator, self.before)
        repo.set_decision(decision)
        return _decision_changes(decision, self.suggestion)


@dataclass
class AssignSpeaker:
    """Give a quote its speaker by name; a name nobody answers to becomes a new speaker.

    One step for the user, so one command: undo takes the speaker away again and
    removes a speaker it created.
    """

    quote: Quote
    name: str
    speakers: Sequence[Speaker] | None = field(default=None, repr=False)
    text: str = ""
    _created: Speaker | None = field(default=None, repr=False)
    _speaker_id: int | None = field(default=None, repr=False)
    _current: Quote | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.text = self.text or f"Set speaker {self.name.strip()}"

    def do(self, repo: Repository) -> Changes:
        changes = Changes()
        if self._created is not None:  # redo: the same new speaker, under its id
            repo.save_speaker(self._created)
            changes |= Changes(speakers=True)
        elif self._speaker_id is None:
            speaker = find_speaker(repo, self.name, self.speakers)
            if speaker is None:
                speaker = self._created = repo.save_speaker(Speaker(self.name.strip()))
                changes |= Changes(speakers=True)
            self._speaker_id = speaker.id
        expected = repo.known_version(self.quote.uuid, self.quote.version)
        after = replace(self.quote, speaker_id=self._speaker_id)
        self._current = repo.update_quote(after, expected_version=expected)
        return changes | _quote_changes(self._current)

    def undo(self, repo: Repository) -> Changes:
        assert self._current is not None
        expected = repo.known_version(self.quote.uuid, self._current.version)
        self._current = repo.update_quote(self.quote, expected_version=expected)
        changes = _quote_changes(self._current)
        if self._created is not None:
            repo.delete_speaker_if_unused(self._created.id)
            changes |= Changes(speakers=True)
        return changes


@dataclass
class SetArticleStatus:
    article_id: int
    annotator: str
    status: str
    text: str = "Set article status"
    _before: str | None = field(default=None, repr=False)

    def do(self, repo: Repository) -> Changes:
        self._before = repo.article_status(self.article_id, self.annotator)
        repo.set_article_status(self.article_id, self.annotator, self.status)
        return Changes(articles=frozenset({self.article_id}), statuses=True)

    def undo(self, repo: Repository) -> Changes:
        assert self._before is not None
        repo.set_article_status(self.article_id, self.annotator, self._before)
        return Changes(articles=frozenset({self.article_id}), statuses=True)


@dataclass
class SaveSpeaker:
    """Create a speaker (``id`` None) or change one's name, aliases or type."""

    speaker: Speaker
    text: str = "Edit speaker"
    _before: Speaker | None = field(default=None, repr=False)
    _saved: Speaker | None = field(default=None, repr=False)

    def do(self, repo: Repository) -> Changes:
        if self.speaker.id is not None and self._before is None:
            self._before = repo.speaker(self.speaker.id)
        # A redo stores the speaker under the id it had, so later commands still find it.
        self._saved = repo.save_speaker(self._saved or self.speaker)
        return Changes(speakers=True)

    def undo(self, repo: Repository) -> Changes:
        assert self._saved is not None
        if self._before is None:
            repo.delete_speaker_if_unused(self._saved.id)
        else:
            repo.save_speaker(self._before)
        return Changes(speakers=True)

    @property
    def saved(self) -> Speaker:
        assert self._saved is not None, "the command has not run"
        return self._saved


@dataclass
class MergeSpeakers:
    """Fold ``source`` into ``target``: its quotes move over, its names become aliases.

    For duplicates such as "Pham" and "Tony Pham". Undo brings the source speaker
    back under its id and gives every quote its speaker again.
    """

    source: Speaker
    target: Speaker
    text: str = "Merge speakers"
    _moved: list[Quote] = field(default_factory=list, repr=False)
    _target_before: Speaker | None = field(default=None, repr=False)

    def do(self, repo: Repository) -> Changes:
        if self.source.id == self.target.id:
            raise InvalidValue("a speaker cannot be merged into itself")
        source, target = repo.speaker(self.source.id), repo.speaker(self.target.id)
        self._target_before = target
        self._moved = []
        for quote in repo.quotes_by_speaker(source.id):
            current = replace(quote, version=repo.known_version(quote.uuid, quote.version))
            repo.update_quote(replace(current, speaker_id=target.id),
                              expected_version=current.version)  # fmt: skip
            self._moved.append(quote)
        names = [source.name, *source.aliases, *target.aliases]
        aliases = tuple(dict.fromkeys(n for n in names if n != target.name))
        repo.save_speaker(replace(target, aliases=aliases, type=target.type or source.type))
        repo.delete_speaker_if_unused(source.id)
        articles = frozenset(q.article_id for q in self._moved)
        return Changes(articles=articles, quotes=frozenset(q.uuid for q in self._moved),
                       speakers=True)  # fmt: skip

    def undo(self, repo: Repository) -> Changes:
        assert self._target_before is not None
        repo.save_speaker(self.source)
        repo.save_speaker(self._target_before)
        for quote in self._moved:
            version = repo.known_version(quote.uuid, quote.version)
            repo.update_quote(replace(quote, speaker_id=self.source.id), expected_version=version)
        articles = frozenset(q.article_id for q in self._moved)
        return Changes(articles=articles, quotes=frozenset(q.uuid for q in self._moved),
                       speakers=True)  # fmt: skip
