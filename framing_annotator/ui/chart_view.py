"""A matplotlib figure in the window, with a button to save it (SVG, PNG or PDF).

matplotlib loads here, and this module is imported only when a chart is first shown,
so opening the app does not wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ..services.charts import save_figure


def theme_of(widget: QWidget) -> str:
    """``dark`` when the window's palette has a dark background (the window's: pages of a
    tab widget keep a palette of their own)."""
    return "dark" if widget.window().palette().window().color().lightness() < 128 else "light"


class ChartView(QWidget):
    """Shows the figure that ``draw(theme)`` returns; ``refresh()`` draws it again."""

    def __init__(self, draw: Callable[[str], Figure], name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.draw = draw
        self.figure: Figure | None = None
        self.canvas: FigureCanvasQTAgg | None = None
        self.save_button = QPushButton("Save chart…")
        self.save_button.setObjectName(f"{name}Save")
        self.save_button.setToolTip("Save the chart as SVG, PNG (300 dpi) or PDF")
        self.save_button.clicked.connect(lambda: self.save())
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.save_button)

    def refresh(self) -> None:
        if self.canvas is not None:
            self.layout_.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.figure = self.draw(theme_of(self))
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setMinimumSize(320, 240)
        self.layout_.insertWidget(0, self.canvas, 1)
        self.canvas.show()  # a widget added to a shown window stays hidden until told

    def save(self, path: Path | None = None) -> Path | None:
        if self.figure is None:
            return None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Save chart", "chart.svg", "SVG (*.svg);;PNG (*.png);;PDF (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        # Saved in the light theme: a journal page is white whatever the screen is.
        try:
            return save_figure(self.draw("light"), path)
        except OSError as exc:
            QMessageBox.warning(self, "Save chart", f"Cannot write {path}: {exc.strerror or exc}")
            return None
