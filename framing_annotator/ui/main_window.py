"""The annotation window: articles on the left, the text in the centre, the quote on the right.

The window builds the widgets, binds every action to a controller callable
(:class:`~framing_annotator.services.controller.AnnotationController` holds the
state, the navigation and the undo history) and redraws what the controller's
events name. Project-level menus live in :mod:`.project_menu`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QInputDialog, QLabel, QMainWindow, QMessageBox

from ..domain.errors import KnownError
from ..services.annotation import ArticleState, Item
from ..services.commands import Changes
from ..services.controller import AnnotationController, Update
from ..services.project import Project
from ..services.review import ReviewReads
from ..services.suggestions import Suggester
from . import layout
from .annotation_panels import QuotesPanel, TextPanel, keys_hint
from .article_list import ArticleList
from .codebook_panel import CodebookPanel
from .dialogs import ask_mark_done
from .frame_suggestions import FrameSuggestions
from .project_menu import ProjectMenu, WindowHooks
from .quote_editor import QuoteEditor
from .rendering import Drawing
from .review_window import ReviewWindow
from .settings_dialog import Settings
from .settings_keys import CONFIRM_DONE
from .window_actions import READS_ONLY, install_actions

SuggesterLoader = Callable[[], Suggester]


class MainWindow(QMainWindow):
    """One annotator's window on one project.

    Signals:
        project_requested(Path): the user chose another project to open.
    """

    project_requested = Signal(Path)

    def __init__(
        self, project: Project, annotator: str, *, suggester_loader: SuggesterLoader | None = None
    ) -> None:
        super().__init__()
        self.project = project
        settings = Settings.load()
        self.controller = AnnotationController(project, annotator,
                                               min_confidence=settings.threshold)  # fmt: skip
        self.review: ReviewWindow | None = None
        self.results_window = None
        self._build_widgets()
        view = self.text.view
        self.menu = ProjectMenu(self.controller, settings, WindowHooks(
            parent=self, article_list=self.article_list, flash=self.flash,
            show_error=self.show_error, open_project=self.project_requested.emit,
            set_annotator=self.set_annotator, set_font_pixels=view.set_font_pixels,
            focus_text=view.setFocus, help_rows=lambda: self.registry.help_rows(),
        ))  # fmt: skip
        self.frames = FrameSuggestions(self.controller, self.menu.workers, self.flash, self)
        self.registry = install_actions(
            self, self._handlers(), submenus={"open_project": self.menu.recent_menu},
            text_keys=[view, self.quotes.table, self.article_list.view],
        )  # fmt: skip
        self._panels_sized = layout.restore(self, QSettings())
        view.set_font_pixels(settings.font_pixels)
        self._listen()
        self.editor.set_codebook(self.controller.codebook)
        self.editor.set_speakers(self.controller.speaker_list())
        self.codebook_panel.set_codebook(self.controller.codebook)
        self._update_title()
        self.article_list.set_source(self.controller)
        if not self.article_list.select_first():
            self.controller.open_article(None)
        if project.read_only:
            self._disable_editing(project.read_only_note or "This project is open read-only")
        self.menu.start_backups()
        self.menu.index_if_queued()
        self.frames.start(self.registry)
        if suggester_loader is not None:
            # After the window is up: spaCy takes a while and must not delay it.
            self.flash("Loading the quote suggester…")
            QTimer.singleShot(0, lambda: self.menu.suggestions.load(suggester_loader))

    # -- what tests and tools look at --------------------------------------------------

    article_view = property(lambda self: self.text.view)
    title_label = property(lambda self: self.text.title_label)
    quote_model = property(lambda self: self.quotes.model)
    quote_table = property(lambda self: self.quotes.table)
    state = property(lambda self: self.controller.state)
    article_id = property(lambda self: self.controller.article_id)
    current_key = property(lambda self: self.controller.current_key)
    settings = property(lambda self: self.menu.settings)
    recent_menu = property(lambda self: self.menu.recent_menu)

    def undo(self) -> None:
        self.controller.undo()

    def _disable_editing(self, why: str) -> None:
        """A read-only project: every action that would write is off, and the status bar
        says why, for as long as the window is open."""
        for name, action in self.registry.actions.items():
            action.setEnabled(name in READS_ONLY)
        self.editor.setEnabled(False)
        self.saved_label.hide()  # "all changes saved" would mislead: none can be
        self.read_only_label = QLabel(why)
        self.read_only_label.setObjectName("readOnlyNote")
        self.statusBar().addPermanentWidget(self.read_only_label)

    # -- building ---------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.text = TextPanel()
        self.text.view.clicked.connect(self._clicked_in_text)
        self.setCentralWidget(self.text)
        self.article_list = ArticleList()
        self.article_list.article_chosen.connect(self.controller.open_article)
        self.article_list.search_requested.connect(self._search)
        self.editor = QuoteEditor()
        self.editor.speaker_entered.connect(self._speaker_entered)
        self.editor.speaker_type_chosen.connect(self.controller.set_speaker_type)
        self.editor.frame_toggled.connect(self.controller.set_frame)
        self.editor.kind_chosen.connect(self.controller.set_kind)
        self.editor.note_edited.connect(lambda uuid, note: self.controller.set_note(note, uuid))
        self.quotes = QuotesPanel()
        self.quotes.table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.codebook_panel = CodebookPanel()
        self.codebook_panel.frame_activated.connect(self.controller.toggle_frame)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        layout.dock(self, "articles", "Articles", self.article_list, left)
        layout.dock(self, "codebook", "Codebook", self.codebook_panel, left)
        layout.dock(self, "quote", "Quote", self.editor, right)
        layout.dock(self, "quotes", "Quotes in this article", self.quotes, right)
        self.keys_label = QLabel()
        self.keys_label.setObjectName("keysHint")
        self.keys_label.setMinimumWidth(1)  # elided by the status bar, never widening it
        self.message_label = QLabel()  # beside the hint, never over it
        self.message_label.setObjectName("statusMessage")
        self._message_timer = QTimer(self, singleShot=True, interval=5000)
        self._message_timer.timeout.connect(self.message_label.clear)
        self.saved_label = QLabel("✓ All changes saved")
        self.saved_label.setObjectName("savedState")
        self.statusBar().addWidget(self.keys_label, 1)
        self.statusBar().addPermanentWidget(self.message_label)
        self.statusBar().addPermanentWidget(self.saved_label)

    def _handlers(self) -> dict[str, Callable[[], object]]:
        """What each action of :mod:`.window_actions` does, by action name."""
        c, menu, view = self.controller, self.menu, self.text.view
        return {
            "new_project": menu.create_project_from_folder,
            "open_project": menu.choose_project,
            "import": menu.choose_import,
            "export": menu.show_export,
            "merge": menu.choose_merge,
            "restore_backup": menu.restore_from_backup,
            "settings": menu.show_settings,
            "switch_annotator": menu.switch_annotator,
            "quit": self.close,
            "undo": c.undo,
            "redo": c.redo,
            "find": self.article_list.focus_search,
            "focus_text": view.setFocus,
            "done_next": self.mark_done_and_next,
            "zoom_in": lambda: view.zoom(1),
            "zoom_out": lambda: view.zoom(-1),
            "suggest_article": menu.suggest_current,
            "suggest_all": menu.suggest_all,
            "create": self.create_quote,
            "next": lambda: c.step(1, caret=view.caret_offset()),
            "previous": lambda: c.step(-1, caret=view.caret_offset()),
            "accept": c.accept,
            "reject": c.reject,
            "speaker": self.focus_speaker,
            "accept_frames": c.accept_suggested_frames,
            "suggest_frames": self.frames.set_on,
            "uncertain_first": self.frames.set_uncertain_first,
            "evaluate_frames": self.frames.evaluate,
            "frame_picker": self.pick_frame,
            "end_right": lambda: c.move("end", 1),
            "end_left": lambda: c.move("end", -1),
            "start_left": lambda: c.move("start", -1),
            "start_right": lambda: c.move("start", 1),
            "delete": c.delete_current,
            "speakers": menu.show_speakers,
            "edit_codebook": menu.show_codebook_editor,
            "review": self.show_review,
            "results": self.show_results,
            "help": menu.show_help,
            "show_rejected": self.set_show_rejected,
            **{f"frame_{n}": (lambda n=n: c.toggle_frame_number(n)) for n in range(1, 10)},
        }

    def _listen(self) -> None:
        c = self.controller
        c.article_opened.connect(self._article_opened)
        c.changed.connect(self._changed)
        c.current_changed.connect(self._current_changed)
        c.message.connect(self.flash)
        c.failed.connect(self.show_error)
        c.history_changed.connect(lambda _none: self._history_changed())
        self._history_changed()

    # -- listening to the controller ------------------------------------------------

    def _drawing(self) -> Drawing:
        return Drawing(self.controller.codebook, self.controller.speakers)

    def _article_opened(self, state: ArticleState | None) -> None:
        drawing = self._drawing()
        self.text.show_article(state, drawing)
        self.quotes.show_article(state, drawing)
        if state is not None:
            self.article_list.select(state.article.id)
            self.menu.suggest_if_new(state.article.id)

    def _changed(self, update: Update) -> None:
        changes, state = update.changes, self.controller.state
        if changes.speakers:
            self.editor.set_speakers(self.controller.speaker_list())
        if changes.codebook:
            self.editor.set_codebook(self.controller.codebook)
            self.codebook_panel.set_codebook(self.controller.codebook)
            self.menu.codebook_changed()
        drawing = self._drawing()
        self.text.redraw(update, state, drawing)
        self.quotes.redraw(update, state, drawing)
        if changes.statuses:
            for article_id in changes.articles:
                self.article_list.set_status(article_id, self.controller.article_status(article_id))
        self._current_changed(self.controller.current)
        self.saved_label.setText("✓ All changes saved")
        self.saved_label.setStyleSheet("")

    def _current_changed(self, item: Item | None) -> None:
        state = self.controller.state
        self.text.show_current(item)
        self.quotes.show_current(item)
        self.editor.show_item(item, state, self.controller.speakers)
        suggestion = self.controller.shown_frame_suggestion()
        self.editor.set_frame_suggestion(suggestion)
        suggested = suggestion is not None and bool(suggestion.suggested)
        self.keys_label.setText(keys_hint(item, state, frames_suggested=suggested))

    def _history_changed(self) -> None:
        session = self.controller.session
        for name, able, text in (
            ("undo", session.can_undo, session.undo_text),
            ("redo", session.can_redo, session.redo_text),
        ):
            action = self.registry[name]
            action.setEnabled(able)
            action.setToolTip(f"{name.title()} {text}".rstrip())

    def flash(self, text: str) -> None:
        """A short message in the status bar, beside the key hint, for five seconds."""
        self.message_label.setText(text)
        self._message_timer.start()

    def show_error(self, exc: KnownError) -> None:
        """A refused step: say why in a message that does not block; nothing was stored."""
        self.saved_label.setText("⚠ Not saved")
        self.saved_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.last_error = QMessageBox(QMessageBox.Icon.Warning, "Framing Annotator", str(exc),
                                      parent=self)  # fmt: skip
        self.last_error.setObjectName("errorMessage")
        self.last_error.open()

    # -- what keys and clicks do -------------------------------------------------------

    def create_quote(self) -> None:
        selected = self.text.view.selected_span()
        if selected is not None and self.controller.create_quote(*selected) is not None:
            self.text.view.clear_selection()  # the new quote's colour shows at once

    def _clicked_in_text(self, offset: int) -> None:
        item = self.controller.item_at(offset)
        if item is not None:
            self.controller.go_to(item.key)

    def _table_row_changed(self, current, _previous) -> None:
        if current.isValid() and not self.quotes.syncing:
            self.controller.go_to(self.quotes.model.quote_at(current.row()).uuid)

    def _speaker_entered(self, name: str) -> None:
        self.controller.set_speaker(name)
        self.text.view.setFocus()

    def focus_speaker(self) -> None:
        if self.controller.current_quote is not None:
            self.editor.speaker.setFocus()
            self.editor.speaker.lineEdit().selectAll()

    def pick_frame(self) -> None:
        if self.controller.current_quote is None:
            return
        frames = self.controller.codebook.frames
        labels = [frame.label for frame in frames]
        label, ok = QInputDialog.getItem(self, "Toggle frame", "Frame:", labels, 0, True)
        if ok and label in labels:
            self.controller.toggle_frame(frames[labels.index(label)].key)

    def set_show_rejected(self, on: bool) -> None:
        self.text.show_rejected = on
        self.text.redraw(Update(Changes(), None), self.controller.state, self._drawing())

    def mark_done_and_next(self) -> None:
        """Ctrl+Enter: mark done, but first ask when work is still open (unless told not to)."""
        pending = self.controller.pending_work()
        if pending and QSettings().value(CONFIRM_DONE, True, type=bool):
            self.confirm_done = ask_mark_done(self, pending.describe(), self._mark_done)
        else:
            self._mark_done()

    def _mark_done(self) -> None:
        done = self.controller.article_id
        if done is None or not self.controller.mark_done():
            return
        following = self.article_list.next_article(done)
        if following is not None:
            self.controller.open_article(following)
        else:
            self.flash("Every article is done. Well coded!")

    def _search(self, words: str) -> None:
        self.article_list.set_search_results(self.controller.search(words) if words.strip()
                                             else None)  # fmt: skip

    def set_annotator(self, name: str) -> None:
        self.menu.remember_annotator(name)
        self.controller.set_annotator(name)
        self._update_title()
        self.article_list.set_source(self.controller, keep=self.controller.article_id)

    def _update_title(self) -> None:
        self.setWindowTitle(
            f"Framing Annotator — {self.project.path.stem} — {self.controller.annotator}"
        )

    def show_review(self) -> ReviewWindow:
        """The agreement and adjudication window (one at a time, not modal)."""
        self.controller.flush()  # agreement says who saw frame suggestions
        if self.review is None:
            run = self.controller.run
            self.review = ReviewWindow(ReviewReads(self.project),
                                       lambda command: run(command) is not None,
                                       self.show_unit, self)  # fmt: skip
        else:
            self.review.recompute()
        self.review.show()
        self.review.raise_()
        return self.review

    def show_results(self):
        """Review ▸ Results (one window, recomputed when brought up again)."""
        from .results_window import ResultsWindow  # matplotlib loads only when Results opens

        if self.results_window is None:
            self.results_window = ResultsWindow(self.project, self)
        else:
            self.results_window.refresh()
        self.results_window.show()
        self.results_window.raise_()
        return self.results_window

    def show_unit(self, article_id: int, span) -> None:
        """Open ``article_id`` and bring ``span`` into view (from the review)."""
        self.controller.open_article(article_id)
        self.text.view.show_span(span)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._panels_sized:  # the first start: panel widths for this screen
            self._panels_sized = True
            layout.size_panels(self, self.width())

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        self.editor.finish_editing()  # a note still being typed is saved before closing
        self.controller.flush()  # and what waited for the next step
        layout.save(self, QSettings())
        self.menu.shutdown()
        self.project.close()
        super().closeEvent(event)
