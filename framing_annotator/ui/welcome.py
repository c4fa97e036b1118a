"""The welcome panel of the very first run, over the sample project.

Three ways on: keep exploring the sample, create a project from a folder of
articles, or open an existing project.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

EXPLORE, CREATE, OPEN = "explore", "create", "open"
INTRO = (
    "<h2>Welcome to Framing Annotator</h2>"
    "<p>Behind this panel is a sample news article. The quote suggester has underlined "
    "quotes it found with dots: press <b>J</b> to go to one, <b>Y</b> to accept it or "
    "<b>N</b> to reject it, and <b>1</b>–<b>3</b> to give it a frame. Select any text "
    "and press <b>Enter</b> to mark a quote yourself. Everything is saved as you go, and "
    "<b>Ctrl+Z</b> undoes it. <b>F1</b> lists every key.</p>"
    "<p>Your projects are single files you choose; the sample lives in your data folder.</p>"
)


class WelcomePanel(QDialog):
    """Signals: none; ``choice`` holds what the user picked after it closes."""

    def __init__(self, presets: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.setWindowTitle("Welcome")
        self.setMinimumWidth(560)
        self.choice = EXPLORE
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.preset = QComboBox()
        self.preset.setObjectName("welcomePreset")
        for name, label in presets:
            self.preset.addItem(label, name)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for choice, text, hint in (
            (EXPLORE, "Explore the sample article", "Try the keys on a real news story."),
            (CREATE, "Create a project from a folder of articles…",
             "Text, Markdown, HTML, CSV or JSONL files; pick the codebook below."),
            (OPEN, "Open an existing project…", "A .sqlite project file, yours or a colleague's."),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setObjectName(f"welcome_{choice}")
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _c=False, choice=choice: self._choose(choice))
            row = QVBoxLayout()
            row.addWidget(button)
            note = QLabel(hint)
            note.setObjectName("welcomeHint")
            row.addWidget(note)
            layout.addLayout(row)
            if choice == CREATE:
                presets_row = QHBoxLayout()
                presets_row.addWidget(QLabel("Codebook for a new project:"))
                presets_row.addWidget(self.preset, 1)
                layout.addLayout(presets_row)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @property
    def preset_name(self) -> str:
        return self.preset.currentData()
