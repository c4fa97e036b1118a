"""Every action, triggered as a click sends it, and every button of the dialogs it opens.

``action.trigger()`` sends what a menu click sends (``checked`` included); pytest-qt
fails the test on any exception raised in a slot, and the project's pytest settings
fail it on any Qt warning. File pickers and other blocking questions are answered
"Cancel" by a timer, as a user closing them would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
)

from framing_annotator.ui.window_actions import ACTIONS, FRAME_SUGGESTION_ACTIONS

from .conftest import CODED_TEXT, fragment

NAMES = (
    [row[1] for row in ACTIONS]
    + [f"frame_{n}" for n in (1, 2, 9)]
    + ["show_rejected"]
    + [row[0] for row in FRAME_SUGGESTION_ACTIONS]
)
LAST = {"Close", "Cancel", "OK", "&OK", "Export", "&Yes", "&No", "Yes", "No"}


class Dismisser:
    """Rejects any dialog that blocks in its own event loop (``exec``), except those kept."""

    def __init__(self) -> None:
        self.kept: set[int] = set()
        self.dismissed: list[str] = []
        self.timer = QTimer(interval=30)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QDialog) and id(widget) not in self.kept:
            self.dismissed.append(widget.windowTitle())
            widget.reject()


def open_dialogs(window) -> list[QDialog]:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
    found += window.findChildren(QDialog)
    return list({id(d): d for d in found if d.isVisible()}.values())


def buttons_of(dialog: QDialog) -> list[QAbstractButton]:
    """Every button a user can press, the ones that close the dialog last."""
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    buttons = [b for b in buttons if b.metaObject().className() in ("QPushButton", "QCheckBox")]
    return sorted(buttons, key=lambda b: (b.text() in LAST, b.text()))


@pytest.fixture
def window(open_window, coded_project):
    window = open_window(coded_project)
    # A quote is current and some text is selected, so that quote actions have work.
    window.controller.go_to(window.state.quotes[0].uuid)
    span = fragment(CODED_TEXT, "Officials said")
    window.article_view.select_span(span)
    return window


@pytest.mark.parametrize("name", [*NAMES, "welcome panel"])
def test_every_action_and_the_buttons_of_its_dialogs(qtbot, window, name):
    dismisser = Dismisser()
    before = {id(d) for d in open_dialogs(window)}
    if name == "welcome panel":  # the first run's panel, opened by the app, not an action
        window.menu.show_welcome()
    else:
        window.registry[name].trigger()
    qtbot.wait(50)
    dialogs = [d for d in open_dialogs(window) if id(d) not in before]
    dismisser.kept |= {id(d) for d in dialogs}
    for dialog in dialogs:
        for table in dialog.findChildren(QTableWidget):
            if table.rowCount():
                table.setCurrentCell(0, 0)  # a row chosen, as for Merge into… and Colour…
        for button in buttons_of(dialog):
            if button.isVisible() and button.isEnabled():
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                qtbot.wait(20)
        if dialog.isVisible():
            box = dialog.findChild(QDialogButtonBox)
            if box is None:
                dialog.reject()
    pool = window.menu.workers.pool  # the work a button started ends before the next test
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=10_000)
    dismisser.timer.stop()
    if name == "quit":
        assert not window.isVisible()


def test_new_project_from_a_folder_asks_for_the_folder(qtbot, window):
    """The action used to receive ``checked`` as the folder and fail before asking."""
    dismisser = Dismisser()
    window.registry["new_project"].trigger()
    qtbot.waitUntil(lambda: bool(dismisser.dismissed), timeout=3000)
    dismisser.timer.stop()
    assert dismisser.dismissed == ["Folder of articles"]


def test_add_frame_button_adds_a_frame(qtbot, window, coded_project):
    from .test_annotation_window import rows

    window.registry["edit_codebook"].trigger()
    editor = window.menu.codebook_editor
    add = editor.findChild(QAbstractButton, "addFrame")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert ("new_frame", "New frame") in rows(coded_project, "SELECT key, label FROM frame_types")
    assert window.controller.codebook.keys[-1] == "new_frame"


def test_delete_frame_refuses_a_used_frame_and_deletes_an_unused_one(qtbot, window,
                                                                       coded_project):  # fmt: skip
    from .test_annotation_window import rows

    window.registry["edit_codebook"].trigger()
    editor = window.menu.codebook_editor
    delete = editor.findChild(QAbstractButton, "deleteFrame")
    editor.table.setCurrentCell(0, 1)  # "threat": on one of ana's quotes
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert "still on some quotes" in window.last_error.text()
    window.last_error.close()
    editor.table.setCurrentCell(1, 1)  # public safety: on no quote
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    keys = [k for (k,) in rows(coded_project, "SELECT key FROM frame_types ORDER BY position")]
    assert keys == ["threat", "political_messaging"]
    window.registry["undo"].trigger()
    assert len(rows(coded_project, "SELECT key FROM frame_types")) == 3


def test_merge_into_button_merges_the_chosen_speaker(qtbot, window, coded_project, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from framing_annotator.domain.model import Speaker

    from .test_annotation_window import rows

    window.controller.save_speaker(Speaker("A. Ruiz"))
    window.registry["speakers"].trigger()
    dialog = window.menu.speakers_dialog
    dialog.table.setCurrentCell(0, 0)  # "A. Ruiz"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Ana Ruiz", True))
    qtbot.mouseClick(dialog.findChild(QAbstractButton, "mergeSpeaker"), Qt.MouseButton.LeftButton)
    assert rows(coded_project, "SELECT name FROM speakers") == [("Ana Ruiz",)]
    assert rows(coded_project, "SELECT alias FROM speaker_aliases") == [("A. Ruiz",)]
