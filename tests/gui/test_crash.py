"""A bug is shown once with its traceback and written to the rotating log in the data folder."""

import logging
import sys

from PySide6.QtCore import qWarning

from framing_annotator.ui import crash
from framing_annotator.ui.workers import Worker, WorkerPool


def test_a_bug_opens_one_dialog_with_the_traceback_and_is_logged(qtbot, tmp_path):
    reporter = crash.install(tmp_path / "data")
    try:
        try:
            {}["missing"]
        except KeyError:
            reporter.excepthook(*sys.exc_info())
        first = reporter.dialog
        qtbot.addWidget(first)
        assert first.isVisible()
        assert "KeyError: 'missing'" in first.detailedText()
        assert "test_crash.py" in first.detailedText()  # the whole traceback, to copy
        assert str(tmp_path / "data" / crash.LOG_NAME) in first.text()
        try:
            int("not a number")
        except ValueError:
            reporter.excepthook(*sys.exc_info())
        assert reporter.dialog is first  # one dialog, not a cascade

        # A bug in a background job comes to the same dialog and the same log.
        pool = WorkerPool()
        failed = []
        worker = Worker("boom", lambda _p, _c: [][1])
        worker.signals.failed.connect(failed.append)
        pool.start(worker)
        qtbot.waitUntil(lambda: bool(failed))
        assert failed == ["IndexError: list index out of range"]
        pool.shutdown()

        qWarning("a Qt warning goes to the log too")
    finally:
        crash.uninstall(reporter)
    text = (tmp_path / "data" / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "KeyError: 'missing'" in text and "ValueError" in text
    assert "IndexError: list index out of range" in text
    assert "Qt: a Qt warning goes to the log too" in text
    assert logging.getLogger("framing_annotator").level == logging.INFO
    assert sys.excepthook is not reporter.excepthook  # put back for the other tests


def test_a_job_that_outlives_its_window_ends_quietly(qtbot):
    """Closing waits only so long for the workers; one still running when Qt has deleted
    its signals must end without an error in its thread."""
    import shiboken6

    worker = Worker("late", lambda _p, _c: "done")
    shiboken6.delete(worker.signals)
    worker.run()  # raised "Signal source has been deleted" from the thread
    assert worker.done.is_set()
