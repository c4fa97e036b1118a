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
    for keys in frames:
        window.step(1)
        window.accept_suggestion()
        for key in keys:
            window.set_frame(key, True)
        app.processEvents()
    window.go_to(window.state.quotes[0].uuid)
    app.processEvents()


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
        code_as_three_coders(window)
        review = window.show_review()
        review.resize(1100, 720)
        review.tabs.setCurrentIndex(0)
        app.processEvents()
        review.grab().save(str(out / "review-coefficients.png"))
        review.tabs.setCurrentWidget(review.coders_page)
        app.processEvents()
        review.grab().save(str(out / "review-coders.png"))
        review.jump_to_article(0)
        app.processEvents()
        review.grab().save(str(out / "review-disagreements.png"))
        window.close()
    print(f"saved main-window.png, review-coefficients.png, review-coders.png, "
          f"review-disagreements.png in {out}")


if __name__ == "__main__":
    main()
