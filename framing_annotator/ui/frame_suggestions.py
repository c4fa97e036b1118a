"""Frame suggestions in the window: training in the background, showing, accepting with G.

A mixin of :class:`~.main_window.MainWindow`. The learner is trained by a worker with its
own database connection (``services.frames.train_job``), so the window never waits; it is
trained again a little after the coder's frames change. What the quote editor shows, the
project records (``FrameAssistant.shown``).

Signals (of :class:`FrameTrainer`):
    trained(object): a learner, up to date with the coder's coding.
    unavailable(str): why there is no learner yet (too little coding), in one line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import KnownError
from ..services.frames import (
    FrameAssistant,
    LearningCurve,
    NotEnoughCoding,
    evaluate_in_background,
    train_job,
)
from .workers import Worker, WorkerPool

if TYPE_CHECKING:
    from .main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

SUGGEST_FRAMES = "frames/suggest"
UNCERTAIN_FIRST = "frames/uncertain_first"
RETRAIN_DELAY_MS = 1500
"""Wait this long after a frame change before training again: coding comes in bursts."""


class FrameTrainer(QObject):
    trained = Signal(str, object)
    unavailable = Signal(str, str)

    def __init__(self, project_path: Path, workers: WorkerPool) -> None:
        super().__init__()
        self.project_path = project_path
        self.workers = workers
        self.worker: Worker | None = None
        self._again: str | None = None

    def train(self, annotator: str) -> None:
        """Train ``annotator``'s learner now, or once more after the training that is running.

        Results name their annotator: after a switch of coder, a late result for the
        previous coder is dropped by the window, never shown to the new one.
        """
        if self.worker is not None:
            self._again = annotator
            return
        path = self.project_path

        def job(progress, cancelled):
            try:
                return train_job(path, annotator, progress=progress, cancelled=cancelled)
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


class FrameSuggestionCommands(_Base):
    """Frame suggestions of the main window (see the module docstring)."""

    def _start_frame_suggestions(self) -> None:
        store = QSettings()
        self.suggest_frames_on = store.value(SUGGEST_FRAMES, True, type=bool)
        self.uncertain_first_on = store.value(UNCERTAIN_FIRST, False, type=bool)
        for name, on in (("suggest_frames", self.suggest_frames_on),
                         ("uncertain_first", self.uncertain_first_on)):  # fmt: skip
            action = self.registry[name]
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.frames_status = ""
        self.frame_trainer = FrameTrainer(self.project.path, self.workers)
        self.frame_trainer.trained.connect(self._frames_trained)
        self.frame_trainer.unavailable.connect(self._frames_unavailable)
        self._retrain_timer = QTimer(self)
        self._retrain_timer.setSingleShot(True)
        self._retrain_timer.setInterval(RETRAIN_DELAY_MS)
        self._retrain_timer.timeout.connect(lambda: self.frame_trainer.train(self.annotator))
        self._frames_for_annotator()

    def _frames_for_annotator(self) -> None:
        """A fresh assistant for the current coder, and a training of that coder's learner."""
        self.frame_assistant = FrameAssistant(self.project.repo, self.annotator)
        if self.suggest_frames_on:
            QTimer.singleShot(0, lambda: self.frame_trainer.train(self.annotator))

    def _frames_trained(self, annotator: str, learner: object) -> None:
        if annotator != self.annotator:
            return
        self.frame_assistant.set_learner(learner)
        self.frames_status = f"Frame suggestions learned from {annotator}'s coding"
        self.statusBar().showMessage(self.frames_status, 4000)
        self._render()

    def _frames_unavailable(self, annotator: str, reason: str) -> None:
        if annotator != self.annotator:
            return
        self.frames_status = f"No frame suggestions yet: {reason}"
        self.statusBar().showMessage(self.frames_status, 6000)

    def _frame_coding_changed(self) -> None:
        """The coder's frames changed: train again once the burst of coding is over."""
        if self.suggest_frames_on:
            self._retrain_timer.start()

    def _show_frame_suggestion(self, quote) -> None:
        """Show (and record) the frame suggestions of the quote in the editor, if any."""
        suggestion = self.frame_assistant.suggestion_for(quote) if self.suggest_frames_on else None
        self.editor.set_frame_suggestion(suggestion)
        if suggestion is not None:
            try:
                self.frame_assistant.shown(suggestion)
            except KnownError as exc:  # a read-only or locked project: show, say why
                self.statusBar().showMessage(f"Frame suggestions not recorded: {exc}", 6000)

    def accept_frame_suggestions(self) -> None:
        """G: give the current quote the frames suggested for it."""
        quote = self._current_quote()
        suggestion = self.frame_assistant.suggestion_for(quote) if self.suggest_frames_on else None
        if suggestion is None or not suggestion.suggested:
            self.statusBar().showMessage("No frames suggested for this quote", 4000)
            return
        labels = ", ".join(self.codebook.frame(k).label for k in sorted(suggestion.suggested))
        self._edit(
            lambda q: replace(q, frames=q.frames | suggestion.suggested),
            text=f"Accept suggested frames {labels}",
        )
        after = self._current_quote()
        if after is not None and suggestion.suggested <= after.frames:
            try:
                self.frame_assistant.accepted(suggestion)
            except KnownError as exc:
                self.statusBar().showMessage(f"Acceptance not recorded: {exc}", 6000)

    def evaluate_frame_suggestions(self) -> Worker:
        """Cross-validate the coder's learner in a worker, then show the figures."""
        path, annotator = self.project.path, self.annotator
        self.statusBar().showMessage("Evaluating frame suggestions…")

        def job(_progress, _cancelled):
            return evaluate_in_background(path, annotator)

        worker = Worker("evaluate frames", job)
        worker.signals.finished.connect(lambda curve: self._show_frame_evaluation(curve))
        worker.signals.failed.connect(
            lambda reason: self.statusBar().showMessage(reason.splitlines()[-1], 8000)
        )
        return self.workers.start(worker)

    def _show_frame_evaluation(self, curve: LearningCurve) -> None:
        self.statusBar().clearMessage()
        self.frame_evaluation = FrameEvaluationDialog(curve, self.annotator, self)
        self.frame_evaluation.show()

    def set_suggest_frames(self, on: bool) -> None:
        self.suggest_frames_on = on
        QSettings().setValue(SUGGEST_FRAMES, on)
        if on and self.frame_assistant.learner is None:
            self.frame_trainer.train(self.annotator)
        self._render()

    def set_uncertain_first(self, on: bool) -> None:
        self.uncertain_first_on = on
        QSettings().setValue(UNCERTAIN_FIRST, on)
        self._render()

    def _frame_order(self, items: list) -> list:
        """With "uncertain first", the quotes the learner is least sure of come first."""
        if not (self.uncertain_first_on and self.suggest_frames_on):
            return items
        assistant = self.frame_assistant

        def uncertainty(item) -> float:
            suggestion = assistant.suggestion_for(item.quote) if item.quote else None
            return suggestion.uncertainty if suggestion else -1.0

        return sorted(items, key=lambda item: -uncertainty(item))


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
