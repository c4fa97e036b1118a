"""The main window: articles on the left, the article text in the centre.

This is the reading window the annotation window (quote panel, editor,
highlighting) grows from.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..services.project import Project


class MainWindow(QMainWindow):
    """Shows a project's articles and the text of the one selected."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project
        self.setWindowTitle(f"Framing Annotator — {project.path.stem}")
        self.resize(1100, 720)

        self.article_list = QListWidget()
        self.article_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.article_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.article_list.setObjectName("articleList")
        self.title_label = QLabel()
        self.title_label.setObjectName("articleTitle")
        self.title_label.setWordWrap(True)
        title_font = QFont(self.title_label.font())
        title_font.setPointSize(title_font.pointSize() + 4)
        title_font.setBold(True)
        self.title_label.setFont(title_font)

        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("articleText")
        self.text_view.setReadOnly(True)
        # Article text is data: shown as plain text, never interpreted as markup.
        self.text_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        reading_font = QFont("DejaVu Serif")
        reading_font.setPixelSize(17)
        self.text_view.setFont(reading_font)
        self.text_view.setViewportMargins(24, 12, 24, 12)

        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_view, 1)

        splitter = QSplitter()
        splitter.addWidget(self.article_list)
        splitter.addWidget(centre)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([280, 820])
        self.setCentralWidget(splitter)

        self.article_list.currentItemChanged.connect(self._show_selected)
        self._fill_articles()
        count = self.article_list.count()
        noun = "article" if count == 1 else "articles"
        self.statusBar().showMessage(f"{count} {noun} · All changes saved")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.project.close()
        super().closeEvent(event)

    def _fill_articles(self) -> None:
        for summary in self.project.articles():
            item = QListWidgetItem(summary.title or f"Article {summary.id}")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            details = [summary.outlet, summary.date, summary.source]
            item.setToolTip(" · ".join(part for part in details if part))
            self.article_list.addItem(item)
        if self.article_list.count():
            self.article_list.setCurrentRow(0)
        else:
            self.title_label.setText("No articles yet")
            self.text_view.setPlainText(
                "Import articles with: framing-annotator import PROJECT FILE..."
            )

    def _show_selected(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        article = self.project.article(item.data(Qt.ItemDataRole.UserRole))
        self.title_label.setText(article.title)
        self.text_view.setPlainText(article.text)
