"""Review ▸ Results: the window's table is the report command's JSON, and every chart draws."""

import json
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton

from framing_annotator.__main__ import main


def open_results(window):
    action = window.registry["results"]
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    action.trigger()
    return window.results_window


def shown_counts(widget):
    return {
        (widget.verticalHeaderItem(r).text(), widget.horizontalHeaderItem(c).text()):
        widget.item(r, c).text()
        for r in range(widget.rowCount()) for c in range(widget.columnCount())
    }  # fmt: skip


def test_the_window_shows_what_the_command_prints(qtbot, open_window, results_project, capsys,
                                                  tmp_path, monkeypatch):  # fmt: skip
    path = results_project.path
    results_project.close()
    window = open_window(path, annotator="lead")
    results = open_results(window)
    qtbot.addWidget(results)

    assert main(["report", str(path), "--rows", "frame", "--cols", "outlet", "--format",
                 "json"]) == 0  # fmt: skip
    cli = json.loads(capsys.readouterr().out)
    labels = cli["crosstab"]["labels"]
    shown = shown_counts(results.crosstab_table)
    for cell in cli["crosstab"]["cells"]:
        assert shown[labels[cell["row"]], labels[cell["col"]]] == str(cell["count"])
    assert shown["Quotes", "All"] == str(cli["crosstab"]["total"]) == "6"

    results.show_choice.setCurrentIndex(results.show_choice.findData("col"))
    shown = shown_counts(results.crosstab_table)
    for cell in cli["crosstab"]["cells"]:
        expected = "—" if cell["col_pct"] is None else f"{100 * cell['col_pct']:.1f}"
        assert shown[labels[cell["row"]], labels[cell["col"]]] == expected
    tip = results.crosstab_table.item(0, 0).toolTip()
    assert "95% Wilson interval" in tip and "20.8–93.9%" in tip  # 2 of 3, by hand

    # filters: ana's quotes only, and the Herald only
    results.annotator_choice.setCurrentIndex(results.annotator_choice.findData("ana"))
    assert results.table.total == 1 and "quotes of ana" in results.status.text()
    results.annotator_choice.setCurrentIndex(0)
    results.outlet_choice.setCurrentIndex(results.outlet_choice.findData("Herald"))
    assert results.table.total == 3
    results.outlet_choice.setCurrentIndex(0)
    results.date_from.setText("2024-02-01")
    results.date_from.editingFinished.emit()
    assert results.table.total == 4
    results.date_from.clear()
    results.date_from.editingFinished.emit()

    speakers = results.speaker_table
    assert speakers.item(0, 0).text() == "Pham" and speakers.item(0, 2).text() == "2"

    target = tmp_path / "results.json"  # the window's export is the command's JSON
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(results.findChild(QPushButton, "exportResults"),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    assert json.loads(target.read_text(encoding="utf-8")) == cli


@pytest.mark.parametrize("cols", ["outlet", "month"])
def test_charts_draw_and_save_naming_every_category(qtbot, open_window, results_project,
                                                    tmp_path, monkeypatch, cols):  # fmt: skip
    path = results_project.path
    results_project.close()
    window = open_window(path, annotator="lead")
    results = open_results(window)
    qtbot.addWidget(results)
    results.cols_choice.setCurrentIndex(results.cols_choice.findData(cols))
    chart = results.crosstab_chart
    assert chart.canvas is not None and chart.canvas.isVisible()
    results.grab().save(str(tmp_path / f"results-{cols}.png"))

    target = tmp_path / "chart.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(results.findChild(QPushButton, "crosstabChartSave"),
                     Qt.MouseButton.LeftButton)
    texts = " ".join(t for node in ET.parse(target).getroot().iter()
                     if node.tag.endswith("text") for t in node.itertext())  # fmt: skip
    for label in results.labels.values():
        assert label in texts, label


def test_the_agreement_tab_draws_alpha_with_intervals(qtbot, open_window, results_project):
    path = results_project.path
    results_project.close()
    window = open_window(path, annotator="lead")
    results = open_results(window)
    qtbot.addWidget(results)
    assert results.agreement_rows is None  # not bootstrapped until shown
    results.tabs.setCurrentIndex(2)
    rows = results.agreement_rows
    assert rows is not None
    assert results.agreement_table.rowCount() == len(rows)
    assert results.agreement_chart.figure is not None


def test_charts_follow_a_dark_palette(qtbot, qapp, open_window, results_project, tmp_path):
    from PySide6.QtGui import QColor, QPalette

    path = results_project.path
    results_project.close()
    window = open_window(path, annotator="lead")
    results = open_results(window)
    qtbot.addWidget(results)
    light = results.crosstab_chart.figure.get_facecolor()
    dark = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        dark.setColor(role, QColor("#202326"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    before = qapp.palette()
    qapp.setPalette(dark)  # as a desktop in dark mode does
    try:
        qapp.processEvents()  # the new palette reaches the widgets as events
        results.refresh()
    finally:
        qapp.setPalette(before)
        qapp.processEvents()
    face = results.crosstab_chart.figure.get_facecolor()
    assert sum(face[:3]) < 1.0 < sum(light[:3])  # a dark background, where it was white
    results.crosstab_chart.grab().save(str(tmp_path / "results-dark.png"))
    print(tmp_path / "results-dark.png")
