"""Review: agreement coefficients with their intervals, the frame confusion of two coders,
coder diagnostics, the disagreements, and adjudication into the gold layer.

The window asks the services for a report and shows it; adjudication steps go
through the main window's undo stack (``run``), so Ctrl+Z undoes them too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Origin
from ..domain.spans import Span
from ..services.adjudication import SetGold, adjudication_progress, as_gold, gold_for, merged_gold
from ..services.agreement import (
    UNIT_DEFINITION,
    UNITS_BEHIND,
    Reliability,
    coefficient_rows,
    origin_counts,
    summary_line,
)
from ..services.commands import Command
from ..services.diagnostics import Diagnostics, write_diagnostics
from ..services.review import (
    NO_FRAME,
    AgreementReport,
    Disagreement,
    ReviewReads,
    frame_confusion,
)

VERDICT_COLOURS = {
    "reliable": "#b7e4c7",
    "tentative": "#ffe8a3",
    "unreliable": "#f4b6b6",
    "undefined": "#e0e0e0",
}
DIFFERENT = QColor("#ffd6a5")


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def interval(low: float | None, high: float | None) -> str:
    return "—" if low is None else f"[{low:.3f}, {high:.3f}]"


class NumberItem(QTableWidgetItem):
    """A cell that sorts by its number (undefined values last), not by its text."""

    def __init__(self, value: float | int | None, text: str | None = None) -> None:
        super().__init__(text if text is not None else number(value))
        self.value = value

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, NumberItem):
            mine = float("inf") if self.value is None else self.value
            theirs = float("inf") if other.value is None else other.value
            return mine < theirs
        return super().__lt__(other)


COEFFICIENT_HEADERS = [  # (header, tooltip)
    ("Variable", "What the coders decided: quote detection, speaker, kind, each frame."),
    ("Coefficient", "Krippendorff's αU compares where coders put quotes; α compares the values "
                    "they gave the same unit."),
    ("Value", "1 is perfect agreement, 0 what chance would give; undefined when the data "
              "cannot tell."),
    ("95% interval", "The 2.5th and 97.5th percentiles of the coefficient over bootstrap "
                     "resamples of the units (of the articles, for detection)."),
    ("q(α < 0.667)", "The share of resamples in which the coefficient falls below 0.667, "
                     "under which a variable is not used."),
    ("q(α < 0.800)", "The share of resamples in which the coefficient falls below 0.800, the "
                     "threshold for drawing conclusions."),
    ("Units", f"{UNITS_BEHIND} {UNIT_DEFINITION}"),
    ("Reading", "Krippendorff: reliable from 0.800, tentative from 0.667, unreliable below."),
]  # fmt: skip


class ReviewWindow(QDialog):
    """Signals: none; it calls ``run(command)`` and ``show_unit(article_id, span)``."""

    def __init__(
        self,
        reads: ReviewReads,
        run: Callable[[Command], bool],
        show_unit: Callable[[int, Span], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.setWindowTitle("Agreement and adjudication")
        self.resize(980, 680)
        self.reads = reads
        self.run = run
        self.show_unit = show_unit
        self.report: AgreementReport | None = None

        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        refresh = QPushButton("Recompute")
        refresh.clicked.connect(self.recompute)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)

        self.with_suggester = QCheckBox("Compare the suggester as a coder")
        self.with_suggester.setObjectName("withSuggester")
        self.with_suggester.setToolTip(
            "Add each pipeline's suggestions as a coder named by its pipeline and compare it "
            "with every coder and gold, on the Coders and articles tab."
        )
        self.with_suggester.toggled.connect(lambda _on: self._show_diagnostics(again=True))
        top.insertWidget(1, self.with_suggester)

        self.coefficients = self._table("coefficientTable", [h for h, _ in COEFFICIENT_HEADERS])
        for column, (_header, tip) in enumerate(COEFFICIENT_HEADERS):
            self.coefficients.horizontalHeaderItem(column).setToolTip(tip)
        self.pairs = self._table("pairTable", ["Coders", "Span precision", "Span recall",
                                               "Span F1", "αU (quote detection)"])  # fmt: skip
        self.origins = QLabel()
        self.origins.setObjectName("originSummary")
        self.origins.setWordWrap(True)
        numbers = QWidget()
        numbers_layout = QVBoxLayout(numbers)
        numbers_layout.addWidget(self.coefficients, 3)
        numbers_layout.addWidget(QLabel("Pairs of coders"))
        numbers_layout.addWidget(self.pairs, 2)
        numbers_layout.addWidget(self.origins)
        self.method = QLabel()
        self.method.setObjectName("methodNote")
        self.method.setWordWrap(True)
        numbers_layout.addWidget(self.method)

        self.first_coder, self.second_coder = QComboBox(), QComboBox()
        for combo in (self.first_coder, self.second_coder):
            combo.currentIndexChanged.connect(self._show_confusion)
        self.confusion = self._table("confusionTable", [])
        confusion = QWidget()
        confusion_layout = QVBoxLayout(confusion)
        pick = QHBoxLayout()
        pick.addWidget(QLabel("Rows:"))
        pick.addWidget(self.first_coder)
        pick.addWidget(QLabel("Columns:"))
        pick.addWidget(self.second_coder)
        pick.addStretch(1)
        confusion_layout.addLayout(pick)
        confusion_layout.addWidget(self.confusion, 1)

        self.disagreements = QListWidget()
        self.disagreements.setObjectName("disagreementList")
        self.disagreements.setWordWrap(True)
        self.disagreements.setSpacing(3)
        self.disagreements.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.disagreements.currentRowChanged.connect(self._show_disagreement)
        self.versions = self._table(
            "versionTable", ["Coder", "Quote", "Speaker", "Kind", "Frames", "Began as"]
        )
        self.versions.setWordWrap(True)
        header = self.versions.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
             QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.ResizeToContents,
             QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.ResizeToContents)
        ):  # fmt: skip
            header.setSectionResizeMode(column, mode)
        header.resizeSection(2, 150)
        header.resizeSection(4, 150)
        self.adjudicate = QHBoxLayout()
        self.progress = QLabel()
        self.progress.setObjectName("adjudicationProgress")
        agreed = QPushButton("Take every agreed unit as gold")
        agreed.setObjectName("takeAgreed")
        agreed.clicked.connect(self.take_agreed)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("The coders' versions (differences shaded):"))
        right_layout.addWidget(self.versions, 1)
        right_layout.addLayout(self.adjudicate)
        right_layout.addWidget(self.progress)
        right_layout.addWidget(agreed)
        review = QSplitter()
        review.addWidget(self.disagreements)
        review.addWidget(right)
        review.setSizes([360, 600])

        self.coder_table = self._table("coderTable", [
            "Coder", "Variable", "α with the others", "α of the others without them",
            "α with gold", "Span F1 against gold"])  # fmt: skip
        self.article_table = self._table("articleTable", ["Article", "αU (quote detection)",
                                                          "Units", "Disagreements"])
        self.suggester_table = self._table("suggesterTable", [
            "Suggester", "Against", "Articles", "αU (quote detection)", "Span precision",
            "Span recall", "Span F1", "α speaker", "α kind"])
        for table in (self.coder_table, self.article_table, self.suggester_table):
            table.setSortingEnabled(True)
            table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt's default is descending
            table.verticalHeader().setDefaultSectionSize(24)
        self.article_table.setToolTip("Double-click an article to see its disagreements.")
        self.article_table.cellDoubleClicked.connect(lambda row, _c: self.jump_to_article(row))
        jump = QPushButton("Show this article's disagreements")
        jump.setObjectName("jumpToArticle")
        jump.clicked.connect(lambda: self.jump_to_article(self.article_table.currentRow()))
        export = QPushButton("Export diagnostics…")
        export.setObjectName("exportDiagnostics")
        export.clicked.connect(lambda: self.export_diagnostics())
        self.coders_page = coders_page = QWidget()
        coders_layout = QVBoxLayout(coders_page)
        coders_layout.addWidget(QLabel(
            "Each coder against each other coder (the mean of the pairs), the others without "
            "them, and gold where it exists. Click a header to sort."
        ))  # fmt: skip
        coders_layout.addWidget(self.coder_table, 3)
        coders_layout.addWidget(QLabel("Articles"))
        coders_layout.addWidget(self.article_table, 2)
        self.suggester_label = QLabel("The suggester as a coder")
        coders_layout.addWidget(self.suggester_label)
        coders_layout.addWidget(self.suggester_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(jump)
        buttons.addStretch(1)
        buttons.addWidget(export)
        coders_layout.addLayout(buttons)
        self.found: Diagnostics | None = None

        self.tabs = QTabWidget()
        self.tabs.addTab(numbers, "Coefficients")
        self.tabs.addTab(confusion, "Frames: confusion")
        self.tabs.addTab(coders_page, "Coders and articles")
        self.tabs.addTab(review, "Disagreements and gold")
        self.tabs.currentChanged.connect(lambda _i: self._show_diagnostics())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.recompute()

    @staticmethod
    def _table(name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- the report ----------------------------------------------------------------

    def recompute(self) -> None:
        self.reliability: Reliability = self.reads.reliability()
        self.report = report = self.reliability.report
        self.codebook = self.reads.codebook()
        self.speaker_names = self.reads.speaker_names()
        self.summary.setText(summary_line(self.reliability))
        self.summary.setToolTip(UNIT_DEFINITION)
        self.rows = coefficient_rows(self.reliability)
        self._fill(self.coefficients, [
            (r["label"], r["name"], number(r["value"]), interval(r["ci_low"], r["ci_high"]),
             number(r["q_below_0667"]), number(r["q_below_0800"]), str(r["units"]),
             r["reason"] and f"undefined: {r['reason']}" or r["verdict"])
            for r in self.rows
        ], colour_column=7)  # fmt: skip
        for r, row in enumerate(self.rows):
            for column in range(self.coefficients.columnCount()):
                self.coefficients.item(r, column).setToolTip(row["about"])
        self._fill(self.pairs, [
            (f"{p.first} / {p.second}", number(p.spans.precision), number(p.spans.recall),
             number(p.spans.f1), number(p.detection))
            for p in report.pairwise
        ])  # fmt: skip
        self.method.setText(
            "Krippendorff: rely on variables with α ≥ 0.800; draw only tentative conclusions "
            f"from 0.667 to 0.800. Intervals: {self.reliability.draws} bootstrap resamples "
            f"(seed {self.reliability.seed}); detection needs two or more articles to have one."
        )
        origins = [
            f"{coder} {n['from_suggestions']} of {n['quotes']}"
            for coder, n in origin_counts(self.reliability).items()
        ]
        self.origins.setText(
            "Quotes that began as an accepted suggestion: " + ", ".join(origins)
            if origins else ""
        )
        self._show_diagnostics(again=True)
        for combo, default in ((self.first_coder, 0), (self.second_coder, 1)):
            combo.blockSignals(True)
            current = combo.currentText()
            combo.clear()
            combo.addItems(list(report.annotators))
            index = combo.findText(current)
            combo.setCurrentIndex(index if index >= 0 else min(default, combo.count() - 1))
            combo.blockSignals(False)
        self._show_confusion()
        row = max(0, self.disagreements.currentRow())
        self.disagreements.clear()
        for item in report.disagreements:
            article = self.reads.article(item.article_id)
            excerpt = " ".join(item.span.text_of(article.text).split())
            excerpt = excerpt if len(excerpt) < 90 else excerpt[:89] + "…"
            title = article.title or f"Article {item.article_id}"
            entry = QListWidgetItem(f"{excerpt}\n    ⚑ {', '.join(item.variables)} · {title}")
            entry.setToolTip(f"{title}\n\n{item.span.text_of(article.text)}")
            self.disagreements.addItem(entry)
        if report.disagreements:
            self.disagreements.setCurrentRow(min(row, len(report.disagreements) - 1))
        self._show_progress()

    def _fill(
        self,
        table: QTableWidget,
        rows: list[tuple],
        colour_column: int | None = None,
        *,
        fit: bool = True,
    ) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                if colour_column is not None:
                    reading = row[colour_column].split(":")[0]
                    item.setBackground(QColor(VERDICT_COLOURS.get(reading, "#ffffff")))
                    item.setForeground(QColor("#000000"))
                table.setItem(r, c, item)
        if fit:
            table.resizeColumnsToContents()
        table.resizeRowsToContents()

    def _show_confusion(self) -> None:
        if self.report is None or self.first_coder.count() < 2:
            self.confusion.setRowCount(0)
            return
        labels = {frame.key: frame.label for frame in self.codebook.frames}
        keys = [*self.codebook.keys, NO_FRAME]
        counts = frame_confusion(
            self.report.units,
            self.first_coder.currentText(),
            self.second_coder.currentText(),
            self.codebook.keys,
        )
        most = max(counts.values(), default=1)
        self.confusion.setColumnCount(len(keys))
        self.confusion.setRowCount(len(keys))
        names = [labels.get(key, key) for key in keys]
        self.confusion.setHorizontalHeaderLabels(names)
        self.confusion.setVerticalHeaderLabels(names)
        self.confusion.verticalHeader().show()
        for r, row_key in enumerate(keys):
            for c, column_key in enumerate(keys):
                n = counts.get((row_key, column_key), 0)
                item = QTableWidgetItem(str(n))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                # A heat map: the more units, the deeper the blue (text stays dark).
                item.setBackground(QColor.fromHsvF(0.58, 0.55 * n / most, 1.0))
                item.setForeground(QColor("#000000"))
                self.confusion.setItem(r, c, item)

    # -- coders and articles ------------------------------------------------------------

    def _show_diagnostics(self, *, again: bool = False) -> None:
        """Fill the coders tab when it is shown: it needs a two-coder report for every
        pair, which the other tabs should not wait for."""
        if again:
            self.found = None
        if self.found is not None or self.tabs.currentWidget() is not self.coders_page:
            return
        self.found = found = self.reads.diagnostics(
            self.reliability, suggester=self.with_suggester.isChecked()
        )
        self._fill_sorted(self.coder_table, [
            (QTableWidgetItem(r.coder), QTableWidgetItem(r.label), NumberItem(r.with_others),
             NumberItem(r.without), NumberItem(r.with_gold), NumberItem(r.span_f1_gold))
            for r in found.coders
        ])  # fmt: skip
        self._fill_sorted(self.article_table, [
            (NumberItem(r.article_id, r.title), NumberItem(r.detection),
             NumberItem(r.units, str(r.units)), NumberItem(r.disagreements, str(r.disagreements)))
            for r in found.articles
        ])  # fmt: skip
        self._fill_sorted(self.suggester_table, [
            (QTableWidgetItem(r.pipeline), QTableWidgetItem(r.against),
             NumberItem(r.articles, str(r.articles)), NumberItem(r.detection),
             NumberItem(r.span_precision), NumberItem(r.span_recall), NumberItem(r.span_f1),
             NumberItem(r.speaker), NumberItem(r.kind))
            for r in found.suggester
        ])  # fmt: skip
        shown = self.with_suggester.isChecked()
        self.suggester_table.setVisible(shown)
        self.suggester_label.setVisible(shown)

    @staticmethod
    def _fill_sorted(table: QTableWidget, rows: list[tuple[QTableWidgetItem, ...]]) -> None:
        table.setSortingEnabled(False)  # rows are placed where they are put, then sorted
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, item in enumerate(row):
                table.setItem(r, c, item)
        table.setSortingEnabled(True)
        table.resizeColumnsToContents()

    def jump_to_article(self, row: int) -> None:
        """Go to the first disagreement of the article in ``row`` of the articles table."""
        item = self.article_table.item(row, 0) if row >= 0 else None
        if item is None or self.report is None:
            return
        article_id = item.value
        for index, disagreement in enumerate(self.report.disagreements):
            if disagreement.article_id == article_id:
                self.tabs.setCurrentIndex(3)
                self.disagreements.setCurrentRow(index)
                return

    def export_diagnostics(self, path: Path | None = None) -> Path | None:
        """Write the coders, articles (and suggester) tables to a .csv or .json file."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, "Export diagnostics", "diagnostics.csv",
                "CSV (*.csv);;JSON (*.json)",
            )  # fmt: skip
            if not chosen:
                return None
            path = Path(chosen)
        if self.found is None:
            self.found = self.reads.diagnostics(
                self.reliability, suggester=self.with_suggester.isChecked()
            )
        try:
            write_diagnostics(self.found, path)
        except OSError as exc:
            QMessageBox.warning(self, "Export diagnostics",
                                f"Cannot write {path}: {exc.strerror or exc}")  # fmt: skip
            return None
        return path

    # -- disagreements and gold ----------------------------------------------------------

    def current_disagreement(self) -> Disagreement | None:
        row = self.disagreements.currentRow()
        if self.report is None or not 0 <= row < len(self.report.disagreements):
            return None
        return self.report.disagreements[row]

    def _unit_of(self, item: Disagreement):
        return next(u for u in self.report.units
                    if u.article_id == item.article_id and u.span == item.span)  # fmt: skip

    def _show_disagreement(self, _row: int) -> None:
        item = self.current_disagreement()
        while self.adjudicate.count():
            widget = self.adjudicate.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if item is None:
            self.versions.setRowCount(0)
            return
        text = self.reads.article(item.article_id).text
        coders = [c for c in self.report.annotators]
        unit = self._unit_of(item)
        labels = {frame.key: frame.label for frame in self.codebook.frames}
        rows = []
        for coder in coders:
            values = item.values.get(coder)
            if values is None:
                rows.append((coder, "(no quote)", "", "", "", ""))
                continue
            start, end = values["span"]
            origin = unit.quotes[coder].origin
            rows.append((coder, text[start:end], values["speaker"] or "—", values["kind"],
                         ", ".join(labels.get(k, k) for k in values["frames"]) or "—",
                         "suggestion" if origin == Origin.SUGGESTION else "by hand"))  # fmt: skip
        self._fill(self.versions, rows, fit=False)
        for column in range(1, 5):
            seen = {self.versions.item(r, column).text() for r in range(len(rows))}
            if len(seen) > 1:
                for r in range(len(rows)):
                    self.versions.item(r, column).setBackground(DIFFERENT)
        for coder in sorted(unit.quotes):
            button = QPushButton(f"Take {coder}'s version")
            button.setObjectName(f"take_{coder}")
            button.clicked.connect(lambda _c=False, coder=coder: self.take(coder))
            self.adjudicate.addWidget(button)
        merge = QPushButton("Merge (majority)")
        merge.setObjectName("mergeVersions")
        merge.clicked.connect(self.merge)
        self.adjudicate.addWidget(merge)
        self.show_unit(item.article_id, item.span)

    def _set_gold(self, unit, quote) -> bool:
        gold_quotes = self.reads.gold_quotes(unit.article_id)
        done = self.run(SetGold(quote, replaced=gold_for(unit.span, gold_quotes)))
        self._show_progress()
        return done

    def take(self, coder: str) -> None:
        item = self.current_disagreement()
        if item is not None:
            unit = self._unit_of(item)
            self._set_gold(unit, as_gold(unit.quotes[coder], note=f"from {coder}"))

    def merge(self) -> None:
        item = self.current_disagreement()
        if item is not None:
            unit = self._unit_of(item)
            self._set_gold(unit, merged_gold(unit.quotes))

    def take_agreed(self) -> None:
        """Gold for every unit that all coders marked alike and that has no gold yet."""
        disputed = {(d.article_id, d.span) for d in self.report.disagreements}
        for unit in self.report.units:
            if (unit.article_id, unit.span) in disputed:
                continue
            if gold_for(unit.span, self.reads.gold_quotes(unit.article_id)) is None:
                self._set_gold(unit, merged_gold(unit.quotes))

    def _show_progress(self) -> None:
        if self.report is None:
            return
        done, total = adjudication_progress(self.report.units, self.reads.gold_quotes())
        self.progress.setText(f"Gold: {done} of {total} units adjudicated")
