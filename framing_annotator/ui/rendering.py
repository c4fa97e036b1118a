"""What the window draws for an article: marks on the text and rows of the quote list."""

from __future__ import annotations

from ..domain.codebook import Codebook
from ..domain.model import Speaker, SuggestionStatus
from ..services.annotation import ArticleState
from .article_view import Mark
from .models import QuoteRow


def marks_and_rows(
    state: ArticleState,
    codebook: Codebook,
    speakers: dict[int, Speaker],
    *,
    show_rejected: bool = False,
) -> tuple[list[Mark], list[QuoteRow]]:
    """Quotes become filled marks and list rows; pending suggestions become dotted marks."""
    colours = {frame.key: frame.colour for frame in codebook.frames}
    order = {frame.key: n for n, frame in enumerate(codebook.frames)}
    labels = {frame.key: frame.label for frame in codebook.frames}
    text = state.article.text
    marks: list[Mark] = []
    rows: list[QuoteRow] = []
    for quote in state.quotes:
        keys = sorted(quote.frames, key=lambda key: order.get(key, len(order)))
        names = tuple(labels.get(key, key) for key in keys)
        speaker = speakers.get(quote.speaker_id) if quote.speaker_id else None
        who = speaker.name if speaker else ""
        tooltip = f"{who or 'No speaker'} · {', '.join(names) or 'no frame'}"
        frame_colours = tuple(colours[key] for key in keys if key in colours)
        marks.append(Mark(quote.uuid, quote.span, frame_colours, tooltip=tooltip))
        first_colour = frame_colours[0] if frame_colours else None
        rows.append(QuoteRow(quote, who, names, first_colour, quote.span.text_of(text)))
    shown = state.suggestions if show_rejected else state.pending
    for suggestion in shown:
        status = state.status_by_suggestion.get(suggestion.id, SuggestionStatus.PENDING)
        if status is SuggestionStatus.ACCEPTED:
            continue  # it is a quote now
        tooltip = (
            f"Suggestion ({status.value}): {suggestion.speaker or 'speaker unknown'}"
            " · Y accept, N reject"
        )
        marks.append(Mark(f"s{suggestion.id}", suggestion.span, suggestion=True, tooltip=tooltip))
    return marks, rows
