"""Review ▸ Edit codebook: add, rename, recolour, set shortcut, describe, reorder and
delete frames.

Each change is a service command run through the controller, so it is saved at once
and can be undone. Keys never change: renaming keeps every quote. A frame that quotes
still carry cannot be deleted (the controller refuses and says why).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.codebook import FrameType
from ..services.codebook import moved, new_key
from ..services.controller import AnnotationController
from .style import swatch

COLUMNS = ["Colour", "Label", "Key", "Shortcut", "Description"]
NEW_COLOURS = ["#56B4E9", "#E69F00", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]


class CodebookEditor(QDialog):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit codebook")
        self.resize(820, 420)
        self.controller = controller
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("codebookTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._edited)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("addFrame", "Add frame", lambda: self.add_frame()),
            ("moveUp", "Move up", lambda: self.move(-1)),
            ("moveDown", "Move down", lambda: self.move(1)),
            ("recolour", "Colour…", lambda: self.choose_colour()),
            ("deleteFrame", "Delete frame", lambda: self.delete_frame()),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Double-click a cell to edit it. Keys stay the same when you rename a frame, "
            "so coded quotes keep their frames. Shortcuts are digits 1 to 9."
        ))  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.table.blockSignals(True)
        frames = self.controller.codebook.frames
        self.table.setRowCount(len(frames))
        for row, frame in enumerate(frames):
            colour = QTableWidgetItem(swatch(frame.colour, 16), frame.colour)
            colour.setFlags(colour.flags() & ~Qt.ItemFlag.ItemIsEditable)
            key = QTableWidgetItem(frame.key)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            key.setForeground(QColor("#666666"))
            cells = [
                colour,
                QTableWidgetItem(frame.label),
                key,
                QTableWidgetItem(frame.shortcut),
                QTableWidgetItem(frame.description),
            ]
            for column, item in enumerate(cells):
                item.setData(Qt.ItemDataRole.UserRole, frame.key)
                self.table.setItem(row, column, item)  # fmt: skip
            if frame.key == select:
                self.table.setCurrentCell(row, 1)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)

    def _frame(self, row: int) -> FrameType:
        key = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        return self.controller.codebook.frame(key)

    def _save(self, frames: tuple[FrameType, ...], select: str | None = None) -> None:
        self.controller.save_frames(frames)
        self.reload(select)

    def _edited(self, item: QTableWidgetItem) -> None:
        frame = self._frame(item.row())
        value = item.text().strip()
        field = {1: "label", 3: "shortcut", 4: "description"}.get(item.column())
        if field is None or getattr(frame, field) == value:
            return
        if field == "label" and not value:
            self.reload(frame.key)
            return
        self._save((replace(frame, **{field: value}),), frame.key)

    def _double_clicked(self, row: int, column: int) -> None:
        if column == 0:
            self.choose_colour()

    def choose_colour(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        frame = self._frame(row)
        colour = QColorDialog.getColor(QColor(frame.colour), self, f"Colour of {frame.label}")
        if colour.isValid():
            self._save((replace(frame, colour=colour.name().upper()),), frame.key)

    def add_frame(self, label: str = "New frame") -> FrameType:
        codebook = self.controller.codebook
        used = {frame.shortcut for frame in codebook.frames}
        free = next((digit for digit in "123456789" if digit not in used), "")
        frame = FrameType(
            key=new_key(label, set(codebook.keys)),
            label=label,
            colour=NEW_COLOURS[len(codebook.frames) % len(NEW_COLOURS)],
            shortcut=free,
            order=max((f.order for f in codebook.frames), default=-1) + 1,
        )
        self._save((frame,), frame.key)
        return frame

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        if row >= 0:
            frame = self._frame(row)
            self._save(moved(self.controller.codebook, frame.key, step), frame.key)

    def delete_frame(self) -> None:
        """Delete the selected frame; refused (with the reason) while quotes carry it."""
        row = self.table.currentRow()
        if row >= 0:
            self.controller.delete_frame(self._frame(row).key)
            self.reload()
