"""The article list: search, filters, per-annotator status and progress.

Signals:
    article_chosen(int): the id of the article the user moved to.
    search_requested(str): full-text search words (empty: show all).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import ArticleListing
from .models import ID_ROLE, ArticleListModel

STATUS_FILTERS = [
    ("All articles", None, False),
    ("Not started", "not_started", False),
    ("In progress", "in_progress", False),
    ("Done", "done", False),
    ("With suggestions", None, True),
]


class ArticleList(QWidget):
    article_chosen = Signal(int)
    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleListPanel")
        self.heading = QLabel("ARTICLES")
        self.heading.setObjectName("panelHeading")
        self.progress = QProgressBar()
        self.progress.setObjectName("doneProgress")
        self.progress.setTextVisible(True)

        self.search = QLineEdit()
        self.search.setObjectName("articleSearch")
        self.search.setPlaceholderText("search articles and quotes…")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(lambda: self.search_requested.emit(self.search.text()))
        self.search.textChanged.connect(lambda text: text or self.search_requested.emit(""))

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for label, _status, _suggested in STATUS_FILTERS:
            self.status_filter.addItem(label)
        self.outlet_filter = QComboBox()
        self.outlet_filter.setObjectName("outletFilter")
        for combo in (self.status_filter, self.outlet_filter):  # never widen the panel
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(1)
        self.status_filter.currentIndexChanged.connect(lambda _index: self._apply_filters())
        self.outlet_filter.currentIndexChanged.connect(lambda _index: self._apply_filters())

        self.source = None
        self.model = ArticleListModel()
        self.view = QListView()
        self.view.setObjectName("articleList")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)  # fast with 50,000 articles
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.outlet_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self._matching: frozenset[int] | None = None

    def set_source(self, source, *, keep: int | None = None) -> None:
        """List ``source``'s articles (the controller); ``keep`` stays the current one."""
        self.source = source
        self.outlet_filter.blockSignals(True)
        self.outlet_filter.clear()
        self.outlet_filter.addItem("All outlets", None)
        for outlet in source.outlets():
            self.outlet_filter.addItem(outlet, outlet)
        self.outlet_filter.blockSignals(False)
        self._apply_filters(keep=keep)

    def select_first(self) -> bool:
        """Make the first article listed current; False when there is none."""
        if not self.model.rowCount():
            return False
        self.view.setCurrentIndex(self.model.index(0, 0))
        return True

    def all_ids(self) -> list[int]:
        """Every listed article's id (fetching every page)."""
        while self.model.canFetchMore():
            self.model.fetchMore()
        return [self.model.summary(row).id for row in range(self.model.rowCount())]

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_search_results(self, article_ids: set[int] | None) -> None:
        self._matching = None if article_ids is None else frozenset(article_ids)
        self._apply_filters()

    def listing(self) -> ArticleListing:
        _label, status, suggested = STATUS_FILTERS[max(0, self.status_filter.currentIndex())]
        return ArticleListing(status=status, outlet=self.outlet_filter.currentData(),
                              with_suggestions=suggested, ids=self._matching)  # fmt: skip

    def _apply_filters(self, *, keep: int | None = None) -> None:
        if self.source is None:
            return
        current = self.view.currentIndex()
        keep = keep if keep is not None else (current.data(ID_ROLE) if current.isValid() else None)
        self.model = ArticleListModel(self.source, self.listing())
        selection = self.view.selectionModel()
        self.view.setModel(self.model)
        if selection is not None:
            selection.deleteLater()
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        if self.model.canFetchMore():
            self.model.fetchMore()
        if keep is not None:
            self.select(keep, quiet=True)
        self.update_progress()

    def update_progress(self) -> None:
        total = self.source.article_count() if self.source else 0
        done = self.source.done_count() if self.source else 0
        self.heading.setText(f"ARTICLES  {done}/{total}")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} of {total} done")

    def set_status(self, article_id: int, status: str) -> None:
        self.model.set_status(article_id, status)
        self.update_progress()

    def select(self, article_id: int, *, quiet: bool = False) -> None:
        """Make ``article_id`` current if it is listed; ``quiet``: without telling anyone."""
        row = self.model.row_of(article_id)
        if row is None:
            return
        index = self.model.index(row)
        if index != self.view.currentIndex():
            selection = self.view.selectionModel()
            selection.blockSignals(quiet)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            selection.blockSignals(False)
            self.view.scrollTo(index)

    def next_article(self, after: int) -> int | None:
        """The next listed article after ``after`` that is not done (wrapping round)."""
        return self.source.next_article(self.listing(), after) if self.source else None

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.article_chosen.emit(current.data(ID_ROLE))
