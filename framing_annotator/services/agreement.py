"""Agreement for a project: which coders and articles to compare, then the report."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence

from ..agreement.project import AgreementReport, ArticleQuotes, project_agreement
from ..domain.errors import InvalidValue
from ..domain.model import GOLD
from ..store.repository import Repository


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a report is built.

    A report creates hundreds of thousands of small objects (quotes, spans, units) and no
    reference cycles; the collector would walk them again and again, about a quarter of
    the time on a large project. Plain reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def agreement_report(
    repo: Repository,
    *,
    annotators: Sequence[str] | None = None,
    article_ids: Sequence[int] | None = None,
    frame_keys: Sequence[str] | None = None,
) -> AgreementReport:
    """Coefficients for ``annotators`` (default: everyone with a quote, but ``gold``).

    Without ``article_ids``, an article counts when every compared coder has worked on
    it (a quote, or the article marked in progress or done): an article someone has not
    opened yet says nothing about agreement.
    """
    with _collector_paused():
        return _report(repo, annotators=annotators, article_ids=article_ids, frame_keys=frame_keys)


def _report(
    repo: Repository,
    *,
    annotators: Sequence[str] | None,
    article_ids: Sequence[int] | None,
    frame_keys: Sequence[str] | None,
) -> AgreementReport:
    known = [a.name for a in repo.annotators()]
    coding = [name for name, n in repo.quote_counts().items() if n and name != GOLD]
    coders = list(annotators) if annotators else coding
    unknown = [name for name in coders if name not in known]
    if unknown:
        raise InvalidValue(
            f"no annotator named {', '.join(unknown)} in this project "
            f"(annotators: {', '.join(known) or 'none yet'})"
        )
    codebook_keys = list(repo.codebook().keys)
    keys = list(frame_keys) if frame_keys else codebook_keys
    bad_keys = [key for key in keys if key not in codebook_keys]
    if bad_keys:
        raise InvalidValue(f"no frame {', '.join(bad_keys)} in the codebook")

    summaries = {s.id: s for s in repo.article_summaries()}
    quotes_by_article: dict[int, list] = {}
    compared = set(coders)
    for quote in repo.quotes():
        if quote.annotator in compared:
            quotes_by_article.setdefault(quote.article_id, []).append(quote)
    if not coders:
        chosen: list[int] = []
    elif article_ids is None:
        chosen = [
            article_id
            for article_id, summary in summaries.items()
            if all(
                summary.quote_counts.get(coder)
                or summary.statuses.get(coder, "not_started") != "not_started"
                for coder in coders
            )
        ]
    else:
        missing = [a for a in article_ids if a not in summaries]
        if missing:
            raise InvalidValue(f"no article {', '.join(map(str, missing))} in this project")
        chosen = list(article_ids)
    articles = [
        ArticleQuotes(
            article_id, summaries[article_id].length, quotes_by_article.get(article_id, [])
        )
        for article_id in sorted(chosen)
    ]
    speaker_names = {s.id: s.name for s in repo.speakers()}
    return project_agreement(articles, coders, speaker_names, keys)
