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
Each figure is the median of every run (15 a round, after 3 untimed) over three rounds
that alternate between the 300- and the 600-mark window, so that a drifting load on a
shared machine weighs on both sizes alike (bench/benchlib.py measures each round).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
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

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import article_text  # noqa: E402
from benchlib import Bench, Timing, measure  # noqa: E402

from framing_annotator.app import open_main_window  # noqa: E402
from framing_annotator.domain.model import Article, Quote, QuoteKind, Suggestion  # noqa: E402
from framing_annotator.domain.spans import Span  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402
from framing_annotator.ui.settings_keys import SUGGEST_FRAMES  # noqa: E402

RUNS = 15
ROUNDS = 3
MARKS = (300, 600)
WARM = 3
"""Untimed runs before each measure: the first presses in a process fill Qt's glyph and
layout caches, which would weigh on whichever row (and size) happens to come first."""
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
    if path.exists():
        return path  # built by an earlier row of this run
    project = Project.open(path, create=True)
    for first in range(0, count, 5000):
        project.import_articles(
            Article(text=article_text(rng, 200), title=f"Article {n}")
            for n in range(first, min(count, first + 5000))
        )
    project.index_for_search()  # as an import by the CLI leaves it
    project.close()
    return path


def settle(app: QApplication, window) -> None:
    """Let the work that runs behind the window end first: the backup in a worker (CPU time
    counts every thread of the process) and the text laid out while idle (its slices run in
    whichever window's event loop turns next, and would be charged to that window's key)."""
    deadline = time.monotonic() + 120
    app.processEvents()
    while (window.menu.workers.running or window.article_view.laying_out) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.02)
        app.processEvents()


