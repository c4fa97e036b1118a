"""The annotation window: articles on the left, the text in the centre, the quote on the right.

The window holds what is on screen (the article, the current quote or suggestion);
every change goes through a service command on the undo stack, and the view is
redrawn from what the store then holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Speaker
from ..domain.spans import Span
from ..services.annotation import AnnotationSession, ArticleState, Item
from ..services.backup import BackupService
from ..services.commands import (
    Changes,
)
from ..services.project import Project
from ..services.suggestions import Suggester
from .article_list import ArticleList
from .article_view import ArticleView
from .codebook_editor import CodebookEditor
from .codebook_panel import CodebookPanel
from .frame_suggestions import FrameSuggestionCommands
from .help_dialog import HelpDialog
from .models import QuoteTableModel
from .project_menu import ProjectMenu
from .quote_commands import QuoteCommands
from .quote_editor import QuoteEditor
from .rendering import marks_and_rows
from .review_window import ReviewWindow
from .settings_dialog import Settings
from .suggestion_runner import SuggestionRunner
from .window_actions import install_actions
from .workers import WorkerPool

SuggesterLoader = Callable[[], Suggester]
EMPTY_QUOTES = "No quotes yet. Select text and press Enter, or press J to review a suggestion."


class MainWindow(QuoteCommands, ProjectMenu, FrameSuggestionCommands, QMainWindow):
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
        self._start_frame_suggestions()
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
        if changes.quotes or changes.codebook:
            self._frame_coding_changed()
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
        return self._frame_order(self.state.items if self.state else [])

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
            self._show_frame_suggestion(None)
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
            self._show_frame_suggestion(quote)
        else:
            suggestion = current.suggestion
            self.editor.set_quote(
                None,
                heading=f"SUGGESTION  {number} of {len(items)}   {suggestion.kind.value} · "
                f"{suggestion.speaker or 'speaker unknown'} · Y accept · N reject",
                text=suggestion.span.text_of(text),
            )
            self._show_frame_suggestion(None)

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
