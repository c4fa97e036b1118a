"""The report from the unit table equals, value for value, the report as it was computed
before (``reference_report.py``), on random projects with every awkward case in them."""

from __future__ import annotations

import random

import numpy as np
import pytest
from reference_report import reference_agreement, reference_units

from framing_annotator.agreement import kernels
from framing_annotator.agreement.project import ArticleQuotes, build_units, project_agreement
from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker
from framing_annotator.domain.spans import Span
from framing_annotator.services.agreement import agreement_report
from framing_annotator.services.project import Project

FRAMES = ("threat", "public_safety", "political_messaging")


def random_quotes(rng: random.Random, article_id: int, length: int, coders, speakers):
    """Quotes as coders make them: mostly shared stretches with jittered boundaries, and
    now and then a coder's own overlapping, nested, duplicate or stray quote."""
    quotes = []
    if length < 2:
        return quotes
    for _ in range(rng.randint(0, 6)):
        start = rng.randrange(length - 1)
        end = min(length, start + rng.randint(1, 40))
        speaker = rng.choice(speakers)
        frames = frozenset(rng.sample(FRAMES + ("other",), rng.randint(0, 2)))
        for coder in coders:
            if rng.random() < 0.2:
                continue
            s = max(0, min(start + rng.choice((0, 0, 1, -2, 5)), end - 1))
            e = max(s + 1, min(length, end + rng.choice((0, 0, -1, 3))))
            for _copy in range(rng.choice((1, 1, 1, 2))):  # sometimes twice: same-coder overlap
                quotes.append(Quote(
                    article_id=article_id, annotator=coder, span=Span(s, e),
                    kind=rng.choice(list(QuoteKind)),
                    speaker_id=speaker if rng.random() < 0.8 else rng.choice(speakers),
                    frames=frames if rng.random() < 0.8 else frozenset({"threat"}),
                ))  # fmt: skip
    for coder in coders:  # strays: one coder's quote anywhere, nested in others or not
        for _ in range(rng.choice((0, 0, 1, 2))):
            start = rng.randrange(length - 1)
            quotes.append(Quote(article_id=article_id, annotator=coder,
                                span=Span(start, min(length, start + rng.randint(1, 60))),
                                speaker_id=rng.choice(speakers)))  # fmt: skip
    rng.shuffle(quotes)
    return quotes


def same_report(new, old) -> None:
    assert new.annotators == old.annotators
    assert new.coefficients == old.coefficients
    assert list(new.per_article.items()) == list(old.per_article.items())
    assert new.pairwise == old.pairwise
    assert [(d.article_id, d.span, d.variables, list(d.values.items()))
            for d in new.disagreements] == [
        (d.article_id, d.span, d.variables, list(d.values.items())) for d in old.disagreements
    ]  # fmt: skip
    assert [(u.article_id, list(u.quotes.items())) for u in new.units] == [
        (u.article_id, list(u.quotes.items())) for u in old.units
    ]


@pytest.mark.parametrize("seed", range(60))
def test_the_report_equals_the_previous_computation(seed):
    rng = random.Random(seed)
    coders = ["ana", "ben", "cy", "dee"][: rng.choice((0, 1, 2, 3, 3, 4))]
    speakers = [None, 0, 1, 2, 3, 99]  # 0 counts as no speaker; 99 has no name
    names = {1: "Ana Ruiz", 2: "Tony Pham", 3: "Ana Ruiz"}  # two ids, one name
    articles = []
    for n in range(rng.randint(0, 8)):
        length = rng.choice((0, 1, 30, 120, 400))
        quotes = random_quotes(rng, 100 + n, length, coders + ["gold"], speakers)
        articles.append(ArticleQuotes(100 + n, length, quotes))
    keys = list(rng.sample(FRAMES, rng.randint(0, 3)))
    same_report(project_agreement(articles, coders, names, keys),
                reference_agreement(articles, coders, names, keys))  # fmt: skip


def test_units_of_one_article_equal_the_previous_grouping():
    rng = random.Random(7)
    for _ in range(50):
        quotes = random_quotes(rng, 1, 200, ["ana", "ben", "cy"], [None])
        assert [list(u.quotes.items()) for u in build_units(quotes)] == [
            list(u.quotes.items()) for u in reference_units(quotes)
        ]


def test_sums_too_large_for_int64_stay_exact(monkeypatch):
    """With the int64 limit lowered, every sum takes the Python-integer path."""
    rng = random.Random(3)
    articles = [ArticleQuotes(n, 300, random_quotes(rng, n, 300, ["ana", "ben"], [None, 1]))
                for n in range(6)]  # fmt: skip
    expected = reference_agreement(articles, ["ana", "ben"], {1: "x"}, ["threat"])
    monkeypatch.setattr(kernels, "_SAFE", 1000)
    same_report(project_agreement(articles, ["ana", "ben"], {1: "x"}, ["threat"]), expected)


