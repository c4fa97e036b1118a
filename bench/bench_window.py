"""Benchmark: the annotation window's response to keys, on CPU time, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_window.py [--articles 50000]

Against the goals of issue 11, on a 20,000-word article with 300 quotes and 300
suggestions, and again with 600 of each (no figure may grow by more than 20%):
- frame key -> committed row -> repainted marks: <= 16 ms CPU;
- Y (accept, then on to the next suggestion), repainted: <= 16 ms;
- J and K, repainted: <= 5 ms;
- opening the article until painted: <= 100 ms;
and, on a project of ``--articles`` articles, the window shown after start with the
backup still running behind it: <= 1 s CPU.

Every key row has the same-run peer "repaint alone of the same view" (a repaint of
the text with nothing changed), so the ratio says what the key costs beyond drawing.
Each figure is the median of at least five runs (bench/benchlib.py).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import article_text  # noqa: E402
from benchlib import Bench, measure  # noqa: E402

from framing_annotator.app import open_main_window  # noqa: E402
from framing_annotator.domain.model import Article, Quote, QuoteKind, Suggestion  # noqa: E402
from framing_annotator.domain.spans import Span  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

RUNS = 15
STARTUP = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, sys.argv[2])
if sys.argv[1] != "-":
    from framing_annotator.app import open_main_window
    window = open_main_window(sys.argv[1], annotator="bench", suggestions=False)
    window.show()
    window.repaint()
print(time.process_time(), time.perf_counter() - float(sys.argv[3]), flush=True)
if sys.argv[1] != "-":
    window.close()  # waits for the backup that was running behind the window
"""


def big_article_project(folder: Path, marks: int) -> Path:
    """A 20,000-word article with ``marks`` quotes and ``marks`` suggestions, and a short one."""
    rng = random.Random(7)
    text = article_text(rng, 20_000)
    path = folder / f"big-{marks}.sqlite"
    project = Project.open(path, create=True)
    added = project.import_articles(
        [Article(text=text, title="A long article"), Article(text="Short.\n\nNothing here.")]
    ).added
    article_id = added[0].id
    step = len(text) // marks
    spans = [(m, m + 40) for m in range(0, step * marks, step)]
    repo = project.repo
    with repo.transaction():
        for n, (start, end) in enumerate(spans):
            frames = frozenset({"threat"}) if n % 2 else frozenset()
            repo.insert_quote(
                Quote(article_id, "bench", Span(start, end), frames=frames)
            )
        repo.replace_suggestions(article_id, [
            Suggestion(Span(s + 45, e + 60), QuoteKind.INDIRECT, "bench", 0.5) for s, e in spans
        ])  # fmt: skip
        repo.set_article_status(article_id, "bench", "in_progress")
    project.close()
    return path


def many_articles_project(folder: Path, count: int) -> Path:
    rng = random.Random(11)
    path = folder / "many.sqlite"
    project = Project.open(path, create=True)
    for first in range(0, count, 5000):
        project.import_articles(
            Article(text=article_text(rng, 200), title=f"Article {n}")
            for n in range(first, min(count, first + 5000))
        )
    project.close()
    return path


