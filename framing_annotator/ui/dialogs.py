"""Small questions the window asks, each non-blocking (``open``), so work and tests go on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from .settings_keys import CONFIRM_DONE


def ask_mark_done(parent: QWidget, pending: str, mark_done: Callable[[], None]) -> QMessageBox:
    """ "Mark it done anyway?" with "Don't ask again"; ``mark_done`` runs on Yes."""
    ask = QMessageBox(QMessageBox.Icon.Question, "Mark done",
                      f"This article still has {pending}. Mark it done anyway?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                      parent)  # fmt: skip
    ask.setObjectName("confirmDone")
    never_again = QCheckBox("Don't ask again", ask)  # parented: Qt keeps it alive
    ask.setCheckBox(never_again)

    def answered(_result: int) -> None:
        if ask.clickedButton() is ask.button(QMessageBox.StandardButton.Yes):
            if never_again.isChecked():
                QSettings().setValue(CONFIRM_DONE, False)
            mark_done()

    ask.finished.connect(answered)
    ask.open()
    return ask
