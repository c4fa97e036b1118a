"""Review: agreement coefficients, the frame confusion of two coders, the disagreements,
and adjudication into the gold layer.

The window asks the services for a report and shows it; adjudication steps go
through the main window's undo stack (``run``), so Ctrl+Z undoes them too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..agreement.project import NO_FRAME, AgreementReport, Disagreement, frame_confusion, verdict
from ..domain.model import GOLD
from ..domain.spans import Span
from ..services.adjudication import SetGold, adjudication_progress, as_gold, gold_for, merged_gold
from ..services.agreement import agreement_report
from ..services.commands import Command
from ..store.repository import Repository

VERDICT_COLOURS = {
    "reliable": "#b7e4c7",
    "tentative": "#ffe8a3",
    "unreliable": "#f4b6b6",
    "undefined": "#e0e0e0",
}
DIFFERENT = QColor("#ffd6a5")


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class ReviewWindow(QDialog):
    """Signals: none; it calls ``run(command)`` and ``show_unit(article_id, span)``."""

    def __init__(
        self,
        repo: Repository,
        run: Callable[[Command], bool],
        show_unit: Callable[[int, Span], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.setWindowTitle("Agreement and adjudication")
        self.resize(980, 680)
        self.repo = repo
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

        self.coefficients = self._table(
            "coefficientTable", ["Variable", "Coefficient", "Value", "Units", "Reading"]
        )
        self.pairs = self._table("pairTable", ["Coders", "Span precision", "Span recall",
                                               "Span F1", "Detection alpha_U"])  # fmt: skip
        numbers = QWidget()
        numbers_layout = QVBoxLayout(numbers)
        numbers_layout.addWidget(self.coefficients, 3)
        numbers_layout.addWidget(QLabel("Pairs of coders"))
        numbers_layout.addWidget(self.pairs, 2)
        numbers_layout.addWidget(QLabel(
            "Krippendorff: rely on variables with alpha ≥ 0.800; draw only tentative "
            "conclusions from 0.667 to 0.800."
        ))  # fmt: skip

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
        self.versions = self._table("versionTable", ["Coder", "Quote", "Speaker", "Kind", "Frames"])
        self.versions.setWordWrap(True)
        header = self.versions.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
             QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.ResizeToContents,
             QHeaderView.ResizeMode.Interactive)
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

        self.tabs = QTabWidget()
        self.tabs.addTab(numbers, "Coefficients")
        self.tabs.addTab(confusion, "Frames: confusion")
        self.tabs.addTab(review, "Disagreements and gold")
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
        self.report = report = agreement_report(self.repo)
        self.codebook = self.repo.codebook()
        self.speaker_names = {s.id: s.name for s in self.repo.speakers()}
        articles = len(report.per_article)
        self.summary.setText(
            f"{articles} article{'' if articles == 1 else 's'} coded by all of "
            f"{', '.join(report.annotators) or 'nobody yet'} · "
            f"{len(report.units)} units · {len(report.disagreements)} with disagreements"
        )
        self._fill(self.coefficients, [
            (c.variable, c.coefficient, number(c.value), str(c.units),
             c.reason and f"undefined: {c.reason}" or verdict(c.value))
            for c in report.coefficients
        ], colour_column=4)  # fmt: skip
        self._fill(self.pairs, [
            (f"{p.first} / {p.second}", number(p.spans.precision), number(p.spans.recall),
             number(p.spans.f1), number(p.detection))
            for p in report.pairwise
        ])  # fmt: skip
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
            article = self.repo.article(item.article_id)
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
        text = self.repo.article(item.article_id).text
        coders = [c for c in self.report.annotators]
        rows = []
        for coder in coders:
            values = item.values.get(coder)
            if values is None:
                rows.append((coder, "(no quote)", "", "", ""))
                continue
            start, end = values["span"]
            rows.append((coder, text[start:end], values["speaker"] or "—", values["kind"],
                         ", ".join(values["frames"]) or "—"))  # fmt: skip
        self._fill(self.versions, rows, fit=False)
        for column in range(1, 5):
            seen = {self.versions.item(r, column).text() for r in range(len(rows))}
            if len(seen) > 1:
                for r in range(len(rows)):
                    self.versions.item(r, column).setBackground(DIFFERENT)
        unit = self._unit_of(item)
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
        gold_quotes = self.repo.quotes(unit.article_id, GOLD)
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
            if gold_for(unit.span, self.repo.quotes(unit.article_id, GOLD)) is None:
                self._set_gold(unit, merged_gold(unit.quotes))

    def _show_progress(self) -> None:
        if self.report is None:
            return
        done, total = adjudication_progress(self.report.units, self.repo.quotes(annotator=GOLD))
        self.progress.setText(f"Gold: {done} of {total} units adjudicated")