def test_a_project_file_gives_the_previous_report(tmp_path):
    """The service reads the quotes as columns; the report equals the previous one made
    from Quote objects of the same file, gold left out as before."""
    rng = random.Random(11)
    project = Project.open(tmp_path / "p.sqlite", create=True)
    texts = [" ".join(rng.choice(("word", "quote", "said")) for _ in range(60)) for _ in range(6)]
    stored = project.import_articles(Article(text=t, title=f"A{n}") for n, t in
                                     enumerate(texts)).added  # fmt: skip
    repo = project.repo
    with repo.transaction():
        speakers = [None] + [repo.save_speaker(Speaker(f"S{n}")).id for n in range(3)]
        quotes = [q for a in stored
                  for q in random_quotes(rng, a.id, len(a.text), ["ana", "ben", "gold"], speakers)
                  if not (set(q.frames) - set(FRAMES))]  # fmt: skip
        repo.insert_quotes(quotes)
    report = agreement_report(repo)
    everything = repo.quotes()
    by_article = {a.id: [q for q in everything if q.article_id == a.id] for a in stored}
    articles = [
        ArticleQuotes(a.id, len(a.text), [q for q in by_article[a.id] if q.annotator != "gold"])
        for a in stored
        if {"ana", "ben"} <= {q.annotator for q in by_article[a.id]}
    ]
    names = {s.id: s.name for s in repo.speakers()}
    same_report(report, reference_agreement(articles, ["ana", "ben"], names,
                                            list(repo.codebook().keys)))  # fmt: skip
    # Units and disagreements are made when read, and are the same objects when read again;
    # a unit's span needs no quote made.
    last = agreement_report(repo).units[-1]
    span = last.span
    assert "quotes" not in vars(last)  # the span came from the table
    quotes = last.quotes.values()
    assert span == Span(min(q.start for q in quotes), max(q.end for q in quotes))
    assert report.units[0] is report.units[0] and report.units[-1] == report.units[-1]
    assert report.units[1:3] == [report.units[1], report.units[2]]
    project.close()


def test_intervals_and_counts_read_off_the_table_equal_those_of_the_units(tmp_path):
    """Intervals, shared units and quote origins come from the unit table without making
    the units; they equal what the units themselves give."""
    from dataclasses import replace

    from framing_annotator.agreement.intervals import report_intervals
    from framing_annotator.domain.model import Origin
    from framing_annotator.services.agreement import Reliability, origin_counts

    rng = random.Random(2)
    articles = []
    for n in range(8):
        quotes = random_quotes(rng, n, 200, ["ana", "ben", "cy"], [None, 1, 2])
        articles.append(ArticleQuotes(n, 200, [replace(q, origin=rng.choice(list(Origin)))
                                               for q in quotes]))  # fmt: skip
    names = {1: "x", 2: "y"}
    report = project_agreement(articles, ["ana", "ben", "cy"], names, ["threat", "public_safety"])
    units_only = replace(report, table=None, unit_table=None)
    lengths = {n: 200 for n in range(8)}
    assert report_intervals(report, lengths, names, draws=200) == report_intervals(
        units_only, lengths, names, draws=200
    )
    fast, slow = (Reliability(r, None) for r in (report, units_only))  # type: ignore[arg-type]
    assert fast.shared_unit_count == slow.shared_unit_count > 0
    assert origin_counts(fast) == origin_counts(slow)
    assert sum(c["from_suggestions"] for c in origin_counts(fast).values()) > 0


def test_nominal_alpha_of_codes_equals_the_general_function():
    from framing_annotator.agreement.coefficients import krippendorff_alpha_result

    rng = random.Random(5)
    for _ in range(200):
        width = rng.randint(0, 12)
        rows = [[rng.choice([None, 0, 1, 2]) for _ in range(width)]
                for _ in range(rng.randint(0, 4))]  # fmt: skip
        codes = np.array([[-1 if v is None else v for v in r] for r in rows], np.int64)
        codes = codes.reshape(len(rows), width)
        assert kernels.nominal_alpha(codes) == krippendorff_alpha_result(rows, "nominal")


def test_an_article_counts_when_every_coder_quoted_it_or_started_it(tmp_path):
    project = Project.open(tmp_path / "p.sqlite", create=True)
    both, started, alone = project.import_articles(
        Article(text=f"Article {n} said that the talks had failed.", title=f"A{n}")
        for n in range(3)
    ).added
    repo = project.repo
    with repo.transaction():
        repo.insert_quotes([Quote(article_id=a.id, annotator=coder, span=Span(0, 9))
                            for a, coder in ((both, "ana"), (both, "ben"), (started, "ana"),
                                             (alone, "ana"))])  # fmt: skip
        repo.set_article_status(started.id, "ben", "in_progress")
        repo.set_article_status(alone.id, "ben", "not_started")
    assert list(agreement_report(repo).per_article) == [both.id, started.id]
    assert list(agreement_report(repo, article_ids=[alone.id]).per_article) == [alone.id]
    project.close()
