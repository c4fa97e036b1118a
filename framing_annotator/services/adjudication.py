"""Adjudication: a lead builds the gold layer from the coders' versions of each unit.

Gold is the annotator named ``gold``. For a unit the lead takes one coder's quote,
or merges the coders' versions (majority per attribute), and may then edit the
gold quote like any other. Every step is a command, so it can be undone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..agreement.project import Unit
from ..domain.model import GOLD, Origin, Quote, new_quote_uuid
from ..domain.spans import Span, same_unit
from ..store.repository import Repository
from .commands import Changes


def as_gold(quote: Quote, *, note: str | None = None) -> Quote:
    """A gold copy of ``quote``: a new quote of annotator ``gold`` with the same coding."""
    return replace(
        quote,
        annotator=GOLD,
        uuid=new_quote_uuid(),
        origin=Origin.MANUAL,
        suggestion_id=None,
        created_at="",
        updated_at="",
        version=1,
        note=quote.note if note is None else note,
    )


def _majority(values: Sequence, *, prefer=None):
    """The most common value; ties go to ``prefer`` if it is among the tied, else the first."""
    counts = Counter(values)
    top = max(counts.values())
    tied = [value for value in values if counts[value] == top]
    return prefer if prefer in tied else tied[0]


def merged_gold(quotes: Mapping[str, Quote]) -> Quote:
    """Merge the coders' versions of one unit: majority span, kind and speaker; a frame
    is kept when more than half of the coders gave it."""
    coders = sorted(quotes)  # ties follow the coder first in alphabetical order
    versions = [quotes[coder] for coder in coders]
    first = versions[0]
    span = _majority([q.span for q in versions], prefer=first.span)
    kind = _majority([q.kind for q in versions], prefer=first.kind)
    speakers = [q.speaker_id for q in versions if q.speaker_id is not None]
    speaker = _majority(speakers, prefer=first.speaker_id) if speakers else None
    mentions = [q.mention for q in versions if q.mention is not None]
    mention = _majority(mentions, prefer=first.mention) if mentions else None
    frame_counts = Counter(key for q in versions for key in q.frames)
    frames = frozenset(key for key, n in frame_counts.items() if n * 2 > len(versions))
    merged = replace(first, span=span, kind=kind, speaker_id=speaker, mention=mention,
                     frames=frames)  # fmt: skip
    return as_gold(merged, note=f"merged from {', '.join(coders)}")


def gold_for(unit_span: Span, gold_quotes: Sequence[Quote]) -> Quote | None:
    """The gold quote that marks the same stretch as a unit, if any."""
    for quote in gold_quotes:
        if same_unit(quote.span, unit_span):
            return quote
    return None


@dataclass
class SetGold:
    """Make ``new`` the gold quote of a unit, replacing the gold quote it had (if any)."""

    new: Quote
    replaced: Quote | None = None
    text: str = "Adjudicate"
    _stored: Quote | None = field(default=None, repr=False)

    def do(self, repo: Repository) -> Changes:
        if self.replaced is not None:
            old = replace(
                self.replaced,
                version=repo.known_version(self.replaced.uuid, self.replaced.version),
            )
            repo.delete_quote(old.uuid, expected_version=old.version)
        stored = self._stored or self.new
        self._stored = repo.insert_quote(
            replace(stored, version=repo.known_version(stored.uuid, stored.version))
        )
        return self._changes()

    def undo(self, repo: Repository) -> Changes:
        assert self._stored is not None
        version = repo.known_version(self._stored.uuid, self._stored.version)
        repo.delete_quote(self._stored.uuid, expected_version=version)
        if self.replaced is not None:
            repo.insert_quote(
                replace(
                    self.replaced,
                    version=repo.known_version(self.replaced.uuid, self.replaced.version),
                )
            )
        return self._changes()

    def _changes(self) -> Changes:
        uuids = {self.new.uuid} | ({self.replaced.uuid} if self.replaced else set())
        return Changes(articles=frozenset({self.new.article_id}), quotes=frozenset(uuids))


@dataclass
class SetGoldMany:
    """Store many new gold quotes as one undoable step (e.g. every agreed unit at once).

    One transaction and one :meth:`Repository.insert_quotes`: thousands of units are
    adjudicated in well under a second, where one command per unit took minutes.
    """

    new: Sequence[Quote]
    text: str = "Adjudicate agreed units"

    def do(self, repo: Repository) -> Changes:
        repo.insert_quotes(
            [replace(q, version=repo.known_version(q.uuid, q.version)) for q in self.new]
        )
        return self._changes()

    def undo(self, repo: Repository) -> Changes:
        for quote in self.new:
            repo.delete_quote(quote.uuid, expected_version=repo.known_version(quote.uuid, 1))
        return self._changes()

    def _changes(self) -> Changes:
        return Changes(
            articles=frozenset(q.article_id for q in self.new),
            quotes=frozenset(q.uuid for q in self.new),
        )


def agreed_gold(
    units: Sequence[Unit], disputed: Iterable[tuple[int, Span]], gold_quotes: Sequence[Quote]
) -> list[Quote]:
    """A merged gold quote for every unit that is not ``disputed`` and has no gold yet.

    ``disputed`` holds the (article id, span) of each disagreement; the result goes to
    :class:`SetGoldMany` in one step.
    """
    disputed = set(disputed)
    by_article: dict[int, list[Quote]] = {}
    for quote in gold_quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    made = []
    for unit in units:
        gold = by_article.setdefault(unit.article_id, [])
        if (unit.article_id, unit.span) in disputed or gold_for(unit.span, gold) is not None:
            continue
        made.append(merged_gold(unit.quotes))
        gold.append(made[-1])  # as one unit at a time would see it
    return made


def adjudication_progress(units: Sequence[Unit], gold_quotes: Sequence[Quote]) -> tuple[int, int]:
    """(units with a gold quote, all units), over the units of the coders compared."""
    by_article: dict[int, list[Quote]] = {}
    for quote in gold_quotes:
        by_article.setdefault(quote.article_id, []).append(quote)
    done = sum(
        1 for unit in units if gold_for(unit.span, by_article.get(unit.article_id, [])) is not None
    )
    return done, len(units)
