"""The agreement report as it was computed before the unit table (issue 14), kept verbatim
as the reference the fast path must equal, value for value."""

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from framing_annotator.agreement.coefficients import krippendorff_alpha_result
from framing_annotator.agreement.project import (
    DETECTION,
    AgreementReport,
    ArticleQuotes,
    Coefficient,
    Disagreement,
    Pair,
    Unit,
)
from framing_annotator.agreement.spans import SpanScores
from framing_annotator.agreement.unitizing import (
    concatenate_continua,
    unitized_alpha_result,
    unitized_alpha_subsets,
)
from framing_annotator.domain.model import Quote


def reference_units(quotes: Iterable[Quote]) -> list[Unit]:
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


def reference_agreement(
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
        units.extend(reference_units(quotes))

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
