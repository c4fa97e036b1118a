"""Issue 12 in the window: a read-only project opens with editing off and says why, and
File > Export refuses a target that would replace the project."""

import hashlib
from dataclasses import replace

from PySide6.QtWidgets import QLabel

from framing_annotator.services.project import Project
from framing_annotator.ui.main_window import MainWindow
from framing_annotator.ui.window_actions import READS_ONLY

from .conftest import keys, mouse_select
from .test_annotation_window import TEXT, span_of


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_project_opens_with_editing_off_and_says_why(qtbot, make_project):
    path = make_project(TEXT)
    before = sha(path)
    window = MainWindow(Project.open(path, read_only=True), "ana")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    note = window.findChild(QLabel, "readOnlyNote")
    assert note is not None and note.isVisible()
    assert note.text() == "This project is open read-only"
    for name, action in window.registry.actions.items():
        assert action.isEnabled() == (name in READS_ONLY), name
    assert window.article_view.toPlainText().startswith(TEXT[:20])  # it can be read
    mouse_select(qtbot, window.article_view, *span_of("“We won a fair deal,”"))
    keys(qtbot, window.article_view, "Return", "1")  # create and frame: both switched off
    window.registry["create"].trigger()
    assert window.quote_table.model().rowCount() == 0
    window.close()
    window.project.close()
    assert sha(path) == before


def test_export_refuses_to_write_over_the_project(qtbot, open_window, make_project):
    path = make_project(TEXT)
    window = open_window(path)
    dialog = window.menu.show_export()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))  # the project itself
    before = sha(path)
    assert dialog.start() is None  # refused before any worker starts
    assert dialog.report.text() == (
        f"{path}: is the open project {path.name}; choose another file name"
    )
    dialog.path.setText(str(path.parent / "missing" / "quotes.csv"))
    assert dialog.start() is None and "does not exist" in dialog.report.text()
    window.menu.backups.policy = replace(window.menu.backups.policy, folder=path.parent / "safe")
    (path.parent / "safe").mkdir()
    dialog = window.menu.show_export()  # a backups folder chosen in Settings is protected too
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path.parent / "safe" / "quotes.csv"))
    assert dialog.start() is None
    assert dialog.report.text() == (
        f"{path.parent}/safe/quotes.csv: is inside the backups folder {path.parent}/safe; "
        "choose another"
    )
    assert sha(path) == before and not (path.parent / "missing").exists()
