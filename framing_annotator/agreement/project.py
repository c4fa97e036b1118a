"""Agreement for a whole annotation project: units, coefficients, pairs and disagreements.

Pure functions over domain objects, so a researcher can run them on quotes read
from an export as well as the app does on a project.

- **Detection** is Krippendorff's alpha_U on each article's text (the continuum), with
  each coder's quotes as units of the category ``quote``, per article and pooled.
- **Units**: quotes of different coders form one unit when they overlap by at least
  half of each (QUOTES.md). A coder with no quote in a unit counts as "no quote" for
  detection and as missing for the attribute coefficients.
- **Attributes**: nominal alpha on those units for the speaker (by canonical name; a
  quote without a speaker is missing), the kind, and each frame (present or absent).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..domain.model import Quote
from ..domain.spans import Span
from .coefficients import AgreementResult, krippendorff_alpha_result
from .spans import SpanScores
from .unitizing import concatenate_continua, unitized_alpha_result, unitized_alpha_subsets

RELIABLE = 0.800
TENTATIVE = 0.667
DETECTION = "quote"


def verdict(value: float | None) -> str:
    """Krippendorff's reading of an alpha: reliable, tentative, or unreliable."""
    if value is None:
        return "undefined"
    if value >= RELIABLE:
        return "reliable"
    if value >= TENTATIVE:
        return "tentative"
    return "unreliable"


@dataclass(frozen=True)
class ArticleQuotes:
    """One article's quotes by every coder: the input of :func:`project_agreement`."""

    article_id: int
    length: int
    quotes: Sequence[Quote]


@dataclass(frozen=True)
class Unit:
    """Quotes of different coders that mark the same stretch of text."""

    article_id: int
    quotes: dict[str, Quote]  # by annotator

    @property
    def span(self) -> Span:
        return Span(
            min(q.start for q in self.quotes.values()), max(q.end for q in self.quotes.values())
        )


@dataclass(frozen=True)
class Coefficient:
    variable: str  # "detection", "speaker", "kind" or "frame:<key>"
    coefficient: str  # "krippendorff_alpha_u" or "krippendorff_alpha"
    level: str
    result: AgreementResult
    units: int
    coders: int

    @property
    def value(self) -> float | None:
        return self.result.value

    @property
    def reason(self) -> str | None:
        return self.result.reason.value if self.result.reason else None


@dataclass(frozen=True)
class Pair:
    """Two coders compared: span F1 (first as reference) and their detection alpha_U."""

    first: str
    second: str
    spans: SpanScores
    detection: float | None


@dataclass(frozen=True)
class Disagreement:
    """A unit where the coders differ, with what each of them coded."""

    article_id: int
    span: Span
    variables: tuple[str, ...]  # "detection", "boundaries", "speaker", "kind", "frames"
    values: dict[str, dict[str, object]]  # coder -> {"span", "speaker", "kind", "frames"}


@dataclass(frozen=True)
class AgreementReport:
    annotators: tuple[str, ...]
    coefficients: list[Coefficient]
    per_article: dict[int, float | None]
    pairwise: list[Pair]
    disagreements: list[Disagreement]
    units: list[Unit] = field(repr=False, default_factory=list)

    def coefficient(self, variable: str) -> Coefficient:
        return next(c for c in self.coefficients if c.variable == variable)


def build_units(quotes: Iterable[Quote]) -> list[Unit]:
    """Group one article's quotes into units: at most one quote per coder, each pair of
    quotes in a unit overlapping by at least half of each. Larger overlaps join first."""
    ordered = sorted(quotes, key=lambda q: (q.start, q.start - q.end, q.annotator, q.uuid))
    units: list[dict[str, Quote]] = []
    # Units that may still overlap: [quotes by coder, furthest end, their (start, end)s].
    open_units: list[list] = []
    for quote in ordered:
        start, end, coder = quote.start, quote.end, quote.annotator
        # Quotes come by start, so a unit ending before this one starts is closed for good.
        open_units = [entry for entry in open_units if entry[1] > start]
        best, best_overlap = None, 0
        for entry in open_units:
            if coder in entry[0]:
                continue
            # same_unit with every quote of the unit: shared >= half of each (so > 0).
            smallest = None
            for other_start, other_end in entry[2]:
                shared = min(end, other_end) - max(start, other_start)
                if shared * 2 < end - start or shared * 2 < other_end - other_start:
                    break
                if smallest is None or shared < smallest:
                    smallest = shared
            else:
                if smallest is not None and smallest > best_overlap:
                    best, best_overlap = entry, smallest
        if best is None:
            best = [{}, end, []]
            units.append(best[0])
            open_units.append(best)
        best[0][coder] = quote
        best[1] = max(best[1], end)
        best[2].append((start, end))
    return [Unit(next(iter(u.values())).article_id, u) for u in units]


