"""Settings: annotator name, suggestion pipeline and threshold, text size.

Stored with QSettings (per user, not per project); the window applies them at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from .settings_keys import ANNOTATOR, FONT_PIXELS, PIPELINE, THRESHOLD

PIPELINES = [
    ("auto", "Automatic: a trained English pipeline if installed, else the built-in rules"),
    ("blank", "Built-in rules only (fastest)"),
]


@dataclass(frozen=True)
class Settings:
    annotator: str
    pipeline: str = "auto"
    threshold: float = 0.0
    font_pixels: int = 18

    @classmethod
    def load(cls) -> Settings:
        store = QSettings()
        return cls(
            annotator=store.value(ANNOTATOR, "", type=str),
            pipeline=store.value(PIPELINE, "auto", type=str) or "auto",
            threshold=float(store.value(THRESHOLD, 0.0)),
            font_pixels=int(store.value(FONT_PIXELS, 18)),
        )

    def save(self) -> None:
        store = QSettings()
        store.setValue(ANNOTATOR, self.annotator)
        store.setValue(PIPELINE, self.pipeline)
        store.setValue(THRESHOLD, self.threshold)
        store.setValue(FONT_PIXELS, self.font_pixels)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.annotator = QLineEdit(settings.annotator)
        self.annotator.setObjectName("settingsAnnotator")
        self.pipeline = QComboBox()
        self.pipeline.setObjectName("settingsPipeline")
        self.pipeline.setEditable(True)  # a package name of an installed pipeline works too
        for value, label in PIPELINES:
            self.pipeline.addItem(label, value)
        index = self.pipeline.findData(settings.pipeline)
        if index >= 0:
            self.pipeline.setCurrentIndex(index)
        else:
            self.pipeline.setEditText(settings.pipeline)
        self.threshold = QDoubleSpinBox()
        self.threshold.setObjectName("settingsThreshold")
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setValue(settings.threshold)
        self.threshold.setToolTip("Suggestions below this confidence are not shown")
        self.font_pixels = QSpinBox()
        self.font_pixels.setObjectName("settingsFont")
        self.font_pixels.setRange(12, 36)
        self.font_pixels.setSuffix(" px")
        self.font_pixels.setValue(settings.font_pixels)
        form = QFormLayout(self)
        form.addRow("Annotator name", self.annotator)
        form.addRow("Suggestion pipeline", self.pipeline)
        form.addRow("Hide suggestions below", self.threshold)
        form.addRow("Text size", self.font_pixels)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> Settings:
        data = self.pipeline.currentData()
        text = self.pipeline.currentText().strip()
        pipeline = data if data and self.pipeline.itemText(self.pipeline.currentIndex()) == text \
            else text  # fmt: skip
        return Settings(
            annotator=self.annotator.text().strip(),
            pipeline=pipeline or "auto",
            threshold=round(self.threshold.value(), 2),
            font_pixels=self.font_pixels.value(),
        )
