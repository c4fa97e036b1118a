"""The current quote's editor: speaker, speaker type, mention, frames, kind and note.

The editor only shows and asks; the window turns each request into a command.

Signals:
    speaker_entered(str): a speaker name (canonical, alias or new) was confirmed.
    speaker_type_chosen(str): a speaker type value, or "" for none.
    frame_toggled(str, bool): a frame key was checked or unchecked.
    kind_chosen(str): a quote kind value.
    note_edited(str, str): the quote's UUID and its note, when editing it is finished
        (focus leaves the field, Enter, or :meth:`finish_editing` before the window closes).

Layout, top to bottom: heading, preview, then the form (speaker, type, mention,
frames, kind, note). Frame suggestions for the current quote belong in
``frame_suggestions``, the row just above the frame check boxes (empty and hidden
until something fills it).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.codebook import Codebook
from ..domain.model import Quote, QuoteKind, Speaker, SpeakerType
from ..services.annotation import ArticleState, Item
from .style import swatch


class QuoteEditor(QWidget):
    speaker_entered = Signal(str)
    speaker_type_chosen = Signal(str)
    frame_toggled = Signal(str, bool)
    kind_chosen = Signal(str)
    note_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteEditor")
        self._loading = False
        self._confirmed = ""
        self._quote: Quote | None = None
        self.heading = QLabel()
        self.heading.setObjectName("quoteHeading")
        self.heading.setWordWrap(True)  # long suggestion headings wrap
        self.preview = QLabel()
        self.preview.setObjectName("quotePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)

        self.speaker = QComboBox()
        self.speaker.setObjectName("speakerField")
        self.speaker.setEditable(True)
        self.speaker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.speaker.lineEdit().setPlaceholderText("type a name; Enter confirms")
        self._names = QStringListModel()
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.speaker.setCompleter(completer)
        self.speaker.lineEdit().returnPressed.connect(self._confirm_speaker)
        self.speaker.activated.connect(lambda _index: self._confirm_speaker())

        self.speaker_type = QComboBox()
        self.speaker_type.setObjectName("speakerType")
        self.speaker_type.addItem("—", "")
        for kind in SpeakerType:
            self.speaker_type.addItem(kind.value, kind.value)
        self.speaker_type.currentIndexChanged.connect(self._type_changed)

        self.mention = QLabel("—")
        self.mention.setObjectName("mentionLabel")
        self.mention.setTextFormat(Qt.TextFormat.PlainText)

        self.kind = QComboBox()
        self.kind.setObjectName("kindField")
        for kind in QuoteKind:
            self.kind.addItem(kind.value, kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        self.frame_suggestions = QWidget()
        self.frame_suggestions.setObjectName("frameSuggestions")
        self.frame_suggestions_layout = QHBoxLayout(self.frame_suggestions)
        self.frame_suggestions_layout.setContentsMargins(0, 0, 0, 0)
        self.frame_suggestions.hide()

        self.frames_box = QWidget()
        self.frames_layout = QVBoxLayout(self.frames_box)
        self.frames_layout.setContentsMargins(0, 0, 0, 0)
        self.frames_layout.setSpacing(2)
        self.frame_boxes: dict[str, QCheckBox] = {}

        self.note = QLineEdit()
        self.note.setObjectName("noteField")
        self.note.setPlaceholderText("a note for this quote")
        self.note.editingFinished.connect(self._note_finished)

        for combo in (self.speaker, self.speaker_type, self.kind):
            # Long speaker names must not widen the panel: the field scrolls instead.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("Speaker", self.speaker)
        form.addRow("Type", self.speaker_type)
        form.addRow("Mention", self.mention)
        form.addRow("", self.frame_suggestions)
        form.addRow("Frames", self.frames_box)
        form.addRow("Kind", self.kind)
        form.addRow("Note", self.note)
        self.mention.setWordWrap(True)
        for label in (self.heading, self.preview, self.mention):
            # Wrapped labels must follow the dock's width, never widen it.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(120)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addStretch(1)
        self.set_quote(None)

    # -- what is shown ------------------------------------------------------

    def set_codebook(self, codebook: Codebook) -> None:
        for box in self.frame_boxes.values():
            box.deleteLater()
        self.frame_boxes = {}
        for frame in codebook.frames:
            key_hint = f"[{frame.shortcut}] " if frame.shortcut else ""
            box = QCheckBox(f"{key_hint}{frame.label}")
            box.setObjectName(f"frame_{frame.key}")
            box.setIcon(swatch(frame.colour))
            box.setToolTip(frame.description or frame.label)
            box.toggled.connect(lambda checked, key=frame.key: self._frame_changed(key, checked))
            self.frames_layout.addWidget(box)
            self.frame_boxes[frame.key] = box

    def set_speakers(self, speakers: list[Speaker]) -> None:
        names = [s.name for s in speakers]
        self._names.setStringList(names + [a for s in speakers for a in s.aliases])
        self._loading = True
        current = self.speaker.currentText()
        self.speaker.clear()
        self.speaker.addItems(names)
        self.speaker.setEditText(current)
        self._loading = False

    def set_quote(
        self,
        quote: Quote | None,
        *,
        heading: str = "",
        text: str = "",
        speaker: Speaker | None = None,
        mention_text: str = "",
    ) -> None:
        """Show ``quote`` (or nothing) without emitting any change."""
        self.finish_editing()  # a note typed for the quote shown so far is kept
        self._quote = quote
        self._loading = True
        self._confirmed = speaker.name if speaker else ""
        self.heading.setText(heading or "No quote selected")
        self.preview.setText(_clip(text) if text else self._empty_hint(quote))
        for widget in (self.speaker, self.speaker_type, self.kind, self.note, self.frames_box):
            widget.setEnabled(quote is not None)
        self.speaker.setEditText(speaker.name if speaker else "")
        self.speaker.lineEdit().setCursorPosition(0)  # long names show their start
        type_value = speaker.type.value if speaker and speaker.type else ""
        self.speaker_type.setCurrentIndex(max(0, self.speaker_type.findData(type_value)))
        self.speaker_type.setEnabled(speaker is not None)
        self.mention.setText(f"“{mention_text}”" if mention_text else "—")
        for key, box in self.frame_boxes.items():
            box.setChecked(quote is not None and key in quote.frames)
        if quote is not None:
            self.kind.setCurrentIndex(self.kind.findData(quote.kind.value))
            self.note.setText(quote.note)
        else:
            self.note.clear()
        self._loading = False

    def show_item(self, current: Item | None, state: ArticleState | None,
                  speakers: dict[int, Speaker]) -> None:  # fmt: skip
        """Show the current quote (editable) or suggestion (read only), or a summary."""
        if current is None or state is None:
            heading = ""
            if state is not None:
                heading = f"{len(state.quotes)} quotes · {len(state.pending)} suggestions pending"
            self.set_quote(None, heading=heading)
            return
        number, count, text = state.position(current.key) + 1, len(state.items), state.article.text
        if current.quote is not None:
            quote = current.quote
            self.set_quote(
                quote,
                heading=f"QUOTE  {number} of {count}   {quote.kind.value}",
                text=quote.span.text_of(text),
                speaker=speakers.get(quote.speaker_id) if quote.speaker_id else None,
                mention_text=quote.mention.text_of(text) if quote.mention else "",
            )
        else:
            suggestion = current.suggestion
            self.set_quote(
                None,
                heading=f"SUGGESTION  {number} of {count}   {suggestion.kind.value} · "
                f"{suggestion.speaker or 'speaker unknown'} · Y accept · N reject",
                text=suggestion.span.text_of(text),
            )

    def _empty_hint(self, quote: Quote | None) -> str:
        if quote is None:
            return (
                "Select text and press Enter to make it a quote, or press J to go to the "
                "next quote or suggestion."
            )
        return ""

    # -- what is asked --------------------------------------------------------

    def _confirm_speaker(self) -> None:
        # Enter in the field fires both returnPressed and activated: confirm once.
        name = self.speaker.currentText().strip()
        if not self._loading and name and name != self._confirmed:
            self._confirmed = name
            self.speaker_entered.emit(name)

    def _type_changed(self) -> None:
        if not self._loading:
            self.speaker_type_chosen.emit(self.speaker_type.currentData() or "")

    def _kind_changed(self) -> None:
        if not self._loading:
            self.kind_chosen.emit(self.kind.currentData())

    def _frame_changed(self, key: str, checked: bool) -> None:
        if not self._loading:
            self.frame_toggled.emit(key, checked)

    def _note_finished(self) -> None:
        self.finish_editing()

    def finish_editing(self) -> None:
        """Hand on a note still being typed (the window calls this before it closes)."""
        quote = self._quote
        if not self._loading and quote is not None and self.note.text() != quote.note:
            self._quote = quote = replace(quote, note=self.note.text())
            self.note_edited.emit(quote.uuid, quote.note)


def _clip(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
