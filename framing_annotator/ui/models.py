"""Qt item models over service data: the article list and an article's quote table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from ..domain.model import ArticleSummary, Quote

STATUS_DOTS = {"not_started": "○", "in_progress": "◐", "done": "●"}
STATUS_WORDS = {"not_started": "not started", "in_progress": "in progress", "done": "done"}

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
OUTLET_ROLE = Qt.ItemDataRole.UserRole + 3
SUGGESTED_ROLE = Qt.ItemDataRole.UserRole + 4


class ArticleListModel(QAbstractListModel):
    """The project's articles, with the current annotator's status dot."""

    def __init__(self, summaries: list[ArticleSummary], annotator: str) -> None:
        super().__init__()
        self._rows = summaries
        self._annotator = annotator
        self._row_of = {s.id: n for n, s in enumerate(summaries)}
        self._status = {s.id: s.statuses.get(annotator, "not_started") for s in summaries}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

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
        if role == STATUS_ROLE:
            return status
        if role == OUTLET_ROLE:
            return summary.outlet
        if role == SUGGESTED_ROLE:
            return summary.has_suggestions
        return None

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int:
        return self._row_of[article_id]

    def status(self, article_id: int) -> str:
        return self._status[article_id]

    def set_status(self, article_id: int, status: str) -> None:
        self._status[article_id] = status
        index = self.index(self._row_of[article_id])
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, STATUS_ROLE])

    def done_count(self) -> int:
        return sum(1 for status in self._status.values() if status == "done")

    def outlets(self) -> list[str]:
        return sorted({s.outlet for s in self._rows if s.outlet})


class ArticleFilter(QSortFilterProxyModel):
    """Narrows the article list by status, outlet, suggestions and search results."""

    def __init__(self) -> None:
        super().__init__()
        self.status: str | None = None
        self.outlet: str | None = None
        self.with_suggestions = False
        self.matching_ids: set[int] | None = None

    def set_filters(
        self,
        *,
        status: str | None = None,
        outlet: str | None = None,
        with_suggestions: bool = False,
        matching_ids: set[int] | None = None,
    ) -> None:
        self.beginFilterChange()
        self.status, self.outlet = status, outlet
        self.with_suggestions, self.matching_ids = with_suggestions, matching_ids
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802
        index = self.sourceModel().index(row, 0, parent)
        if self.status and index.data(STATUS_ROLE) != self.status:
            return False
        if self.outlet and index.data(OUTLET_ROLE) != self.outlet:
            return False
        if self.with_suggestions and not index.data(SUGGESTED_ROLE):
            return False
        return self.matching_ids is None or index.data(ID_ROLE) in self.matching_ids


@dataclass(frozen=True)
class QuoteRow:
    quote: Quote
    speaker: str
    frames: tuple[str, ...]  # labels, codebook order
    colour: str | None
    text: str


class QuoteTableModel(QAbstractTableModel):
    """The current article's quotes for the current annotator, in text order."""

    HEADERS = ("#", "Speaker", "Kind", "Frames", "Text")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[QuoteRow] = []

    def set_rows(self, rows: list[QuoteRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def put_row(self, row: QuoteRow) -> None:
        """Show ``row`` in place of the quote's old row, or insert it in text order."""
        number = self.row_of(row.quote.uuid)
        if number is not None and self._rows[number].quote.span == row.quote.span:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.HEADERS) - 1))
            return
        if number is not None:
            self.remove_row(row.quote.uuid)
        place = _sort_key(row.quote)
        number = next(
            (n for n, other in enumerate(self._rows) if _sort_key(other.quote) > place),
            len(self._rows),
        )
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.insert(number, row)
        self.endInsertRows()

    def remove_row(self, uuid: str) -> None:
        number = self.row_of(uuid)
        if number is not None:
            self.beginRemoveRows(QModelIndex(), number, number)
            del self._rows[number]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(index.row() + 1),
                row.speaker or "—",
                row.quote.kind.value,
                ", ".join(row.frames) or "—",
                " ".join(row.text.split()),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.text}\n\nSpeaker: {row.speaker or 'none'}\nFrames: " + (
                ", ".join(row.frames) or "none"
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.colour:
            return QColor(row.colour)
        if role == ID_ROLE:
            return row.quote.uuid
        return None

    def row_of(self, uuid: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.quote.uuid == uuid:
                return number
        return None

    def quote_at(self, row: int) -> Quote:
        return self._rows[row].quote


def _sort_key(quote: Quote) -> tuple[int, int, str]:
    return (quote.span.start, quote.span.end, quote.created_at)