def project_agreement(
    articles: Iterable[ArticleQuotes],
    annotators: Sequence[str],
    speaker_names: Mapping[int, str],
    frame_keys: Sequence[str],
) -> AgreementReport:
    """Every coefficient for ``annotators`` over ``articles``; see the module docstring."""
    coders = list(annotators)
    articles = list(articles)
    wanted = set(coders)
    per_article: dict[int, float | None] = {}
    documents = []
    units: list[Unit] = []
    for article in articles:
        quotes = [q for q in article.quotes if q.annotator in wanted]
        marked = [(q.annotator, q.start, len(q.span), DETECTION) for q in quotes]
        # Units made here from valid spans need no second check (a project has many).
        per_article[article.article_id] = unitized_alpha_result(
            article.length, marked, coders=coders, validate=False
        ).overall.value
        documents.append((article.length, marked))
        units.extend(build_units(quotes))

    length, pooled = concatenate_continua(documents, validate=False)
    detection = unitized_alpha_result(length, pooled, coders=coders, validate=False).overall
    coefficients = [
        Coefficient("detection", "krippendorff_alpha_u", "nominal", detection, len(pooled),
                    len(coders))
    ]  # fmt: skip

    # Every attribute's table in one pass over the units: per coder, one row per unit
    # (None where the coder has no quote there).
    variables = ["speaker", "kind", *(f"frame:{key}" for key in frame_keys)]
    tables = {variable: [[] for _ in coders] for variable in variables}
    speaker_rows, kind_rows = tables["speaker"], tables["kind"]
    frame_rows = [(key, tables[f"frame:{key}"]) for key in frame_keys]
    for unit in units:
        coded = unit.quotes
        for n, coder in enumerate(coders):
            quote = coded.get(coder)
            if quote is None:
                speaker_rows[n].append(None)
                kind_rows[n].append(None)
                for _key, rows in frame_rows:
                    rows[n].append(None)
                continue
            speaker_rows[n].append(speaker_names.get(quote.speaker_id) if quote.speaker_id
                                   else None)  # fmt: skip
            kind_rows[n].append(quote.kind.value)
            frames = quote.frames
            for key, rows in frame_rows:
                rows[n].append(int(key in frames))
    for variable in variables:
        result = krippendorff_alpha_result(tables[variable], "nominal")
        coefficients.append(
            Coefficient(variable, "krippendorff_alpha", "nominal", result, result.units,
                        len(coders))
        )  # fmt: skip

    return AgreementReport(
        annotators=tuple(coders),
        coefficients=coefficients,
        per_article=per_article,
        pairwise=_pairs(units, coders, length, pooled),
        disagreements=_disagreements(units, coders, speaker_names, frame_keys),
        units=units,
    )


def _pairs(units: Sequence[Unit], coders: Sequence[str], length: int, pooled: list) -> list[Pair]:
    """Span F1 and pooled detection alpha_U for every pair of coders.

    Two coders' quotes match when they fall in the same unit (overlap by at least half
    of each, one quote per coder), so F1 and the coefficients count the same units.
    """
    counts = {coder: 0 for coder in coders}
    together: dict[tuple[str, str], int] = {}
    for unit in units:
        present = [coder for coder in coders if coder in unit.quotes]
        for coder in present:
            counts[coder] += 1
        for pair in combinations(present, 2):
            together[pair] = together.get(pair, 0) + 1
    pairs = []
    couples = list(combinations(coders, 2))
    alphas = unitized_alpha_subsets(length, pooled, couples, coders=coders)  # one grouping
    for (first, second), alpha in zip(couples, alphas, strict=True):
        scores = SpanScores.from_counts(
            together.get((first, second), 0), counts[first], counts[second]
        )
        pairs.append(Pair(first, second, scores, alpha.overall.value))
    return pairs


def _disagreements(
    units: Sequence[Unit],
    coders: Sequence[str],
    speaker_names: Mapping[int, str],
    frame_keys: Sequence[str],
) -> list[Disagreement]:
    keys = frozenset(frame_keys)
    found = []
    for unit in units:
        quotes = list(unit.quotes.values())
        first = quotes[0]
        others = quotes[1:]
        first_frames = first.frames & keys
        # Speaker names are unique, so ids will do.
        variables = ["detection"] if len(quotes) < len(coders) else []
        if any(q.span != first.span for q in others):
            variables.append("boundaries")
        if any(q.speaker_id != first.speaker_id for q in others):
            variables.append("speaker")
        if any(q.kind != first.kind for q in others):
            variables.append("kind")
        if any((q.frames & keys) != first_frames for q in others):
            variables.append("frames")
        if not variables:
            continue
        coded = {
            coder: {
                "span": (quote.start, quote.end),
                "speaker": speaker_names.get(quote.speaker_id) if quote.speaker_id else None,
                "kind": quote.kind.value,
                "frames": tuple(sorted(quote.frames & keys)),
            }
            for coder, quote in unit.quotes.items()
        }
        found.append(Disagreement(unit.article_id, unit.span, tuple(variables), coded))
    return sorted(found, key=lambda d: (d.article_id, d.span.start))


NO_FRAME = "(none)"


def frame_confusion(
    units: Sequence[Unit], first: str, second: str, frame_keys: Sequence[str]
) -> dict[tuple[str, str], int]:
    """How the two coders' frames meet on the units both of them marked.

    Each frame of the first coder's quote is counted against each frame of the
    second's (``(none)`` for a quote without frames), so the diagonal holds the
    frames they share. Keys are ``(first coder's frame, second coder's frame)``.
    """
    keys = set(frame_keys)
    counts: dict[tuple[str, str], int] = {}
    for unit in units:
        if first not in unit.quotes or second not in unit.quotes:
            continue
        rows = sorted(unit.quotes[first].frames & keys) or [NO_FRAME]
        columns = sorted(unit.quotes[second].frames & keys) or [NO_FRAME]
        for row in rows:
            for column in columns:
                counts[row, column] = counts.get((row, column), 0) + 1
    return counts
