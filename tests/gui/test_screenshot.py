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
