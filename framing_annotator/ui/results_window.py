"""Review ▸ Results: crosstabs, top speakers and agreement, each table with its chart.

The window asks ``services.results`` (and ``services.agreement``) for the numbers and
draws them; what the table shows is what ``framing-annotator report`` prints.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import InvalidValue
from ..domain.model import GOLD
from ..services.agreement import coefficient_rows, reliability
from ..services.charts import agreement_figure, crosstab_figure, speakers_figure
from ..services.project import Project
from ..services.results import (
    DIMENSIONS,
    Crosstab,
    Filters,
    QuoteRecords,
    category_labels,
    project_crosstab,
    results_json,
    write_results,
)
from .chart_view import ChartView

DIMENSION_NAMES = {"frame": "Frame", "outlet": "Outlet", "speaker_type": "Speaker type",
                   "month": "Month", "annotator": "Annotator", "speaker": "Speaker",
                   "kind": "Quote kind"}  # fmt: skip
SHOW = {"count": "Quotes", "col": "Share of the column (%)", "row": "Share of the row (%)"}
DEFAULT_LAYER = "Gold where it exists, else every coder"
ALL_OUTLETS = "All outlets"


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}"


def _total(count: int) -> QTableWidgetItem:
    item = QTableWidgetItem(str(count))
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    return item


def _read_only(table: QTableWidget) -> QTableWidget:
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setDefaultSectionSize(24)
    return table


class ResultsWindow(QDialog):
    """Not modal; ``refresh()`` recomputes from the project."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsWindow")
        self.setWindowTitle("Results")
        self.resize(1180, 720)
        self.repo = project.repo
        self.table: Crosstab | None = None
        self.found: QuoteRecords | None = None
        self.data: dict = {}

        self.rows_choice, self.cols_choice = QComboBox(), QComboBox()
        for combo, name, default in ((self.rows_choice, "rowsChoice", "frame"),
                                     (self.cols_choice, "colsChoice", "outlet")):  # fmt: skip
            combo.setObjectName(name)
            for key in DIMENSIONS:
                combo.addItem(DIMENSION_NAMES[key], key)
            combo.setCurrentIndex(DIMENSIONS.index(default))
        self.show_choice = QComboBox()
        self.show_choice.setObjectName("showChoice")
        for key, text in SHOW.items():
            self.show_choice.addItem(text, key)
        self.annotator_choice = QComboBox()
        self.annotator_choice.setObjectName("annotatorChoice")
        self.outlet_choice = QComboBox()
        self.outlet_choice.setObjectName("outletChoice")
        self.date_from, self.date_to = QLineEdit(), QLineEdit()
        for edit, name in ((self.date_from, "dateFrom"), (self.date_to, "dateTo")):
            edit.setObjectName(name)
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setMaximumWidth(110)
            edit.editingFinished.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("resultsStatus")
        self.status.setWordWrap(True)

        form = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        left.addRow("Rows:", self.rows_choice)
        left.addRow("Columns:", self.cols_choice)
        left.addRow("Show:", self.show_choice)
        right.addRow("Quotes of:", self.annotator_choice)
        right.addRow("Outlet:", self.outlet_choice)
        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        right.addRow("Dates:", dates)
        form.addLayout(left)
        form.addLayout(right)
        form.addStretch(1)
        refresh = QPushButton("Recompute")
        refresh.clicked.connect(self.refresh)
        export = QPushButton("Export table…")
        export.setObjectName("exportResults")
        export.setToolTip("The crosstab (every cell with its percentages and intervals) and "
                          "the top speakers, as CSV or JSON")  # fmt: skip
        export.clicked.connect(lambda: self.export_table())
        buttons = QVBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(export)
        buttons.addStretch(1)
        form.addLayout(buttons)

        self.crosstab_table = _read_only(QTableWidget())
        self.crosstab_table.setObjectName("crosstabTable")
        self.crosstab_chart = ChartView(self._draw_crosstab, "crosstabChart")
        self.speaker_table = _read_only(QTableWidget(0, 4))
        self.speaker_table.setObjectName("speakerTable")
        self.speaker_table.setHorizontalHeaderLabels(["Speaker", "Type", "Quotes", "Frames"])
        self.speaker_table.verticalHeader().hide()
        self.speaker_chart = ChartView(self._draw_speakers, "speakerChart")
        self.agreement_table = _read_only(QTableWidget(0, 4))
        self.agreement_table.setObjectName("agreementTable")
        self.agreement_table.setHorizontalHeaderLabels(
            ["Variable", "Value", "95% interval", "Units"]
        )
        self.agreement_table.verticalHeader().hide()
        self.agreement_chart = ChartView(self._draw_agreement, "agreementChart")
        self.agreement_rows: list[dict] | None = None

        self.tabs = QTabWidget()
        for table, chart, title in (
            (self.crosstab_table, self.crosstab_chart, "Crosstab"),
            (self.speaker_table, self.speaker_chart, "Top speakers"),
            (self.agreement_table, self.agreement_chart, "Agreement"),
        ):
            split = QSplitter()
            split.addWidget(table)
            split.addWidget(chart)
            split.setSizes([520, 620])
            self.tabs.addTab(split, title)
        self.tabs.currentChanged.connect(lambda _i: self._show_agreement())

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self._fill_filters()
        for combo in (self.rows_choice, self.cols_choice, self.show_choice,
                      self.annotator_choice, self.outlet_choice):  # fmt: skip
            combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # -- filters -----------------------------------------------------------------------

    def _fill_filters(self) -> None:
        self.annotator_choice.addItem(DEFAULT_LAYER, None)
        names = sorted(a.name for a in self.repo.annotators() if a.name != GOLD)
        for name in [GOLD, *names]:
            self.annotator_choice.addItem(name, name)
        self.outlet_choice.addItem(ALL_OUTLETS, None)
        for outlet in self.repo.outlets():
            self.outlet_choice.addItem(outlet, outlet)

    def filters(self) -> Filters:
        outlet = self.outlet_choice.currentData()
        return Filters(
            annotator=self.annotator_choice.currentData(),
            outlets=(outlet,) if outlet else (),
            date_from=self.date_from.text().strip(),
            date_to=self.date_to.text().strip(),
        )

    # -- the crosstab and speakers -----------------------------------------------------

    def refresh(self) -> None:
        rows, cols = self.rows_choice.currentData(), self.cols_choice.currentData()
        try:
            self.table, self.found = project_crosstab(self.repo, rows, cols, self.filters())
        except InvalidValue as error:
            self.status.setText(str(error))
            return
        self.labels = category_labels(self.table, self.found)
        self.data = results_json(self.table, self.found)
        self.status.setText(
            f"{self.table.total} quotes ({self.found.description}). A quote with several "
            "frames counts once for each. Hover a cell for its 95% Wilson interval."
        )
        self._fill_crosstab()
        self._fill_speakers()
        self.crosstab_chart.refresh()
        self.speaker_chart.refresh()
        self.agreement_rows = None
        self._show_agreement()

    def export_table(self, path: Path | None = None) -> Path | None:
        """Write what ``framing-annotator report`` writes: .csv (long form) or .json."""
        if self.table is None:
            return None
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Export results", "results.csv", "CSV (*.csv);;JSON (*.json)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            return write_results(self.table, self.found, path)
        except OSError as exc:
            QMessageBox.warning(self, "Export results",
                                f"Cannot write {path}: {exc.strerror or exc}")  # fmt: skip
            return None

    def _fill_crosstab(self) -> None:
        table, labels, show = self.table, self.labels, self.show_choice.currentData()
        widget = self.crosstab_table
        widget.clear()
        widget.setRowCount(len(table.row_categories) + 1)
        widget.setColumnCount(len(table.col_categories) + 1)
        widget.setHorizontalHeaderLabels([*(labels[c] for c in table.col_categories), "All"])
        widget.setVerticalHeaderLabels([*(labels[r] for r in table.row_categories), "Quotes"])
        for r, row in enumerate(table.row_categories):
            for c, col in enumerate(table.col_categories):
                cell = table.cell(row, col)
                if show == "count":
                    text, low, high = str(cell.count), cell.col_low, cell.col_high
                elif show == "col":
                    text, low, high = _pct(cell.col_pct), cell.col_low, cell.col_high
                else:
                    text, low, high = _pct(cell.row_pct), cell.row_low, cell.row_high
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                share = "of the row" if show == "row" else "of the column"
                item.setToolTip(
                    f"{cell.count} quotes; {_pct(cell.col_pct)}% of the column, "
                    f"{_pct(cell.row_pct)}% of the row. 95% Wilson interval ({share}): "
                    f"{_pct(low)}–{_pct(high)}%"
                )
                widget.setItem(r, c, item)
            widget.setItem(r, len(table.col_categories), _total(table.row_totals[row]))
        last = len(table.row_categories)
        for c, col in enumerate(table.col_categories):
            widget.setItem(last, c, _total(table.col_totals[col]))
        widget.setItem(last, len(table.col_categories), _total(table.total))
        widget.resizeColumnsToContents()

    def _fill_speakers(self) -> None:
        top = self.data["top_speakers"]
        self.speaker_table.setRowCount(len(top))
        for r, s in enumerate(top):
            frames = ", ".join(f"{self.found.frame_labels.get(k, k)} {n}"
                               for k, n in s["frames"].items())  # fmt: skip
            for c, text in enumerate((s["speaker"], s["speaker_type"], str(s["quotes"]), frames)):
                self.speaker_table.setItem(r, c, QTableWidgetItem(text))
        self.speaker_table.resizeColumnsToContents()

    def _draw_crosstab(self, theme: str):
        return crosstab_figure(self.table, self.labels, theme=theme)

    def _draw_speakers(self, theme: str):
        return speakers_figure(self.data["top_speakers"], theme=theme)

    # -- agreement ---------------------------------------------------------------------

    def _show_agreement(self) -> None:
        """Agreement is bootstrapped only when its tab is shown."""
        if self.tabs.currentIndex() != 2 or self.agreement_rows is not None:
            return
        self.agreement_rows = rows = coefficient_rows(reliability(self.repo))
        self.agreement_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            interval = "—" if row["ci_low"] is None else (
                f"[{row['ci_low']:.3f}, {row['ci_high']:.3f}]")  # fmt: skip
            value = "—" if row["value"] is None else f"{row['value']:.3f}"
            for c, text in enumerate((row["label"], value, interval, str(row["units"]))):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{row['name']}. {row['about']}")
                self.agreement_table.setItem(r, c, item)
        self.agreement_table.resizeColumnsToContents()
        self.agreement_chart.refresh()

    def _draw_agreement(self, theme: str):
        return agreement_figure(self.agreement_rows or [], theme=theme)

