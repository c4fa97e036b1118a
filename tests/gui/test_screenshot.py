"""The screenshot script draws the real window with the sample article and its suggestions."""

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def load_script():
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_of_the_sample_project(qtbot, qapp, tmp_path):
    screenshots = load_script()
    window = screenshots.build_window(tmp_path)
    qtbot.addWidget(window)
    screenshots.code_some_quotes(window, qapp)
    assert len(window.state.quotes) == 4 and len(window.state.pending) >= 5
    out = tmp_path / "main-window.png"
    assert window.grab().save(str(out))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    # Not a blank picture: the text area holds many distinct colours (text, fills, stripes).
    colours = {image.pixel(x, y) for x in range(320, 1000, 7) for y in range(100, 800, 7)}
    assert len(colours) > 50
    window.close()


def test_main_window_at_small_and_large_screens_light_and_dark(qtbot, qapp, tmp_path):
    """1024x700 and 1920x1080, light and dark: panels keep their widths, the text column
    keeps 60 to 80 characters a line, and every picture is drawn."""
    from PySide6.QtWidgets import QDockWidget

    from framing_annotator.ui import layout

    screenshots = load_script()
    window = screenshots.build_window(tmp_path)
    qtbot.addWidget(window)
    screenshots.code_some_quotes(window, qapp)
    shots = screenshots.main_window_shots(window, qapp, tmp_path)
    assert len(shots) == 4
    for shot in shots:
        image = QImage(str(shot))
        assert not image.isNull()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 11)
                   for y in range(0, image.height(), 11)}  # fmt: skip
        assert len(colours) > 40, shot.name
    for width, height in screenshots.SIZES:
        screenshots.window_at(window, qapp, width, height)
        longest = max(screenshots.line_lengths(window.article_view))
        assert 60 <= longest <= 82, (width, longest)
        size = "large" if width >= 1600 else "small"
        docks = {d.objectName(): d.width() for d in window.findChildren(QDockWidget)}
        assert docks["articlesDock"] >= layout.LEFT[size][0]
        assert docks["quoteDock"] >= layout.RIGHT[size][0]
    dark = QImage(str(shots[2]))
    assert dark.pixelColor(dark.width() // 2, dark.height() // 2).lightness() < 128
    window.close()
