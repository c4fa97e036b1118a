"""Annotation sets: what leaves a project in an export and comes back in an import.

An :class:`AnnotationSet` names things the way another project can understand them:
articles by their text (and ``text_sha256``), speakers by canonical name, frames by
key, quotes by UUID. Project-local ids (article ids, speaker ids) never decide
anything on the way back in. The exporters in ``io/`` and ``nlp/docbin.py`` write
it, the readers in ``io/`` build it, and ``services/exchange.py`` moves it in and
out of a project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from .codebook import Codebook
from .model import Article, Origin, QuoteKind, Speaker, SpeakerType, Suggestion
from .spans import Span

Progress = Callable[[int, int], None]
"""Called with (done, total) as an export or import advances."""

Cancelled = Callable[[], bool]
"""Polled between documents; True asks the running export or import to stop."""


class OperationCancelled(Exception):
    """Raised inside a writer or an import when ``cancelled()`` said yes; not a user error."""


def never_cancelled() -> bool:
    return False


@dataclass(frozen=True)
class ExchangeQuote:
    """A quote as it travels between projects: names instead of project-local ids."""

    uuid: str
    span: Span
    kind: QuoteKind = QuoteKind.DIRECT
    speaker: str | None = None
    mention: Span | None = None
    frames: tuple[str, ...] = ()
    note: str = ""
    origin: Origin = Origin.MANUAL
    created_at: str = ""
    updated_at: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "frames", tuple(sorted(set(self.frames))))

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def content(self) -> tuple:
        """What must be equal for two copies of a quote to be the same (timestamps aside)."""
        mention = (self.mention.start, self.mention.end) if self.mention else None
        return (
            self.start,
            self.end,
            self.kind.value,
            self.speaker,
            mention,
            self.frames,
            self.note,
        )


@dataclass(frozen=True)
class AnnotatedArticle:
    """One article as one annotator marked it: one JSONL line, one spaCy Doc."""

    article: Article
    annotator: str
    quotes: tuple[ExchangeQuote, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    """Suggestions still pending for this annotator (exported only on request)."""
    status: str = ""


@dataclass(frozen=True)
class AnnotationSet:
    """Articles with their quotes per annotator, plus the codebook and the speakers used."""

    codebook: Codebook
    speakers: tuple[Speaker, ...] = ()
    documents: tuple[AnnotatedArticle, ...] = ()
    name: str = "annotations"
    notices: tuple[str, ...] = ()
    """What a reader could not bring in, or brought in differently, in words for the
    import report (codes outside our categories, non-text sources, unattached notes)."""
    _by_name: dict[str, Speaker] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update({speaker.name: speaker for speaker in self.speakers})

    def speaker(self, name: str | None) -> Speaker | None:
        return None if name is None else self._by_name.get(name)

    def speaker_type(self, name: str | None) -> SpeakerType | None:
        speaker = self.speaker(name)
        return speaker.type if speaker else None

    @cached_property
    def annotators(self) -> tuple[str, ...]:
        return tuple(sorted({doc.annotator for doc in self.documents}))

    @cached_property
    def articles(self) -> tuple[Article, ...]:
        """Each article once, in the order first met."""
        seen: dict[str, Article] = {}
        for doc in self.documents:
            seen.setdefault(doc.article.text_sha256, doc.article)
        return tuple(seen.values())

    @property
    def quote_count(self) -> int:
        return sum(len(doc.quotes) for doc in self.documents)

    @property
    def suggestion_count(self) -> int:
        return sum(len(doc.suggestions) for doc in self.documents)
