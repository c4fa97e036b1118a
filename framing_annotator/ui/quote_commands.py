"""The window's annotation commands: create, edit, tag, move, delete, accept, reject, done.

A mixin of :class:`~.main_window.MainWindow`: each method turns a key or a click
into a Qt-free service command, runs it as one transaction and puts it on the
window's undo stack (``run``), then redraws from what the store holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ..domain.errors import KnownError
from ..domain.model import Quote, QuoteKind, Speaker, SpeakerType
from ..domain.spans import OPENING_MARKS, Span, move_edge, snap_to_words
from ..services.annotation import apply
from ..services.commands import (
    AcceptSuggestion,
    Changes,
    Command,
    CreateQuote,
    DecideSuggestion,
    DeleteQuote,
    EditQuote,
    SaveSpeaker,
    SetArticleStatus,
    find_speaker,
)
from .undo import ServiceCommand

if TYPE_CHECKING:
    from .main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class QuoteCommands(_Base):
    """Annotation commands of the main window (see the module docstring)."""

    def run(self, command: Command) -> bool:
        """Do ``command`` now (one transaction), then keep it on the undo stack."""
        try:
            changes = apply(self.project.repo, command.do)
        except KnownError as exc:
            self.show_error(exc)
            return False
        self.undo_stack.push(
            ServiceCommand(self.project.repo, command, self.refresh, self._undo_failed)
        )
        if self.article_id is not None and (changes.quotes or changes.suggestions):
            self.session.start_article(self.article_id)
        self.refresh(changes)
        return True

    def _undo_failed(self, exc: KnownError) -> None:
        self.show_error(exc)
        # The history no longer matches the project: start a fresh one, after Qt is done.
        QTimer.singleShot(0, self.undo_stack.clear)
        if self.article_id is not None:
            QTimer.singleShot(0, lambda: self.refresh(Changes()))

    def show_error(self, exc: KnownError) -> None:
        self.saved_label.setText("⚠ Not saved")
        self.saved_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        QMessageBox.warning(self, "Framing Annotator", str(exc))

    def _current_quote(self) -> Quote | None:
        item = self._current_item()
        return item.quote if item else None

    def create_quote(self) -> None:
        if self.state is None:
            return
        selected = self.article_view.selected_span()
        if selected is None:
            return
        span = snap_to_words(self.state.article.text, *selected)
        if span is None:
            return
        quote = self._new_quote(span)
        previous, self.current_key = self.current_key, quote.uuid  # drawn once, as current
        if not self.run(CreateQuote(quote)):
            self.current_key = previous

    def _new_quote(self, span: Span) -> Quote:
        """A quote that opens with a quotation mark is direct; anything else starts indirect."""
        opens_with_mark = self.state.article.text[span.start] in OPENING_MARKS
        kind = QuoteKind.DIRECT if opens_with_mark else QuoteKind.INDIRECT
        return Quote(article_id=self.article_id, annotator=self.annotator, span=span, kind=kind)

    def _edit(self, change: Callable, text: str = "Edit quote") -> None:
        quote = self._current_quote()
        if quote is not None:
            after = change(quote)
            if after != quote:
                self.run(EditQuote(quote, after, text=text))

    def toggle_frame_number(self, number: int) -> None:
        frames = [f for f in self.codebook.frames if f.shortcut == str(number)]
        if frames:
            quote = self._current_quote()
            if quote is not None:
                self.set_frame(frames[0].key, frames[0].key not in quote.frames)

    def set_frame(self, key: str, on: bool) -> None:
        label = self.codebook.frame(key).label
        self._edit(
            lambda q: replace(q, frames=(q.frames | {key}) if on else (q.frames - {key})),
            text=f"{'Add' if on else 'Remove'} frame {label}",
        )

    def pick_frame(self) -> None:
        if self._current_quote() is None:
            return
        labels = [frame.label for frame in self.codebook.frames]
        label, ok = QInputDialog.getItem(self, "Toggle frame", "Frame:", labels, 0, True)
        if ok and label in labels:
            self.toggle_frame_key(self.codebook.frames[labels.index(label)].key)

    def toggle_frame_key(self, key: str) -> None:
        quote = self._current_quote()
        if quote is not None:
            self.set_frame(key, key not in quote.frames)

    def set_kind(self, kind: str) -> None:
        self._edit(lambda q: replace(q, kind=QuoteKind(kind)), text="Change kind")

    def set_note(self, note: str) -> None:
        self._edit(lambda q: replace(q, note=note), text="Edit note")

    def set_speaker(self, name: str) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        speaker = find_speaker(self.project.repo, name)
        if speaker is not None and speaker.id == quote.speaker_id:
            self.article_view.setFocus()
            return
        self.undo_stack.beginMacro(f"Set speaker {name}")
        try:
            if speaker is None:
                create = SaveSpeaker(Speaker(name), text=f"New speaker {name}")
                if not self.run(create):
                    return
                speaker = create.saved
            self._edit(lambda q: replace(q, speaker_id=speaker.id), text=f"Set speaker {name}")
        finally:
            self.undo_stack.endMacro()
        self.article_view.setFocus()

    def set_speaker_type(self, value: str) -> None:
        quote = self._current_quote()
        speaker = self.speakers.get(quote.speaker_id) if quote else None
        if speaker is not None:
            kind = SpeakerType(value) if value else None
            self.run(SaveSpeaker(replace(speaker, type=kind), text="Change speaker type"))

    def undo(self) -> None:
        self.undo_stack.undo()

    def redo(self) -> None:
        self.undo_stack.redo()

    def focus_text(self) -> None:
        self.article_view.setFocus()

    def zoom_in(self) -> None:
        self.article_view.zoom(1)

    def zoom_out(self) -> None:
        self.article_view.zoom(-1)

    def move_end_right(self) -> None:
        self.move("end", 1)

    def move_end_left(self) -> None:
        self.move("end", -1)

    def move_start_left(self) -> None:
        self.move("start", -1)

    def move_start_right(self) -> None:
        self.move("start", 1)

    def move(self, edge: str, direction: int) -> None:
        text = self.state.article.text if self.state else ""
        self._edit(
            lambda q: replace(q, span=move_edge(text, q.span, edge=edge, direction=direction)),
            text=f"Move quote {edge}",
        )

    def delete_quote(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        items = [i.key for i in self._items()]
        index = items.index(quote.uuid)
        if self.run(DeleteQuote(quote)):
            remaining = [i.key for i in self._items()]
            self.go_to(remaining[min(index, len(remaining) - 1)] if remaining else None)

    def accept_suggestion(self) -> None:
        item = self._current_item()
        if item is None or item.suggestion is None:
            return
        command = AcceptSuggestion(item.suggestion, self.annotator)
        if self.run(command):
            self.go_to(command.quote.uuid)

    def reject_suggestion(self) -> None:
        item = self._current_item()
        if item is None or item.suggestion is None:
            return
        keys = [i.key for i in self._items()]
        index = keys.index(item.key)
        if self.run(DecideSuggestion(item.suggestion, self.annotator)):
            remaining = [i.key for i in self._items()]
            self.go_to(remaining[min(index, len(remaining) - 1)] if remaining else None)

    def mark_done_and_next(self) -> None:
        if self.article_id is None:
            return
        done = self.article_id
        if self.run(SetArticleStatus(done, self.annotator, "done")):
            following = self.article_list.next_article(done)
            if following is not None:
                self.article_list.select(following)
            else:
                self.statusBar().showMessage("Every article is done. Well coded!", 5000)
