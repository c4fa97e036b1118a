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
from dataclasses import replace
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
    controller = window.controller
    for keys in frames:
        controller.step(1)
        item = controller.current
        controller.accept()
        controller.go_to(next(q.uuid for q in controller.state.quotes if q.span == item.span))
        for key in keys:
            controller.set_frame(key, True)
        app.processEvents()
    controller.go_to(controller.state.quotes[0].uuid)
    app.processEvents()


SIZES = ((1024, 700), (1920, 1080))


def use_palette(app, dark: bool) -> None:
    """Fusion with a light or a dark palette, as a desktop in either mode would give."""
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    if dark:
        role = QPalette.ColorRole
        for name, colour in (
            (role.Window, "#2b2b2b"), (role.WindowText, "#e8e8e8"), (role.Base, "#1e1e1e"),
            (role.AlternateBase, "#262626"), (role.Text, "#f0f0f0"), (role.Button, "#353535"),
            (role.ButtonText, "#e8e8e8"), (role.Highlight, "#3d7fd6"),
            (role.HighlightedText, "#ffffff"), (role.PlaceholderText, "#9a9a9a"),
        ):  # fmt: skip
            palette.setColor(name, QColor(colour))
        disabled = QPalette.ColorGroup.Disabled
        for name in (role.WindowText, role.Text, role.ButtonText):
            palette.setColor(disabled, name, QColor("#7a7a7a"))  # greyed out, as on a desktop
    app.setPalette(palette)
    app.setStyleSheet(app.styleSheet())  # style sheets read the palette when applied


def window_at(window, app, width: int, height: int):
    """The window as it opens on a screen of this size: panels sized for it."""
    from framing_annotator.ui import layout

    window.resize(width, height)
    layout.size_panels(window, width)
    app.processEvents()
    window.article_view.set_marks(window.article_view.marks())  # fills for the palette
    app.processEvents()
    return window.grab()


def line_lengths(view) -> list[int]:
    """Characters in each laid-out line of the article view (the text column's measure)."""
    lengths, block = [], view.document().begin()
    while block.isValid():
        lines = block.layout()
        lengths += [lines.lineAt(n).textLength() for n in range(lines.lineCount())]
        block = block.next()
    return lengths


def main_window_shots(window, app, out: Path) -> list[Path]:
    """The main window at 1024x700 and 1920x1080, light and dark."""
    saved = []
    for dark in (False, True):
        use_palette(app, dark)
        for width, height in SIZES:
            path = out / f"main-window-{width}x{height}-{'dark' if dark else 'light'}.png"
            window_at(window, app, width, height).save(str(path))
            saved.append(path)
    use_palette(app, False)
    return saved


def code_as_three_coders(window) -> None:
    """Two more coders accept the suggestions that ana coded, framing some differently."""
    from framing_annotator.services.annotation import AnnotationSession
    from framing_annotator.services.commands import AcceptSuggestion, EditQuote

    repo = window.project.repo
    suggestions = repo.suggestions(window.article_id)[:4]
    for coder, frames in (("ben", ("threat",)), ("cy", ("public_safety",))):
        session = AnnotationSession(repo, coder)
        for number, suggestion in enumerate(suggestions):
            accept = AcceptSuggestion(suggestion, coder)
            session.execute(accept)
            keys = frames if number % 2 else ("threat",)
            quote = accept.quote
            session.execute(EditQuote(quote, replace(quote, frames=frozenset(keys))))


def main(out: Path | None = None) -> None:
    out = out or (Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/images"))
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
        main_window_shots(window, app, out)
        window_at(window, app, 1440, 900)
        code_as_three_coders(window)
        review = window.show_review()
        review.resize(1100, 720)
        review.tabs.setCurrentIndex(0)
        app.processEvents()
        review.grab().save(str(out / "review-coefficients.png"))
        review.tabs.setCurrentIndex(2)
        review.disagreements.setCurrentRow(0)
        app.processEvents()
        review.grab().save(str(out / "review-disagreements.png"))
        window.close()
    print(f"saved main-window*.png, review-coefficients.png, review-disagreements.png in {out}")


if __name__ == "__main__":
    main()
