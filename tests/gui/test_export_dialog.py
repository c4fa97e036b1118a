"""File > Export writes the chosen format in the background, with the filters chosen."""

import csv

from PySide6.QtCore import Qt

from .conftest import keys, mouse_select
from .test_annotation_window import TEXT, span_of


def test_export_csv_for_excel_of_one_annotator(qtbot, open_window, make_project, tmp_path):
    path = make_project(TEXT)
    window = open_window(path)
    view = window.article_view
    mouse_select(qtbot, view, *span_of("“We won a fair deal,”"))
    keys(qtbot, view, "Return", "1")
    window.close()
    other = open_window(path, annotator="ben")
    mouse_select(qtbot, other.article_view, *span_of("Officials"))
    keys(qtbot, other.article_view, "Return")

    dialog = other.menu.show_export()
    qtbot.addWidget(dialog)
    assert dialog.format.currentData() == "csv"
    dialog.path.setText(str(tmp_path / "out.csv"))
    dialog.annotators.item(1).setCheckState(Qt.CheckState.Unchecked)  # ana and ben: only ana
    assert dialog.annotators.item(0).text() == "ana"
    dialog.excel.setChecked(True)
    worker = dialog.start()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert worker.done.is_set() and not dialog.result.cancelled
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel wants
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8-sig")))
    assert [(r["annotator"], r["text"], r["frame_threat"]) for r in rows] == [
        ("ana", "“We won a fair deal,”", "1")
    ]
    assert (tmp_path / "out_codebook.csv").exists()
    dialog.format.setCurrentIndex(3)
    assert dialog.path.text().endswith("out.qdpx") and not dialog.excel.isEnabled()