class KeyWindow:
    """The window on one big article, and the keys measured on it."""

    def __init__(self, app: QApplication, folder: Path, marks: int) -> None:
        self.app, self.marks = app, marks
        self.window = open_main_window(big_article_project(folder, marks), annotator="bench",
                                       suggestions=False)  # fmt: skip
        self.window.resize(1440, 900)
        self.window.show()
        settle(app, self.window)
        self.view, self.controller = self.window.article_view, self.window.controller
        self.activate()
        self.controller.open_article(1)
        app.processEvents()
        state = self.controller.state
        self.quote = state.quotes[marks // 2]
        self.middle = state.pending[marks // 2]
        self.label = f"{marks} quotes + {marks} suggestions"

    def activate(self) -> None:
        """Shortcuts reach only the active window."""
        self.window.activateWindow()
        self.view.setFocus()
        self.app.processEvents()

    def repaint(self) -> None:
        self.view.viewport().repaint()

    def press(self, key) -> None:
        QTest.keyClick(self.view, key)
        self.view.viewport().repaint()

    def on_a_suggestion(self) -> None:
        controller = self.controller
        if controller.session.can_undo and controller.session.undo_text == "Accept suggestion":
            controller.undo()
        controller.go_to(f"s{self.middle.id}")
        self.app.processEvents()

    def open_article(self) -> None:
        self.controller.open_article(1)
        self.app.processEvents()
        self.view.viewport().repaint()

    def measures(self):
        """(name, goal s, before the first round, action, setup before each run)."""
        c = self.controller
        go_to_quote = lambda: c.go_to(self.quote.uuid)  # noqa: E731
        return [
            ("repaint alone of the same view", None, None, self.repaint, None),
            ("frame key -> row -> repaint", 0.016, go_to_quote,
             lambda: self.press(Qt.Key.Key_2), None),
            ("Y, on to the next suggestion, repaint", 0.016, None,
             lambda: self.press(Qt.Key.Key_Y), self.on_a_suggestion),
            ("J, repaint", 0.005, go_to_quote, lambda: self.press(Qt.Key.Key_J), None),
            ("K, repaint", 0.005, None, lambda: self.press(Qt.Key.Key_K), None),
            ("open the article until painted", 0.100, None, self.open_article,
             lambda: c.open_article(2)),
        ]  # fmt: skip


def timed(action, setup=None) -> Timing:
    for _ in range(WARM):
        if setup is not None:
            setup()
        action()
    return measure(action, runs=RUNS, setup=setup)


def key_rows(bench: Bench, app: QApplication, folder: Path) -> None:
    """Every key on the 300- and the 600-mark article, in alternating rounds: the load of a
    shared machine drifts, and the growth from 300 to 600 must compare like with like."""
    # The frame learner trains in a worker after frame keys; this coder has too little coding
    # for one anyway, and its thread's CPU would be counted against the keys.
    QSettings().setValue(SUGGEST_FRAMES, False)
    windows = [KeyWindow(app, folder, marks) for marks in MARKS]
    plans = [w.measures() for w in windows]
    peers: dict[int, Timing] = {}
    for index in range(len(plans[0])):
        runs: dict[int, list[Timing]] = {w.marks: [] for w in windows}
        for round_ in range(ROUNDS):
            for w, plan in zip(windows, plans, strict=True):
                name, goal, first, action, setup = plan[index]
                w.activate()
                if round_ == 0 and first is not None:
                    first()
                runs[w.marks].append(timed(action, setup))
                settle(app, w.window)
        for w in windows:
            timing = pooled(runs[w.marks])
            if goal is None:
                peers[w.marks] = timing
                continue
            bench.row(f"{name} ({w.label})", timing, peer=peers[w.marks],
                      peer_name=plans[0][0][0], goal_s=goal, marks=w.marks)  # fmt: skip
    for w in windows:
        w.window.close()


def pooled(timings: list[Timing]) -> Timing:
    """The median over every run of several rounds."""
    cpu = [c for t in timings for c in t.cpu_all]
    wall = statistics.median(t.wall_s for t in timings)
    return Timing(statistics.median(cpu), wall, len(cpu), tuple(cpu))


def startup(project: str, settings: str) -> tuple[float, float]:
    """(CPU s, wall s) of a fresh process until its window is shown on ``project``."""
    out = subprocess.run([sys.executable, "-c", STARTUP, project, settings,
                          str(time.perf_counter())],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    cpu, wall = out.split()[:2]
    return float(cpu), float(wall)


def startup_row(bench: Bench, folder: Path, count: int) -> None:
    many = str(many_articles_project(folder, count))

    def timing(project: str) -> Timing:
        runs = [startup(project, str(folder)) for _ in range(5)]
        return Timing(statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                      len(runs), tuple(r[0] for r in runs))  # fmt: skip

    bench.row(f"window shown after start, {count:,} articles, backup behind it",
              timing(many), peer=timing("-"), peer_name="a bare QApplication started",
              goal_s=1.0, articles=count)  # fmt: skip


def search_row(bench: Bench, app: QApplication, folder: Path, count: int) -> None:
    """Enter in the list's search box until the list shows the matches: the worst case,
    a word of every title ("Article n"), so that all ``count`` articles are listed."""
    path = many_articles_project(folder, count)
    window = open_main_window(path, annotator="bench", suggestions=False)
    window.resize(1440, 900)
    window.show()
    settle(app, window)
    window.activateWindow()
    box = window.article_list.search
    box.setFocus()

    def typed() -> None:
        box.clear()  # the whole list again, untimed
        app.processEvents()
        QTest.keyClicks(box, "article")

    def enter() -> None:
        QTest.keyClick(box, Qt.Key.Key_Return)
        app.processEvents()

    timing = measure(enter, setup=typed)
    assert window.article_list.model.total == count, window.article_list.model.total
    conn = sqlite3.connect(path)
    fts = measure(lambda: conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", ['"article"']).fetchall())
    conn.close()
    window.close()
    bench.row(f"search on Enter in the article list, all {count:,} articles match", timing,
              peer=fts, peer_name="FTS5 MATCH rowids alone", goal_s=0.100,
              articles=count)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    bench = Bench("window")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        key_rows(bench, app, folder)
        startup_row(bench, folder, args.articles)
        search_row(bench, app, folder, args.articles)
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
