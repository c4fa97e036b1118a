"""Qt item models over service data: the article list and an article's quote table."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from ..domain.model import ArticleListing, ArticleSummary, Quote

STATUS_DOTS = {"not_started": "○", "in_progress": "◐", "done": "●"}
STATUS_WORDS = {"not_started": "not started", "in_progress": "in progress", "done": "done"}

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ArticleSource(Protocol):
    """What the article list reads (the controller): pages, counts, positions."""

    def article_page(
        self, listing: ArticleListing, offset: int, limit: int
    ) -> list[ArticleSummary]: ...

    def article_count(self, listing: ArticleListing = ...) -> int: ...

    def article_row(self, listing: ArticleListing, article_id: int) -> int: ...


class ArticleListModel(QAbstractListModel):
    """The listed articles with the annotator's status dot, fetched a page at a time.

    The store filters and counts (``listing``); the view asks for more rows as it
    scrolls (``canFetchMore``/``fetchMore``), so a 50,000-article project shows at once.
    """

    PAGE = 200

    def __init__(self, source: ArticleSource | None = None,
                 listing: ArticleListing = ArticleListing()) -> None:  # noqa: B008  # fmt: skip
        super().__init__()
        self._source = source
        self.listing = listing
        self._rows: list[ArticleSummary] = []
        self._row_of: dict[int, int] = {}
        self._status: dict[int, str] = {}
        self.total = source.article_count(listing) if source else 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self._source is None:
            return
        page = self._source.article_page(self.listing, len(self._rows), self.PAGE)
        if not page:
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for summary in page:
            self._row_of[summary.id] = len(self._rows)
            self._status[summary.id] = next(iter(summary.statuses.values()), "not_started")
            self._rows.append(summary)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        summary = self._rows[index.row()]
        status = self._status[summary.id]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{STATUS_DOTS[status]}  {summary.title or f'Article {summary.id}'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            details = [summary.title, summary.outlet, summary.date, STATUS_WORDS[status]]
            return "\n".join(part for part in details if part)
        if role == ID_ROLE:
            return summary.id
        return None

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int | None:
        """The row of a listed article, fetching pages up to it; None if it is not listed."""
        if article_id not in self._row_of and self._source is not None:
            wanted = self._source.article_row(self.listing, article_id)
            while len(self._rows) <= wanted and self.canFetchMore():
                self.fetchMore()
        return self._row_of.get(article_id)

    def status(self, article_id: int) -> str | None:
        return self._status.get(article_id)

    def set_status(self, article_id: int, status: str) -> None:
        row = self._row_of.get(article_id)
        self._status[article_id] = status
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])


@dataclass(frozen=True)
class RowCells:
    speaker: str
    frames: tuple[str, ...]  # labels, codebook order
    colour: str | None
    text: str


Describe = Callable[[Quote], "RowCells"]


class QuoteTableModel(QAbstractTableModel):
    """The current article's quotes for the current annotator, in text order.

    A row's cells are worked out when the row is first shown (``describe``), so an article
    with hundreds of quotes opens without describing every one; rows are found by bisection.
    """

    HEADERS = ("#", "Speaker", "Kind", "Frames", "Text")

    def __init__(self) -> None:
        super().__init__()
        self._quotes: list[Quote] = []  # in text order, as the article state keeps them
        self._by_uuid: dict[str, Quote] = {}
        self._cells: dict[str, RowCells] = {}
        self._describe: Describe = lambda _quote: RowCells("", (), None, "")

    def set_quotes(self, quotes: list[Quote], describe: Describe) -> None:
        self.beginResetModel()
        self._quotes = list(quotes)
        self._by_uuid = {quote.uuid: quote for quote in quotes}
        self._cells, self._describe = {}, describe
        self.endResetModel()

    def put_quote(self, quote: Quote, describe: Describe) -> None:
        """Show ``quote`` in place of its old row, or insert it in text order."""
        self._describe = describe  # the newest codebook and speakers
        self._cells.pop(quote.uuid, None)
        number = self.row_of(quote.uuid)
        if number is not None and _sort_key(self._quotes[number]) == _sort_key(quote):
            self._quotes[number] = self._by_uuid[quote.uuid] = quote
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.HEADERS) - 1))
            return
        if number is not None:
            self.remove_quote(quote.uuid)
        number = bisect_right(self._quotes, _sort_key(quote), key=_sort_key)
        self.beginInsertRows(QModelIndex(), number, number)
        self._quotes.insert(number, quote)
        self._by_uuid[quote.uuid] = quote
        self.endInsertRows()

    def remove_quote(self, uuid: str) -> None:
        number = self.row_of(uuid)
        if number is not None:
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._quotes[number]
            del self._by_uuid[uuid]
            self._cells.pop(uuid, None)
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._quotes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def cells(self, row: int) -> RowCells:
        quote = self._quotes[row]
        cells = self._cells.get(quote.uuid)
        if cells is None:
            cells = self._cells[quote.uuid] = self._describe(quote)
        return cells

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        quote, column = self._quotes[index.row()], index.column()
        if role == ID_ROLE:
            return quote.uuid
        if role not in _DESCRIBED:
            return None  # the view asks every row for some roles: describe none for them
        row = self.cells(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(index.row() + 1),
                row.speaker or "—",
                quote.kind.value,
                ", ".join(row.frames) or "—",
                " ".join(row.text.split()),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.text}\n\nSpeaker: {row.speaker or 'none'}\nFrames: " + (
                ", ".join(row.frames) or "none"
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.colour:
            return QColor(row.colour)
        return None

    def row_of(self, uuid: str) -> int | None:
        """The row of a quote: a bisection by its place in the text, not a scan."""
        quote = self._by_uuid.get(uuid)
        if quote is None:
            return None
        number = bisect_left(self._quotes, _sort_key(quote), key=_sort_key)
        while self._quotes[number].uuid != uuid:  # quotes with the same span and time
            number += 1
        return number

    def quote_at(self, row: int) -> Quote:
        return self._quotes[row]


_DESCRIBED = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
              Qt.ItemDataRole.DecorationRole}  # fmt: skip


def _sort_key(quote: Quote) -> tuple[int, int, str]:
    return (quote.span.start, quote.span.end, quote.created_at)
