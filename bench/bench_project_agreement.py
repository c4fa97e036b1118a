"""Benchmark: agreement for a project of 1,000 articles x 3 annotators x 20 quotes (goal < 2 s).

    .venv/bin/python bench/bench_project_agreement.py

Builds a real project file (quotes jittered between coders, some frames and speakers
differing), then times the whole report: units, every coefficient, pairs, disagreements.
"""

from __future__ import annotations

import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker
from framing_annotator.domain.spans import Span
from framing_annotator.services.agreement import agreement_report
from framing_annotator.services.project import Project

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import article_text  # noqa: E402

CODERS = ("ana", "ben", "cy")
FRAMES = ("threat", "public_safety", "political_messaging")


def build(path: Path, articles: int, quotes: int) -> None:
    rng = random.Random(5)
    project = Project.open(path, create=True)
    stored = project.import_articles(
        Article(text=article_text(rng, 800), title=f"A{n}") for n in range(articles)
    ).added
    repo = project.repo
    with repo.transaction():
        speakers = [repo.save_speaker(Speaker(f"Speaker {n}")).id for n in range(50)]
        for article in stored:
            length = len(article.text)
            step = length // (quotes + 1)
            for n in range(quotes):
                start, end = n * step + 5, n * step + step - 5
                speaker = rng.choice(speakers)
                frames = frozenset(rng.sample(FRAMES, rng.randint(0, 2)))
                for coder in CODERS:
                    if rng.random() < 0.05:
                        continue  # this coder missed the quote
                    jitter = rng.choice((0, 0, 0, 3))
                    repo.insert_quote(
                        Quote(
                            article_id=article.id,
                            annotator=coder,
                            span=Span(start + jitter, end),
                            kind=QuoteKind.DIRECT if n % 3 else QuoteKind.INDIRECT,
                            speaker_id=speaker if rng.random() < 0.9 else rng.choice(speakers),
                            frames=frames if rng.random() < 0.85 else frozenset({"threat"}),
                        )
                    )
    project.close()


def main() -> None:
    articles, quotes = 1000, 20
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "agreement.sqlite"
        build(path, articles, quotes)
        project = Project.open(path)
        timings = []
        for _ in range(3):  # the median of three runs, from reading the file to the report
            start = time.perf_counter()
            report = agreement_report(project.repo)
            timings.append(time.perf_counter() - start)
        seconds = sorted(timings)[1]
        project.close()
    print(
        f"Project agreement benchmark; {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print()
    print("| project | units | seconds (median of 3) | goal |")
    print("|---|---|---|---|")
    print(
        f"| {articles:,} articles x {len(CODERS)} coders x {quotes} quotes | "
        f"{len(report.units):,} | {seconds:.2f} | < 2 |"
    )
    for c in report.coefficients:
        value = "—" if c.value is None else f"{c.value:.3f}"
        print(f"|   {c.variable} | {c.units:,} | alpha {value} | |")


if __name__ == "__main__":
    main()
