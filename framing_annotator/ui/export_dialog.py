"""File ▸ Export: choose a format, a file and what to include; export in the background.

The export itself is the Qt-free exchange service, run in a worker with its own
connection; the dialog shows progress with Cancel and a report when it is done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from ..domain.codebook import Codebook
from ..domain.errors import KnownError
from ..services.background import export_project
from ..services.exchange import ExportOptions, ExportResult, output_paths
from ..services.output_path import check_output_paths
from .workers import Worker, WorkerPool

FORMATS = {
    "csv": ("CSV for R and Excel", ".csv"),
    "jsonl": ("JSONL (doccano, Prodigy)", ".jsonl"),
    "spacy": ("spaCy DocBin", ".spacy"),
    "qdpx": ("REFI-QDA for MAXQDA, NVivo, ATLAS.ti", ".qdpx"),
}


def _checklist(name: str, entries: list[tuple[str, str]]) -> QListWidget:
    widget = QListWidget()
    widget.setObjectName(name)
    for value, label in entries:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    widget.setMaximumHeight(110)
    return widget


def _checked(widget: QListWidget) -> tuple[str, ...] | None:
    """The checked values, or None when all are checked (no filter)."""
    values = [widget.item(n).data(Qt.ItemDataRole.UserRole) for n in range(widget.count())
              if widget.item(n).checkState() == Qt.CheckState.Checked]  # fmt: skip
    return None if len(values) == widget.count() else tuple(values)


class ExportDialog(QDialog):
    def __init__(
        self,
        project_path: Path,
        workers: WorkerPool,
        annotators: list[str],
        codebook: Codebook,
        current_article: int | None,
        parent: QWidget | None = None,
        *,
        backups: Path | None = None,
    ) -> None:
        """``backups``: the project's backups folder (it may be set elsewhere in Settings);
        nothing is exported into it."""
        super().__init__(parent)
        self.backups = backups
        self.setWindowTitle("Export annotations")
        self.project_path, self.workers = project_path, workers
        self.current_article = current_article
        self.result: ExportResult | None = None

        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for key, (label, _suffix) in FORMATS.items():
            self.format.addItem(label, key)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.path = QLineEdit(str(project_path.with_name(f"{project_path.stem}-quotes.csv")))
        self.path.setObjectName("exportPath")
        browse = QPushButton("Choose…")
        browse.clicked.connect(lambda: self._browse())
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.annotators = _checklist("exportAnnotators", [(a, a) for a in annotators])
        self.frames = _checklist("exportFrames", [(f.key, f.label) for f in codebook.frames])
        self.only_current = QCheckBox("Only the article now open")
        self.only_current.setEnabled(current_article is not None)
        self.suggestions = QCheckBox("Include suggestions still pending")
        self.excel = QCheckBox("For Excel (UTF-8 with a byte-order mark)")
        self.excel.setObjectName("exportExcel")

        form = QFormLayout(self)
        form.addRow("Format", self.format)
        form.addRow("File", where)
        form.addRow("Annotators", self.annotators)
        form.addRow("Quotes with frames", self.frames)
        form.addRow("", self.only_current)
        form.addRow("", self.suggestions)
        form.addRow("", self.excel)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(lambda: self.start())
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _format_changed(self) -> None:
        key = self.format.currentData()
        self.excel.setEnabled(key == "csv")
        self.path.setText(str(Path(self.path.text()).with_suffix(FORMATS[key][1])))

    def _browse(self) -> None:
        key = self.format.currentData()
        label, suffix = FORMATS[key]
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export to", self.path.text(), f"{label} (*{suffix})"
        )
        if path:
            self.path.setText(path)

    def options(self) -> ExportOptions:
        articles = (self.current_article,) if self.only_current.isChecked() else None
        return ExportOptions(
            annotators=_checked(self.annotators),
            articles=articles,
            frames=_checked(self.frames),
            suggestions=self.suggestions.isChecked(),
        )

    def start(self, *, confirm_overwrite: bool = True) -> Worker | None:
        """Check the target, then export in a worker with progress and Cancel."""
        fmt, out = self.format.currentData(), Path(self.path.text())
        try:
            check_output_paths(output_paths(fmt, out), project=self.project_path,
                               protected=[self.backups] if self.backups else [])  # fmt: skip
        except KnownError as exc:  # a project, a backup, a device, a folder: never replaced
            self._failed(exc.message)
            return None
        existing = [p for p in output_paths(fmt, out) if p.exists()]
        if existing and confirm_overwrite:
            answer = QMessageBox.question(
                self, "Export", "Replace " + ", ".join(p.name for p in existing) + "?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        path, options, excel = self.project_path, self.options(), self.excel.isChecked()

        def job(progress, cancelled) -> ExportResult:  # its own connection, in its own thread
            return export_project(path, fmt, out, options, excel=excel,
                                  progress=progress, cancelled=cancelled)  # fmt: skip

        worker = Worker("export", job)
        progress = QProgressDialog("Exporting…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Export")
        progress.setMinimumDuration(400)

        def show(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

        worker.signals.progress.connect(show)
        worker.signals.finished.connect(lambda result: (progress.reset(), self._done(result)))
        worker.signals.failed.connect(lambda reason: (progress.reset(), self._failed(reason)))
        progress.canceled.connect(worker.cancel)
        return self.workers.start(worker)

    def _done(self, result: ExportResult) -> None:
        self.result = result
        if result.cancelled:
            text = "Export cancelled; no file was written."
        else:
            files = "\n".join(f"• {p}" for p in result.paths)
            text = (f"Exported {result.quotes} quotes from {result.documents} article "
                    f"and annotator pairs to:\n{files}")  # fmt: skip
        self.report = QMessageBox(QMessageBox.Icon.Information, "Export", text, parent=self)
        self.report.finished.connect(self.accept)
        self.report.open()

    def _failed(self, reason: str) -> None:
        self.report = QMessageBox(QMessageBox.Icon.Warning, "Export failed", reason, parent=self)
        self.report.open()
