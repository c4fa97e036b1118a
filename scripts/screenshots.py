"""Screenshots of the real window, offscreen, for the README and the user guide.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]

Builds a project from the sample article, stores the blank pipeline's
suggestions, codes a few quotes as an annotator would (through the window's own
actions), and saves PNGs (default: docs/images/).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def build_window(folder: Path):
    from framing_annotator.app import open_main_window
    from framing_annotator.services.first_run import ensure_sample_project
    from framing_annotator.services.suggestions import load_suggester, suggest_articles

    path = ensure_sample_project(folder)
    suggest_articles(path, load_suggester("blank"))
    window = open_main_window(path, annotator="ana", suggestions=False)
    window.resize(1440, 900)
    window.show()
    return window


def code_some_quotes(window, app) -> None:
    """Accept the first suggestions and tag them, the way J, Y and 1-3 would."""
    frames = [("threat", "political_messaging"), ("threat",), ("public_safety",), ()]
    for keys in frames:
        window.step(1)
        window.accept_suggestion()
        for key in keys:
            window.set_frame(key, True)
        app.processEvents()
    window.go_to(window.state.quotes[0].uuid)
    app.processEvents()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/images")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        window = build_window(Path(tmp))
        app.processEvents()
        code_some_quotes(window, app)
        window.article_view.verticalScrollBar().setValue(0)
        app.processEvents()
        window.grab().save(str(out / "main-window.png"))
        window.close()
    print(f"saved {out / 'main-window.png'}")


if __name__ == "__main__":
    main()
