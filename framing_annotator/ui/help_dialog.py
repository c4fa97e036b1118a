"""F1: every keyboard shortcut (from the action registry) and the annotation guide."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..bundled import resource_path
from .actions import ActionInfo

TYPING_KEYS = [
    ("Shift+arrows", "Select text from the caret, as in any editor"),
    ("Type, then Enter (speaker field)", "Confirm the speaker; a new name becomes a new speaker"),
]


class HelpDialog(QDialog):
    def __init__(self, rows: list[ActionInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Shortcuts and annotation guide")
        self.resize(760, 640)
        self.shortcuts = QTableWidget(len(rows) + len(TYPING_KEYS), 3)
        self.shortcuts.setObjectName("shortcutTable")
        self.shortcuts.setHorizontalHeaderLabels(["Keys", "Action", "Menu"])
        self.shortcuts.verticalHeader().hide()
        entries = [(" / ".join(r.shortcuts), r.text, r.menu) for r in rows]
        entries += [(keys, what, "Text") for keys, what in TYPING_KEYS]
        for row, entry in enumerate(entries):
            for column, value in enumerate(entry):
                self.shortcuts.setItem(row, column, QTableWidgetItem(value))
        self.shortcuts.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.shortcuts.horizontalHeader().setStretchLastSection(True)

        self.guide = QTextBrowser()
        self.guide.setObjectName("annotationGuide")
        self.guide.setOpenLinks(False)  # the guide is read here, nothing is followed
        self.guide.setMarkdown(resource_path("guide", "quotes.md").read_text(encoding="utf-8"))

        tabs = QTabWidget()
        tabs.addTab(self.shortcuts, "Keyboard shortcuts")
        tabs.addTab(self.guide, "Annotation guide")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
