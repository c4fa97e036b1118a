"""Benchmark: does the window stay responsive while the frame learner trains? (goal <= 16 ms a key)

    .venv/bin/python bench/bench_frames_window.py [--coded 1000]

A project where the coder has coded ``--coded`` quotes (the frame-labelled quotes of
``tests/data/frames`` over again). The window is opened offscreen; then J (next quote:
redraws the marks, the table and the quote editor, with its frame suggestions) is pressed
while the learner trains from scratch in the background worker, and, as the same-run peer,
the same key with the worker idle. Writes ``bench/results/frames_window.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchlib import Bench, measure  # noqa: E402

from framing_annotator.app import open_main_window  # noqa: E402
from framing_annotator.domain.model import Article, Quote  # noqa: E402
from framing_annotator.domain.spans import Span  # noqa: E402
from framing_annotator.services.project import Project  # noqa: E402

DATA = ROOT / "tests" / "data" / "frames" / "default.jsonl"
PER_ARTICLE = 25


def coded_project(path: Path, coded: int) -> None:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    project = Project.open(path, create=True)
    for at in range(0, coded, PER_ARTICLE):
        text, quotes = "", []
        for n in range(at, min(at + PER_ARTICLE, coded)):
            row = rows[n % len(rows)]
            start = len(text) + 1
            text += f"“{row['text']} ({n})” {row['context']}.\n\n"
            quotes.append((Span(start, start + len(row["text"]) + len(f" ({n})")), row))
        (article,) = project.import_articles([Article(text=text, title=f"article {at}")]).added
        with project.repo.transaction() as repo:
            for span, row in quotes:
                repo.insert_quote(Quote(article.id, "bench", span, frames=frozenset(row["frames"])))
    project.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--coded", type=int, default=1000)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, folder)
        path = Path(folder) / "frames.sqlite"
        coded_project(path, args.coded)
        window = open_main_window(path, annotator="bench", suggestions=False)
        window.show()
        deadline = time.time() + 600
        while window.frames.trainer.worker is not None or window.controller.frames.learner is None:
            app.processEvents()  # the first training, started on opening
            time.sleep(0.01)
            if time.time() > deadline:
                raise SystemExit("the learner did not train within 10 minutes")
        view = window.article_view
        view.setFocus()

        def press() -> None:
            QTest.keyClick(view, Qt.Key.Key_J)
            app.processEvents()

        idle = measure(press, runs=40)
        # Start over from scratch (as after a codebook change) and press keys meanwhile.
        with window.project.repo.transaction() as repo:
            repo.delete_frame_model("bench")
        window.frames.trainer.train("bench")
        busy = measure(press, runs=40)
        still_training = window.frames.trainer.worker is not None
        bench = Bench("frames_window")
        bench.notes["coded_quotes"] = args.coded
        bench.notes["training_still_running_after_the_keys"] = still_training
        bench.row(
            f"J (next quote) while the learner trains on {args.coded} quotes",
            busy,
            peer=idle,
            peer_name="the same key with the worker idle",
            goal_s=0.016,
        )
        while window.frames.trainer.worker is not None:
            app.processEvents()
            time.sleep(0.01)
        window.close()
        bench.finish()


if __name__ == "__main__":
    main()
