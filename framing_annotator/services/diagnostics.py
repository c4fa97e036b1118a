"""Coder diagnostics for training rounds, and the suggester compared as a coder.

- **Per coder and variable**: the coder's alpha with each other coder (and their mean),
  the alpha of all the others without them (with three or more coders), and with gold;
  for detection also span F1 against gold. A coder whose values sit below the others', or
  without whom agreement rises, is the one to retrain on that variable.
- **Per article**: detection alpha_U and the number of disagreements, to find the
  articles (and so the passages) where coders part ways.
- **The suggester**: each pipeline's suggestions as a pseudo-coder named by the pipeline
  (``blank-en+fa-0.5``), compared with each coder and with gold on detection, speaker and
  kind (it codes no frames), so a paper can say how well the pre-annotation matches
  human coding.

Every comparison is a two-coder :func:`project_agreement` on the same articles as the
report, so the numbers follow the same rules as the main table.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

from ..agreement.names import variable_label
from ..agreement.project import AgreementReport, ArticleQuotes, project_agreement
from ..domain.model import GOLD, Quote
from ..store.repository import Repository
from .agreement import Inputs, Reliability


@dataclass(frozen=True)
class CoderRow:
    coder: str
    variable: str
    label: str
    with_others: float | None  # mean of the pairwise values that are defined
    without: float | None  # the coefficient of all the other coders (three or more coders)
    with_gold: float | None
    span_f1_gold: float | None  # detection rows only
    pairs: dict[str, float | None]  # other coder -> pairwise value


@dataclass(frozen=True)
class ArticleRow:
    article_id: int
    title: str
    detection: float | None
    units: int
    disagreements: int


@dataclass(frozen=True)
class SuggesterRow:
    pipeline: str
    against: str  # a coder or gold: the reference for span precision and recall
    articles: int
    detection: float | None
    span_precision: float | None
    span_recall: float | None
    span_f1: float | None
    speaker: float | None
    kind: float | None


@dataclass(frozen=True)
class Diagnostics:
    coders: list[CoderRow]
    articles: list[ArticleRow]
    suggester: list[SuggesterRow]

    def as_json(self) -> dict:
        return {
            "coders": [asdict(row) for row in self.coders],
            "articles": [asdict(row) for row in self.articles],
            "suggester": [asdict(row) for row in self.suggester],
        }


def _pair(inputs: Inputs, articles: list[ArticleQuotes], first: str, second: str,
          frame_keys: list[str]) -> AgreementReport:  # fmt: skip
    return project_agreement(articles, [first, second], inputs.speaker_names, frame_keys)


def _value(report: AgreementReport, variable: str) -> float | None:
    return report.coefficient(variable).value


def _mean(values) -> float | None:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def _with_gold(inputs: Inputs) -> list[ArticleQuotes]:
    """The compared articles that have gold quotes: gold is compared only where it exists."""
    return [a for a in inputs.everyone if any(q.annotator == GOLD for q in a.quotes)]


def coder_rows(rel: Reliability) -> list[CoderRow]:
    inputs, report = rel.inputs, rel.report
    coders = list(report.annotators)
    variables = [c.variable for c in report.coefficients]
    pairs = {
        frozenset((a, b)): _pair(inputs, inputs.articles, a, b, inputs.frame_keys)
        for a, b in combinations(coders, 2)
    }
    # Leaving one coder out: if agreement rises without them, they are the one who drifts.
    without = {
        coder: project_agreement(inputs.articles, [c for c in coders if c != coder],
                                 inputs.speaker_names, inputs.frame_keys)
        for coder in coders
        if len(coders) >= 3
    }  # fmt: skip
    gold_articles = _with_gold(inputs)
    gold = {
        coder: _pair(inputs, gold_articles, GOLD, coder, inputs.frame_keys)
        for coder in coders
        if gold_articles and coder != GOLD
    }
    rows = []
    for coder in coders:
        for variable in variables:
            partners = {
                other: _value(pairs[frozenset((coder, other))], variable)
                for other in coders
                if other != coder
            }
            against_gold = gold.get(coder)
            f1 = None
            if variable == "detection" and against_gold is not None:
                f1 = against_gold.pairwise[0].spans.f1
            rows.append(
                CoderRow(
                    coder,
                    variable,
                    variable_label(variable, inputs.frame_labels),
                    _mean(partners.values()),
                    _value(without[coder], variable) if coder in without else None,
                    _value(against_gold, variable) if against_gold else None,
                    f1,
                    partners,
                )
            )
    return rows


def article_rows(repo: Repository, rel: Reliability) -> list[ArticleRow]:
    units: dict[int, int] = {}
    for unit in rel.report.units:
        units[unit.article_id] = units.get(unit.article_id, 0) + 1
    disagreements: dict[int, int] = {}
    for item in rel.report.disagreements:
        disagreements[item.article_id] = disagreements.get(item.article_id, 0) + 1
    titles = {s.id: s.title for s in repo.article_summaries()}
    return [
        ArticleRow(article_id, titles.get(article_id) or f"Article {article_id}", value,
                   units.get(article_id, 0), disagreements.get(article_id, 0))
        for article_id, value in rel.report.per_article.items()
    ]  # fmt: skip


def suggester_quotes(repo: Repository, article_ids: list[int]) -> dict[str, list[Quote]]:
    """Every stored suggestion as a quote by its pipeline, by pipeline name. A suggested
    speaker counts when it is a name or alias in the project's speaker list."""
    named: dict[str, int] = {}
    for person in repo.speakers():  # as Speaker.answers_to: name or alias, any case
        for name in (person.name, *person.aliases):
            named.setdefault(name.strip().casefold(), person.id)
    by_pipeline: dict[str, list[Quote]] = {}
    for article_id in article_ids:
        for s in repo.suggestions(article_id):
            speaker = named.get(s.speaker.strip().casefold()) if s.speaker else None
            by_pipeline.setdefault(s.pipeline, []).append(
                Quote(article_id=article_id, annotator=s.pipeline, span=s.span, kind=s.kind,
                      speaker_id=speaker)
            )  # fmt: skip
    return by_pipeline


