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

from ..domain.model import ArticleSummary
from .models import ID_ROLE, ArticleFilter, ArticleListModel

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
        self.status_filter.currentIndexChanged.connect(self._apply_filters)
        self.outlet_filter.currentIndexChanged.connect(self._apply_filters)

        self.model = ArticleListModel([], "")
        self.proxy = ArticleFilter()
        self.proxy.setSourceModel(self.model)
        self.view = QListView()
        self.view.setObjectName("articleList")
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)  # fast with 10,000 articles
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

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
        self._matching: set[int] | None = None

    def set_source(self, controller, *, keep: int | None = None) -> None:
        """Show the controller's project's articles; ``keep`` stays the current one."""
        self.set_articles(controller.articles(), controller.annotator)
        if keep is not None:
            self.select(keep)

    def select_first(self) -> bool:
        """Make the first article listed current; False when there is none."""
        if not self.proxy.rowCount():
            return False
        self.view.setCurrentIndex(self.proxy.index(0, 0))
        return True

    def all_ids(self) -> list[int]:
        return [self.model.summary(row).id for row in range(self.model.rowCount())]

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def set_articles(self, summaries: list[ArticleSummary], annotator: str) -> None:
        self.model = ArticleListModel(summaries, annotator)
        self.proxy.setSourceModel(self.model)  # the view keeps its selection model
        self.outlet_filter.blockSignals(True)
        self.outlet_filter.clear()
        self.outlet_filter.addItem("All outlets", None)
        for outlet in self.model.outlets():
            self.outlet_filter.addItem(outlet, outlet)
        self.outlet_filter.blockSignals(False)
        self.update_progress()

    def set_search_results(self, article_ids: set[int] | None) -> None:
        self._matching = article_ids
        self._apply_filters()

    def _apply_filters(self) -> None:
        _label, status, suggested = STATUS_FILTERS[max(0, self.status_filter.currentIndex())]
        self.proxy.set_filters(
            status=status,
            outlet=self.outlet_filter.currentData(),
            with_suggestions=suggested,
            matching_ids=self._matching,
        )

    def update_progress(self) -> None:
        total = self.model.rowCount()
        done = self.model.done_count()
        self.heading.setText(f"ARTICLES  {done}/{total}")
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} of {total} done")

    def set_status(self, article_id: int, status: str) -> None:
        self.model.set_status(article_id, status)
        self.update_progress()

    def select(self, article_id: int) -> None:
        source = self.model.index(self.model.row_of(article_id))
        index = self.proxy.mapFromSource(source)
        if index.isValid() and index != self.view.currentIndex():
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.view.scrollTo(index)

    def next_article(self, after: int, *, skip_done: bool = True) -> int | None:
        """The next article in the list after ``after`` (not done, if ``skip_done``)."""
        rows = self.proxy.rowCount()
        current = self.proxy.mapFromSource(self.model.index(self.model.row_of(after))).row()
        for row in list(range(current + 1, rows)) + list(range(0, max(current, 0))):
            article_id = self.proxy.index(row, 0).data(ID_ROLE)
            if not skip_done or self.model.status(article_id) != "done":
                return article_id
        return None

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.article_chosen.emit(current.data(ID_ROLE))
