"""The annotation window's brain, without Qt: state, navigation, one undo history.

:class:`AnnotationController` owns the project, the annotator, the open article and
its current item (the quote or suggestion that keys act on). Every user action is a
method here that runs one command through the session (:mod:`.annotation`): one
write transaction, the start-article rule inside it. What changed is then taken
into the state the controller holds, without reading the article again, and
published through :class:`~.events.Event` lists that the window's views listen to:

- ``article_opened(ArticleState | None)``: a new article (or none) is open;
- ``changed(Update)``: a step changed these items (or everything, ``keys`` None);
- ``current_changed(Item | None)``: keys now act on another item;
- ``message(str)``: a short line for the status bar ("Last item of the article");
- ``failed(KnownError)``: a step was refused; nothing was stored;
- ``history_changed(None)``: what Undo and Redo would do changed;
- ``frames_stale(str)``: this coder's frames changed, so their frame learner should be
  trained again (the window's worker does that, then hands it to :meth:`learner_trained`).

It is what napari's ``ViewerModel`` is for ``QtViewer``; the window only draws and
forwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ..domain.codebook import Codebook, FrameType
from ..domain.errors import KnownError
from ..domain.frames import FrameSuggestion, ShownFrameSuggestion, codebook_version
from ..domain.model import (
    ArticleListing,
    ArticleSummary,
    Quote,
    QuoteKind,
    Speaker,
    SpeakerType,
)
from ..domain.spans import OPENING_MARKS, move_edge, snap_to_words
from .annotation import AnnotationSession, ArticleState, Item
from .codebook import DeleteFrame, SaveFrames
from .commands import (
    AcceptSuggestion,
    AssignSpeaker,
    Changes,
    Command,
    CreateQuote,
    DecideSuggestion,
    DeleteQuote,
    EditQuote,
    MergeSpeakers,
    SaveSpeaker,
    SetArticleStatus,
)
from .events import Event
from .frames import AcceptSuggestedFrames, FrameAssistant
from .project import Project


@dataclass(frozen=True)
class Update:
    """What the views must redraw after a step.

    ``keys``: the items of the open article whose marks and rows changed, or None
    when the whole article must be redrawn. ``changes`` is the command's record.
    """

    changes: Changes
    keys: frozenset[str] | None


@dataclass(frozen=True)
class PendingWork:
    """What is still open in an article, asked about before it is marked done."""

    suggestions: int
    without_speaker: int

    def __bool__(self) -> bool:
        return bool(self.suggestions or self.without_speaker)

    def describe(self) -> str:
        parts = []
        if self.suggestions:
            parts.append(f"{self.suggestions} suggestion(s) not yet accepted or rejected")
        if self.without_speaker:
            parts.append(f"{self.without_speaker} quote(s) without a speaker")
        return "; ".join(parts)


class AnnotationController:
    """One annotator at work on one project (see the module docstring)."""

    def __init__(self, project: Project, annotator: str, *, min_confidence: float = 0.0) -> None:
        self.project = project
        self.article_opened: Event[ArticleState | None] = Event()
        self.changed: Event[Update] = Event()
        self.current_changed: Event[Item | None] = Event()
        self.message: Event[str] = Event()
        self.failed: Event[KnownError] = Event()
        self.history_changed: Event[None] = Event()
        self.frames_stale: Event[str] = Event()
        self.session = AnnotationSession(project.repo, annotator, min_confidence=min_confidence)
        # Frame suggestions learned from this coder's own coding (see "frames" below).
        self.frames = FrameAssistant(project.repo, annotator)
        self.frames_on = True
        self.uncertain_first = False
        self.frames_status = ""
        self._shown: set[str] = set()  # quotes whose shown suggestions are noted already
        self.state: ArticleState | None = None
        self.current_key: str | None = None
        self.codebook: Codebook = project.repo.codebook()
        self.speakers: dict[int, Speaker] = {s.id: s for s in project.repo.speakers()}

    # -- who and what -------------------------------------------------------

    @property
    def annotator(self) -> str:
        return self.session.annotator

    @property
    def article_id(self) -> int | None:
        return self.state.article.id if self.state else None

    @property
    def current(self) -> Item | None:
        return self.state.item(self.current_key) if self.state else None

    @property
    def current_quote(self) -> Quote | None:
        item = self.current
        return item.quote if item else None

    def set_annotator(self, name: str) -> None:
        """Annotate as ``name`` from now on: a fresh history, the article as they see it."""
        self.flush()
        self._shown.clear()
        self.session = AnnotationSession(
            self.project.repo, name, min_confidence=self.session.min_confidence
        )
        self.frames = FrameAssistant(self.project.repo, name)  # never the last coder's learner
        self.frames_status = ""
        self.history_changed.emit(None)
        self.reopen()
        if self.frames_on:
            self.frames_stale.emit(name)

    def set_min_confidence(self, value: float) -> None:
        self.session.min_confidence = value
        self.reopen()

    # -- reads the views need ------------------------------------------------

    def article_page(
        self, listing: ArticleListing, offset: int, limit: int
    ) -> list[ArticleSummary]:
        """One page of the article list; counts and filters are done by the store."""
        return self.project.repo.article_page(self.annotator, listing, offset=offset, limit=limit)

    def article_count(self, listing: ArticleListing = ArticleListing()) -> int:  # noqa: B008
        return self.project.repo.article_list_count(self.annotator, listing)

    def article_row(self, listing: ArticleListing, article_id: int) -> int:
        return self.project.repo.article_position(self.annotator, listing, article_id)

    def next_article(self, listing: ArticleListing, after: int) -> int | None:
        """The next listed article after ``after`` that this annotator has not done."""
        return self.project.repo.next_article_not_done(self.annotator, listing, after)

    def done_count(self) -> int:
        return self.project.repo.done_count(self.annotator)

    def outlets(self) -> list[str]:
        return self.project.repo.outlets()

    def article_status(self, article_id: int) -> str:  # noqa: D102
        if article_id == self.article_id and self.state is not None:
            return self.state.status
        return self.project.repo.article_status(article_id, self.annotator)

    def search(self, words: str) -> set[int]:
        """Every article whose title or text holds all of ``words``: the list's search, in
        SQL and without a row limit (the hits of ``Project.search`` stop at 200 of each)."""
        return self.project.matching_article_ids(words)

    def speaker_list(self) -> list[Speaker]:
        return sorted(self.speakers.values(), key=lambda s: s.name.casefold())

    def quote_counts_by_speaker(self) -> dict[int, int]:
        return self.project.repo.quote_counts_by_speaker()

    def suggested_by(self, pipeline: str) -> set[int]:
        """The articles this suggester pipeline has read already."""
        return self.project.repo.articles_suggested(pipeline)

    def annotator_names(self) -> list[str]:
        return [a.name for a in self.project.repo.annotators()]

    def pending_work(self) -> PendingWork:
        state = self.state
        if state is None:
            return PendingWork(0, 0)
        return PendingWork(
            suggestions=len(state.pending),
            without_speaker=sum(1 for q in state.quotes if q.speaker_id is None),
        )

    # -- opening --------------------------------------------------------------

    def open_article(self, article_id: int | None) -> None:
        if article_id is not None and article_id == self.article_id:
            return
        self.flush()
        self.current_key = None
        self.state = None if article_id is None else self.session.article_state(article_id)
        if self.state is not None:
            self.session.knows_started(article_id, self.state.status)
        self.article_opened.emit(self.state)
        self.current_changed.emit(None)

    def reopen(self) -> None:
        """Read the open article again (new suggestions, another annotator, a failed step)."""
        if self.state is None:
            return
        key = self.current_key
        self.state = self.session.article_state(self.state.article.id)
        self.session.knows_started(self.state.article.id, self.state.status)
        self.changed.emit(Update(Changes(), None))
        self.current_key = key if self.state.item(key) else None
        self.current_changed.emit(self.current)

    def suggestions_stored(self, article_ids: list[int]) -> None:
        if self.article_id in article_ids:
            self.reopen()

    # -- navigation -------------------------------------------------------------

    def go_to(self, key: str | None) -> None:
        self.current_key = key
        self.current_changed.emit(self.current)

    def step(self, direction: int, *, caret: int = 0) -> None:
        """J (1) and K (-1): the next or previous item; at the ends, stay and say so.

        With no current item, start from ``caret`` (a code-point offset). In reading
        order this is a bisection, whatever the article's count of items.
        """
        state = self.state
        if state is None or not state.count:
            self.message.emit("No quotes or suggestions in this article yet")
            return
        doubtful = self._doubt_order()
        count = state.count if doubtful is None else len(doubtful)
        if doubtful is None:
            here = state.position(self.current_key)
        else:
            here = next((n for n, i in enumerate(doubtful) if i.key == self.current_key), None)
        if here is not None:
            index = here + direction
        elif doubtful is not None:  # the most doubtful quote first, wherever the caret is
            index = 0 if direction > 0 else count - 1
        else:
            first_ahead = state.first_from(caret)
            index = first_ahead if direction > 0 else first_ahead - 1
        if index >= count:
            self.message.emit("Last quote or suggestion of this article · K goes back")
            return
        if index < 0:
            self.message.emit("First quote or suggestion of this article · J goes on")
            return
        self.go_to(state.at(index).key if doubtful is None else doubtful[index].key)

    def item_at(self, offset: int) -> Item | None:
        """The innermost item under a code-point offset (a click in the text)."""
        items = self.state.items if self.state else []
        hits = [i for i in items if i.span.start <= offset < i.span.end]
        return min(hits, key=lambda item: len(item.span)) if hits else None

    # -- running commands ---------------------------------------------------------

    def run(self, command: Command) -> Changes | None:
        """Do ``command`` (one transaction) and keep it in the history; None if refused."""
        try:
            changes = self.session.execute(command)
        except KnownError as exc:
            self.failed.emit(exc)
            return None
        self._take(changes)
        self.history_changed.emit(None)
        return changes

    def undo(self) -> None:
        self._history_step(self.session.undo, "Nothing to undo")

    def redo(self) -> None:
        self._history_step(self.session.redo, "Nothing to redo")

    def _history_step(self, step: Callable[[], Changes], nothing: str) -> None:
        if not (self.session.can_undo if nothing == "Nothing to undo" else self.session.can_redo):
            self.message.emit(nothing)
            return
        try:
            changes = step()
        except KnownError as exc:
            # The history no longer matches the project: start a fresh one.
            self.session.clear()
            self.failed.emit(exc)
            self.history_changed.emit(None)
            self.reopen()
            return
        self._take(changes, follow=True)
        self.history_changed.emit(None)

    def _take(self, changes: Changes, *, follow: bool = False) -> None:
        """Bring the state up to date with ``changes`` and tell the views what to redraw.

        ``follow``: an undo or redo of a step made in another article opens that article,
        so the coder sees what changed (a merge of speakers, say, stays where it is).
        """
        if changes.codebook:
            self.codebook = self.project.repo.codebook()
        if changes.speakers:
            self.speakers = {s.id: s for s in self.project.repo.speakers()}
        state = self.state
        elsewhere = state is None or state.article.id not in changes.articles
        if follow and changes.articles and elsewhere:
            self.changed.emit(Update(changes, frozenset()))
            self.open_article(min(changes.articles))
            return
        keys: frozenset[str] | None = frozenset()
        if state is not None and state.article.id in changes.articles:
            if changes.statuses:
                state.status = self.project.repo.article_status(state.article.id, self.annotator)
            if changes.describes_quotes:
                keys = frozenset(state.apply(changes, self.annotator))
            else:
                self.state = state = self.session.article_state(state.article.id)
                keys = None
        if changes.codebook or (changes.speakers and not changes.quotes):
            keys = None  # colours, labels or a renamed speaker on any mark may differ
        self.changed.emit(Update(changes, keys))
        if self.frames_on and (changes.quotes or changes.codebook):
            self.frames_stale.emit(self.annotator)
        if state is not None and state.item(self.current_key) is None:
            self.current_key = None
            self.current_changed.emit(None)

    # -- quotes ------------------------------------------------------------------

    def create_quote(self, start: int, end: int) -> Quote | None:
        """Enter on a selection: a quote snapped to whole words, current at once."""
        state = self.state
        if state is None:
            return None
        span = snap_to_words(state.article.text, start, end)
        if span is None:
            self.message.emit("Select some words first, then press Enter")
            return None
        # A quote that opens with a quotation mark is direct; anything else starts indirect.
        direct = state.article.text[span.start] in OPENING_MARKS
        quote = Quote(
            article_id=state.article.id,
            annotator=self.annotator,
            span=span,
            kind=QuoteKind.DIRECT if direct else QuoteKind.INDIRECT,
        )
        command = CreateQuote(quote)
        if self.run(command) is None:
            return None
        self.go_to(command.stored.uuid)
        return command.stored

    def _edit(
        self, change: Callable[[Quote], Quote], text: str, quote: Quote | None = None
    ) -> None:
        quote = quote or self.current_quote
        if quote is None:
            self.message.emit("No quote selected: J goes to the next one")
            return
        after = change(quote)
        if after != quote:
            self.run(EditQuote(quote, after, text=text))

    def toggle_frame_number(self, number: int) -> None:
        frame = next((f for f in self.codebook.frames if f.shortcut == str(number)), None)
        if frame is None:
            self.message.emit(f"No frame has the key {number}")
        else:
            self.toggle_frame(frame.key)

    def toggle_frame(self, key: str) -> None:
        quote = self.current_quote
        if quote is None:
            self.message.emit("No quote selected: J goes to the next one")
            return
        self.set_frame(key, key not in quote.frames)

    def set_frame(self, key: str, on: bool) -> None:
        label = self.codebook.frame(key).label
        self._edit(
            lambda q: replace(q, frames=(q.frames | {key}) if on else (q.frames - {key})),
            f"{'Add' if on else 'Remove'} frame {label}",
        )

    def set_kind(self, kind: str) -> None:
        self._edit(lambda q: replace(q, kind=QuoteKind(kind)), "Change kind")

    def set_note(self, note: str, uuid: str | None = None) -> None:
        """The note of the quote ``uuid`` (default: the current one)."""
        quote = self.current_quote
        if uuid is not None and self.state is not None:
            item = self.state.item(uuid)
            quote = item.quote if item else None
        if quote is not None:
            self._edit(lambda q: replace(q, note=note), "Edit note", quote)

    def set_speaker(self, name: str) -> None:
        quote = self.current_quote
        if quote is None or not name.strip():
            return
        known = self.speaker_list()
        chosen = next((s for s in known if s.name == name.strip()), None)
        if chosen is not None and chosen.id == quote.speaker_id:
            return
        self.run(AssignSpeaker(quote, name, speakers=known))

    def set_speaker_type(self, value: str) -> None:
        quote = self.current_quote
        speaker = self.speakers.get(quote.speaker_id) if quote and quote.speaker_id else None
        if speaker is not None:
            kind = SpeakerType(value) if value else None
            if kind != speaker.type:
                self.run(SaveSpeaker(replace(speaker, type=kind), text="Change speaker type"))

    def move(self, edge: str, direction: int) -> None:
        """Alt+arrows: move the current quote's start or end by one word."""
        text = self.state.article.text if self.state else ""
        self._edit(
            lambda q: replace(q, span=move_edge(text, q.span, edge=edge, direction=direction)),
            f"Move quote {edge}",
        )

    def delete_current(self) -> None:
        quote = self.current_quote
        if quote is None or self.state is None:
            return
        index = self.state.position(quote.uuid)
        if self.run(DeleteQuote(quote)) is not None and index is not None:
            left = self.state.count
            self.go_to(self.state.at(min(index, left - 1)).key if left else None)

    # -- suggestions ----------------------------------------------------------------

    def accept(self) -> None:
        """Y: the suggestion becomes a quote; then on to the next pending suggestion."""
        item = self.current
        if item is None or item.suggestion is None:
            self.message.emit("Y accepts a suggestion: J goes to the next one")
            return
        command = AcceptSuggestion(item.suggestion, self.annotator, speakers=self.speaker_list())
        if self.run(command) is not None:
            self._after_decision(item, stay=command.quote.uuid)

    def reject(self) -> None:
        """N: the suggestion is hidden for this annotator; then on to the next one."""
        item = self.current
        if item is None or item.suggestion is None or self.state is None:
            self.message.emit("N rejects a suggestion: J goes to the next one")
            return
        before = self.state.decision(item.suggestion)
        if self.run(DecideSuggestion(item.suggestion, self.annotator, before=before)) is not None:
            self._after_decision(item, stay=None)

    def _after_decision(self, decided: Item, *, stay: str | None) -> None:
        assert self.state is not None
        following = self.state.next_pending(decided.span, decided.key)
        if following is None:
            self.message.emit("No suggestions left in this article · Ctrl+Enter marks it done")
            self.go_to(stay)
        else:
            self.go_to(following)

    # -- the article -------------------------------------------------------------------

    def mark_done(self) -> bool:
        """Mark the open article done for this annotator; True if it was stored."""
        if self.article_id is None:
            return False
        command = SetArticleStatus(self.article_id, self.annotator, "done")
        return self.run(command) is not None

    # -- codebook and speakers -------------------------------------------------------------

    def save_frames(self, frames: tuple[FrameType, ...]) -> bool:
        return bool(frames) and self.run(SaveFrames(frames)) is not None

    def delete_frame(self, key: str) -> bool:
        return self.run(DeleteFrame(self.codebook.frame(key))) is not None

    def save_speaker(self, speaker: Speaker) -> bool:
        return self.run(SaveSpeaker(speaker)) is not None

    def merge_speakers(self, source: Speaker, target: Speaker) -> bool:
        return self.run(MergeSpeakers(source, target)) is not None

    # -- frame suggestions ------------------------------------------------------------------
    # A learner trained (in a worker) on this coder's own coding suggests frames for the
    # quotes they have not coded yet. What the editor shows is recorded in the project.

    def learner_trained(self, annotator: str, learner: object) -> None:
        """A worker trained ``annotator``'s learner; a late one for another coder is dropped."""
        if annotator != self.annotator:
            return
        self.frames.set_learner(learner)
        self._shown.clear()  # a new learner may suggest otherwise: noted again when shown
        self.frames_status = f"Frame suggestions learned from {annotator}'s coding"
        self.message.emit(self.frames_status)
        self.current_changed.emit(self.current)  # the editor shows the suggestion now

    def learner_unavailable(self, annotator: str, reason: str) -> None:
        """Too little coding yet: kept to say when G is pressed, not flashed at every start."""
        if annotator == self.annotator:
            self.frames_status = f"No frame suggestions yet: {reason}"

    def set_frame_suggestions(self, on: bool) -> None:
        """The setting: show frame suggestions (and train for them) or not."""
        self.frames_on = on
        if on and self.frames.learner is None:
            self.frames_stale.emit(self.annotator)
        self.current_changed.emit(self.current)

    def set_uncertain_first(self, on: bool) -> None:
        """J and K visit the quotes the learner is least sure of first (as Prodigy does)."""
        self.uncertain_first = on

    def frame_suggestion(self, quote: Quote | None) -> FrameSuggestion | None:
        """The frames suggested for ``quote``, from what is held: no query."""
        if not self.frames_on or quote is None or self.state is None:
            return None
        if quote.article_id != self.state.article.id:
            return None
        speaker = self.speakers.get(quote.speaker_id) if quote.speaker_id else None
        return self.frames.suggestion_for(
            quote,
            article_text=self.state.article.text,
            speaker_type=speaker.type.value if speaker and speaker.type else "",
        )

    def shown_frame_suggestion(self) -> FrameSuggestion | None:
        """What the editor shows for the current quote, noted in the project as shown.

        Noted once per quote and learner, so that agreement can say who worked with
        suggestions. The record keeps the moment it was shown, but is stored with the next
        step (or when the article changes, the review opens or the window closes): J and K
        only move, and write nothing. A read-only project shows them, and says so.
        """
        suggestion = self.frame_suggestion(self.current_quote)
        if suggestion is None or suggestion.quote_uuid in self._shown:
            return suggestion
        self._shown.add(suggestion.quote_uuid)
        if self.project.read_only:
            self.message.emit("Frame suggestions not recorded: the project is read-only")
            return suggestion
        record = ShownFrameSuggestion(
            quote_uuid=suggestion.quote_uuid,
            frames=suggestion.frames,
            suggested=suggestion.suggested,
            codebook_version=codebook_version(self.codebook),
            shown_at=datetime.now(UTC).isoformat(timespec="milliseconds"),
        )
        self.session.write_with_next(lambda repo: repo.record_frame_suggestion_shown(record))
        return suggestion

    def flush(self) -> None:
        """Store the records that wait for the next step (see :meth:`shown_frame_suggestion`)
        now: before the project is read elsewhere or closed."""
        try:
            self.session.flush()
        except KnownError as exc:
            self.message.emit(f"Frame suggestions not recorded: {exc}")

    def accept_suggested_frames(self) -> None:
        """G: the current quote takes the frames suggested for it, as one undoable step."""
        quote = self.current_quote
        suggestion = self.frame_suggestion(quote)
        if quote is None or suggestion is None or not suggestion.suggested:
            why = ""
            if not self.frames_on:
                why = " · frame suggestions are off (Frames menu)"
            elif self.frames.learner is None:
                why = f" · {self.frames_status or 'the learner is still training'}"
            self.message.emit(f"No frames suggested for this quote{why}")
            return
        labels = ", ".join(self.codebook.frame(k).label for k in sorted(suggestion.suggested))
        command = AcceptSuggestedFrames(suggestion, quote, codebook_version(self.codebook),
                                        text=f"Accept suggested frames {labels}")  # fmt: skip
        self.run(command)

    def _doubt_order(self) -> list[Item] | None:
        """With "least sure first" on, the items most doubtful first; else None (reading order)."""
        if not (self.uncertain_first and self.frames_on and self.frames.learner is not None):
            return None
        assert self.state is not None

        def doubt(item: Item) -> float:
            suggestion = self.frame_suggestion(item.quote)
            return suggestion.uncertainty if suggestion else -1.0

        return sorted(self.state.items, key=lambda item: -doubt(item))
