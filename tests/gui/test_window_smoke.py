"""The window opens offscreen on a real project and shows what is stored."""

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from framing_annotator.app import open_main_window
from framing_annotator.services.project import Project
from framing_annotator.ui.settings_keys import LAST_PROJECT


def _show(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_run_opens_the_sample_project(qtbot, isolated_user_dirs):
    window = _show(qtbot, open_main_window(None, annotator="ana", suggestions=False))
    assert window.article_list.model.rowCount() == 1
    assert window.title_label.text() == "ICE says 170 arrested in sanctuary-city operation"
    assert window.article_view.toPlainText().startswith(
        "U.S. Immigration and Customs Enforcement officials said Friday"
    )
    sample = Path(QSettings().value(LAST_PROJECT))
    assert sample.name == "sample-project.sqlite"
    assert isolated_user_dirs in sample.parents
    window.close()


def test_later_runs_reopen_the_last_project(qtbot, tmp_path, seed_copy):
    project = Project.open(tmp_path / "mine.sqlite", create=True)
    (tmp_path / "second.txt").write_text("Second article\n\n“Yes,” she said.", encoding="utf-8")
    project.import_files([seed_copy, tmp_path / "second.txt"])
    project.close()
    first = _show(
        qtbot, open_main_window(tmp_path / "mine.sqlite", annotator="ana", suggestions=False)
    )
    first.close()
    window = _show(qtbot, open_main_window(None, annotator="ana", suggestions=False))
    assert window.windowTitle() == "Framing Annotator — mine — ana"
    assert window.article_list.model.rowCount() == 2
    window.article_list.view.setFocus()
    qtbot.keyClick(window.article_list.view, Qt.Key.Key_Down)
    assert window.title_label.text() == "Second article"
    assert window.article_view.toPlainText() == "Second article\n\n“Yes,” she said."
    assert window.saved_label.text() == "✓ All changes saved"
    window.close()


def test_article_html_is_shown_literally(qtbot, tmp_path):
    project = Project.open(tmp_path / "p.sqlite", create=True)
    text = 'Title\n<img src="file:///etc/passwd"> <b>not bold</b> <a href="file:x">x</a>'
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    project.import_files([tmp_path / "a.txt"])
    project.close()
    window = _show(
        qtbot, open_main_window(tmp_path / "p.sqlite", annotator="ana", suggestions=False)
    )
    assert window.article_view.toPlainText() == text
    window.close()


def test_backup_on_open_and_restore_after_damage(qtbot, tmp_path, seed_copy, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from framing_annotator.app import open_or_offer_restore
    from framing_annotator.services.backup import BackupService

    project = Project.open(tmp_path / "p.sqlite", create=True)
    project.import_files([seed_copy])
    project.close()
    window = _show(qtbot, open_main_window(tmp_path / "p.sqlite", annotator="ana",
                                           suggestions=False))  # fmt: skip
    qtbot.waitUntil(lambda: window.menu.backup_timer.isActive())
    (backup,) = window.menu.backups.backups()
    assert backup.path.parent == tmp_path / "p.sqlite.backups"
    window.close()

    # Damage the project: the next start offers the newest backup, and restoring works.
    data = bytearray((tmp_path / "p.sqlite").read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048
    (tmp_path / "p.sqlite").write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"p.sqlite{suffix}").unlink(missing_ok=True)
    asked = []

    def answer_yes(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)  # the user clicks Yes
    QSettings().setValue("annotator/name", "ana")  # chosen at an earlier start
    restored = open_or_offer_restore(tmp_path / "p.sqlite")
    qtbot.addWidget(restored)
    assert "Restore the backup" in asked[0]
    assert restored.article_list.model.rowCount() == 1
    assert list(tmp_path.glob("p.sqlite.damaged-*"))
    assert isinstance(restored.menu.backups, BackupService)
    restored.close()


def test_a_window_saved_off_screen_opens_on_the_screen(qtbot, tmp_path, seed_copy):
    """A geometry saved on a larger or detached monitor is pulled back into view."""
    from PySide6.QtGui import QGuiApplication

    project = Project.open(tmp_path / "p.sqlite", create=True)
    project.import_files([seed_copy])
    project.close()
    first = _show(qtbot, open_main_window(tmp_path / "p.sqlite", annotator="ana",
                                          suggestions=False))  # fmt: skip
    first.move(6000, 4000)  # on a monitor that is gone by the next start
    first.resize(3000, 2000)
    first.close()
    window = _show(qtbot, open_main_window(tmp_path / "p.sqlite", annotator="ana",
                                           suggestions=False))  # fmt: skip
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.contains(window.frameGeometry().topLeft())
    assert window.width() <= screen.width() and window.height() <= screen.height()
    window.close()
