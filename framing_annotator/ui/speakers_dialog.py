"""Review ▸ Speakers: the project's speaker list with aliases and types; merge duplicates.

Accepted suggestions create speakers as they are written ("Pham", "Tony Pham"); here a
lead renames them, adds aliases, sets their type, and folds duplicates together.
Every change is an undoable command run through the main window.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Speaker, SpeakerType
from ..services.controller import AnnotationController

COLUMNS = ["Name", "Aliases (comma-separated)", "Type", "Quotes"]


class SpeakersDialog(QDialog):
    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Speakers")
        self.resize(760, 480)
        self.controller = controller
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("speakerTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.itemChanged.connect(self._edited)
        merge = QPushButton("Merge into…")
        merge.setObjectName("mergeSpeaker")
        merge.clicked.connect(lambda: self.merge_selected())
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(merge)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Double-click a name or the aliases to edit them. Merge folds a duplicate into "
            "another speaker: its quotes move over and its names become aliases."
        ))  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.speakers = self.controller.speaker_list()
        counts = self.controller.quote_counts_by_speaker()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.speakers))
        for row, speaker in enumerate(self.speakers):
            name = QTableWidgetItem(speaker.name)
            aliases = QTableWidgetItem(", ".join(speaker.aliases))
            count = QTableWidgetItem(str(counts.get(speaker.id, 0)))
            count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for column, item in ((0, name), (1, aliases), (3, count)):
                self.table.setItem(row, column, item)
            kind = QComboBox()
            kind.addItem("—", "")
            for value in SpeakerType:
                kind.addItem(value.value, value.value)
            kind.setCurrentIndex(max(0, kind.findData(speaker.type.value if speaker.type else "")))
            kind.currentIndexChanged.connect(lambda _i, row=row, box=kind: self._typed(row, box))
            self.table.setCellWidget(row, 2, kind)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 260))
        self.table.blockSignals(False)

    def _save(self, speaker: Speaker) -> None:
        self.controller.save_speaker(speaker)
        self.reload()

    def _edited(self, item: QTableWidgetItem) -> None:
        speaker = self.speakers[item.row()]
        if item.column() == 0 and item.text().strip() and item.text().strip() != speaker.name:
            self._save(replace(speaker, name=item.text().strip()))
        elif item.column() == 1:
            aliases = tuple(dict.fromkeys(a.strip() for a in item.text().split(",") if a.strip()))
            if aliases != speaker.aliases:
                self._save(replace(speaker, aliases=aliases))
        else:
            self.reload()

    def _typed(self, row: int, box: QComboBox) -> None:
        value = box.currentData()
        self._save(replace(self.speakers[row], type=SpeakerType(value) if value else None))

    def merge_selected(self, target_name: str | None = None) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        source = self.speakers[row]
        others = [s.name for s in self.speakers if s.id != source.id]
        if not others:
            return
        if target_name is None:
            target_name, ok = QInputDialog.getItem(
                self, "Merge speakers", f"Merge “{source.name}” into:", others, 0, False
            )
            if not ok:
                return
        target = next((s for s in self.speakers if s.name == target_name), None)
        if target is not None:
            self.controller.merge_speakers(source, target)
        self.reload()
