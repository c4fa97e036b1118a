"""The domain objects: articles, annotators, speakers, quotes and suggestions.

All are frozen dataclasses (``ArticleSummary``, made by the thousand, is a named tuple)
with no Qt, SQL or spaCy in sight. Offsets are code points into :attr:`Article.text`
(see ``spans.py``).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from .errors import InvalidValue
from .spans import Span
from .text import text_digest

GOLD = "gold"
"""The reserved annotator name of the adjudicated layer."""


class QuoteKind(StrEnum):
    DIRECT = "direct"
    MIXED = "mixed"
    INDIRECT = "indirect"


class Origin(StrEnum):
    """How a quote came to be: typed in by hand, or accepted from a suggestion."""

    MANUAL = "manual"
    SUGGESTION = "suggestion"


class SuggestionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class SpeakerType(StrEnum):
    GOVERNMENT = "government"
    LAW_ENFORCEMENT = "law enforcement"
    POLITICIAN = "politician"
    ADVOCATE = "advocate"
    EXPERT = "expert"
    CITIZEN = "citizen"
    BUSINESS = "business"
    MEDIA = "media"
    OTHER = "other"


@dataclass(frozen=True)
class Article:
    """One imported news article. ``text`` is normalised (see ``text.py``)."""

    text: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    source: str = ""
    id: int | None = None
    text_sha256: str = ""

    def __post_init__(self) -> None:
        digest = text_digest(self.text)
        if not self.text_sha256:
            object.__setattr__(self, "text_sha256", digest)
        elif self.text_sha256 != digest:
            raise InvalidValue(f"article {self.title!r}: text_sha256 does not match its text")

    def with_id(self, article_id: int) -> Article:
        """This article as stored under ``article_id``. ``replace`` would hash the text again
        to check a digest this article already holds (a tenth of an import's CPU)."""
        stored = object.__new__(type(self))
        stored.__dict__.update(self.__dict__, id=article_id)  # frozen: no __setattr__
        return stored


@dataclass(frozen=True)
class Annotator:
    name: str
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("an annotator needs a name")

    @property
    def is_gold(self) -> bool:
        return self.name == GOLD


@dataclass(frozen=True)
class Speaker:
    """A person or organisation, known by a canonical name and any number of aliases."""

    name: str
    aliases: tuple[str, ...] = ()
    type: SpeakerType | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValue("a speaker needs a name")

    def answers_to(self, mention: str) -> bool:
        """True when ``mention`` is the canonical name or one of the aliases (case-insensitive)."""
        wanted = mention.strip().casefold()
        return any(wanted == name.casefold() for name in (self.name, *self.aliases))


def new_quote_uuid() -> str:
    return str(uuid_module.uuid4())


@dataclass(frozen=True)
class Quote:
    """One annotator's quote: a span of an article with its speaker, kind and frames.

    ``uuid`` identifies the quote across projects, merges and exports; ``version``
    increases with every edit so that a concurrent edit can be detected.
    """

    article_id: int
    annotator: str
    span: Span
    kind: QuoteKind = QuoteKind.DIRECT
    speaker_id: int | None = None
    mention: Span | None = None
    frames: frozenset[str] = frozenset()
    note: str = ""
    origin: Origin = Origin.MANUAL
    suggestion_id: int | None = None
    uuid: str = field(default_factory=new_quote_uuid)
    created_at: str = ""
    updated_at: str = ""
    version: int = 1

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True)
class Suggestion:
    """A quote proposed by a pipeline. Whether it is accepted is decided per annotator.

    ``article_id`` is None until the suggestion is stored with a project's article
    (``suggest FILE`` works on files outside any project).
    """

    span: Span
    kind: QuoteKind
    pipeline: str
    confidence: float
    speaker: str | None = None
    mention: Span | None = None
    cue: str | None = None
    article_id: int | None = None
    id: int | None = None
    # the title the article gives the speaker (``Riverside MP`` of ``Riverside MP Jan Novak``),
    # a hint for the speaker type; not stored with the project
    speaker_title: str | None = None

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True)
class SuggestionDecision:
    """An annotator's decision on a suggestion; ``quote_uuid`` is set when it was accepted."""

    suggestion_id: int
    annotator: str
    status: SuggestionStatus
    quote_uuid: str | None = None


class ArticleSummary(NamedTuple):
    """An article as listed: title, outlet and date, with per-annotator progress.

    A tuple: the article list makes one per article (50,000 at a time), and a frozen
    dataclass costs several times more to create. The two mappings are read-only and
    shared: the list hands one mapping to every article with the same counts (or no
    status), so nobody may change them. What the list does not show (url, source,
    digest, length) is in :class:`ArticleDetails`.
    """

    id: int
    title: str
    outlet: str
    date: str
    quote_counts: Mapping[str, int]
    statuses: Mapping[str, str]
    has_suggestions: bool = False


class ArticleDetails(NamedTuple):
    """What an article's summary leaves out, short of its text."""

    url: str
    source: str
    text_sha256: str
    length: int


@dataclass(frozen=True)
class SearchHit:
    """One result of a full-text search: a quote, or an article whose text matched."""

    what: str  # "quote" or "article"
    article_id: int
    title: str
    text: str
    start: int | None = None
    end: int | None = None
    quote_uuid: str | None = None
    annotator: str | None = None
    speaker: str | None = None
    kind: QuoteKind | None = None
    frames: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ArticleListing:
    """Which articles a list shows: by the annotator's status, outlet, suggestions, search.

    ``ids`` None means no search; a set keeps only those articles.
    """

    status: str | None = None
    outlet: str | None = None
    with_suggestions: bool = False
    ids: frozenset[int] | None = None