def key_rows(bench: Bench, app: QApplication, folder: Path, marks: int) -> None:
    window = open_main_window(big_article_project(folder, marks), annotator="bench",
                              suggestions=False)  # fmt: skip
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    window.activateWindow()
    view, controller = window.article_view, window.controller
    view.setFocus()
    controller.open_article(1)
    app.processEvents()
    label = f"{marks} quotes + {marks} suggestions"

    def repaint() -> None:
        view.viewport().repaint()

    peer = measure(repaint, runs=RUNS)
    peer_name = "repaint alone of the same view"

    def press(key) -> None:
        QTest.keyClick(view, key)
        view.viewport().repaint()

    quote = controller.state.quotes[marks // 2]
    controller.go_to(quote.uuid)
    bench.row(f"frame key -> row -> repaint ({label})",
              measure(lambda: press(Qt.Key.Key_2), runs=RUNS), peer=peer, peer_name=peer_name,
              goal_s=0.016, marks=marks)  # fmt: skip

    middle = controller.state.pending[marks // 2]

    def on_a_suggestion() -> None:
        if controller.session.can_undo and controller.session.undo_text == "Accept suggestion":
            controller.undo()
        controller.go_to(f"s{middle.id}")
        app.processEvents()

    bench.row(f"Y, on to the next suggestion, repaint ({label})",
              measure(lambda: press(Qt.Key.Key_Y), runs=RUNS, setup=on_a_suggestion),
              peer=peer, peer_name=peer_name, goal_s=0.016, marks=marks)  # fmt: skip
    controller.go_to(quote.uuid)
    bench.row(f"J, repaint ({label})", measure(lambda: press(Qt.Key.Key_J), runs=RUNS),
              peer=peer, peer_name=peer_name, goal_s=0.005, marks=marks)  # fmt: skip
    bench.row(f"K, repaint ({label})", measure(lambda: press(Qt.Key.Key_K), runs=RUNS),
              peer=peer, peer_name=peer_name, goal_s=0.005, marks=marks)  # fmt: skip

    def open_article() -> None:
        controller.open_article(1)
        app.processEvents()
        view.viewport().repaint()

    bench.row(f"open the article until painted ({label})",
              measure(open_article, runs=RUNS, setup=lambda: controller.open_article(2)),
              peer=peer, peer_name=peer_name, goal_s=0.100, marks=marks)  # fmt: skip
    window.close()


def startup(project: str, settings: str) -> tuple[float, float]:
    """(CPU s, wall s) of a fresh process until its window is shown on ``project``."""
    import time

    out = subprocess.run([sys.executable, "-c", STARTUP, project, settings,
                          str(time.perf_counter())],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    cpu, wall = out.split()[:2]
    return float(cpu), float(wall)


def startup_row(bench: Bench, folder: Path, count: int) -> None:
    import statistics

    from benchlib import Timing

    many = str(many_articles_project(folder, count))

    def timing(project: str) -> Timing:
        runs = [startup(project, str(folder)) for _ in range(5)]
        return Timing(statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                      len(runs), tuple(r[0] for r in runs))  # fmt: skip

    bench.row(f"window shown after start, {count:,} articles, backup behind it",
              timing(many), peer=timing("-"), peer_name="a bare QApplication started",
              goal_s=1.0, articles=count)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    bench = Bench("window")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        for marks in (300, 600):
            key_rows(bench, app, folder, marks)
        startup_row(bench, folder, args.articles)
    growth = {}
    for row in bench.rows:
        if row.get("marks") == 300:
            base = row["measure"].split(" (")[0]
            bigger = next(r for r in bench.rows
                          if r.get("marks") == 600 and r["measure"].startswith(base))  # fmt: skip
            growth[base] = bigger["cpu_s"] / row["cpu_s"] if row["cpu_s"] else None
    bench.notes["growth_600_over_300_cpu"] = growth
    bench.finish()
    print_markdown(bench, growth)


def print_markdown(bench: Bench, growth: dict) -> None:
    """The README's table: CPU and wall medians in ms, the repaint peer, the goal."""
    print()
    print("| measure | CPU ms | wall ms | peer CPU ms | goal CPU ms |")
    print("|---|---:|---:|---:|---:|")
    for row in bench.rows:
        peer = f"{row['peer_cpu_s'] * 1000:.1f}" if "peer_cpu_s" in row else ""
        goal = f"{row['goal_cpu_s'] * 1000:.0f}" if "goal_cpu_s" in row else ""
        print(f"| {row['measure']} | {row['cpu_s'] * 1000:.1f} | {row['wall_s'] * 1000:.1f} "
              f"| {peer} | {goal} |")  # fmt: skip
    print()
    for base, ratio in growth.items():
        print(f"growth from 300 to 600 marks (CPU), {base}: {ratio:.2f}x (goal <= 1.20x)")


if __name__ == "__main__":
    main()
