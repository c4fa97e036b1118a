"""Where the window and its panels go: docks, sizes that fit the screen, saved layouts.

The window must open on a visible screen (a geometry saved on a larger or detached
monitor is pulled back), and the side panels get widths that leave the text column
room for 60 to 80 characters a line where the screen allows.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

GEOMETRY, STATE = "window/geometry", "window/state"
DEFAULT_SIZE = (1360, 860)
# (minimum, default) widths of the side panels, for screens under and from 1600 px wide.
LEFT = {"small": (160, 170), "large": (240, 320)}
RIGHT = {"small": (240, 250), "large": (300, 440)}


def dock(window: QMainWindow, name: str, title: str, widget: QWidget, area) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"{name}Dock")
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(area, dock)
    return dock


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen else QRect(0, 0, *DEFAULT_SIZE)


def fit_to_screen(window: QMainWindow) -> None:
    """Pull the window onto a visible screen and make it no larger than that screen."""
    frame = window.frameGeometry()
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    home = next((s for s in screens if s.intersects(frame)), None) or available()
    width, height = min(window.width(), home.width()), min(window.height(), home.height())
    window.resize(width, height)
    x = min(max(frame.x(), home.left()), home.right() - width + 1)
    y = min(max(frame.y(), home.top()), home.bottom() - height + 1)
    window.move(x, y)


def size_panels(window: QMainWindow, width: int) -> None:
    """Minimum and default widths of the side panels for a window ``width`` wide."""
    size = "large" if width >= 1600 else "small"
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget)}
    for name, (minimum, _default) in (
        ("articlesDock", LEFT[size]),
        ("codebookDock", LEFT[size]),
        ("quoteDock", RIGHT[size]),
        ("quotesDock", RIGHT[size]),
    ):
        if name in docks:
            docks[name].setMinimumWidth(minimum)
    left, right = docks.get("articlesDock"), docks.get("quoteDock")
    if left and right:
        window.resizeDocks(
            [left, right], [LEFT[size][1], RIGHT[size][1]], Qt.Orientation.Horizontal
        )
        window.resizeDocks([right, docks["quotesDock"]], [430, 400], Qt.Orientation.Vertical)


def restore(window: QMainWindow, settings: QSettings) -> bool:
    """The saved geometry and panels, kept within the visible screen; else defaults.

    True when a saved panel layout was restored; otherwise the window should call
    :func:`size_panels` once it is shown (dock sizes only hold on a shown window).
    """
    geometry = settings.value(GEOMETRY)
    screen = available()
    if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
        fit_to_screen(window)
    else:
        window.resize(min(DEFAULT_SIZE[0], screen.width()), min(DEFAULT_SIZE[1], screen.height()))
        fit_to_screen(window)
    size_panels(window, window.width())
    state = settings.value(STATE)
    return isinstance(state, QByteArray) and window.restoreState(state)


def save(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(STATE, window.saveState())
