"""Failures made visible: a bug that reaches the event loop opens one dialog with a short
explanation and a copyable traceback, and everything goes to a rotating log file.

``install(data_dir)`` sets ``sys.excepthook`` (exceptions from slots and virtual
methods reach it), ``threading.excepthook``, and a Qt message handler that writes
Qt's warnings to the same log. Known errors never come here: the window says what
to do about them where they happen. (qutebrowser's ``misc/crashsignal.py`` does
the same for its users.)
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

LOG_NAME = "framing-annotator.log"
log = logging.getLogger("framing_annotator")

EXPLANATION = (
    "Something went wrong inside Framing Annotator. Your saved work is safe: every change "
    "is stored as you make it.\n\nThe details below are in the log file {log}. Please "
    "send them with a note of what you were doing."
)
QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class CrashReporter:
    """Logs bugs and shows them, one dialog at a time."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.dialog: QMessageBox | None = None

    def excepthook(self, kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unhandled exception\n%s", details)
        self.show(details)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def show(self, details: str) -> None:
        """The dialog, if none is open yet and there is an application to show it in."""
        on_main = threading.current_thread() is threading.main_thread()
        if QApplication.instance() is None or not on_main:
            return
        if self.dialog is not None and self.dialog.isVisible():
            return  # one is enough: the rest is in the log
        dialog = QMessageBox(QMessageBox.Icon.Critical, "Framing Annotator: a bug",
                             EXPLANATION.format(log=self.log_path))  # fmt: skip
        dialog.setObjectName("crashDialog")
        dialog.setDetailedText(details)  # selectable, so it can be copied
        dialog.open()
        self.dialog = dialog


_reporter: CrashReporter | None = None


def report_bug(details: str) -> None:
    """A bug caught elsewhere (a worker's): logged, and shown when a reporter is installed."""
    log.error("bug in a background job\n%s", details)
    if _reporter is not None:
        _reporter.show(details)


def qt_message(kind: QtMsgType, context, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context and context.file else ""
    log.log(QT_LEVELS.get(kind, logging.WARNING), "Qt: %s%s", message, where)


def install(data_dir: Path) -> CrashReporter:
    """Log to ``data_dir/framing-annotator.log`` (rotated at 1 MiB, 3 kept) and catch bugs."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=2**20, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    global _reporter
    reporter = _reporter = CrashReporter(path)
    reporter.previous = (sys.excepthook, threading.excepthook, handler)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    reporter.previous_qt = qInstallMessageHandler(qt_message)
    return reporter


def uninstall(reporter: CrashReporter) -> None:
    """Put back what :func:`install` replaced (for tests and embedding)."""
    global _reporter
    excepthook, thread_hook, handler = reporter.previous
    sys.excepthook, threading.excepthook = excepthook, thread_hook
    qInstallMessageHandler(reporter.previous_qt)
    handler.close()
    log.removeHandler(handler)
    _reporter = None
