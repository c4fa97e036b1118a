"""Benchmark: the annotation window's response times, offscreen.

    .venv/bin/python bench/bench_window.py [--articles 10000]

Measures, against the goals of the annotation-window issue:
- opening a 20,000-word article with 300 quotes and 300 suggestions until painted (< 300 ms);
- creating or tagging a quote, from key press to committed row and repainted marks
  (< 30 ms median);
- the window shown after start, with spaCy loading in the background (< 2 s);
- switching between articles in a 10,000-article project (< 100 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from framing_annotator.app import open_main_window  # noqa: E402
from framing_annotator.domain.model import Article, Quote, QuoteKind, Suggestion  # noqa: E402
from framing_annotator.domain.spans import Span  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import article_text  # noqa: E402

STARTUP_SCRIPT = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, sys.argv[2])
from framing_annotator.app import open_main_window
window = open_main_window(sys.argv[1], annotator="bench")
window.show()
window.repaint()
print("shown", flush=True)
deadline = time.time() + 60
while window.suggestions.suggester is None and time.time() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("suggester", flush=True)
window.close()
"""


def big_article_project(folder: Path) -> Path:
    rng = random.Random(7)
    text = article_text(rng, 20_000)
    path = folder / "big.sqlite"
    project = Project.open(path, create=True)
    (article,) = project.import_articles([Article(text=text, title="A long article")]).added
    repo = project.repo
    words = [(m, m + 40) for m in range(0, len(text) - 60, len(text) // 300)][:300]
    with repo.transaction():
        for start, end in words:
            repo.insert_quote(
                Quote(article_id=article.id, annotator="bench", span=Span(start, end),
                      frames=frozenset({"threat"}) if start % 2 else frozenset())
            )
        repo.replace_suggestions(
            article.id,
            [Suggestion(Span(s + 10, e + 30), QuoteKind.INDIRECT, "bench", 0.5)
             for s, e in words],
        )
    project.close()
    return path


def many_articles_project(folder: Path, count: int) -> Path:
    rng = random.Random(11)
    path = folder / "many.sqlite"
    project = Project.open(path, create=True)
    project.import_articles(
        Article(text=article_text(rng, 800), title=f"Article {n}") for n in range(count)
    )
    project.close()
    return path


def timed_ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)

        big = big_article_project(folder)
        window = open_main_window(big, annotator="other", suggestions=False)
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        window.close()
        window = open_main_window(big, annotator="bench", suggestions=False)
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        view = window.article_view

        def reopen() -> None:
            window.article_id = None
            window.open_article(1)
            view.viewport().repaint()

        opening = [timed_ms(reopen) for _ in range(5)]
        rows.append(("open 20,000-word article, 300 quotes + 300 suggestions",
                     statistics.median(opening), 300))

        window.activateWindow()
        view.setFocus()
        text = window.state.article.text
        creating, tagging = [], []
        for n in range(30):
            start = text.index(" ", 200 + n * 600) + 1
            window.go_to(None)
            view.select_span(Span(start, start + 25))

            def create() -> None:
                QTest.keyClick(view, Qt.Key.Key_Return)
                view.viewport().repaint()

            creating.append(timed_ms(create))

            def tag() -> None:
                QTest.keyClick(view, Qt.Key.Key_2)
                view.viewport().repaint()

            tagging.append(timed_ms(tag))
        rows.append(("create a quote (Enter to repainted marks)", statistics.median(creating), 30))
        rows.append(("tag a quote (key 2 to repainted marks)", statistics.median(tagging), 30))
        window.close()

        many = many_articles_project(folder, args.articles)
        window = open_main_window(many, annotator="bench", suggestions=False)
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        rng = random.Random(3)
        switching = []
        for article_id in rng.sample(range(1, args.articles + 1), 30):

            def switch(article_id: int = article_id) -> None:
                window.article_list.select(article_id)
                window.article_view.viewport().repaint()

            switching.append(timed_ms(switch))
        rows.append((f"switch articles in a {args.articles:,}-article project",
                     statistics.median(switching), 100))
        window.close()

        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", STARTUP_SCRIPT, str(many), tmp],
            stdout=subprocess.PIPE, text=True,
        )
        process.stdout.readline()
        shown = (time.perf_counter() - started) * 1000
        process.stdout.readline()
        loaded = (time.perf_counter() - started) * 1000
        process.wait()
        rows.append(("window shown after start (spaCy loading behind)", shown, 2000))
        rows.append(("  ... suggester ready (for reference)", loaded, None))

    print(f"Window benchmark, offscreen; {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print()
    print(f"| {'measure':<56} | {'ms (median)':>11} | {'goal ms':>7} |")
    print(f"|{'-' * 58}|{'-' * 13}|{'-' * 9}|")
    for label, value, goal in rows:
        print(f"| {label:<56} | {value:>11.1f} | {goal if goal else '':>7} |")


if __name__ == "__main__":
    main()
