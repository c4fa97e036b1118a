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
frames, kind, note). A frame suggested for the current quote shows as a faint check
and its probability beside the frame's check box (:meth:`set_frame_suggestion`).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..domain.codebook import Codebook
from ..domain.frames import FrameSuggestion
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

        self.frames_box = QWidget()
        self.frames_layout = QGridLayout(self.frames_box)  # check box | suggestion hint
        self.frames_layout.setContentsMargins(0, 0, 0, 0)
        self.frames_layout.setVerticalSpacing(2)
        self.frames_layout.setColumnStretch(2, 1)
        self.frame_boxes: dict[str, QCheckBox] = {}
        # Frame suggestions: a faint check mark and probability beside each frame.
        self.frame_hints: dict[str, QLabel] = {}

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
        for widget in [*self.frame_boxes.values(), *self.frame_hints.values()]:
            widget.deleteLater()
        self.frame_boxes = {}
        self.frame_hints = {}
        for frame in codebook.frames:
            key_hint = f"[{frame.shortcut}] " if frame.shortcut else ""
            box = QCheckBox(f"{key_hint}{frame.label}")
            box.setObjectName(f"frame_{frame.key}")
            box.setIcon(swatch(frame.colour))
            box.setToolTip(frame.description or frame.label)
            box.toggled.connect(lambda checked, key=frame.key: self._frame_changed(key, checked))
            hint = QLabel()
            hint.setObjectName(f"frameHint_{frame.key}")
            hint.setEnabled(False)  # drawn in the disabled (faint) colour of the style
            row = len(self.frame_boxes)
            self.frames_layout.addWidget(box, row, 0)
            self.frames_layout.addWidget(hint, row, 1)
            self.frame_boxes[frame.key] = box
            self.frame_hints[frame.key] = hint

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
                quotes, pending = len(state.quotes), state.pending_count
                heading = (f"{quotes} quote{'' if quotes == 1 else 's'} · {pending} "
                           f"suggestion{'' if pending == 1 else 's'} pending")  # fmt: skip
            self.set_quote(None, heading=heading)
            return
        number, count, text = state.position(current.key) + 1, state.count, state.article.text
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

    def set_frame_suggestion(self, suggestion: FrameSuggestion | None) -> None:
        """Show each frame's probability, with a faint check on the suggested ones (G takes
        them); ``None`` clears it."""
        for key, hint in self.frame_hints.items():
            if suggestion is None:
                hint.clear()
                hint.setToolTip("")
                continue
            percent = f"{suggestion.probability(key):.0%}"
            suggested = key in suggestion.suggested
            hint.setText(f"✓ {percent}" if suggested else percent)
            hint.setToolTip(
                f"Suggested from your own coding ({percent}); G accepts the suggested frames"
                if suggested
                else f"Not suggested ({percent})"
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
