"""The one worker abstraction for background work: loading spaCy, suggesting, importing.

A worker runs a plain function in Qt's thread pool. The function gets two
callables, ``progress(done, total)`` and ``cancelled()``, and must open its own
database connection (an SQLite connection belongs to its thread). Results and
errors come back as signals on the GUI thread; workers never touch widgets.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..domain.errors import KnownError
from .crash import report_bug

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class WorkerSignals(QObject):
    """Signals:
    progress(int, int): done and total.
    finished(object): the function's result.
    failed(str): a one-line reason (a known error), or the last line of a bug's traceback.
    bug(str): the whole traceback of a bug, for the crash dialog and the log.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    bug = Signal(str)


class Worker(QRunnable):
    def __init__(self, name: str, job: Job) -> None:
        super().__init__()
        self.name = name
        self.job = job
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        """Ask the job to stop at its next check; finished work is kept."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            self._run()
        except RuntimeError:
            # Qt deleted the signals: the window closed and the application quit before
            # this job ended (the pool waits only so long). Nobody is left to tell.
            pass
        finally:
            self.done.set()

    def _run(self) -> None:
        try:
            result = self.job(self.signals.progress.emit, self._cancel.is_set)
        except KnownError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:  # a bug: report it whole rather than lose it in a thread
            details = traceback.format_exc()
            self.signals.bug.emit(details)
            self.signals.failed.emit(details.strip().splitlines()[-1])
        else:
            self.signals.finished.emit(result)


class WorkerPool:
    """Starts workers and keeps them alive until they end; cancels them all on close."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(2)
        self.running: list[Worker] = []
        self.closed = False

    def start(self, worker: Worker) -> Worker:
        """Run ``worker``; once the pool is shut down, nothing starts any more."""
        if self.closed:
            worker.signals.blockSignals(True)
            return worker
        self.running.append(worker)
        worker.signals.finished.connect(lambda _result, w=worker: self._forget(w))
        worker.signals.failed.connect(lambda _reason, w=worker: self._forget(w))
        worker.signals.bug.connect(report_bug)
        self.pool.start(worker)
        return worker

    def _forget(self, worker: Worker) -> None:
        if worker in self.running:
            self.running.remove(worker)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything and wait; True when every worker has ended.

        Results still on their way are dropped: whoever started the work is going away.
        """
        self.closed = True
        for worker in self.running:
            worker.cancel()
            worker.signals.blockSignals(True)
        return self.pool.waitForDone(timeout_ms)
