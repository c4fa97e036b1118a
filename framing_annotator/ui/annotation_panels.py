"""The views of the open article: the text with its marks, and the table of quotes.

Each panel listens to the controller's events (see
:mod:`framing_annotator.services.controller`) and redraws only what an update names:
one quote's marks and its row after a frame key, the whole article only when it opens
or when the codebook or the speakers change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.annotation import ArticleState, Item
from ..services.controller import Update
from .article_view import ArticleView
from .models import QuoteTableModel
from .rendering import Drawing

EMPTY_QUOTES = "No quotes yet. Select text and press Enter, or press J to review a suggestion."
NO_ARTICLES = (
    "Import articles with File ▸ Import, or on the command line:\n\n"
    "    framing-annotator import PROJECT FILE..."
)


class TextPanel(QWidget):
    """The article's title, its outlet and date, and the text with quotes drawn on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel()
        self.title_label.setObjectName("articleTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setTextFormat(Qt.TextFormat.PlainText)
        self.view = ArticleView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.view, 1)
        self.show_rejected = False

    def show_article(self, state: ArticleState | None, drawing: Drawing) -> None:
        if state is None:
            self.title_label.setText("No articles yet")
            self.meta_label.setText("")
            self.view.set_article(NO_ARTICLES)
            return
        article = state.article
        self.title_label.setText(article.title or f"Article {article.id}")
        self.meta_label.setText(
            " · ".join(part for part in (article.outlet, article.date, article.source) if part)
        )
        self.view.set_article(article.text)
        self._draw_all(state, drawing)

    def _draw_all(self, state: ArticleState, drawing: Drawing) -> None:
        rejected = self.show_rejected
        self.view.set_lazy_marks(drawing.entries(state, show_rejected=rejected),
                                 drawing.describer(state, show_rejected=rejected))  # fmt: skip

    def redraw(self, update: Update, state: ArticleState | None, drawing: Drawing) -> None:
        if state is None:
            return
        if update.keys is None:
            self._draw_all(state, drawing)
        elif update.keys:
            self.view.update_marks(
                {
                    key: drawing.mark_of(state, key, show_rejected=self.show_rejected)
                    for key in update.keys
                }
            )

    def show_current(self, item: Item | None) -> None:
        mention = None
        if item is not None:
            mention = item.quote.mention if item.quote else item.suggestion.mention
        self.view.set_current(item.key if item else None, mention)
        if item is not None:
            self.view.show_span(item.span)


class QuotesPanel(QStackedWidget):
    """The open article's quotes as a table, or a hint when there are none yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QuoteTableModel()
        self.table = QTableView()
        self.table.setObjectName("quoteTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # Fixed widths: sizing columns to their contents reads every cell on every edit.
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)  # else every J repaints the header too
        # Rows are scrolled into view by show_current, to the middle (see there).
        self.table.setAutoScroll(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((44, 130, 64, 150)):
            header.resizeSection(column, width)
        self.empty = QLabel(EMPTY_QUOTES)
        self.empty.setObjectName("quotesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.empty)
        self.addWidget(self.table)
        self.syncing = False

    def show_article(self, state: ArticleState | None, drawing: Drawing) -> None:
        if state is None:
            self.model.set_quotes([], drawing.row_describer(""))
        else:
            self.model.set_quotes(state.quotes, drawing.row_describer(state.article.text))
        self._show_table_or_hint()

    def redraw(self, update: Update, state: ArticleState | None, drawing: Drawing) -> None:
        if state is None:
            return
        if update.keys is None:
            self.show_article(state, drawing)
            return
        describe = drawing.row_describer(state.article.text)
        for key in update.keys:
            quote = state.quote(key)
            if quote is not None:
                self.model.put_quote(quote, describe)
            elif not key.startswith("s"):
                self.model.remove_quote(key)
        self._show_table_or_hint()

    def show_current(self, item: Item | None) -> None:
        """Select the current quote's row; ``syncing`` tells listeners it is not a click.

        Signals stay connected, so the table repaints just the two rows that changed. A
        row off screen is scrolled to the middle: the next rows J reaches are then on
        screen already, where scrolling by one row at the edge repainted the whole table.
        """
        row = self.model.row_of(item.key) if item and item.quote else None
        self.syncing = True
        try:
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
                table = self.table
                bottom = table.rowAt(table.viewport().height() - 1)
                if not table.rowAt(0) <= row <= (bottom if bottom >= 0 else row):
                    table.scrollTo(self.model.index(row, 0),
                                   QAbstractItemView.ScrollHint.PositionAtCenter)  # fmt: skip
        finally:
            self.syncing = False

    def _show_table_or_hint(self) -> None:
        self.setCurrentWidget(self.table if self.model.rowCount() else self.empty)


def keys_hint(current: Item | None, state: ArticleState | None, *,
              frames_suggested: bool = False) -> str:  # fmt: skip
    """The status bar's line of keys for what is current."""
    pending = state.pending_count if state else 0
    if current is not None and current.suggestion is not None:
        keys = "Y accept · N reject · J/K next/prev"
    elif current is not None:
        keys = "1–9 frames · A speaker · Alt+arrows resize · Delete · J/K next/prev"
        if frames_suggested:
            keys = "G suggested frames · " + keys
    else:
        keys = "select text + Enter: new quote · J/K next/prev"
    waiting = f"{pending} suggestion{'' if pending == 1 else 's'} pending"
    return f"{waiting} · {keys} · Ctrl+Enter done · F1 help"
