"""Frame suggestions in the window: the trainer in the background, the settings, the figures.

The rules (what to show, recording it, G, the uncertain-first order) are the controller's
(:mod:`framing_annotator.services.controller`); this module only runs its learner's
training in a worker with its own database connection (``services.frames.train_job``),
a little after the coder's frames change, keeps the two on/off settings in QSettings and
shows the cross-validated figures.

Signals (of :class:`FrameTrainer`):
    trained(str, object): an annotator's learner, up to date with their coding.
    unavailable(str, str): an annotator and why there is no learner yet, in one line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.controller import AnnotationController
from ..services.frames import LearningCurve, NotEnoughCoding, evaluate_in_background, train_job
from .settings_keys import SUGGEST_FRAMES, UNCERTAIN_FIRST
from .workers import Worker, WorkerPool

RETRAIN_DELAY_MS = 1500
"""Wait this long after a frame change before training again: coding comes in bursts."""


class FrameTrainer(QObject):
    trained = Signal(str, object)
    unavailable = Signal(str, str)

    def __init__(self, project_path: Path, workers: WorkerPool, *, read_only: bool) -> None:
        super().__init__()
        self.project_path = project_path
        self.read_only = read_only  # as the window opened it: a read-only project stores no model
        self.workers = workers
        self.worker: Worker | None = None
        self._again: str | None = None
        self._waiting = ""
        self.delay = QTimer(self, singleShot=True, interval=RETRAIN_DELAY_MS)
        self.delay.timeout.connect(lambda: self.train(self._waiting))

    def train_soon(self, annotator: str) -> None:
        """Train once the burst of coding is over (the timer restarts on each change)."""
        self._waiting = annotator
        self.delay.start()

    def train(self, annotator: str) -> None:
        """Train ``annotator``'s learner now, or once more after the training that is running.

        Results name their annotator: after a switch of coder, a late result for the
        previous coder is dropped by the controller, never shown to the new one.
        """
        if self.worker is not None:
            self._again = annotator
            return
        path, read_only = self.project_path, self.read_only

        def job(progress, cancelled):
            try:
                return train_job(path, annotator, progress=progress, cancelled=cancelled,
                                 read_only=read_only)  # fmt: skip
            except NotEnoughCoding as exc:
                return str(exc)

        self.worker = Worker("train frames", job)
        self.worker.signals.finished.connect(lambda result: self._finished(annotator, result))
        self.worker.signals.failed.connect(lambda reason: self._failed(annotator, reason))
        self.workers.start(self.worker)

    def _finished(self, annotator: str, result: object) -> None:
        self.worker = None
        if isinstance(result, str):
            self.unavailable.emit(annotator, result)
        elif result is not None:
            self.trained.emit(annotator, result)
        self._next()

    def _failed(self, annotator: str, reason: str) -> None:
        self.worker = None
        self.unavailable.emit(annotator, reason.splitlines()[-1])
        self._next()

    def _next(self) -> None:
        if self._again is not None:
            annotator, self._again = self._again, None
            self.train(annotator)


class FrameSuggestions:
    """The window's side of frame suggestions (see the module docstring); not a mixin.

    It needs the controller, the worker pool, a status-bar line (``flash``) and a parent
    for its dialog: never the window itself.
    """

    def __init__(self, controller: AnnotationController, workers: WorkerPool,
                 flash: Callable[[str], None], parent: QWidget) -> None:  # fmt: skip
        self.controller = controller
        self.workers = workers
        self.flash = flash
        self.parent = parent
        self.evaluation: FrameEvaluationDialog | None = None
        self.trainer = FrameTrainer(controller.project.path, workers,
                                    read_only=controller.project.read_only)  # fmt: skip
        self.trainer.trained.connect(controller.learner_trained)
        self.trainer.unavailable.connect(controller.learner_unavailable)
        controller.frames_stale.connect(self.trainer.train_soon)
        store = QSettings()
        controller.frames_on = store.value(SUGGEST_FRAMES, True, type=bool)
        controller.uncertain_first = store.value(UNCERTAIN_FIRST, False, type=bool)

    def start(self, actions: Mapping[str, QAction]) -> None:
        """Check the menu items as the settings say; train the coder's learner after start."""
        for name, on in (("suggest_frames", self.controller.frames_on),
                         ("uncertain_first", self.controller.uncertain_first)):  # fmt: skip
            action = actions[name]
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        if self.controller.frames_on:
            annotator = self.controller.annotator
            QTimer.singleShot(0, lambda: self.trainer.train(annotator))

    def set_on(self, on: bool) -> None:
        QSettings().setValue(SUGGEST_FRAMES, on)
        self.controller.set_frame_suggestions(on)

    def set_uncertain_first(self, on: bool) -> None:
        QSettings().setValue(UNCERTAIN_FIRST, on)
        self.controller.set_uncertain_first(on)

    def evaluate(self) -> Worker:
        """Cross-validate the coder's learner in a worker, then show the figures."""
        path, annotator = self.controller.project.path, self.controller.annotator
        self.flash("Evaluating frame suggestions…")

        def job(_progress, _cancelled):
            return evaluate_in_background(path, annotator)

        worker = Worker("evaluate frames", job)
        worker.signals.finished.connect(lambda curve: self._show_evaluation(curve, annotator))
        worker.signals.failed.connect(lambda reason: self.flash(reason.splitlines()[-1]))
        return self.workers.start(worker)

    def _show_evaluation(self, curve: LearningCurve, annotator: str) -> None:
        self.flash("")
        self.evaluation = FrameEvaluationDialog(curve, annotator, self.parent)
        self.evaluation.show()


class FrameEvaluationDialog(QDialog):
    """Cross-validated precision, recall and F1 per frame, and the learning curve."""

    def __init__(self, curve: LearningCurve, annotator: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("frameEvaluation")
        self.setWindowTitle(f"How good are {annotator}'s frame suggestions")
        final = curve.final
        summary = QLabel(
            f"{curve.coded} coded quotes of {annotator}, {curve.folds}-fold cross-validation, "
            f"a frame suggested at probability ≥ {curve.threshold:g}. Macro F1 "
            f"{final.macro_f1:.3f}: of the frames suggested and the frames you gave, about "
            f"that share agree. A curve still rising means more coding will help."
        )
        summary.setWordWrap(True)
        self.frames = _table(
            "frameScores",
            ["frame", "precision", "recall", "F1", "quotes"],
            [(f.key, f"{f.precision:.3f}", f"{f.recall:.3f}", f"{f.f1:.3f}", str(f.support))
             for f in final.frames]
            + [("macro", f"{final.macro_precision:.3f}", f"{final.macro_recall:.3f}",
                f"{final.macro_f1:.3f}", "")],
        )  # fmt: skip
        self.curve = _table(
            "frameCurve",
            ["coded quotes", "precision", "recall", "F1"],
            [(str(p.train_size), f"{p.macro_precision:.3f}", f"{p.macro_recall:.3f}",
              f"{p.macro_f1:.3f}") for p in curve.points],
        )  # fmt: skip
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.frames)
        layout.addWidget(QLabel("Learning curve (macro-averaged)"))
        layout.addWidget(self.curve)
        layout.addWidget(buttons)
        self.resize(520, 480)


def _table(name: str, headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    return table
