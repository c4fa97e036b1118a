"""What the window draws for an article: marks on the text and rows of the quote list.

One function per thing drawn, so that a change to one quote redraws that quote only.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.codebook import Codebook
from ..domain.model import Quote, Speaker, Suggestion, SuggestionStatus
from ..services.annotation import ArticleState
from .article_view import Mark
from .models import RowCells


class Drawing:
    """Turns quotes and suggestions into marks and rows with one codebook and speaker list."""

    def __init__(self, codebook: Codebook, speakers: dict[int, Speaker]) -> None:
        self.colours = {frame.key: frame.colour for frame in codebook.frames}
        self.order = {frame.key: n for n, frame in enumerate(codebook.frames)}
        self.labels = {frame.key: frame.label for frame in codebook.frames}
        self.speakers = speakers

    def _frames(self, quote: Quote) -> list[str]:
        return sorted(quote.frames, key=lambda key: self.order.get(key, len(self.order)))

    def speaker_name(self, quote: Quote) -> str:
        speaker = self.speakers.get(quote.speaker_id) if quote.speaker_id else None
        return speaker.name if speaker else ""

    def quote_mark(self, quote: Quote) -> Mark:
        keys = self._frames(quote)
        names = ", ".join(self.labels.get(key, key) for key in keys)
        tooltip = f"{self.speaker_name(quote) or 'No speaker'} · {names or 'no frame'}"
        colours = tuple(self.colours[key] for key in keys if key in self.colours)
        return Mark(quote.uuid, quote.span, colours, tooltip=tooltip)

    def row_describer(self, text: str) -> Callable[[Quote], RowCells]:
        """``quote -> RowCells`` for the quote table (it calls it for the rows it shows)."""

        def describe(quote: Quote) -> RowCells:
            keys = self._frames(quote)
            colour = next((self.colours[key] for key in keys if key in self.colours), None)
            labels = tuple(self.labels.get(key, key) for key in keys)
            return RowCells(self.speaker_name(quote), labels, colour, quote.span.text_of(text))

        return describe

    def suggestion_mark(self, suggestion: Suggestion, status: SuggestionStatus) -> Mark:
        tooltip = (
            f"Suggestion ({status.value}): {suggestion.speaker or 'speaker unknown'}"
            " · Y accept, N reject"
        )
        return Mark(f"s{suggestion.id}", suggestion.span, suggestion=True, tooltip=tooltip)

    def entries(
        self, state: ArticleState, *, show_rejected: bool = False
    ) -> list[tuple[int, int, str]]:
        """Where every mark of the article goes, as sorted ``(start, end, key)`` (cheap:
        nothing described; the items' own order when only pending suggestions show)."""
        entries = state.entries()
        if show_rejected:
            rejected = SuggestionStatus.REJECTED
            entries += [(s.span.start, s.span.end, f"s{s.id}") for s in state.suggestions
                        if state.decision(s) is rejected]  # fmt: skip
            entries.sort()
        return entries

    def describer(
        self, state: ArticleState, *, show_rejected: bool
    ) -> Callable[[str], Mark | None]:
        """``key -> Mark`` over the article as it is now (the text view calls it lazily)."""
        return lambda key: self.mark_of(state, key, show_rejected=show_rejected)

    def mark_of(self, state: ArticleState, key: str, *, show_rejected: bool) -> Mark | None:
        """The mark of one item key as it is now, or None when nothing is drawn for it."""
        suggestion = state.suggestion(key)
        if suggestion is not None:
            status = state.decision(suggestion)
            shown = status is SuggestionStatus.PENDING or (
                show_rejected and status is SuggestionStatus.REJECTED
            )
            return self.suggestion_mark(suggestion, status) if shown else None
        quote = state.quote(key)
        return self.quote_mark(quote) if quote else None
