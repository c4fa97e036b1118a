"""The codebook at a glance: each frame with its colour and key; descriptions as tooltips.

Signals:
    frame_activated(str): the frame key the user double-clicked or pressed Enter on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ..domain.codebook import Codebook
from .style import swatch


class CodebookPanel(QListWidget):
    frame_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codebookPanel")
        self.itemActivated.connect(
            lambda item: self.frame_activated.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def set_codebook(self, codebook: Codebook) -> None:
        self.clear()
        for frame in codebook.frames:
            key_hint = f"[{frame.shortcut}]  " if frame.shortcut else ""
            item = QListWidgetItem(swatch(frame.colour, 14), f"{key_hint}{frame.label}")
            item.setData(Qt.ItemDataRole.UserRole, frame.key)
            item.setToolTip(frame.description or frame.label)
            self.addItem(item)
