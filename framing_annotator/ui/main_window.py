"""The annotation window: articles on the left, the text in the centre, the quote on the right.

The window holds what is on screen (the article, the current quote or suggestion);
every change goes through a service command on the undo stack, and the view is
redrawn from what the store then holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import KnownError
from ..domain.model import Quote, QuoteKind, Speaker, SpeakerType
from ..domain.spans import OPENING_MARKS, Span, move_edge, snap_to_words
from ..io.codebooks import DEFAULT_PRESET, load_preset, preset_names
from ..io.importers import supported_suffixes
from ..services.annotation import AnnotationSession, ArticleState, Item, apply
from ..services.backup import BackupService, restore_project
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
from ..services.merge import merge_projects
from ..services.project import ImportReport, Project
from ..services.suggestions import Suggester
from .article_list import ArticleList
from .article_view import ArticleView
from .codebook_editor import CodebookEditor
from .codebook_panel import CodebookPanel
from .export_dialog import ExportDialog
from .help_dialog import HelpDialog
from .models import QuoteTableModel
from .quote_editor import QuoteEditor
from .rendering import marks_and_rows
from .review_window import ReviewWindow
from .settings_dialog import Settings, SettingsDialog
from .suggestion_runner import SuggestionRunner
from .undo import ServiceCommand
from .welcome import CREATE as WELCOME_CREATE
from .welcome import OPEN as WELCOME_OPEN
from .welcome import WelcomePanel
from .window_actions import install_actions
from .workers import Worker, WorkerPool

SuggesterLoader = Callable[[], Suggester]
RECENT_KEY = "project/recent"
EMPTY_QUOTES = "No quotes yet. Select text and press Enter, or press J to review a suggestion."


class MainWindow(QMainWindow):
    """One annotator's window on one project.

    Signals:
        project_requested(Path): the user chose another project to open.
    """

    project_requested = Signal(Path)

    def __init__(
        self,
        project: Project,
        annotator: str,
        *,
        suggester_loader: SuggesterLoader | None = None,
    ) -> None:
        super().__init__()
        self.project = project
        self.annotator = annotator
        self.settings = Settings.load()
        self.session = AnnotationSession(
            project.repo, annotator, min_confidence=self.settings.threshold
        )
        self.undo_stack = QUndoStack(self)
        self.workers = WorkerPool()
        self.suggestions = SuggestionRunner(project.path, self.workers)
        self.suggestions.ready.connect(self._suggester_ready)
        self.suggestions.stored.connect(self._suggestions_stored)
        self.suggestions.failed.connect(self._suggestions_failed)
        self.article_id: int | None = None
        self.state: ArticleState | None = None
        self.current_key: str | None = None
        self.show_rejected = False
        self.review: ReviewWindow | None = None
        self.codebook_editor: CodebookEditor | None = None
        self.codebook = self.session.codebook()
        self.speakers: dict[int, Speaker] = {}

        self._build_widgets()
        self._build_menus()
        self._default_layout()
        self._restore_layout()
        self.article_view.set_font_pixels(self.settings.font_pixels)
        self._reload_speakers()
        self.article_list.set_articles(project.articles(), annotator)
        self.setWindowTitle(f"Framing Annotator — {project.path.stem} — {annotator}")
        if self.article_list.model.rowCount():
            self.article_list.select(self.article_list.model.summary(0).id)
        else:
            self._show_no_articles()
        self.backups = BackupService(project.repo)
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(60_000)  # the policy decides when a backup is due
        self._backup_timer.timeout.connect(self._backup_if_due)
        QTimer.singleShot(0, self._backup_on_open)
        if suggester_loader is not None:
            # After the window is up: spaCy takes a while and must not delay it.
            self.statusBar().showMessage("Loading the quote suggester…")
            QTimer.singleShot(0, lambda: self.suggestions.load(suggester_loader))

    # -- building -----------------------------------------------------------

    def _build_widgets(self) -> None:
        self.title_label = QLabel()
        self.title_label.setObjectName("articleTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.article_view = ArticleView()
        self.article_view.clicked.connect(self._clicked_in_text)
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(12, 10, 12, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.article_view, 1)
        self.setCentralWidget(centre)

        self.article_list = ArticleList()
        self.article_list.article_chosen.connect(self.open_article)
        self.article_list.search_requested.connect(self._search)
        self._dock("articles", "Articles", self.article_list, Qt.DockWidgetArea.LeftDockWidgetArea)

        self.editor = QuoteEditor()
        self.editor.set_codebook(self.codebook)
        self.editor.speaker_entered.connect(self.set_speaker)
        self.editor.speaker_type_chosen.connect(self.set_speaker_type)
        self.editor.frame_toggled.connect(self.set_frame)
        self.editor.kind_chosen.connect(self.set_kind)
        self.editor.note_edited.connect(self.set_note)
        self._dock("quote", "Quote", self.editor, Qt.DockWidgetArea.RightDockWidgetArea)

        self.quote_model = QuoteTableModel()
        self.quote_table = QTableView()
        self.quote_table.setObjectName("quoteTable")
        self.quote_table.setModel(self.quote_model)
        self.quote_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.quote_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.quote_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quote_table.verticalHeader().hide()
        self.quote_table.setWordWrap(False)
        # Fixed widths: sizing columns to their contents reads every cell on every edit.
        header = self.quote_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((44, 130, 64, 150)):
            header.resizeSection(column, width)
        self.quote_table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.quotes_empty = QLabel(EMPTY_QUOTES)
        self.quotes_empty.setObjectName("quotesEmpty")
        self.quotes_empty.setWordWrap(True)
        self.quotes_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.quotes_stack = QStackedWidget()
        self.quotes_stack.addWidget(self.quotes_empty)
        self.quotes_stack.addWidget(self.quote_table)
        self._dock(
            "quotes",
            "Quotes in this article",
            self.quotes_stack,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

        self.codebook_panel = CodebookPanel()
        self.codebook_panel.set_codebook(self.codebook)
        self.codebook_panel.frame_activated.connect(self.toggle_frame_key)
        self._dock(
            "codebook", "Codebook", self.codebook_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )

        self.keys_label = QLabel()
        self.keys_label.setObjectName("keysHint")
        self.saved_label = QLabel("✓ All changes saved")
        self.saved_label.setObjectName("savedState")
        self.statusBar().addWidget(self.keys_label, 1)
        self.statusBar().addPermanentWidget(self.saved_label)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        self.registry = install_actions(self)
        self.undo_stack.canUndoChanged.connect(self.registry["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(self.registry["redo"].setEnabled)
        self.registry["undo"].setEnabled(False)
        self.registry["redo"].setEnabled(False)
        panels = self.menuBar().addMenu("&View")
        for dock in self.findChildren(QDockWidget):
            panels.addAction(dock.toggleViewAction())

    def _default_layout(self) -> None:
        docks = {dock.objectName(): dock for dock in self.findChildren(QDockWidget)}
        self.resizeDocks(
            [docks["articlesDock"], docks["quoteDock"]], [300, 380], Qt.Orientation.Horizontal
        )
        self.resizeDocks(
            [docks["quoteDock"], docks["quotesDock"]], [430, 400], Qt.Orientation.Vertical
        )

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    # -- opening articles ------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        if article_id == self.article_id:
            return
        self.article_id = article_id
        self.current_key = None
        self.state = self.session.article_state(article_id)
        article = self.state.article
        self.title_label.setText(article.title or f"Article {article.id}")
        self.meta_label.setText(
            " · ".join(part for part in (article.outlet, article.date, article.source) if part)
        )
        self.article_view.set_article(article.text)
        self._render()
        if self.suggestions.is_new(self.project.repo, article_id):
            self.suggestions.suggest([article_id])

    def _show_no_articles(self) -> None:
        self.title_label.setText("No articles yet")
        self.meta_label.setText("")
        self.article_view.set_article(
            "Import articles with File ▸ Import, or on the command line:\n\n"
            "    framing-annotator import PROJECT FILE..."
        )
        self._render()

    def _reload_speakers(self) -> None:
        speakers = self.session.speakers()
        self.speakers = {s.id: s for s in speakers}
        self.editor.set_speakers(speakers)

    def refresh(self, changes: Changes) -> None:
        """Redraw what ``changes`` touched; every command ends here."""
        if changes.speakers:
            self._reload_speakers()
        if changes.codebook:
            self.codebook = self.session.codebook()
            self.editor.set_codebook(self.codebook)
            self.codebook_panel.set_codebook(self.codebook)
            if self.codebook_editor is not None:
                self.codebook_editor.reload()
        for article_id in changes.articles:
            self.article_list.set_status(
                article_id, self.project.repo.article_status(article_id, self.annotator)
            )
        if changes.articles and self.article_id not in changes.articles:
            # Undo or redo of a step made in another article: go where it happens.
            self.article_list.select(min(changes.articles))
        if self.article_id is not None:
            self.state = self.session.article_state(self.article_id)
        self._render()
        self.saved_label.setText("✓ All changes saved")
        self.saved_label.setStyleSheet("")

    # -- drawing ----------------------------------------------------------------

    def _items(self) -> list[Item]:
        return self.state.items if self.state else []

    def _current_item(self) -> Item | None:
        for item in self._items():
            if item.key == self.current_key:
                return item
        return None

    def _render(self) -> None:
        state = self.state
        if state is None:
            self.article_view.set_marks([])
            self.editor.set_quote(None)
            self.quote_model.set_rows([])
            self.quotes_stack.setCurrentWidget(self.quotes_empty)
            self._update_keys_hint(None)
            return
        marks, rows = marks_and_rows(
            state, self.codebook, self.speakers, show_rejected=self.show_rejected
        )
        current = self._current_item()
        mention = None
        if current is not None:
            mention = current.quote.mention if current.quote else current.suggestion.mention
        self.article_view.set_marks(marks, current=self.current_key, mention=mention)
        self.quote_model.set_rows(rows)
        self.quotes_stack.setCurrentWidget(self.quote_table if rows else self.quotes_empty)
        self._sync_table(current)
        self._show_in_editor(current)
        self._update_keys_hint(current)

    def _sync_table(self, current: Item | None) -> None:
        row = self.quote_model.row_of(current.key) if current and current.quote else None
        selection = self.quote_table.selectionModel()
        selection.blockSignals(True)
        if row is None:
            self.quote_table.clearSelection()
        else:
            self.quote_table.selectRow(row)
        selection.blockSignals(False)

    def _show_in_editor(self, current: Item | None) -> None:
        state = self.state
        items = self._items()
        if current is None or state is None:
            pending = len(state.pending) if state else 0
            heading = f"{len(state.quotes)} quotes · {pending} suggestions pending" if state else ""
            self.editor.set_quote(None, heading=heading)
            return
        number = items.index(current) + 1
        text = state.article.text
        if current.quote is not None:
            quote = current.quote
            self.editor.set_quote(
                quote,
                heading=f"QUOTE  {number} of {len(items)}   {quote.kind.value}",
                text=quote.span.text_of(text),
                speaker=self.speakers.get(quote.speaker_id),
                mention_text=quote.mention.text_of(text) if quote.mention else "",
            )
        else:
            suggestion = current.suggestion
            self.editor.set_quote(
                None,
                heading=f"SUGGESTION  {number} of {len(items)}   {suggestion.kind.value} · "
                f"{suggestion.speaker or 'speaker unknown'} · Y accept · N reject",
                text=suggestion.span.text_of(text),
            )

    def _update_keys_hint(self, current: Item | None) -> None:
        pending = len(self.state.pending) if self.state else 0
        if current is not None and current.suggestion is not None:
            keys = "Y accept · N reject · J/K next/prev"
        elif current is not None:
            keys = "1–9 frames · A speaker · Alt+arrows resize · Delete · J/K next/prev"
        else:
            keys = "select text + Enter: new quote · J/K next/prev"
        self.keys_label.setText(
            f"{pending} suggestions pending · {keys} · Ctrl+Enter done · F1 help"
        )

    # -- navigation ---------------------------------------------------------------

    def next_item(self) -> None:
        self.step(1)

    def previous_item(self) -> None:
        self.step(-1)

    def step(self, direction: int) -> None:
        items = self._items()
        if not items:
            return
        keys = [item.key for item in items]
        if self.current_key in keys:
            index = (keys.index(self.current_key) + direction) % len(items)
        else:
            caret = self.article_view.caret_offset()
            after = [n for n, item in enumerate(items) if item.span.start >= caret]
            index = (
                (after[0] if after else 0)
                if direction > 0
                else ((after[0] - 1) if after else len(items) - 1)
            )
        self.go_to(items[index].key)

    def go_to(self, key: str | None) -> None:
        self.current_key = key
        self._render()
        item = self._current_item()
        if item is not None:
            self.article_view.show_span(item.span)

    def _clicked_in_text(self, offset: int) -> None:
        hits = [i for i in self._items() if i.span.start <= offset < i.span.end]
        if hits:  # the innermost mark under the pointer
            self.go_to(min(hits, key=lambda item: len(item.span)).key)

    def _table_row_changed(self, current, _previous) -> None:
        if current.isValid():
            self.go_to(self.quote_model.quote_at(current.row()).uuid)

    # -- commands -------------------------------------------------------------------

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
        if (
            self.state is not None
            and self.state.status == "not_started"
            and (changes.quotes or changes.suggestions)
        ):
            # The first quote or decision starts the article; not an undoable step of its own.
            with self.project.repo.transaction() as repo:
                repo.set_article_status(self.article_id, self.annotator, "in_progress")
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

    def set_show_rejected(self, on: bool) -> None:
        self.show_rejected = on
        self._render()

    def focus_speaker(self) -> None:
        if self._current_quote() is not None:
            self.editor.speaker.setFocus()
            self.editor.speaker.lineEdit().selectAll()

    def focus_search(self) -> None:
        self.article_list.search.setFocus()
        self.article_list.search.selectAll()

    def _search(self, words: str) -> None:
        if not words.strip():
            self.article_list.set_search_results(None)
            return
        hits = self.project.search(words)
        self.article_list.set_search_results({hit.article_id for hit in hits})

    def switch_annotator(self) -> None:
        name, ok = QInputDialog.getText(
            self, "Switch annotator", "Annotate as:", text=self.annotator
        )
        if ok and name.strip() and name.strip() != self.annotator:
            self.set_annotator(name.strip())

    def show_codebook_editor(self) -> CodebookEditor:
        if self.codebook_editor is None:
            self.codebook_editor = CodebookEditor(self.session.codebook, self.run, self)
        self.codebook_editor.reload()
        self.codebook_editor.show()
        return self.codebook_editor

    def show_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(replace(self.settings, annotator=self.annotator), self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings()))
        dialog.open()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Save ``settings`` and apply them now (a new pipeline loads on the next start)."""
        settings.save()
        self.settings = settings
        self.article_view.set_font_pixels(settings.font_pixels)
        if settings.annotator and settings.annotator != self.annotator:
            self.set_annotator(settings.annotator)
        else:
            self.session.min_confidence = settings.threshold
            self.refresh(Changes())

    def show_welcome(self) -> WelcomePanel:
        """The first run's panel; its choice leads on when it closes."""
        presets = [(name, load_preset(name).name) for name in preset_names()]
        panel = WelcomePanel(presets, self)
        panel.accepted.connect(lambda: self._welcome_chosen(panel))
        panel.open()
        return panel

    def _welcome_chosen(self, panel: WelcomePanel) -> None:
        if panel.choice == WELCOME_CREATE:
            self.create_project_from_folder(preset=panel.preset_name)
        elif panel.choice == WELCOME_OPEN:
            self.choose_project()
        else:
            self.article_view.setFocus()

    def create_project_from_folder(
        self,
        folder: Path | None = None,
        target: Path | None = None,
        *,
        preset: str = DEFAULT_PRESET,
    ) -> Worker | None:
        """Make a new project of every article file in ``folder``, then open it."""
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, "Folder of articles", str(Path.home()))
            if not chosen:
                return None
            folder = Path(chosen)
        if target is None:
            suggested = str(folder.parent / f"{folder.name}.sqlite")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "New project file", suggested, "Framing Annotator projects (*.sqlite)"
            )
            if not chosen:
                return None
            target = Path(chosen)
        if target.exists():
            self._report("New project", f"{target} exists already; choose a new file name.")
            return None
        try:
            Project.open(target, create=True, codebook=preset).close()
        except KnownError as exc:
            self.show_error(exc)
            return None
        worker = self.import_files([folder], into=target)
        worker.signals.finished.connect(lambda _report: self.project_requested.emit(target))
        return worker

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in QSettings().value(RECENT_KEY, [], type=list) if Path(p).exists()]
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.project_requested.emit(Path(p)))
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    def set_annotator(self, name: str) -> None:
        QSettings().setValue("annotator/name", name)
        self.annotator = name
        self.session = AnnotationSession(
            self.project.repo, name, min_confidence=self.settings.threshold
        )
        self.undo_stack.clear()
        self.setWindowTitle(f"Framing Annotator — {self.project.path.stem} — {name}")
        self._reload_articles()

    def show_review(self) -> ReviewWindow:
        """The agreement and adjudication window (one at a time, not modal)."""
        if self.review is None:
            self.review = ReviewWindow(self.project.repo, self.run, self.show_unit, self)
        else:
            self.review.recompute()
        self.review.show()
        self.review.raise_()
        return self.review

    def show_unit(self, article_id: int, span: Span) -> None:
        """Open ``article_id`` and bring ``span`` into view (from the review)."""
        self.article_list.select(article_id)
        self.article_view.show_span(span)

    def show_help(self) -> None:
        HelpDialog(self.registry.help_rows(), self).exec()

    # -- backups ----------------------------------------------------------------------

    def _backup_on_open(self) -> None:
        try:
            self.backups.on_open()
        except KnownError as exc:  # a backup that fails must not stop the work
            self.statusBar().showMessage(f"Backup failed: {exc}", 10000)
        self._backup_timer.start()

    def _backup_if_due(self) -> None:
        try:
            self.backups.maybe_backup(datetime.now(UTC))
        except KnownError as exc:
            self.statusBar().showMessage(f"Backup failed: {exc}", 10000)

    def restore_from_backup(self) -> None:
        backups = self.backups.backups()
        if not backups:
            QMessageBox.information(self, "Restore", "This project has no backup yet.")
            return
        labels = [
            f"{b.taken_at.astimezone():%Y-%m-%d %H:%M:%S} ({b.size / 2**20:.1f} MiB)"
            for b in backups
        ]
        label, ok = QInputDialog.getItem(
            self, "Restore from backup",
            "Replace the project with the backup taken at (the current file is kept aside):",
            labels, 0, False,
        )  # fmt: skip
        if not ok:
            return
        path = self.project.path
        self.workers.shutdown()
        self.project.close()
        try:
            result = restore_project(path, backups[labels.index(label)])
        except KnownError as exc:
            QMessageBox.warning(self, "Restore", str(exc))
        else:
            kept = f"\nThe replaced file is kept as {result.kept_as}." if result.kept_as else ""
            QMessageBox.information(self, "Restore", f"Restored {label}.{kept}")
        self.project_requested.emit(path)

    # -- projects and imports ------------------------------------------------------

    def choose_project(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            "Open project",
            str(self.project.path.parent),
            "Framing Annotator projects (*.sqlite *.db);;All files (*)",
        )
        if path:
            self.project_requested.emit(Path(path))

    def choose_import(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in supported_suffixes())
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()), f"Articles ({patterns});;All files (*)"
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: Sequence[Path], *, into: Path | None = None) -> Worker:
        """Import in the background with progress and Cancel; the list refreshes after.

        ``into`` imports into another project file instead (a new project being made).
        """
        project_path = into or self.project.path

        def job(progress, cancelled) -> ImportReport:
            project = Project.open(project_path)  # its own connection, in its own thread
            try:
                return project.import_files(paths, progress=progress, cancelled=cancelled)
            finally:
                project.close()

        worker = Worker("import", job)
        dialog = QProgressDialog("Importing articles…", "Cancel", 0, len(paths), self)
        dialog.setWindowTitle("Import")
        dialog.setMinimumDuration(400)
        worker.signals.progress.connect(lambda done, _total: dialog.setValue(done))
        worker.signals.finished.connect(
            lambda report: (dialog.reset(), None if into else self._imported(report))
        )
        worker.signals.failed.connect(
            lambda reason: (dialog.reset(), self._report("Import failed", reason))
        )
        dialog.canceled.connect(worker.cancel)
        return self.workers.start(worker)

    def show_export(self) -> ExportDialog:
        annotators = [a.name for a in self.project.repo.annotators()]
        dialog = ExportDialog(self.project.repo, self.workers, annotators, self.codebook,
                              self.article_id, self)  # fmt: skip
        dialog.open()
        return dialog

    def choose_merge(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Merge annotators' projects", str(self.project.path.parent),
            "Framing Annotator projects (*.sqlite *.db);;All files (*)",
        )  # fmt: skip
        if paths:
            self.merge_projects([Path(p) for p in paths])

    def merge_projects(self, sources: Sequence[Path]) -> Worker:
        """Merge in the background (its own connection); the report follows."""
        target = self.project.path

        def job(progress, _cancelled):
            return merge_projects(target, sources, progress=progress)

        worker = Worker("merge", job)
        worker.signals.finished.connect(self._merged)
        worker.signals.failed.connect(lambda reason: self._report("Merge failed", reason))
        return self.workers.start(worker)

    def _merged(self, merged: list) -> None:
        self._reload_articles()
        lines = [f"{item.source.name}: {item.result.summary()}" for item in merged]
        lines += [f"• conflict: {c.describe()}" for item in merged for c in item.result.conflicts]
        self._report("Merge finished", "\n".join(lines))

    def _reload_articles(self) -> None:
        current = self.article_id
        self.article_list.set_articles(self.project.articles(), self.annotator)
        self.article_id = None
        if current is not None:
            self.article_list.select(current)

    def _imported(self, report: ImportReport) -> None:
        had_article = self.article_id is not None
        self._reload_articles()
        if not had_article and report.added:
            self.article_list.select(report.added[0].id)
        lines = [
            f"{len(report.added)} imported, {len(report.duplicates)} already in the project, "
            f"{len(report.rejected)} rejected" + (" (cancelled)" if report.cancelled else "")
        ]
        lines += [f"• {reason}" for _path, reason in report.rejected]
        self._report("Import finished", "\n".join(lines))

    def _report(self, title: str, text: str) -> None:
        """A message that does not block: work goes on while it is shown."""
        self.last_report = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        self.last_report.open()

    # -- suggestions in the background ------------------------------------------------

    def _suggester_ready(self, pipeline: str) -> None:
        self.statusBar().showMessage(f"Suggester ready ({pipeline})", 4000)
        if self.article_id is not None and self.suggestions.is_new(
            self.project.repo, self.article_id
        ):
            self.suggestions.suggest([self.article_id])

    def _suggestions_stored(self, article_ids: list[int]) -> None:
        if self.article_id in article_ids:
            self.refresh(Changes(suggestions=True))

    def _suggestions_failed(self, reason: str) -> None:
        self.statusBar().showMessage(f"No suggestions: {reason.splitlines()[-1]}", 10000)

    def suggest_current(self) -> None:
        if self.suggestions.suggester is None:
            self.statusBar().showMessage("The suggester is still loading…", 4000)
        elif self.article_id is not None:
            self.suggestions.suggest([self.article_id], again=True)

    def suggest_all(self) -> None:
        if self.suggestions.suggester is None:
            self.statusBar().showMessage("The suggester is still loading…", 4000)
            return
        model = self.article_list.model
        ids = [model.summary(row).id for row in range(model.rowCount())]
        worker = self.suggestions.suggest(ids)
        if worker is None:
            return
        dialog = QProgressDialog("Suggesting quotes…", "Cancel", 0, len(ids), self)
        dialog.setWindowTitle("Suggest quotes")
        dialog.setMinimumDuration(300)

        def show_progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        worker.signals.progress.connect(show_progress)
        worker.signals.finished.connect(lambda _n: dialog.reset())
        worker.signals.failed.connect(lambda _reason: dialog.reset())
        dialog.canceled.connect(worker.cancel)

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        self._backup_timer.stop()
        self.suggestions.blockSignals(True)
        self.workers.shutdown()
        self.project.close()
        super().closeEvent(event)
