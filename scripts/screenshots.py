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
    """Characters in each line of the article view (the text column's measure).

    The view lays out only the paragraphs it shows; every one is laid out here first.
    """
    lengths, block = [], view.document().begin()
    layout = view.document().documentLayout()
    while block.isValid():
        layout.ensureBlockLayout(block)
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


EXAMPLE_ARTICLES = [  # (file in tests/data/quotes, outlet, date): the worked example's corpus
    ("berlin-rail-strike", "The Wire", "2024-01-11"),
    ("council-budget-vote", "Daily Courier", "2024-01-18"),
    ("clinic-measles", "Daily Courier", "2024-02-02"),
    ("harbor-fishing-quota", "The Wire", "2024-02-14"),
    ("school-board-phones", "Evening Herald", "2024-02-21"),
    ("local-warehouse-fire", "Evening Herald", "2024-03-05"),
    ("court-landlord-ruling", "Daily Courier", "2024-03-12"),
    ("drought-wells", "The Wire", "2024-03-26"),
]
EXAMPLE_FRAMES = ["economic_consequences", "conflict", "human_interest", "responsibility",
                  "morality"]


def build_results_example(folder: Path) -> Path:
    """The worked example of docs/guide/worked-example.md: eight test articles with an outlet
    and a date, coded by ana and ben and adjudicated into gold. Quotes are the test data's
    gold quotes; frames and the coders' differences follow a fixed rule (an illustration,
    not a study), so the figures never change."""
    import json

    from framing_annotator.domain.model import GOLD, Article, Quote, QuoteKind, Speaker
    from framing_annotator.domain.spans import Span
    from framing_annotator.services.project import Project

    data = Path(__file__).resolve().parents[1] / "tests" / "data" / "quotes"
    path = folder / "example.sqlite"
    project = Project.open(path, create=True, codebook="semetko-valkenburg")
    repo = project.repo
    for number, (name, outlet, date) in enumerate(EXAMPLE_ARTICLES):
        text = (data / f"{name}.txt").read_text(encoding="utf-8")
        title = text.splitlines()[0]
        (article,) = project.import_articles(
            [Article(text=text, title=title, outlet=outlet, date=date)]
        ).added
        lines = (data / f"{name}.gold.jsonl").read_text(encoding="utf-8").splitlines()
        with repo.transaction():
            for index, line in enumerate(lines):
                gold = json.loads(line)
                if gold["kind"] not in ("direct", "mixed", "indirect"):
                    continue  # the suggester's test cases: what must not be a quote
                speaker = None
                if gold.get("speaker"):
                    speaker = repo.speaker_by_name(gold["speaker"]) or repo.save_speaker(
                        Speaker(gold["speaker"], type=_speaker_type(gold["speaker"]))
                    )
                frames = {EXAMPLE_FRAMES[(number + index) % len(EXAMPLE_FRAMES)]}
                if (number * 7 + index) % 4 == 0:
                    frames.add(EXAMPLE_FRAMES[(number + index + 2) % len(EXAMPLE_FRAMES)])
                other = {EXAMPLE_FRAMES[(number + index + 1) % len(EXAMPLE_FRAMES)]}
                versions = {GOLD: frames, "ana": other if index % 6 == 5 else frames}
                if (number + index) % 7 != 3:  # ben misses a quote now and then
                    versions["ben"] = other if index % 4 == 1 else frames
                for coder, coded in versions.items():
                    repo.insert_quote(Quote(
                        article_id=article.id, annotator=coder,
                        span=Span(gold["start"], gold["end"]), kind=QuoteKind(gold["kind"]),
                        speaker_id=speaker.id if speaker else None, frames=frozenset(coded),
                    ))  # fmt: skip
    project.close()
    return path


def _speaker_type(name: str):
    """A speaker type for the illustration: by the words of the name, else in turn."""
    from framing_annotator.domain.model import SpeakerType

    words = name.casefold()
    if any(w in words for w in ("police", "officer", "fire", "chief")):
        return SpeakerType.LAW_ENFORCEMENT
    if any(w in words for w in ("council", "ministry", "operator", "board", "court", "agency",
                                "department", "mayor", "minister")):
        return SpeakerType.GOVERNMENT
    if any(w in words for w in ("union", "group", "association")):
        return SpeakerType.ADVOCATE
    turn = (SpeakerType.GOVERNMENT, SpeakerType.EXPERT, SpeakerType.CITIZEN,
            SpeakerType.BUSINESS, SpeakerType.ADVOCATE)  # fmt: skip
    return turn[sum(map(ord, name)) % len(turn)]


def results_shots(app, folder: Path, out: Path) -> None:
    from framing_annotator.services.project import Project
    from framing_annotator.ui.results_window import ResultsWindow

    project = Project.open(build_results_example(folder))
    results = ResultsWindow(project)
    results.resize(1180, 720)
    results.show()
    app.processEvents()
    results.grab().save(str(out / "results-crosstab.png"))
    results.cols_choice.setCurrentIndex(results.cols_choice.findData("month"))
    results.show_choice.setCurrentIndex(results.show_choice.findData("col"))
    app.processEvents()
    results.grab().save(str(out / "results-months.png"))
    results.close()
    project.close()


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
        review.tabs.setCurrentWidget(review.coders_page)
        app.processEvents()
        review.grab().save(str(out / "review-coders.png"))
        review.jump_to_article(0)
        app.processEvents()
        review.grab().save(str(out / "review-disagreements.png"))
        window.close()
        results_shots(app, Path(tmp), out)
    print(f"saved main-window*.png, review-coefficients.png, review-coders.png, "
          f"review-disagreements.png, results-crosstab.png, results-months.png in {out}")


if __name__ == "__main__":
    main()