def suggester_rows(repo: Repository, rel: Reliability) -> list[SuggesterRow]:
    """Each pipeline against each coder and gold, on the compared articles it has read."""
    inputs = rel.inputs
    ids = [a.article_id for a in inputs.articles]
    rows = []
    for pipeline, quotes in sorted(suggester_quotes(repo, ids).items()):
        read = repo.articles_suggested(pipeline)
        articles = [
            ArticleQuotes(a.article_id, a.length,
                          [*a.quotes, *(q for q in quotes if q.article_id == a.article_id)])
            for a in inputs.everyone
            if a.article_id in read
        ]  # fmt: skip
        gold_ids = {a.article_id for a in _with_gold(inputs)}
        for against in [*rel.report.annotators, GOLD]:
            chosen = [a for a in articles if against != GOLD or a.article_id in gold_ids]
            if not chosen:
                continue
            report = _pair(inputs, chosen, against, pipeline, [])
            spans = report.pairwise[0].spans
            rows.append(
                SuggesterRow(pipeline, against, len(chosen), _value(report, "detection"),
                             spans.precision, spans.recall, spans.f1,
                             _value(report, "speaker"), _value(report, "kind"))
            )  # fmt: skip
    return rows


def diagnostics(repo: Repository, rel: Reliability, *, suggester: bool = False) -> Diagnostics:
    return Diagnostics(
        coder_rows(rel),
        article_rows(repo, rel),
        suggester_rows(repo, rel) if suggester else [],
    )


def write_diagnostics(found: Diagnostics, path: Path) -> None:
    """``.json``: everything in one file. ``.csv``: one table, a ``table`` column saying
    which (coder, article or suggester) each row belongs to."""
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(found.as_json(), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")  # fmt: skip
        return
    rows = [{"table": "coder", **_flat(row)} for row in found.coders]
    rows += [{"table": "article", **asdict(row)} for row in found.articles]
    rows += [{"table": "suggester", **asdict(row)} for row in found.suggester]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)


def _flat(row: CoderRow) -> dict:
    data = asdict(row)
    pairs = data.pop("pairs")
    return {**data, **{f"with_{other}": value for other, value in pairs.items()}}
